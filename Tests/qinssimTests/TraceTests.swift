import Foundation
import QINSTestSupport
import Testing

/// pyvcd, an independent VCD parser from PyPI, installed on first use into .build/pydeps.
let pyvcdPath: String? = PythonPackages.install("pyvcd", module: "vcd.reader", into: "pydeps")

func checkTraces(json: String, vcd: String) throws -> (Int32, String) {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  p.arguments = [
    "python3", repositoryRoot.appendingPathComponent("Scripts/check_traces.py").path, json, vcd,
  ]
  var env = ProcessInfo.processInfo.environment
  env["PYTHONPATH"] = pyvcdPath
  p.environment = env
  let out = Pipe()
  p.standardOutput = out
  try p.run()
  let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  p.waitUntilExit()
  return (p.terminationStatus, text)
}

let smallGEMM = [
  repositoryRoot.appendingPathComponent("Programs/gemm.qasm").path, "-D", "M=64", "-D", "N=64",
  "-D", "K=64", "-D", "TM=32", "-D", "TN=32", "-D", "TK=32",
]

@Suite("Traces")
struct TraceTests {
  @Test(
    "Chrome JSON passes the event-format check and the VCD parses with pyvcd, time-ordered",
    .enabled(if: pyvcdPath != nil, "skipped: pyvcd could not be installed with pip here"))
  func tracesParse() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let json = dir.appendingPathComponent("t.json").path
    let vcd = dir.appendingPathComponent("t.vcd").path
    let r = try CommandRunner.run(
      "qinssim", ["run"] + smallGEMM + ["--trace", json, "--trace", vcd])
    #expect(r.status == 0, "\(r.stderr)")
    let (status, text) = try checkTraces(json: json, vcd: vcd)
    #expect(status == 0, "\(text)")
    #expect(text.contains("vcd ok"))
  }

  @Test(
    "Chrome trace events name their machine part, operator, layer and machine, so Perfetto can group them"
  )
  func eventArgs() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let json = dir.appendingPathComponent("t.json")
    let r = try CommandRunner.run(
      "qinssim",
      [
        "transformer", "--model", "phi-3.5-mini", "--seq", "16", "--hidden", "64", "--heads", "4",
        "--head-dim", "16", "--intermediate", "96", "--layers", "1", "--machines", "int8",
        "--trace", json.path,
      ])
    #expect(r.status == 0, "\(r.stderr)")
    let events = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [[String: Any]])
    let instructions = events.filter {
      ($0["ph"] as? String) == "X" && $0["cat"] as? String != "stall"
    }
    #expect(!instructions.isEmpty)
    var parts: Set<String> = []
    var operators: Set<String> = []
    for e in instructions {
      let args = try #require(e["args"] as? [String: Any])
      #expect(args["layer"] as? String == "1" && args["machine"] as? String == "int8")
      parts.insert(try #require(args["part"] as? String))
      operators.insert(try #require(args["operator"] as? String))
      if e["cat"] as? String == "issue" {
        #expect(args["part"] as? String == "control")
      } else {
        #expect(args["part"] as? String == e["cat"] as? String)
      }
    }
    #expect(parts.isSuperset(of: ["control", "dma", "array"]))
    // The decoder layer's program names its operators (q_proj, attention, ...).
    #expect(operators.contains("q_proj"), "\(operators.sorted())")
  }

  @Test(
    "The VCD timescale is one of IEEE 1364's units: 1 ns at 1 GHz (a unit a cycle), 1 ps at 700 MHz (1,429 units a cycle)"
  )
  func vcdTimescale() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let machine = dir.appendingPathComponent("slow.json")
    try #"{"name": "slow", "clock_mhz": 700}"#.write(to: machine, atomically: true, encoding: .utf8)
    for (preset, timescale, unitsPerCycle) in [
      ("qins-default", "1 ns", 1), (machine.path, "1 ps", 1_429),
    ] {
      let vcd = dir.appendingPathComponent("t.vcd")
      let stats = dir.appendingPathComponent("s.json")
      let r = try CommandRunner.run(
        "qinssim",
        ["run"] + smallGEMM + ["--machine", preset, "--trace", vcd.path, "--stats", stats.path])
      #expect(r.status == 0, "\(r.stderr)")
      let text = try String(contentsOf: vcd, encoding: .utf8)
      #expect(text.contains("$timescale \(timescale) $end"), "\(preset)")
      let cycles = try #require(
        (try JSONSerialization.jsonObject(with: Data(contentsOf: stats)) as? [String: Any])?[
          "cycles"] as? Int)
      let last = text.split(separator: "\n").last { $0.hasPrefix("#") }
      #expect(last == "#\(cycles * unitsPerCycle)", "\(preset): \(String(describing: last))")
    }
  }

  @Test("A run stopped by a fault writes no trace and leaves no partial file")
  func noTraceAfterFault() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let json = dir.appendingPathComponent("f.json").path
    let vcd = dir.appendingPathComponent("f.vcd").path
    let r = try CommandRunner.run(
      "qinssim", ["run"] + smallGEMM + ["--max-cycles", "2000", "--trace", json, "--trace", vcd])
    #expect(r.status == 1)
    #expect(r.stderr.contains("cycle limit reached"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
  }

  @Test("Two runs in two processes give identical statistics and trace bytes")
  func deterministic() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var outputs: [[Data]] = []
    for i in 0..<2 {
      let files = ["s\(i).json", "t\(i).json", "t\(i).vcd"].map {
        dir.appendingPathComponent($0).path
      }
      let r = try CommandRunner.run(
        "qinssim",
        ["run"] + smallGEMM + ["--stats", files[0], "--trace", files[1], "--trace", files[2]])
      #expect(r.status == 0)
      outputs.append(try files.map { try Data(contentsOf: URL(fileURLWithPath: $0)) })
    }
    #expect(outputs[0] == outputs[1])
    #expect(outputs[0][1].count > 1000 && outputs[0][2].count > 1000)
  }

  @Test("A trace name that is neither .json nor .vcd is refused")
  func badTraceName() throws {
    let r = try CommandRunner.run("qinssim", ["run"] + smallGEMM + ["--trace", "/tmp/x.txt"])
    #expect(r.status != 0)
    #expect(r.stderr.contains("must end in .json (Chrome trace) or .vcd"))
  }
}
