import Foundation
import QBinary
import QINSSupport

/// A program as the tools take it: a `.qasm` source, assembled, or a `.qbin` image, read and
/// validated.
public enum ProgramFile {
  /// Why a `.qbin` cannot be used: unreadable, or corrupt (the reader's reason).
  public struct Failure: Error, CustomStringConvertible {
    public let description: String
  }

  /// Loads the program at `path`. A `.qasm` file is assembled with `options`: the result
  /// carries every diagnostic, and no image when there were errors. Any other file is read
  /// as a `.qbin` (no diagnostics); an unreadable or corrupt one throws, naming the file.
  public static func load(_ path: String, options: AssemblyOptions = AssemblyOptions())
    throws(Failure) -> AssemblyResult
  {
    if path.hasSuffix(".qasm") { return Assembler.assemble(file: path, options: options) }
    return AssemblyResult(image: try readBinary(path), diagnostics: [], sourceLines: [])
  }

  /// Reads and validates the `.qbin` at `path`; an unreadable or corrupt file throws, naming
  /// the file (`PATH: reason`).
  public static func readBinary(_ path: String) throws(Failure) -> ProgramImage {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw Failure(description: "\(path): \(InputFile.whyUnreadable(path))")
    }
    do {
      return try BinaryReader.image(from: [UInt8](data))
    } catch {
      throw Failure(description: "\(path): corrupt binary: \(error)")
    }
  }
}
