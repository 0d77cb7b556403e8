/// Why text cannot be tokenized.
public struct TokenizationError: Error, CustomStringConvertible {
  public let description: String
  public init(_ description: String) { self.description = description }
}
