import Foundation
import QINSAssembler

/// Where the workloads' FPINS programs come from: the programs of `Programs/`, compiled into
/// the tools at build time (so a copied executable needs nothing beside it), or a directory
/// a user names with `--programs DIR` (to try an edited program without rebuilding).
///
/// Built-in programs are named `built-in:Programs/NAME` in diagnostics and traces, whatever
/// folder the tool was built or installed in; their `.include`s resolve among the built-in
/// files only.
public enum ProgramSource: Sendable, Equatable, CustomStringConvertible {
  /// The programs embedded in the executable.
  case builtIn
  /// The programs of a directory on disk.
  case directory(String)

  /// The prefix of built-in programs' paths.
  public static let builtInRoot = "built-in:Programs"

  /// The source a command's `--programs` option names (`nil`: the built-in programs), checked
  /// to hold `program`; the error names the directory and the missing file.
  public init(option: String?, holding program: String) throws(ProgramLibraryError) {
    guard let option else {
      self = .builtIn
      guard EmbeddedPrograms.contents(of: program) != nil else {
        throw ProgramLibraryError("this build of the tool has no built-in \(program)")
      }
      return
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: option, isDirectory: &isDirectory),
      isDirectory.boolValue
    else { throw ProgramLibraryError("--programs \(option): no such directory") }
    guard FileManager.default.fileExists(atPath: option + "/" + program) else {
      throw ProgramLibraryError("--programs \(option): \(program) is not in this directory")
    }
    self = .directory(option)
  }

  public var description: String {
    switch self {
    case .builtIn: "the built-in programs"
    case .directory(let d): d
    }
  }

  /// The path of program `name` (relative to the source's folder) as diagnostics show it.
  public func path(of name: String) -> String {
    switch self {
    case .builtIn: Self.builtInRoot + "/" + name
    case .directory(let d): d + "/" + name
    }
  }

  /// The names of the built-in programs and their includes (`lib/...`), sorted.
  public static var builtInNames: [String] { EmbeddedPrograms.names }

  /// The bytes of built-in file `name` (a path relative to `Programs/`), or nil.
  public static func builtIn(_ name: String) -> [UInt8]? { EmbeddedPrograms.contents(of: name) }

  /// Assembly options that read this source's files: the built-in programs from the
  /// executable (an `.include` of any other path is not found), a directory from disk.
  public func assemblyOptions(defines: [(name: String, value: String)]) -> AssemblyOptions {
    var options = AssemblyOptions(defines: defines)
    if case .builtIn = self {
      options.readFile = { path in Self.builtInFile(path).flatMap(EmbeddedPrograms.contents(of:)) }
      options.fileExists = { path in
        Self.builtInFile(path).map { EmbeddedPrograms.contents(of: $0) != nil } ?? false
      }
    }
    return options
  }

  /// Assembles program `name` of this source with `defines`.
  public func assemble(_ name: String, defines: [(name: String, value: String)])
    -> AssemblyResult
  {
    Assembler.assemble(file: path(of: name), options: assemblyOptions(defines: defines))
  }

  /// The built-in name of a `built-in:Programs/...` path, or nil for any other path.
  static func builtInFile(_ path: String) -> String? {
    let prefix = builtInRoot + "/"
    guard path.hasPrefix(prefix) else { return nil }
    let name = (String(path.dropFirst(prefix.count)) as NSString).standardizingPath
    return name.hasPrefix("../") || name.hasPrefix("/") ? nil : name
  }
}

/// Why a program could not be found: the message names the directory looked in.
public struct ProgramLibraryError: Error, CustomStringConvertible {
  public let description: String
  init(_ description: String) { self.description = description }
}
