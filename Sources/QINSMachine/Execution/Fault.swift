/// An architectural fault: the run stops and reports where.
public struct Fault: Error, CustomStringConvertible, Sendable {
  public enum Kind: String, Sendable {
    case addressOutOfRange = "address out of range"
    case misalignedAccess = "misaligned access"
    case capacityExceeded = "capacity exceeded"
    case invalidInstruction = "invalid instruction"
    case formatMismatch = "format mismatch"
    case badBinding = "bad binding"
    case invalidMachine = "invalid machine"
    case maxCyclesReached = "cycle limit reached"
    case noHalt = "no halt"
    case traceFailed = "trace failed"
    case hostMemoryExceeded = "host memory limit"
    /// A signal (SIGINT, SIGTERM) stopped the run at an instruction boundary.
    case interrupted = "interrupted"
  }
  public var kind: Kind
  public var message: String
  /// The instruction index, and its source position from the line table.
  public var pc: Int?
  public var source: String?
  public var cycle: Int?

  public var description: String {
    var place = ""
    if let pc { place += " at pc \(pc)" }
    if let source { place += " (\(source))" }
    if let cycle { place += ", cycle \(cycle)" }
    return "fault\(place): \(kind.rawValue): \(message)"
  }
}
