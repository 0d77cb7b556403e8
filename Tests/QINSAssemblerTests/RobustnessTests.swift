import FPINSISA
import Foundation
import QBinary
import QINSAssembler
import QINSSupport
import QINSTestSupport
import Testing

/// Random and mutated programs: the assembler must always return, with an image or with
/// errors, and never trap. A trap would kill the test process, failing the run.
enum ProgramFuzzer {
  static let fragments: [String] = [
    "li x1, 5", "add x1, x2, x3", "blt x1, x2, L", "L:", "jmp L", "halt", ".const C = 3 * (2 + 1)",
    ".tensor T spad [4, 4] storage", "dma.copy T[x1], T, 2", "sa.matmul T, T, acc",
    "v.cvt T, T, fit",
    ".macro M a\n li a, 1\n.endm", "M x3", "sfu.eps 1e-12", ".include \"x.qinc\"", "@3", "[", "]",
    ",",
    "((1 << 62) * 4)", "0x", "0b2", "\"str", "\\@", "x31", "x32", "-", "~", ".endm", ".macro", "=",
    "1/0", "cdiv(7, 0)", "f32bits(1 << 40)", "nan", "sqrt(-1)", ".loc \"f\" 1 2", "wait all", ";c",
  ]

  static func randomProgram(_ g: inout SeededGenerator) -> String {
    var lines: [String] = []
    for _ in 0..<(1 + Int(g.next() % 12)) {
      var line = ""
      for _ in 0..<(1 + Int(g.next() % 4)) {
        line +=
          fragments[Int(g.next() % UInt64(fragments.count))] + (g.next() % 2 == 0 ? " " : ", ")
      }
      lines.append(line)
    }
    return lines.joined(separator: "\n")
  }

  static func mutate(_ text: String, _ g: inout SeededGenerator) -> String {
    var bytes = Array(text.utf8)
    for _ in 0..<(1 + Int(g.next() % 6)) where !bytes.isEmpty {
      let i = Int(g.next() % UInt64(bytes.count))
      switch g.next() % 4 {
      case 0: bytes[i] = UInt8(truncatingIfNeeded: g.next())
      case 1: bytes.remove(at: i)
      case 2: bytes.insert(bytes[Int(g.next() % UInt64(bytes.count))], at: i)
      default:
        let alphabet = Array(",[]():;\"\\@x.-".utf8)
        bytes.insert(alphabet[Int(g.next() % UInt64(alphabet.count))], at: i)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

@Suite("Robustness")
struct RobustnessTests {
  @Test("5,000 random and mutated programs: always an image or errors, never a trap")
  func fuzzAssembler() throws {
    var g = SeededGenerator(seed: 2026)
    let seeds = try programFiles.map { try String(contentsOfFile: $0, encoding: .utf8) }
    var accepted = 0
    for i in 0..<5000 {
      let text =
        i % 2 == 0
        ? ProgramFuzzer.randomProgram(&g) : ProgramFuzzer.mutate(seeds[i % seeds.count], &g)
      let r = Assembler.assemble(
        source: text, name: "fuzz.qasm",
        options: AssemblyOptions(includePaths: [
          repositoryRoot.appendingPathComponent("Programs").path
        ]))
      if let image = r.image {
        accepted += 1
        #expect(!r.diagnostics.contains { $0.severity == .error })
        // Whatever assembles must survive the binary round trip.
        let bytes = BinaryWriter.bytes(of: image)
        #expect(try BinaryReader.image(from: bytes) == image)
      } else {
        #expect(
          r.diagnostics.contains { $0.severity == .error }, "no image and no error for: \(text)")
      }
    }
    #expect(accepted > 50)  // the mutations leave some programs valid
  }

  @Test("20,000 random byte strings and mutated binaries: the reader always answers")
  func fuzzReader() throws {
    var g = SeededGenerator(seed: 77)
    let valid = try programFiles.map { path in
      BinaryWriter.bytes(of: try #require(Assembler.assemble(file: path).image))
    }
    for i in 0..<20_000 {
      var bytes: [UInt8]
      if i % 2 == 0 {
        bytes = (0..<Int(g.next() % 200)).map { _ in UInt8(truncatingIfNeeded: g.next()) }
        if i % 4 == 0 && bytes.count >= 4 { bytes.replaceSubrange(0..<4, with: Array("QBIN".utf8)) }
      } else {
        bytes = valid[i % valid.count]
        for _ in 0..<(1 + Int(g.next() % 3)) {
          bytes[Int(g.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: g.next())
        }
        if g.next() % 3 == 0 { bytes.removeLast(Int(g.next() % UInt64(bytes.count))) }
      }
      if let image = try? BinaryReader.image(from: bytes) {
        #expect(BinaryWriter.bytes(of: image) == bytes)
      }
    }
  }
}
