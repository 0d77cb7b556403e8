/// Why a file is not a valid `.qbin`.
public struct BinaryFormatError: Error, Equatable, CustomStringConvertible {
  public let message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
