import Foundation
import MachineDescription
import Testing

@Suite("Machine descriptions in TOML")
struct MachineTOMLTests {
  @Test("Every preset's commented TOML reads back to the preset", arguments: Presets.names)
  func presetsRoundTrip(name: String) throws {
    let preset = try #require(Presets.all[name])
    let text = preset.toml
    #expect(try MachineDescription(toml: text) == preset)
    #expect(text.hasPrefix("# Machine description \(name)"))
  }

  @Test("Every field of the TOML has a comment above it")
  func everyFieldCommented() {
    let lines = Presets.qinsDefault.toml.split(separator: "\n", omittingEmptySubsequences: false)
    var fields = 0
    for (i, line) in lines.enumerated() where line.contains(" = ") && !line.hasPrefix("#") {
      fields += 1
      #expect(i > 0 && lines[i - 1].hasPrefix("# "), "no comment above \(line)")
    }
    // 7 top-level fields, control 2, alu 5, array 9, quantization 8, sfu 4, dma 1,
    // three on-chip memories of 4 and DRAM 3.
    #expect(fields == 7 + 2 + 5 + 9 + 8 + 4 + 1 + 12 + 3)
  }

  @Test("A TOML file is checked field by field, with the messages of a JSON file")
  func fieldErrors() throws {
    let toml = "[array]\nrows = 0\n"
    let json = #"{"array": {"rows": 0}}"#
    var tomlError: DescriptionError?
    var jsonError: DescriptionError?
    do { _ = try MachineDescription(toml: toml) } catch { tomlError = error }
    do { _ = try MachineDescription(json: Data(json.utf8)) } catch { jsonError = error }
    #expect(tomlError != nil && tomlError == jsonError)
    #expect(throws: DescriptionError.self) { try MachineDescription(toml: "[array]\nrowz = 8\n") }
    do {
      _ = try MachineDescription(toml: "clock_mhz = \n")
      Issue.record("a TOML syntax error was accepted")
    } catch {
      #expect(error.description.contains("line 1"), "\(error)")
    }
  }

  @Test(
    "Text that stopped the TOML parser (fuzzing) is refused with its place",
    arguments: [
      "[\n[array]\nrows = 8\n", "\"name\"x = \"a\"\n", "[array.\n", "[array]\nrows. = 8\n",
    ])
  func parserTraps(text: String) {
    #expect {
      _ = try MachineDescription(toml: text)
    } throws: { error in
      (error as? DescriptionError)?.description.contains("is not valid TOML (line") == true
    }
  }

  @Test("MachineLoader reads a .toml file; fields left out keep their defaults")
  func loader() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "qins-toml-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("small.toml").path
    try Data(
      """
      # a small array
      name = "small"
      [array]
      rows = 32   # rows of PEs
      cols = 16
      """.utf8
    ).write(to: URL(fileURLWithPath: path))
    let m = try MachineLoader.load(path)
    var want = MachineDescription()
    want.name = "small"
    want.array.rows = 32
    want.array.cols = 16
    #expect(m == want)
  }
}
