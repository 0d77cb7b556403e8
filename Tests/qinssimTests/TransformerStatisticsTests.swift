import Foundation
import QINSTestSupport
import Testing

/// `qinssim transformer --stats`: each machine's run statistics summed over its layers.
@Suite("transformer --stats")
struct TransformerStatisticsTests {
  func object(_ path: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
      as! [String: Any]
  }

  @Test("The summed statistics agree with the report's figures, and the report plots them")
  func statistics() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let json = dir.appendingPathComponent("t.json").path
    let stats = dir.appendingPathComponent("s.json").path
    let r = try CommandRunner.run(
      "qinssim",
      [
        "transformer", "--model", "phi-3.5-mini", "--seq", "16", "--hidden", "64", "--heads", "4",
        "--head-dim", "16", "--intermediate", "96", "--layers", "0-2", "--machines",
        "qins-default,int8", "--json", json, "--stats", stats,
      ])
    #expect(r.status == 0, "\(r.stderr)")
    let report = try object(json)["machines"] as! [String: [String: Any]]
    let file = try object(stats)
    #expect(file["machine_order"] as? [String] == ["qins-default", "int8", "fp32-reference"])
    let byMachine = file["statistics_by_machine"] as! [String: [String: Any]]
    for name in ["qins-default", "int8", "fp32-reference"] {
      let s = try #require(byMachine[name])
      let m = report[name]!
      #expect(s["cycles"] as? Int == m["cycles"] as? Int, "\(name)")
      #expect(s["multiply_accumulates"] as? Int == m["multiply_accumulates"] as? Int)
      let read = (s["bytes_read"] as! [String: Int])["dram"] ?? 0
      let written = (s["bytes_written"] as! [String: Int])["dram"] ?? 0
      #expect(read + written == m["dram_bytes"] as? Int, "\(name)")
      let energy = s["energy"] as! [String: Any]
      let total = energy["total_pj"] as! Double
      #expect(abs(total - (m["energy_pj"] as! Double)) <= 1e-9 * total, "\(name)")
      // The actions' energies add up to the dynamic energy, as in one run's statistics.
      let actions = energy["actions"] as! [[String: Any]]
      let dynamic = actions.reduce(0.0) {
        $0 + ($1["count"] as! Double) * ($1["pj_each"] as! Double)
      }
      #expect(abs(dynamic - (energy["dynamic_pj"] as! Double)) <= 1e-9 * dynamic, "\(name)")
      // Utilisation is recomputed over the sum: busy cycles over all cycles.
      let busy = s["unit_busy_cycles"] as! [String: Int]
      let utilization = s["utilization"] as! [String: Double]
      let cycles = Double(s["cycles"] as! Int)
      for (unit, b) in busy { #expect(abs(utilization[unit]! - Double(b) / cycles) < 1e-12) }
      let roofline = s["roofline"] as! [String: Any]
      let reported = m["roofline"] as! [String: Any]
      #expect(roofline["bounds"] as? [String: Int] == reported["bounds"] as? [String: Int])
    }
    let html = dir.appendingPathComponent("r.html").path
    let p = try CommandRunner.run("qinssim", ["report", stats, "-o", html])
    #expect(p.status == 0 && p.stdout.contains("8 plots"), "\(p.stdout) \(p.stderr)")
  }
}
