import Foundation

/// Finds a program of Programs/: in a directory given by the user, else ./Programs, else in a
/// Programs folder above the executable (a checkout's .build/<triple>/release/qinssim).
enum ProgramLocator {
  static func find(_ name: String, in override: String?) throws -> String {
    var candidates: [String] = []
    if let override { candidates.append(override) }
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
