/// A place in a source file: 1-based line and column.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int

  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  public var description: String { "\(file):\(line):\(column)" }
}

/// An error or warning about a program, printed as `FILE:LINE:COL: error: MESSAGE`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
  public enum Severity: String, Sendable {
    case error
    case warning
  }
  public var severity: Severity
  public var location: SourceLocation
  public var message: String

  public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// Collects diagnostics while a program is assembled, so one run reports all its errors.
public struct Diagnostics: Sendable {
  public private(set) var all: [Diagnostic] = []

  /// Errors beyond this many are dropped, with a final note, so a binary file given as a
  /// program cannot flood the terminal.
  public static let limit = 100

  public var hasErrors: Bool { all.contains { $0.severity == .error } }

  mutating func error(_ location: SourceLocation, _ message: String) {
    add(Diagnostic(severity: .error, location: location, message: message))
  }

  mutating func warning(_ location: SourceLocation, _ message: String) {
    add(Diagnostic(severity: .warning, location: location, message: message))
  }

  private mutating func add(_ d: Diagnostic) {
    if all.count < Self.limit {
      all.append(d)
    } else if all.count == Self.limit {
      all.append(
        Diagnostic(severity: .error, location: d.location, message: "too many errors; stopping"))
    }
  }

  /// Whether the limit has been reached (assembly may stop early).
  var isFull: Bool { all.count > Self.limit }
}
