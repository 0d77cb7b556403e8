import Foundation
import QINSTestSupport
import Testing

/// Machine names are data, never paths or terminal controls (issue 27, point 1).
@Suite("Machine names: data, never paths")
struct MachineNameSafetyTests {
  func machineFile(_ name: String, in dir: URL, _ file: String) throws -> String {
    let path = dir.appendingPathComponent(file).path
    let json = try JSONSerialization.data(withJSONObject: ["name": name])
    try json.write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test("Reserved names and control characters are refused with the file and the reason")
  func refused() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    for (name, reason) in [
      ("reference", "reserved for the FP32 numerical reference"),
      ("fp32-reference", "is the built-in FP32 machine's"),
      ("line\nbreak", "control character (U+000A)"),
      ("\u{1B}[31mred", "control character (U+001B)"),
      ("", "the machine's name is empty"),
    ] {
      let file = try machineFile(name, in: dir, "m.json")
      let r = try CommandRunner.run(
        "qinssim",
        ["transformer", "--seq", "16", "--timing-only", "--machines", "int8,\(file)"])
      #expect(r.status == 1, "\(name.debugDescription)")
      #expect(r.stderr.contains("\(file): name: ") && r.stderr.contains(reason), "\(r.stderr)")
      #expect(r.stdout.isEmpty)
    }
  }

  @Test(
    "generate --logits: a machine named like a path writes inside the folder, under a name the JSON records",
    .enabled(if: tinyLlamaFile != nil, "skipped: the gguf package cannot be installed here"))
  func logitsStayInside() throws {
    let model = try #require(tinyLlamaFile)
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let machine = try machineFile("../escaped_logits", in: dir, "escape.json")
    let logits = dir.appendingPathComponent("logits").path
    let json = dir.appendingPathComponent("g.json").path
    let r = try CommandRunner.run(
      "qinssim",
      [
        "generate", "--weights", model, "--prompt", "the cat", "--tokens", "2", "--machine",
        machine, "--logits", logits, "--json", json, "--threads", "2",
      ])
    #expect(r.status == 0, "\(r.stderr)")
    let written = try FileManager.default.contentsOfDirectory(atPath: logits).sorted()
    #expect(written == ["_._escaped_logits.npy", "fp32-reference.npy", "reference.npy"])
    #expect(
      !FileManager.default.fileExists(atPath: dir.appendingPathComponent("escaped_logits.npy").path)
    )
    let o =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json)))
      as! [String: Any]
    #expect(
      o["logits_files"] as? [String: String] == [
        "reference": "reference.npy", "../escaped_logits": "_._escaped_logits.npy",
        "fp32-reference": "fp32-reference.npy",
      ])
  }
}
