/// Why a workload cannot run: a message that names the input, the machine or the limit.
public struct WorkloadError: Error, CustomStringConvertible, Sendable {
  public let description: String
  public init(_ description: String) { self.description = description }
}
