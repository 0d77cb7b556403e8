/// Why a TOML document was refused, and where: the line and column (both from 1, columns
/// counted in characters) of the first character that does not fit.
public struct TOMLError: Error, Hashable, Sendable, CustomStringConvertible {
  public var line: Int
  public var column: Int
  public var message: String

  public init(line: Int, column: Int, message: String) {
    self.line = line
    self.column = column
    self.message = message
  }

  /// "line L, column C: message".
  public var description: String { "line \(line), column \(column): \(message)" }
}
