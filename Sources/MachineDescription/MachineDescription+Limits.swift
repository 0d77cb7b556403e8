extension MachineDescription {
  /// The ranges a description's fields must lie in.
  ///
  /// They are far wider than any machine anyone builds, and narrow enough that every figure
  /// the timing and energy models derive from them (cycles, bytes, picojoules of a run that
  /// stays under the cycle limit) fits in a 64-bit integer or a finite double. A field
  /// outside its range is an error naming the field, the value and the range.
  public enum Limits {
    /// Clock: 1 kHz to 1 THz.
    public static let clockMHz: ClosedRange<Double> = 0.001...1e6
    /// A unit's latency, in cycles.
    public static let latencyCycles: ClosedRange<Int> = 1...1_000_000
    /// A delay that may be zero (a memory's latency, a branch penalty), in cycles.
    public static let delayCycles: ClosedRange<Int> = 0...1_000_000
    /// Lanes, ports, banks and queue entries.
    public static let lanes: ClosedRange<Int> = 1...65_536
    /// The array's rows, and its columns.
    public static let arraySide: ClosedRange<Int> = 1...65_536
    /// The array's PEs (rows x columns): 2^24, a 4096 x 4096 array.
    public static let arrayPEs = 1 << 24
    /// An on-chip memory's capacity: up to 1 TiB.
    public static let onChipBytes: ClosedRange<Int> = 1...(1 << 40)
    /// DRAM's capacity: up to 1 PiB (it is stored only as far as it is written).
    public static let dramBytes: ClosedRange<Int> = 1...(1 << 50)
    /// A memory's bytes per cycle.
    public static let bytesPerCycle: ClosedRange<Int> = 1...(1 << 20)
    /// DRAM bandwidth: 1 MB/s to 1 PB/s.
    public static let bandwidthGBPerSecond: ClosedRange<Double> = 0.001...1e6
    /// DRAM latency: up to one second.
    public static let latencyNanoseconds: ClosedRange<Double> = 0...1e9

    /// `v` as a user writes it: 1000000 rather than 1000000.0.
    static func text(_ v: Double) -> String {
      v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
  }
}
