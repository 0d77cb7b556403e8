import Foundation
import QINSTestSupport
import Testing

@Suite("qinssim tables")
struct TablesCommandTests {
  @Test(
    "export writes four tables, flag planes and a manifest whose hashes match",
    arguments: ["nearest", "seed"])
  func export(rounding: String) throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let target = dir.appendingPathComponent("new/sub")  // created on demand
    let r = try CommandRunner.run(
      "qinssim", ["tables", "export", "--rounding", rounding, "--dir", target.path])
    #expect(r.status == 0, "\(r.stderr)")
    let manifestData = try Data(contentsOf: target.appendingPathComponent("tables.json"))
    let manifest = try JSONSerialization.jsonObject(with: manifestData) as! [String: Any]
    #expect(manifest["rounding"] as? String == rounding)
    #expect(manifest["code_bytes"] as? Int == 196_864)
    let files = manifest["files"] as! [[String: Any]]
    #expect(files.count == 8)
    for f in files {
      let name = f["name"] as! String
      let data = try Data(contentsOf: target.appendingPathComponent(name))
      #expect(data.count == f["bytes"] as? Int)
      #expect(data.count == (name.hasPrefix("rcp") ? 256 : 65_536))
      // An independent hash: sha256sum from coreutils.
      let p = Process()
      p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
      p.arguments = [target.appendingPathComponent(name).path]
      let pipe = Pipe()
      p.standardOutput = pipe
      try p.run()
      p.waitUntilExit()
      let line = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      #expect(line.hasPrefix(f["sha256"] as! String), "\(name)")
    }
    // Spot-check: 1 + 1 = 2 is code 128 at [0][0].
    let add = try Data(contentsOf: target.appendingPathComponent("add.bin"))
    #expect(add[0] == 128)
  }

  @Test("Bad input: unknown rounding, a file where the directory should be, an unwritable place")
  func badInput() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var r = try CommandRunner.run(
      "qinssim", ["tables", "export", "--rounding", "up", "--dir", dir.path])
    #expect(r.status != 0)
    #expect(r.stderr.contains("'up' is invalid for '--rounding"))
    let file = dir.appendingPathComponent("plain")
    try Data("x".utf8).write(to: file)
    r = try CommandRunner.run("qinssim", ["tables", "export", "--dir", file.path])
    #expect(r.status == 1)
    #expect(r.stderr.contains("\(file.path): exists and is not a directory"))
    r = try CommandRunner.run("qinssim", ["tables", "export", "--dir", "/proc/qins-cannot-exist"])
    #expect(r.status == 1)
    #expect(
      r.stderr.contains(
        "/proc/qins-cannot-exist: cannot create the directory (No such file or directory)"))
    r = try CommandRunner.run("qinssim", ["tables", "export"])
    #expect(r.status != 0)
    #expect(r.stderr.contains("Missing expected argument '--dir <dir>'"))
  }

  @Test("stats --json carries the figures under stable names")
  func statsJSON() throws {
    let r = try CommandRunner.run("qinssim", ["tables", "stats", "--rounding", "seed", "--json"])
    #expect(r.status == 0)
    let obj = try JSONSerialization.jsonObject(with: r.stdoutData) as! [String: Any]
    let add = obj["add"] as! [String: Any]
    #expect(add["overflow_pairs"] as? Int == 511)
    #expect(add["max_absolute_error"] as? Double == 256)
    // The seed's generator, re-implemented in numpy, gives a mean of 0.361348246...
    #expect(abs((add["mean_absolute_error"] as! Double) - 0.36134824623261785) < 1e-12)
    let acc = obj["accumulation"] as! [String: Any]
    #expect(acc["stalled_value"] as? Double == 16)
    let text = try CommandRunner.run("qinssim", ["tables", "stats"])
    #expect(text.status == 0 && text.stdout.contains("stops growing after"))
  }
}

@Suite("qinssim machine and energy")
struct MachineCommandTests {
  @Test("machine show prints a description that machine show reads back unchanged")
  func showRoundTrip() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try CommandRunner.run("qinssim", ["machine", "show", "tpu-v1-like"])
    #expect(r.status == 0)
    let file = dir.appendingPathComponent("m.json")
    try r.stdoutData.write(to: file)
    let again = try CommandRunner.run("qinssim", ["machine", "show", file.path])
    #expect(again.stdout == r.stdout)
  }

  @Test("machine costs: the TPU-like preset's peak is 92 TOPS")
  func tpuPeak() throws {
    let r = try CommandRunner.run("qinssim", ["machine", "costs", "tpu-v1-like", "--json"])
    #expect(r.status == 0)
    let obj = try JSONSerialization.jsonObject(with: r.stdoutData) as! [String: Any]
    let peak = obj["peak_tops"] as! Double
    #expect(peak.rounded() == 92)
  }

  @Test("Bad machines: unknown preset, bad field; messages name the file and field")
  func badMachines() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var r = try CommandRunner.run("qinssim", ["machine", "show", "tpu-v9"])
    #expect(r.status == 1)
    #expect(
      r.stderr.contains(
        "'tpu-v9' is neither a preset (bf16, fp32-reference, fp8-e4m3, fp8-e5m2, int8, qins-default, qins-fast, qins-seed, tpu-v1-like) nor a file"
      ))
    let file = dir.appendingPathComponent("bad.json")
    try Data(#"{"sfu": {"lanes": -4}}"#.utf8).write(to: file)
    r = try CommandRunner.run("qinssim", ["machine", "costs", file.path])
    #expect(r.status == 1)
    #expect(r.stderr.contains("\(file.path): sfu.lanes must be 1...65536, found -4"))
  }

  @Test("energy prints a table the energy model reads")
  func energyShow() throws {
    let r = try CommandRunner.run("qinssim", ["energy"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("fp32             mul          3.7      pJ"))
  }
}
