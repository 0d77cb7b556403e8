import Foundation

/// A resource bundle SwiftPM installs beside the built executables (`PACKAGE_TARGET.resources`),
/// looked up without SwiftPM's `Bundle.module`, which stops the process when the bundle is
/// missing: beside the running executable (symbolic links resolved), beside the main bundle's
/// executable, and in the main bundle's folder (a test runner).
public enum InstalledBundle {
  /// The places a bundle is looked for, in order.
  public static var places: [URL] {
    var out = [
      URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        .deletingLastPathComponent()
    ]
    if let main = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent() {
      out.append(main)
    }
    out.append(Bundle.main.bundleURL)
    return out
  }

  /// The bundle folder `name`, or nil when none of ``places`` holds it.
  public static func directory(named name: String) -> URL? {
    for p in places {
      let bundle = p.appendingPathComponent(name)
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: bundle.path, isDirectory: &isDirectory),
        isDirectory.boolValue
      {
        return bundle
      }
    }
    return nil
  }
}
