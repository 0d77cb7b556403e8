import Foundation
import QINSTestSupport
import Testing

/// `--timing-only` against full runs: the same cycles, stalls, bytes, energy and power.
@Suite("Timing-only runs")
struct TimingOnlyTests {
  /// A JSON file as a dictionary.
  func object(_ path: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
      as! [String: Any]
  }

  @Test(
    "every program in Programs/, on every preset: the same statistics as a full run, saturation counts absent"
  )
  func programs() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let programs = try FileManager.default.contentsOfDirectory(
      atPath: repositoryRoot.appendingPathComponent("Programs").path
    ).filter { $0.hasSuffix(".qasm") }.sorted()
    #expect(programs.count >= 6)
    for name in programs {
      let program = repositoryRoot.appendingPathComponent("Programs/\(name)").path
      // The block programs run the seed's machine at a small size in the test below.
      let blocks = name.hasSuffix("_block.qasm") || name.hasPrefix("llama_")
      let presets = [
        "fp32-reference", "bf16", "qins-default", "qins-fast", "int8", "fp8-e4m3", "fp8-e5m2",
        "tpu-v1-like",
      ]
      for machine in presets + (blocks ? [] : ["qins-seed"]) {
        let full = dir.appendingPathComponent("full.json").path
        let timed = dir.appendingPathComponent("timed.json").path
        var r = try CommandRunner.run(
          "qinssim", ["run", program, "--machine", machine, "--stats", full])
        #expect(r.status == 0, "\(r.stderr)")
        r = try CommandRunner.run(
          "qinssim", ["run", program, "--machine", machine, "--timing-only", "--stats", timed])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("timing only"))
        var a = try object(full)
        var b = try object(timed)
        #expect(a["overflows"] != nil && b["overflows"] == nil && b["underflows"] == nil)
        #expect(b.removeValue(forKey: "timing_only") as? Bool == true)
        a["overflows"] = nil
        a["underflows"] = nil
        #expect(NSDictionary(dictionary: a).isEqual(to: b), "\(name) on \(machine)")
      }
    }
  }

  @Test(
    "both transformer blocks at a small size, every preset: the same figures as full runs")
  func transformerBlocks() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    for model in ["phi-3.5-mini", "minilm-l6"] {
      let shape = [
        "transformer", "--model", model, "--seq", "32", "--hidden", "256", "--heads", "4",
        "--head-dim", "64", "--intermediate", "512", "--layers", "0-2", "--machines",
      ]
      let full = dir.appendingPathComponent("full.json").path
      let timed = dir.appendingPathComponent("timed.json").path
      let machines = "qins-default,qins-fast,qins-seed,int8,fp8-e4m3,fp8-e5m2,bf16,tpu-v1-like"
      var r = try CommandRunner.run("qinssim", shape + [machines, "--json", full])
      #expect(r.status == 0, "\(r.stderr)")
      r = try CommandRunner.run("qinssim", shape + [machines, "--timing-only", "--json", timed])
      #expect(r.status == 0, "\(r.stderr)")
      #expect(!r.stdout.contains("no figures"))
      let a = try object(full)["machines"] as! [String: [String: Any]]
      let b = try object(timed)
      #expect(b["timing_only"] as? Bool == true)
      let timedMachines = b["machines"] as! [String: [String: Any]]
      #expect(timedMachines.count == 9 && a.count == 9)
      for name in a.keys {
        var x = a[name]!
        var y = timedMachines[name]!
        for key in ["error", "per_layer", "saturated_products"] {
          x[key] = nil
          y[key] = nil
        }
        #expect(NSDictionary(dictionary: x).isEqual(to: y), "\(model) \(name)")
      }
    }
  }

  @Test(
    "what needs values is refused: --dump and --output")
  func refusals() throws {
    let program = repositoryRoot.appendingPathComponent("Programs/gemm.qasm").path
    var r = try CommandRunner.run(
      "qinssim", ["run", program, "--timing-only", "--machine", "bf16", "--dump", "C=/tmp/c.npy"])
    #expect(r.status == 64 && r.stderr.contains("--dump needs values"))
    r = try CommandRunner.run(
      "qinssim", ["transformer", "--timing-only", "--output", "/tmp/y.npy"])
    #expect(r.status == 64 && r.stderr.contains("need values"))
  }
}
