import FPINSISA

/// The machines shipped with the simulator, named on the command line.
public enum Presets {
  /// `qins-default`: one sensible QINS design, the defaults of every field. QINS8 storage
  /// (two bytes a value), FP32 accumulators (the hybrid), a 128 x 128 weight-stationary array
  /// whose PEs compute the tables' functions in logic, a 64-lane LUT ALU sharing one SRAM copy
  /// of each table through 8 ports, 8 MiB of scratchpad, 200 GB/s of DRAM, 1 GHz.
  public static let qinsDefault = MachineDescription()

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
    "qins-default": qinsDefault, "fp32-reference": fp32Reference, "tpu-v1-like": tpuV1Like,
  ]

  /// Preset names, sorted.
  public static var names: [String] { all.keys.sorted() }
}
