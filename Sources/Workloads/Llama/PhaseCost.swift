import QINSMachine

/// What some runs of a machine cost, added up: programs run one after another.
public struct PhaseCost: Codable, Sendable, Hashable {
  public var runs = 0
  public var cycles = 0
  public var seconds = 0.0
  public var energyPj = 0.0
  public var dramBytesRead = 0
  public var dramBytesWritten = 0
  public var multiplyAccumulates = 0
  /// The runs against the machine's bounds, added up (``Roofline``).
  public var roofline = Roofline()
  /// The runs split among their programs' operators, added up by name (absent from files
  /// written before operators existed).
  public var operators: [OperatorStatistics]?

  public init() {}

  public var dramBytes: Int { dramBytesRead + dramBytesWritten }

  public mutating func add(_ s: RunStatistics) {
    runs += 1
    cycles += s.cycles
    seconds += s.seconds
    energyPj += s.energy.totalPj
    dramBytesRead += s.bytesRead(from: .dram)
    dramBytesWritten += s.bytesWritten(to: .dram)
    multiplyAccumulates += s.multiplyAccumulates
    if let r = s.roofline { roofline.add(r) }
    if let o = s.operators { operators = (operators ?? []).adding(o) }
  }

  public mutating func add(_ other: PhaseCost) {
    runs += other.runs
    cycles += other.cycles
    seconds += other.seconds
    energyPj += other.energyPj
    dramBytesRead += other.dramBytesRead
    dramBytesWritten += other.dramBytesWritten
    multiplyAccumulates += other.multiplyAccumulates
    roofline.add(other.roofline)
    if let o = other.operators { operators = (operators ?? []).adding(o) }
  }
}
