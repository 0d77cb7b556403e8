/// How one fuzzed command ended.
public enum CommandOutcome: Sendable, Equatable {
  /// It exited with this status: 0, 1 (a failure with a message) or 64 (a usage error).
  case exited(Int32)
  /// It was killed by a signal: a trap, an abort, a segmentation fault.
  case crashed(signal: Int32)
  /// It ran past the time limit and was killed.
  case hung
  /// It ran out of memory under the cap (an allocation failed or the kernel killed it).
  case blewUp
  /// It failed without saying why: a non-zero status and nothing on standard error.
  case silentFailure(Int32)
  /// It exited with a status other than 0, 1 and 64.
  case unexpectedStatus(Int32)

  /// Whether this outcome is a defect to fix.
  public var isFinding: Bool {
    if case .exited = self { return false }
    return true
  }

  /// A word for reports.
  public var name: String {
    switch self {
    case .exited: "exited"
    case .crashed: "crash"
    case .hung: "hang"
    case .blewUp: "blowup"
    case .silentFailure: "silent failure"
    case .unexpectedStatus: "unexpected status"
    }
  }
}
