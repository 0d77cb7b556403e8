import FPINSISA

/// One logical line of source after lexing: from a file, or from a macro expansion.
struct SourceLine {
  var tokens: [Token]
  var file: String
  var line: Int
  /// The line as written, for listings.
  var text: String

  func location(_ column: Int) -> SourceLocation {
    SourceLocation(file: file, line: line, column: column)
  }
}

/// A macro: parameters and body lines, expanded by token substitution.
struct Macro {
  var parameters: [String]
  var body: [SourceLine]
  var location: SourceLocation
}

/// An instruction collected in pass one, encoded in pass two.
struct PendingInstruction {
  var spec: InstructionSpec
  var operands: [[Token]]
  var location: SourceLocation
  /// Set by `.loc`: the position recorded in the line table instead of `location`.
  var recordedPosition: SourceLocation
  var text: String
  /// The end of the line, for errors about missing operands.
  var endColumn: Int
  /// Macros being expanded, innermost last, for messages.
  var macroTrail: [String]
}
