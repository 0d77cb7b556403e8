import EnergyModel
import Foundation
import QINSTestSupport
import Testing

/// The `synthesized` energy table as users reach it: `qinssim energy --table`, a machine file
/// naming it, `--energy-table` on a comparison, and the options of `qinssim circuits energy`.
@Suite struct EnergyTableCommandTests {
  static func json(_ url: URL) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
  }

  @Test(
    "energy --table synthesized prints the flow's entries with their sources; a bad file is named")
  func show() throws {
    let synthesized = try CommandRunner.run("qinssim", ["energy", "--table", "synthesized"])
    #expect(synthesized.status == 0)
    let line = synthesized.stdout.split(separator: "\n").first {
      $0.hasPrefix("pe_int8 ") && $0.contains(" mac ")
    }
    #expect(line?.contains("synthesized: mac_int8") == true, "\(synthesized.stdout)")
    #expect(synthesized.stdout.contains("# Command: qinssim circuits energy"))
    let standard = try CommandRunner.run("qinssim", ["energy"])
    #expect(standard.status == 0 && standard.stdout == DefaultEnergyTable.text + "\n")
    let folder = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let bad = folder.appendingPathComponent("t.txt")
    try "int8 add 0.03 pJ x\n".write(to: bad, atomically: true, encoding: .utf8)
    let refused = try CommandRunner.run("qinssim", ["energy", "--table", bad.path])
    #expect(refused.status != 0 && refused.stdout.isEmpty)
    #expect(
      refused.stderr.contains(bad.path) && refused.stderr.contains("has no entry for int8 mul"))
  }

  @Test("a machine file naming the synthesized table is priced by it: its PE's mac entry")
  func machineFile() throws {
    let folder = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("m.json")
    try #"{"name": "int8-synth", "storage_format": "int8", "energy_table": "synthesized"}"#.write(
      to: file, atomically: true, encoding: .utf8)
    let run = try CommandRunner.run("qinssim", ["machine", "costs", file.path, "--json"])
    #expect(run.status == 0, "\(run.stderr)")
    let report = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
    let energy = report["energy_pj"] as! [String: Double]
    #expect(energy["pe_multiply_accumulate"] == EnergyTable.synthesized.value("pe_int8", "mac"))
  }

  @Test(
    "transformer --energy-table synthesized prices every machine, fp32-reference included, by it")
  func comparison() throws {
    let folder = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    func run(_ extra: [String]) throws -> [String: Any] {
      let out = folder.appendingPathComponent("t\(extra.count).json")
      let r = try CommandRunner.run(
        "qinssim",
        [
          "transformer", "--model", "minilm-l6", "--seq", "16", "--timing-only", "--machines",
          "int8",
          "--json", out.path,
        ] + extra)
      #expect(r.status == 0, "\(r.stderr)")
      return try Self.json(out)
    }
    let standard = try run([])
    let synthesized = try run(["--energy-table", "synthesized"])
    func machine(_ report: [String: Any], _ name: String) -> [String: Any] {
      (report["machines"] as! [String: Any])[name] as! [String: Any]
    }
    for name in ["int8", "fp32-reference"] {
      let a = machine(standard, name)
      let b = machine(synthesized, name)
      #expect(a["cycles"] as? Int == b["cycles"] as? Int)
      #expect(a["energy_pj"] as? Double != b["energy_pj"] as? Double)
      #expect(!(b["fp32_reference_differs_in"] is [Any]))
    }
    #expect(
      machine(synthesized, "int8")["pe_multiply_accumulate_pj"] as? Double
        == EnergyTable.synthesized.value("pe_int8", "mac"))
    let missing = try CommandRunner.run(
      "qinssim",
      [
        "transformer", "--model", "minilm-l6", "--seq", "16", "--timing-only", "--machines", "int8",
        "--energy-table", folder.appendingPathComponent("none.txt").path,
      ])
    #expect(
      missing.status != 0 && missing.stderr.contains("--energy-table") && missing.stdout.isEmpty)
  }

  @Test("circuits energy: bad --vectors and an output over an input are usage errors")
  func circuitsEnergyOptions() throws {
    let few = try CommandRunner.run("qinssim", ["circuits", "energy", "--vectors", "5"])
    #expect(few.status == 64 && few.stderr.contains("--vectors must be between 128"))
    let folder = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = folder.appendingPathComponent("model.safetensors")
    try Data([0]).write(to: model)
    let over = try CommandRunner.run(
      "qinssim", ["circuits", "energy", "--minilm", model.path, "--energy-table", model.path])
    #expect(over.status == 64)
    #expect(try Data(contentsOf: model) == Data([0]))
  }
}
