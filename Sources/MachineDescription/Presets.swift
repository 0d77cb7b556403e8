import FPINSISA

/// The machines shipped with the simulator, named on the command line.
public enum Presets {
  /// `qins-default`: the most accurate QINS design at a sensible cost, the defaults of every
  /// field. QINS8 storage (two bytes a value), FP32 accumulators (the hybrid), operands decoded
  /// at the array edge to 7 fraction bits and multiplied exactly (`decoded`: as accurate on
  /// MiniLM as the `exact` product, at less than half its PE energy and area), FP32 scales per
  /// output channel of each weight and per row (token) of each activation, calibrated for the
  /// least squared error; a 128 x 128 weight-stationary array, a 64-lane LUT ALU sharing one
  /// SRAM copy of each table through 8 ports, 8 MiB of scratchpad, 200 GB/s of DRAM, 1 GHz.
  /// Docs/results.md shows why: the seed's 8-bit product and per-tensor exponents, not the
  /// format, made most of its error.
  public static let qinsDefault = MachineDescription()

  /// `qins-seed`: the seed's own design, kept so that its figures can be reproduced: the MUL
  /// table's 8-bit product (saturating at 256) and one power-of-two exponent per tensor, set
  /// by the tensor's first write. Otherwise `qins-default`.
  public static let qinsSeed: MachineDescription = {
    var m = MachineDescription()
    m.name = "qins-seed"
    m.array.product = .table8
    m.quantization = .seed
    return m
  }()

  /// `qins-fast`: `qins-default` with the cheap per-token rule: each row's largest magnitude
  /// sets its scale, two octaves below QINS8's largest value (one pass over the row, no
  /// search). Slightly less accurate, fewer cycles.
  public static let qinsFast: MachineDescription = {
    var m = MachineDescription()
    m.name = "qins-fast"
    m.quantization.activationCalibration = .max
    m.quantization.activationMaxShiftOctaves = 2
    return m
  }()

  /// A rival machine on the same array, memories and clock: its storage format, FP32
  /// accumulators (INT32 inside the PEs for INT8), per-channel FP32 weight scales calibrated
  /// offline for the least squared error, and dynamic per-token activation scales from each
  /// row's largest magnitude (absmax), as such machines are built (BF16 needs no scales).
  static func rival(_ name: String, _ format: MachineDescription.ValueFormat)
    -> MachineDescription
  {
    var m = MachineDescription()
    m.name = name
    m.storageFormat = format
    m.quantization.activationCalibration = .max
    return m
  }

  /// `int8`: W8A8, symmetric INT8 (-127...127), INT32 accumulation, FP32 scales per output
  /// channel (weights) and per token (activations).
  public static let int8 = rival("int8", .int8)
  /// `fp8-e4m3` and `fp8-e5m2`: OCP FP8 operands with per-channel and per-token FP32 scales,
  /// exact products summed in FP32.
  public static let fp8E4M3 = rival("fp8-e4m3", .fp8e4m3)
  public static let fp8E5M2 = rival("fp8-e5m2", .fp8e5m2)
  /// `bf16`: bfloat16 storage and operands, exact products summed in FP32, no scales.
  public static let bf16 = rival("bf16", .bf16)

  /// `fp32-reference`: the same array, memories and clock with FP32 processing elements and
  /// 4-byte storage, for the cost comparison on the same job.
  public static let fp32Reference: MachineDescription = {
    var m = MachineDescription()
    m.name = "fp32-reference"
    m.storageFormat = .fp32
    m.accumulatorFormat = .fp32
    return m
  }()

  /// `tpu-v1-like`: the dimensions of Google's first TPU (Jouppi et al., ISCA 2017): a
  /// 256 x 256 array of 8-bit MACs at 700 MHz, a 24 MiB unified buffer, 4 MiB of
  /// accumulators, about 34 GB/s of DRAM. Here its PEs are QINS8; the preset is a sanity check
  /// of the peak-throughput arithmetic against the published 92 TOPS.
  public static let tpuV1Like: MachineDescription = {
    var m = MachineDescription()
    m.name = "tpu-v1-like"
    m.clockMHz = 700
    m.array.rows = 256
    m.array.cols = 256
    m.spad = .init(capacityBytes: 24 << 20, banks: 32, bytesPerCycle: 512, latencyCycles: 2)
    m.acc = .init(capacityBytes: 4 << 20, banks: 16, bytesPerCycle: 1024, latencyCycles: 1)
    m.dram.bandwidthGBPerSecond = 34
    m.dram.capacityBytes = 8 << 30
    return m
  }()

  public static let all: [String: MachineDescription] = [
    "qins-default": qinsDefault, "qins-seed": qinsSeed, "qins-fast": qinsFast,
    "fp32-reference": fp32Reference,
    "tpu-v1-like": tpuV1Like, "int8": int8, "fp8-e4m3": fp8E4M3, "fp8-e5m2": fp8E5M2,
    "bf16": bf16,
  ]

  /// Preset names, sorted.
  public static var names: [String] { all.keys.sorted() }
}
