import Foundation
import QINSTestSupport
import Testing

@Suite("qinssim machine show --toml")
struct MachineTOMLCommandTests {
  @Test("A preset printed as commented TOML, saved and passed as --machine, runs as the preset")
  func showAndUse() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let show = try CommandRunner.run("qinssim", ["machine", "show", "--toml", "int8"])
    #expect(show.status == 0 && show.stdout.contains("# PE rows.\nrows = 128\n"))
    let file = dir.appendingPathComponent("int8.toml").path
    try show.stdoutData.write(to: URL(fileURLWithPath: file))
    let args = ["gemm", "--m", "64", "--n", "48", "--k", "80", "--json", "--machine"]
    let fromFile = try CommandRunner.run("qinssim", args + [file])
    let fromPreset = try CommandRunner.run("qinssim", args + ["int8"])
    #expect(fromFile.status == 0 && fromFile.stdout == fromPreset.stdout, "\(fromFile.stderr)")
    // The file shows back as the preset's JSON.
    let json = try CommandRunner.run("qinssim", ["machine", "show", file])
    #expect(json.stdout == (try CommandRunner.run("qinssim", ["machine", "show", "int8"])).stdout)

    let bad = dir.appendingPathComponent("bad.toml").path
    try Data("[memories.spad]\nbanks = \"many\"\n".utf8).write(to: URL(fileURLWithPath: bad))
    let r = try CommandRunner.run("qinssim", ["machine", "show", bad])
    #expect(r.status == 1 && r.stderr.contains("memories.spad.banks"), "\(r.stderr)")
  }
}
