import Foundation
import QINSTestSupport
import Testing

/// fp32-reference is always the built-in FP32 machine; a compared machine on other hardware
/// is said to be (issue 27, point 2).
@Suite("The FP32 machine of a comparison")
struct FP32ComparisonTests {
  @Test("A machine with another clock and array is named, with what differs, in text and JSON")
  func otherHardware() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let machine = dir.appendingPathComponent("slow.json")
    try Data(#"{"name": "slow", "clock_mhz": 500, "array": {"rows": 64}}"#.utf8).write(to: machine)
    let json = dir.appendingPathComponent("t.json").path
    let r = try CommandRunner.run(
      "qinssim",
      [
        "transformer", "--seq", "16", "--hidden", "64", "--heads", "4", "--head-dim", "16",
        "--intermediate", "96", "--timing-only", "--machines", "int8,\(machine.path)", "--json",
        json,
      ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stdout.contains(
        "Note: slow is other hardware than fp32-reference (clock_mhz, array)"))
    #expect(!r.stdout.contains("Note: int8"))
    let o =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json)))
      as! [String: Any]
    let machines = o["machines"] as! [String: [String: Any]]
    #expect(machines["slow"]?["fp32_reference_differs_in"] as? [String] == ["clock_mhz", "array"])
    #expect(machines["int8"]?["fp32_reference_differs_in"] == nil)
  }
}
