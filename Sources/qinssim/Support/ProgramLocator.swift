import Foundation

/// Finds a program of Programs/: in the directory the user gave (and only there), else
/// ./Programs, else in a Programs folder above the executable (a checkout's
/// .build/<triple>/release/qinssim).
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
    var candidates: [String] = []
    candidates.append(FileManager.default.currentDirectoryPath + "/Programs")
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
      .deletingLastPathComponent()
    for _ in 0..<5 {
      candidates.append(dir.appendingPathComponent("Programs").path)
      dir = dir.deletingLastPathComponent()
    }
    for c in candidates where FileManager.default.fileExists(atPath: c + "/" + name) {
      return c + "/" + name
    }
    throw CommandError(
      "cannot find Programs/\(name) (searched \(candidates.joined(separator: ", "))); pass --programs DIR"
    )
  }

  /// The directory of the programs, found as ``find(_:in:)`` finds `name`.
  static func directory(holding name: String, in override: String?) throws -> String {
    let path = try find(name, in: override)
    return String(path.dropLast(name.count + 1))
  }
}
