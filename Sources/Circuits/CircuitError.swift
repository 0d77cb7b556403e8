/// Why a circuit could not be simulated or synthesized.
public enum CircuitError: Error, CustomStringConvertible, Sendable {
  /// A tool the flow needs is not installed.
  case toolMissing(String, install: String)
  /// A tool exited with a failure status; `output` is what it printed.
  case toolFailed(String, status: Int32, output: String)
  /// A simulation's output did not have the expected shape.
  case malformedOutput(String)

  public var description: String {
    switch self {
    case .toolMissing(let name, let install):
      "\(name) is not installed (\(install))"
    case .toolFailed(let name, let status, let output):
      "\(name) failed with status \(status):\n\(output.suffix(4_000))"
    case .malformedOutput(let what): "malformed tool output: \(what)"
    }
  }
}
