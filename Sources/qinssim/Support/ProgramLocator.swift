import Foundation
import ProgramLibrary

/// Finds a program: in the directory the user gave with `--programs` (and only there), else
/// in the program library installed beside the executable (``ProgramLibrary``), so the
/// commands work from any working directory and from an installed copy.
enum ProgramLocator {
  static func find(_ name: String, in override: String?) throws -> String {
    if let override {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: override, isDirectory: &isDirectory),
        isDirectory.boolValue
      else { throw CommandError("--programs \(override): no such directory") }
      let path = override + "/" + name
      guard FileManager.default.fileExists(atPath: path) else {
        throw CommandError("--programs \(override): \(name) is not in this directory")
      }
      return path
    }
    guard let library = ProgramLibrary.directory else {
      throw CommandError(
        "the program library is not installed beside this executable (looked for \(ProgramLibrary.searchedPlaces.joined(separator: ", "))); copy it with the executable or pass --programs DIR"
      )
    }
    let path = library.appendingPathComponent(name).path
    guard FileManager.default.fileExists(atPath: path) else {
      throw CommandError("the program library \(library.path) has no \(name); pass --programs DIR")
    }
    return path
  }

  /// The directory of the programs, found as ``find(_:in:)`` finds `name`.
  static func directory(holding name: String, in override: String?) throws -> String {
    let path = try find(name, in: override)
    return String(path.dropLast(name.count + 1))
  }
}
