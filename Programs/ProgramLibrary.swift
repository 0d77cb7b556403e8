import Foundation
import QINSSupport

/// The programs of this folder, installed with the tools: SwiftPM copies them into the
/// resource bundle `qins_ProgramLibrary.resources` beside the built executables, so a tool
/// finds them from any working directory, and an installed copy (the executable with the
/// bundle beside it) needs no checkout. Found by ``InstalledBundle``.
public enum ProgramLibrary {
  /// The bundle's directory name.
  public static let bundleName = "qins_ProgramLibrary.resources"

  /// The directory holding the programs (and their `lib/` includes), or nil when no bundle
  /// is installed beside the executable.
  public static var directory: URL? { InstalledBundle.directory(named: bundleName) }

  /// The first place ``directory`` looks, for a message when none holds the bundle.
  public static var searchedPlaces: [String] {
    [InstalledBundle.places[0].appendingPathComponent(bundleName).path]
  }

  /// Where program `name` is: in `override` (a `--programs` directory) and only there when
  /// given, else in the installed library. The error names the place looked in.
  public static func locate(_ name: String, override: String?) throws(ProgramLibraryError)
    -> String
  {
    if let override {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: override, isDirectory: &isDirectory),
        isDirectory.boolValue
      else { throw ProgramLibraryError("--programs \(override): no such directory") }
      let path = override + "/" + name
      guard FileManager.default.fileExists(atPath: path) else {
        throw ProgramLibraryError("--programs \(override): \(name) is not in this directory")
      }
      return path
    }
    guard let library = directory else {
      throw ProgramLibraryError(
        "the program library is not installed beside this executable (looked for \(searchedPlaces.joined(separator: ", "))); copy it with the executable or pass --programs DIR"
      )
    }
    let path = library.appendingPathComponent(name).path
    guard FileManager.default.fileExists(atPath: path) else {
      throw ProgramLibraryError(
        "the program library \(library.path) has no \(name); pass --programs DIR")
    }
    return path
  }

  /// The directory holding program `name`, found as ``locate(_:override:)`` finds it.
  public static func directory(holding name: String, override: String?)
    throws(ProgramLibraryError) -> String
  {
    let path = try locate(name, override: override)
    return String(path.dropLast(name.count + 1))
  }
}

/// Why a program could not be found: the message names the directory looked in.
public struct ProgramLibraryError: Error, CustomStringConvertible {
  public let description: String
  init(_ description: String) { self.description = description }
}
