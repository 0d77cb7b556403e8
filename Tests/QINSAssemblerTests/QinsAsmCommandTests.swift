import Foundation
import QBinary
import QINSSupport
import QINSTestSupport
import Testing

@Suite("qinsasm, run as a user runs it")
struct QinsAsmCommandTests {
  func write(_ text: String, _ name: String, in dir: URL) throws -> String {
    let url = dir.appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  @Test(
    "Assemble with -o, -I, -D and --listing; disassemble to a file; reassemble to the same bytes")
  func fullCycle() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    _ = try write(".const WIDTH = 4\n", "inc/sizes.qinc", in: dir)
    let src = try write(
      ".include \"sizes.qinc\"\n.const ROWS = 2\n.tensor T spad [ROWS, WIDTH] storage\nstart: li x1, ROWS\n  v.shape x1, x1\n  v.fill T, 0.5\n  halt\n",
      "prog.qasm", in: dir)
    let out = dir.appendingPathComponent("prog.qbin").path
    let lst = dir.appendingPathComponent("prog.lst").path
    var r = try CommandRunner.run(
      "qinsasm",
      [
        src, "-o", out, "-I", dir.appendingPathComponent("inc").path, "-D", "ROWS=8", "--listing",
        lst,
      ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.isEmpty)
    let listing = try String(contentsOfFile: lst, encoding: .utf8)
    #expect(listing.contains("T               spad  storage  [8, 4]"))
    #expect(listing.contains("label   start"))
    #expect(listing.contains("0x0000000000000001"))  // halt's encoding
    let dis = dir.appendingPathComponent("back.qasm").path
    r = try CommandRunner.run("qinsasm", ["--disassemble", out, "-o", dis])
    #expect(r.status == 0, "\(r.stderr)")
    let again = dir.appendingPathComponent("again.qbin").path
    r = try CommandRunner.run("qinsasm", [dis, "-o", again])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      FileManager.default.contents(atPath: out) == FileManager.default.contents(atPath: again))
    // Without -o the binary goes beside the source.
    r = try CommandRunner.run("qinsasm", [src, "-I", dir.appendingPathComponent("inc").path])
    #expect(r.status == 0)
    #expect(FileManager.default.fileExists(atPath: out))
    // Without -o, disassembly goes to standard output.
    r = try CommandRunner.run("qinsasm", ["--disassemble", out])
    #expect(r.stdout.contains("v.fill T, 0.5"))
  }

  @Test(
    "Errors: FILE:LINE:COL: error: MESSAGE on stderr, all of them, exit status 1, no output file")
  func errors() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let src = try write("nop\nfrob x1\nli x1, 1 << 40\njmp away\n", "bad.qasm", in: dir)
    let out = dir.appendingPathComponent("bad.qbin").path
    let r = try CommandRunner.run("qinsasm", [src, "-o", out])
    #expect(r.status == 1)
    #expect(r.stdout.isEmpty)
    #expect(
      r.stderr == """
        \(src):2:1: error: unknown mnemonic 'frob'
        \(src):3:8: error: immediate 1099511627776 is out of range for value of li (-2147483648...2147483647)
        \(src):4:5: error: undefined label 'away'

        """)
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test("A binary given as a program, a missing file, and -D without a value")
  func wrongInputs() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let bin = dir.appendingPathComponent("x.qbin").path
    try Data(try sampleBinary()).write(to: URL(fileURLWithPath: bin))
    var r = try CommandRunner.run(
      "qinsasm", [bin, "-o", dir.appendingPathComponent("y.qbin").path])
    #expect(r.status == 1)
    #expect(r.stderr == "\(bin):1:1: error: not a text file (it contains NUL bytes)\n")
    r = try CommandRunner.run("qinsasm", [dir.appendingPathComponent("none.qasm").path])
    #expect(r.status == 1)
    #expect(r.stderr.contains("none.qasm:1:1: error: cannot read"))
    r = try CommandRunner.run("qinsasm", [bin, "-D", "NOVALUE"])
    #expect(r.status != 0)
    #expect(r.stderr.contains("-D NOVALUE: expected NAME=VALUE"))
  }

  @Test("--disassemble: corrupt, truncated and non-qbin files end with a message and status 1")
  func corruptBinaries() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let good = try sampleBinary()
    let cases: [(String, [UInt8], String)] = [
      (
        "flipped.qbin",
        {
          var b = good
          b[good.count / 2] ^= 0xFF
          return b
        }(), "checksum mismatch: the file is corrupt"
      ),
      ("short.qbin", Array(good[0..<(good.count - 9)]), "truncated or extended"),
      ("tiny.qbin", Array(good[0..<10]), "truncated: 10 bytes, shorter than the 40-byte header"),
      ("text.qbin", Array("halt\n".utf8), "truncated: 5 bytes"),
      ("empty.qbin", [], "truncated: 0 bytes"),
    ]
    for (name, bytes, message) in cases {
      let path = dir.appendingPathComponent(name).path
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      let r = try CommandRunner.run("qinsasm", ["--disassemble", path])
      #expect(r.status == 1, "\(name)")
      #expect(
        r.stderr.hasPrefix("\(path): error: corrupt binary: \(message)"), "\(name): \(r.stderr)")
      #expect(r.stdout.isEmpty)
    }
  }

  @Test(
    "300 random programs and byte strings through the binary: exit status 0 or 1, never a crash")
  func randomThroughBinary() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var g = SeededGenerator(seed: 31)
    let good = try sampleBinary()
    for i in 0..<150 {
      let src = try write(ProgramFuzzer.randomProgram(&g), "r\(i).qasm", in: dir)
      let a = try CommandRunner.run(
        "qinsasm", [src, "-o", dir.appendingPathComponent("r.qbin").path])
      #expect(a.status == 0 || a.status == 1, "assembling \(src): status \(a.status)")
      var bytes = good
      for _ in 0..<3 {
        bytes[Int(g.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: g.next())
      }
      if i % 2 == 0 {
        bytes = (0..<Int(g.next() % 300)).map { _ in UInt8(truncatingIfNeeded: g.next()) }
      }
      let path = dir.appendingPathComponent("r\(i).qbin").path
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      let d = try CommandRunner.run("qinsasm", ["--disassemble", path])
      #expect(d.status == 1, "disassembling random bytes: status \(d.status)")
    }
  }

  @Test("--isa-reference prints the generated reference")
  func isaReference() throws {
    let r = try CommandRunner.run("qinsasm", ["--isa-reference"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("| 0x44 | `sa.matmul c[xN], a[xN], mode` | array | arrayCompute |"))
  }
}
