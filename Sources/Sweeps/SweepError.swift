/// Why a sweep cannot run or its results cannot be gathered: a message that names the spec
/// file, the field or the directory.
public struct SweepError: Error, CustomStringConvertible, Sendable {
  public let description: String
  public init(_ description: String) { self.description = description }
}
