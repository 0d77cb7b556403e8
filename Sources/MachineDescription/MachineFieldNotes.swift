/// One line on each field of a machine description, written as comments into the TOML that
/// `qinssim machine show --toml` prints (Docs/machine.md has the long form).
enum MachineFieldNotes {
  /// The tables of a description, in the order a TOML file lists them.
  static let tables = [
    "control", "alu", "array", "quantization", "sfu", "dma", "memories.spad", "memories.lbuf",
    "memories.acc", "memories.dram",
  ]

  static let notes: [String: String] = [
    "name": "Shown in reports.",
    "clock_mhz": "The clock of every unit, MHz.",
    "storage_format":
      "How storage tensors are held: q8 (QINS8), fpins1...fpins6, fp32, int8, fp8_e4m3, fp8_e5m2, bf16.",
    "accumulator_format": "The array's accumulators and acc tensors: fp32, q8 or fpinsL.",
    "rounding": "QINS8 rounding: nearest or seed.",
    "qins_storage": "QINS8 layout: sign_code (two bytes, the seed's) or sign_bit (one byte).",
    "energy_table":
      "default, synthesized (the circuit flow's table), or an action-energy table's file (relative to this file).",
    "control": "The control core: in order, single issue, with a scoreboard.",
    "control.scalar_latency_cycles": "Cycles from issue to a scalar result.",
    "control.taken_branch_penalty_cycles": "Extra cycles of a taken branch.",
    "alu": "The LUT vector ALU.",
    "alu.lanes": "Elements per cycle.",
    "alu.latency_cycles": "Pipeline latency of a look-up, cycles.",
    "alu.convert_latency_cycles": "Pipeline latency of a conversion, cycles.",
    "alu.tables":
      "private_sram (a table set per lane), shared_sram (one set, table_ports ports) or rom (logic).",
    "alu.table_ports": "Ports of a shared table SRAM; more look-ups a cycle stall.",
    "array": "The systolic array of processing elements.",
    "array.rows": "PE rows.",
    "array.cols": "PE columns.",
    "array.dataflow": "Default dataflow: ws (weight), os (output) or is (input) stationary.",
    "array.tables": "As for the ALU; shared_sram shares one set per PE row.",
    "array.table_ports": "Ports of a PE row's shared table SRAM.",
    "array.double_buffered_stationary":
      "Load the next fold's stationary operand during the current fold.",
    "array.overlap_folds": "Start the next fold's stream behind the current one's.",
    "array.product":
      "What a QINS8 PE's multiply hands its FP32 accumulator: table8 (the seed's MUL table), exact, decoded.",
    "array.decoded_fraction_bits":
      "Fraction bits of operands decoded at the array's edge (1...11).",
    "quantization": "Scales of tensors held in the storage format.",
    "quantization.weights": "Scales of bound tensors (weights): tensor or channel.",
    "quantization.activations":
      "Scales of what units write: first_write (the seed's rule), tile or row (per token).",
    "quantization.scale_type": "fp32 (a multiply) or power_of_two (an exponent add).",
    "quantization.weight_calibration": "max or mse (a search for the least squared error).",
    "quantization.activation_calibration": "max or mse.",
    "quantization.activation_max_shift_octaves":
      "With max calibration: octaves below the grid's largest value the largest magnitude sits (-8...8).",
    "quantization.scale_unit_lanes":
      "The scale unit (at the ALU's and the SFU's output): elements it reads a cycle.",
    "quantization.scale_unit_candidates":
      "The scale unit: candidate scales (mse) it tries at once on each sampled element (1...64).",
    "sfu": "The FP32 special-function unit.",
    "sfu.lanes": "Elements per cycle.",
    "sfu.elementwise_latency_cycles": "Latency of elementwise work, cycles.",
    "sfu.transcendental_latency_cycles": "Latency of exp, log, sqrt and the like, cycles.",
    "sfu.reduction_latency_cycles": "Latency of a reduction, cycles.",
    "dma": "The DMA engine.",
    "dma.queue_depth": "Queued transfers before dma.copy stalls.",
    "memories.spad": "The global scratchpad SRAM.",
    "memories.lbuf": "The local buffers at the array's edges.",
    "memories.acc": "The accumulator memory beside the array.",
    "memories.dram": "DRAM / HBM.",
    "capacity_bytes": "Capacity, bytes.",
    "banks": "Banks.",
    "bytes_per_cycle": "Bytes per cycle it delivers.",
    "latency_cycles": "Access latency, cycles.",
    "memories.dram.bandwidth_gb_per_s": "Bandwidth, GB/s.",
    "memories.dram.latency_ns": "Access latency, ns.",
  ]

  /// The note on `path`, or on its last component when the path has none of its own (the
  /// memories' shared fields).
  static func note(_ path: String) -> String? {
    notes[path] ?? notes[String(path.split(separator: ".").last ?? "")]
  }
}
