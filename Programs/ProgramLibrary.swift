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
}
