import Foundation

/// The programs of this folder, installed with the tools: SwiftPM copies them into the
/// resource bundle `qins_ProgramLibrary.resources` beside the built executables, so a tool
/// finds them from any working directory, and an installed copy (the executable with the
/// bundle beside it) needs no checkout.
///
/// The bundle is looked for beside the running executable (symbolic links resolved) and
/// beside the process's main bundle (a test runner); SwiftPM's own accessor, which stops the
/// process when the bundle is missing, is not used.
public enum ProgramLibrary {
  /// The bundle's directory name.
  public static let bundleName = "qins_ProgramLibrary.resources"

  /// The directory holding the programs (and their `lib/` includes), or nil when no bundle
  /// is installed beside the executable.
  public static var directory: URL? {
    var candidates: [URL] = []
    let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
      .resolvingSymlinksInPath().deletingLastPathComponent()
    candidates.append(executable)
    if let main = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent() {
      candidates.append(main)
    }
    candidates.append(Bundle.main.bundleURL)
    for c in candidates {
      let bundle = c.appendingPathComponent(bundleName)
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: bundle.path, isDirectory: &isDirectory),
        isDirectory.boolValue
      {
        return bundle
      }
    }
    return nil
  }

  /// Every place ``directory`` looks, for a message when none holds the bundle.
  public static var searchedPlaces: [String] {
    let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
      .resolvingSymlinksInPath().deletingLastPathComponent()
    return [executable.appendingPathComponent(bundleName).path]
  }
}
