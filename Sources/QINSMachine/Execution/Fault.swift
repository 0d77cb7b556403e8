/// An architectural fault: the run stops and reports where.
public struct Fault: Error, CustomStringConvertible, Sendable {
  public enum Kind: String, Sendable {
    case addressOutOfRange = "address out of range"
    case misalignedAccess = "misaligned access"
    case capacityExceeded = "capacity exceeded"
    case invalidInstruction = "invalid instruction"
    case formatMismatch = "format mismatch"
    case badBinding = "bad binding"
    case maxCyclesReached = "cycle limit reached"
    case noHalt = "no halt"
    case traceFailed = "trace failed"
  }
  public var kind: Kind
  public var message: String
  /// The instruction index, and its source position from the line table.
  public var pc: Int?
  public var source: String?
  public var cycle: Int?

  public var description: String {
    var where_ = ""
    if let pc { where_ += " at pc \(pc)" }
    if let source { where_ += " (\(source))" }
    if let cycle { where_ += ", cycle \(cycle)" }
    return "fault\(where_): \(kind.rawValue): \(message)"
  }
}
