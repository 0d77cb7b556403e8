import Foundation
import QINSTestSupport
import Testing

/// Runs `product` with its standard output sent to `/dev/full` (every write fails: disk full).
private func runIntoFullDevice(_ product: String, _ arguments: [String]) throws -> Int32 {
  let process = Process()
  process.executableURL = CommandRunner.productsDirectory.appendingPathComponent(product)
  process.arguments = arguments
  process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
  process.standardError = FileHandle.nullDevice
  try process.run()
  process.waitUntilExit()
  return process.terminationStatus
}

@Suite("Outputs never destroy a file; failures never exit 0")
struct OutputSafetyTests {
  @Test("An output that is an input, or two outputs that are one file: exit 64, nothing written")
  func overlapsRefused() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let program = dir.appendingPathComponent("p.qasm").path
    let source = "halt\n"
    try source.write(toFile: program, atomically: false, encoding: .utf8)
    let stats = dir.appendingPathComponent("s.json").path
    for (product, arguments) in [
      ("qinsasm", [program, "-o", program]),
      ("qinsasm", [program, "-o", dir.path + "/./p.qasm"]),
      ("qinssim", ["run", program, "--stats", program]),
      ("qinssim", ["run", program, "--stats", stats, "--trace", stats]),
      ("qinssim", ["run", program, "--dump", "x=\(program)"]),
      ("qinssim", ["run", program, "--stats", dir.path]),
      ("qinssim", ["run", program, "--stats", dir.path + "/missing/s.json"]),
      (
        "qinssim",
        ["transformer", "--model", "minilm-l6", "--seq", "16", "--json", stats, "--output", stats]
      ),
    ] {
      let r = try CommandRunner.run(product, arguments)
      #expect(r.status == 64, "\(product) \(arguments): \(r.stderr)")
      #expect(r.stdout.isEmpty)
    }
    #expect(try String(contentsOfFile: program, encoding: .utf8) == source)
    #expect(!FileManager.default.fileExists(atPath: stats))
  }

  @Test(
    "A standard output that cannot be written (disk full) exits 1, --help included",
    .enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
  func standardOutputFull() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let program = dir.appendingPathComponent("p.qasm").path
    try "halt\n".write(toFile: program, atomically: false, encoding: .utf8)
    #expect(try runIntoFullDevice("qinssim", ["run", program]) == 1)
    #expect(try runIntoFullDevice("qinssim", ["machine", "show"]) == 1)
    #expect(try runIntoFullDevice("qinsasm", ["--help"]) == 1)
    #expect(try runIntoFullDevice("qinsasm", [program, "--disassemble"]) != 0)
  }

  @Test("--stats onto /dev/full fails (exit 1) and leaves the device a device")
  func statsOntoDevice() throws {
    guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let program = dir.appendingPathComponent("p.qasm").path
    try "halt\n".write(toFile: program, atomically: false, encoding: .utf8)
    let r = try CommandRunner.run("qinssim", ["run", program, "--stats", "/dev/full"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("/dev/full: cannot write"))
    var s = stat()
    stat("/dev/full", &s)
    #expect(s.st_mode & S_IFMT == S_IFCHR)
    let null = try CommandRunner.run("qinssim", ["run", program, "--stats", "/dev/null"])
    #expect(null.status == 0, "\(null.stderr)")
  }

  @Test(
    "A trace whose writes fail (a link to /dev/full) ends the run with exit 1, every time",
    .enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
  func traceOntoFullDevice() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let program = dir.appendingPathComponent("p.qasm").path
    try "loop: jmp loop\n".write(toFile: program, atomically: false, encoding: .utf8)
    for ext in ["json", "vcd"] {
      let link = dir.appendingPathComponent("t.\(ext)").path
      try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/full")
      // The probe saw memory corruption in a third of such runs: run it several times.
      for _ in 0..<4 {
        let r = try CommandRunner.run(
          "qinssim", ["run", program, "--trace", link, "--max-cycles", "20000"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("No space left on device"), "\(r.stderr)")
      }
    }
  }

  @Test("An endless loop with --trace stops at --max-trace-bytes; the old trace is kept")
  func traceLimit() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let program = dir.appendingPathComponent("loop.qasm").path
    try "loop: jmp loop\n".write(toFile: program, atomically: false, encoding: .utf8)
    let trace = dir.appendingPathComponent("t.json").path
    try "old".write(toFile: trace, atomically: false, encoding: .utf8)
    let r = try CommandRunner.run(
      "qinssim", ["run", program, "--trace", trace, "--max-trace-bytes", "100000"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("more than 100000 bytes"), "\(r.stderr)")
    #expect(try String(contentsOfFile: trace, encoding: .utf8) == "old")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == [
        "loop.qasm", "t.json",
      ])
    // Without a trace the default cycle limit ends it too (10^10 cycles would take minutes in
    // a debug build, so the limit is lowered here; the default is in --help).
    let limited = try CommandRunner.run("qinssim", ["run", program, "--max-cycles", "5000"])
    #expect(limited.status == 1)
    #expect(limited.stderr.contains("cycle limit reached"), "\(limited.stderr)")
  }

  @Test("Negative and out-of-range numbers get a message naming the option, exit 64")
  func numbersOnTheCommandLine() throws {
    for (arguments, text) in [
      (["transformer", "--seq", "-16"], "--seq must be"),
      (["transformer", "--layers=-1"], "--layers must be"),
      (["gemm", "--m", "-5", "--n", "4", "--k", "4"], "--m must be"),
      (["transformer", "--threads", "-2"], "--threads must be"),
    ] {
      let r = try CommandRunner.run("qinssim", arguments)
      #expect(r.status == 64, "\(arguments): \(r.stderr)")
      #expect(r.stderr.contains(text), "\(arguments): \(r.stderr)")
    }
    let r = try CommandRunner.run("qinssim", ["transformer", "--programs", "/nonexistent-dir"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("--programs /nonexistent-dir: no such directory"), "\(r.stderr)")
  }
}
