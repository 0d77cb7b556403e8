import Foundation
import QINSTestSupport
import Testing

/// Where the repository's Scripts/ folder is.
let scriptsDirectory = repositoryRoot.appendingPathComponent("Scripts")

/// Whether `python3` with numpy can run here.
let numpyAvailable: Bool = {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  p.arguments = ["python3", "-c", "import numpy"]
  p.standardOutput = FileHandle.nullDevice
  p.standardError = FileHandle.nullDevice
  guard (try? p.run()) != nil else { return false }
  p.waitUntilExit()
  return p.terminationStatus == 0
}()

@Suite("The seed's generator in numpy")
struct SeedOracleTests {
  @Test(
    "tables export --rounding seed is byte-identical to the seed's generator re-done in numpy",
    .enabled(if: numpyAvailable, "skipped: python3 with numpy is not available here"))
  func seedTablesMatchNumpy() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let export = try CommandRunner.run(
      "qinssim", ["tables", "export", "--rounding", "seed", "--dir", dir.path])
    #expect(export.status == 0)
    let oracle = Process()
    oracle.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    oracle.arguments = [
      "python3", scriptsDirectory.appendingPathComponent("seed_table_oracle.py").path, dir.path,
    ]
    let out = Pipe()
    oracle.standardOutput = out
    try oracle.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    oracle.waitUntilExit()
    #expect(oracle.terminationStatus == 0, "\(text)")
    #expect(text.contains("add: identical; mean |mu error| 0.361348246233, max 256"))
  }
}
