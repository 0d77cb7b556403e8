import FPINSISA
import Foundation
import QBinary

/// Options of one assembly.
public struct AssemblyOptions: Sendable {
  /// Directories searched for `.include` files after the including file's own directory.
  public var includePaths: [String] = []
  /// `-D NAME=VALUE` overrides, in command-line order; values are expressions.
  public var defines: [(name: String, value: String)] = []
  /// Reads a file's bytes; replaceable in tests. Returns nil if the file cannot be read.
  public var readFile: @Sendable (String) -> [UInt8]? = { path in
    FileManager.default.contents(atPath: path).map { [UInt8]($0) }
  }
  /// Whether a path names an existing regular file.
  public var fileExists: @Sendable (String) -> Bool = { path in
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
      && !isDirectory.boolValue
  }

  /// Options from command-line text: `-I` directories and `-D NAME=VALUE` overrides (the
  /// value is what follows the first `=`; text without one defines NAME as empty, which the
  /// assembler reports as a bad expression).
  public init(includePaths: [String], defineTexts: [String]) {
    self.init(
      includePaths: includePaths,
      defines: defineTexts.map { d in
        guard let i = d.firstIndex(of: "=") else { return (d, "") }
        return (String(d[..<i]), String(d[d.index(after: i)...]))
      })
  }

  public init(includePaths: [String] = [], defines: [(name: String, value: String)] = []) {
    self.includePaths = includePaths
    self.defines = defines
  }
}

/// What an assembly produced: an image if there were no errors, and every diagnostic.
public struct AssemblyResult: Sendable {
  public var image: ProgramImage?
  public var diagnostics: [Diagnostic]
  /// The source text of each instruction's line, for listings.
  public var sourceLines: [String]
}

/// The FPINS assembler: text programs to ``ProgramImage``s.
///
/// Pass one reads the source (following includes and expanding macros), evaluates constants,
/// records tensor declarations and labels, and collects instructions with their operand
/// tokens. Pass two encodes each instruction's operands, now that every label is known.
/// Errors do not stop the passes: one run reports every error it can find.
public enum Assembler {
  /// Assembles the file at `path`.
  public static func assemble(file path: String, options: AssemblyOptions = AssemblyOptions())
    -> AssemblyResult
  {
    let context = AssemblyContext(options: options)
    context.defineFromCommandLine()
    context.include(path: path, from: nil)
    return context.finish()
  }

  /// Assembles `source` as if it were the file `name`.
  public static func assemble(
    source: String, name: String = "<input>", options: AssemblyOptions = AssemblyOptions()
  ) -> AssemblyResult {
    var options = options
    let original = options.readFile
    let bytes = Array(source.utf8)
    options.readFile = { $0 == name ? bytes : original($0) }
    let exists = options.fileExists
    options.fileExists = { $0 == name || exists($0) }
    return assemble(file: name, options: options)
  }
}
