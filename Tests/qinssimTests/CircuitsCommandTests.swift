import Foundation
import QINSTestSupport
import Testing

/// `qinssim circuits`, run as a user runs it.
@Suite struct CircuitsCommandTests {
  static let yosysInstalled = FileManager.default.isExecutableFile(atPath: "/usr/bin/yosys")

  @Test(
    "--list names every circuit with its module; an unknown circuit is a usage error naming the known ones"
  )
  func listAndRefuse() throws {
    let list = try CommandRunner.run("qinssim", ["circuits", "--list"])
    #expect(list.status == 0)
    for name in [
      "pe-fp32", "pe-int8", "pe-qins-seed", "pe-qins-decoded", "alu-lane", "fp32-to-qins8",
    ] {
      #expect(list.stdout.contains(name))
    }
    let bad = try CommandRunner.run("qinssim", ["circuits", "--circuit", "pe-int9"])
    #expect(bad.status == 64)
    #expect(bad.stderr.contains("unknown circuit 'pe-int9'") && bad.stderr.contains("pe-int8"))
    #expect(bad.stdout.isEmpty)
  }

  @Test(
    "one circuit synthesized: a table row and the JSON report agree",
    .enabled(if: yosysInstalled, "yosys is not installed (apt-get install yosys)"))
  func synthesizeOne() throws {
    let folder = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let json = folder.appendingPathComponent("c.json")
    let run = try CommandRunner.run(
      "qinssim", ["circuits", "--circuit", "pe-int8", "--json", json.path])
    #expect(run.status == 0, "\(run.stderr)")
    let rows = try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as! [[String: Any]]
    #expect(rows.count == 1)
    let synthesis = rows[0]["synthesis"] as! [String: Any]
    let transistors = synthesis["transistors"] as! Int
    let line = run.stdout.split(separator: "\n").first { $0.hasPrefix("pe-int8") }!
    let fields = line.split(separator: " ")
    #expect(Int(fields[3]) == transistors)
    #expect(Int(fields[4]) == (transistors + 2) / 4 || Int(fields[4]) == transistors / 4)
  }
}
