import Foundation

/// The Verilog of the machine's circuits: `Sources/RTL` in this repository, one module per
/// file, in folders by part (`arithmetic`, `pe`, `alu`, `convert`, `array`).
///
/// The circuits are not compiled into the tools: the tests and the synthesis flow read them
/// from the checkout.
public enum RTLSources {
  /// The `Sources/RTL` folder of the checkout this module was built from.
  public static let folder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("RTL")

  /// Every design file (`.v`), sorted by path: what a simulation or a synthesis reads.
  public static func designFiles() throws -> [URL] {
    let paths = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
    return paths.filter { $0.hasSuffix(".v") }.sorted().map { folder.appendingPathComponent($0) }
  }

  /// The modules, one per file, named as their files are.
  public static func modules() throws -> [String] {
    try designFiles().map { $0.deletingPathExtension().lastPathComponent }
  }
}
