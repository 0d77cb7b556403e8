import Foundation
import QINSTestSupport
import Testing

/// SIGINT and SIGTERM lose no work and leave no partial file (issue 27, point 8).
@Suite("Signals")
struct SignalTests {
  /// An endless loop on the ALU.
  static let endless = """
    ; an endless loop that keeps the ALU busy
    .tensor A spad [64, 64] fp32
    .tensor B spad [64, 64] fp32
    .operator spin
        li x1, 64
        v.shape x1, x1
    loop:
        v.neg B, A
        jmp loop
    """

  /// Starts `qinssim arguments`; its standard error goes to `stderr`.
  func start(_ arguments: [String], stderr: URL) throws -> Process {
    let p = Process()
    p.executableURL = CommandRunner.productsDirectory.appendingPathComponent("qinssim")
    p.arguments = arguments
    p.standardOutput = FileHandle.nullDevice
    _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
    p.standardError = try FileHandle(forWritingTo: stderr)
    try p.run()
    return p
  }

  /// Waits until `condition` holds or the process ends.
  func wait(for p: Process, until condition: () -> Bool) {
    while p.isRunning && !condition() { usleep(2_000) }
  }

  /// Whether process `pid` catches SIGINT and SIGTERM (its handlers are installed).
  func catchesSignals(_ pid: Int32) -> Bool {
    // /proc files report no size: read them to the end.
    guard let handle = FileHandle(forReadingAtPath: "/proc/\(pid)/status") else { return false }
    let status = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
    guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigCgt:") }),
      let mask = UInt64(line.dropFirst(7).trimmingCharacters(in: .whitespaces), radix: 16)
    else { return false }
    return mask & (1 << 1) != 0 && mask & (1 << 14) != 0
  }

  /// The size of a file, 0 when it is missing.
  func size(_ path: String) -> Int {
    var s = stat()
    return stat(path, &s) == 0 ? Int(s.st_size) : 0
  }

  func partialFiles(_ dir: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter {
      $0.contains(".partial-")
    }
  }

  @Test(
    "run: a signal stops it at an instruction boundary; statistics and traces are written, marked interrupted; 130 and 143",
    arguments: [SIGINT, SIGTERM])
  func run(signal: Int32) throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let program = dir.appendingPathComponent("loop.qasm")
    try Data(Self.endless.utf8).write(to: program)
    let trace = dir.appendingPathComponent("t.json").path
    let vcd = dir.appendingPathComponent("t.vcd").path
    let stats = dir.appendingPathComponent("s.json").path
    let err = dir.appendingPathComponent("err.txt")
    let p = try start(
      [
        "run", program.path, "--trace", trace, "--trace", vcd, "--stats", stats, "--max-cycles",
        "1000000000000",
      ], stderr: err)
    // Running: the Chrome trace's partial file has grown past its first buffer.
    wait(for: p) {
      partialFiles(dir).contains {
        $0.hasPrefix(".t.json") && size(dir.appendingPathComponent($0).path) > 0
      }
    }
    #expect(p.isRunning)
    kill(p.processIdentifier, signal)
    p.waitUntilExit()
    #expect(p.terminationStatus == 128 + signal)
    let message = try String(contentsOf: err, encoding: .utf8)
    #expect(message.contains("interrupted by \(signal == SIGINT ? "SIGINT" : "SIGTERM")"))
    #expect(partialFiles(dir).isEmpty)
    let s =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: stats)))
      as! [String: Any]
    #expect(s["interrupted"] as? Bool == true && (s["cycles"] as! Int) > 0)
    let events =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: trace)))
      as! [[String: Any]]
    #expect(events.contains { $0["name"] as? String == "interrupted" })
    let v = try String(contentsOfFile: vcd, encoding: .utf8)
    #expect(v.hasSuffix(" $end\n") && v.contains("$comment interrupted at cycle "))
  }

  @Test("A command stopped outside a simulation ends at once: 130, no output, no partial file")
  func transformer() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let json = dir.appendingPathComponent("t.json").path
    let err = dir.appendingPathComponent("err.txt")
    let p = try start(
      ["transformer", "--model", "phi-3.5-mini", "--seq", "128", "--json", json], stderr: err)
    wait(for: p) { catchesSignals(p.processIdentifier) }
    #expect(p.isRunning)
    kill(p.processIdentifier, SIGINT)
    p.waitUntilExit()
    #expect(p.terminationStatus == 130)
    #expect(!FileManager.default.fileExists(atPath: json))
    #expect(partialFiles(dir).isEmpty)
  }

  @Test("A run that fails keeps the previous trace")
  func failedRunKeepsTrace() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let program = dir.appendingPathComponent("loop.qasm")
    try Data(Self.endless.utf8).write(to: program)
    let trace = dir.appendingPathComponent("t.json")
    try Data("old trace".utf8).write(to: trace)
    let r = try CommandRunner.run(
      "qinssim", ["run", program.path, "--trace", trace.path, "--max-cycles", "10000"])
    #expect(r.status == 1 && r.stderr.contains("cycle limit reached"))
    #expect(try String(contentsOf: trace, encoding: .utf8) == "old trace")
    #expect(partialFiles(dir).isEmpty)
  }

  @Test(
    "sweep: an interrupted sweep writes no point for the work it stopped; run again, it equals a whole run"
  )
  func sweep() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let spec = dir.appendingPathComponent("layers.toml").path
    try Data(SweepCommandTests.transformerSpec.utf8).write(to: URL(fileURLWithPath: spec))
    let whole = dir.appendingPathComponent("whole").path
    #expect(try CommandRunner.run("qinssim", ["sweep", spec, "-o", whole]).status == 0)
    let out = dir.appendingPathComponent("stopped").path
    let err = dir.appendingPathComponent("err.txt")
    let p = try start(["sweep", spec, "-o", out, "--threads", "1"], stderr: err)
    // Stopped once its first point is written (or when it has finished, on a fast host).
    let points = out + "/points"
    wait(for: p) {
      !(((try? FileManager.default.contentsOfDirectory(atPath: points)) ?? []).filter {
        $0.hasPrefix("point-")
      }.isEmpty)
    }
    kill(p.processIdentifier, SIGINT)
    p.waitUntilExit()
    #expect([0, 130].contains(p.terminationStatus))
    // No point records an error: the one the signal stopped was not written.
    for f in (try? FileManager.default.contentsOfDirectory(atPath: points)) ?? [] {
      let text = try String(contentsOfFile: points + "/" + f, encoding: .utf8)
      #expect(!text.contains("interrupted"), "\(f)")
    }
    #expect(partialFiles(URL(fileURLWithPath: points)).isEmpty)
    let again = try CommandRunner.run("qinssim", ["sweep", spec, "-o", out])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(
      try String(contentsOfFile: out + "/results.csv", encoding: .utf8)
        == String(contentsOfFile: whole + "/results.csv", encoding: .utf8))
  }
}
