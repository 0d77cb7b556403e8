import FPINSISA
import Foundation
import QBinary
import QINSAssembler
import QINSTestSupport
import Testing

/// Every program in Programs/, found on disk so that a new program is tested without
/// touching this file.
let programFiles: [String] = {
  let dir = repositoryRoot.appendingPathComponent("Programs")
  let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
  return names.filter { $0.hasSuffix(".qasm") }.sorted().map { dir.appendingPathComponent($0).path }
}()

@Suite("Programs/")
struct ProgramsTests {
  @Test("There are programs, each opening with a comment saying what it computes")
  func programsExist() throws {
    #expect(programFiles.count >= 4)
    for path in programFiles {
      let text = try String(contentsOfFile: path, encoding: .utf8)
      #expect(text.hasPrefix("; "), "\(path) should open with a comment")
    }
  }

  @Test(
    "Every program assembles with no flags, and disassembling then assembling gives identical bytes",
    arguments: programFiles)
  func roundTrip(path: String) throws {
    let first = Assembler.assemble(file: path)
    #expect(first.diagnostics.isEmpty, "\(first.diagnostics.map(\.description))")
    let image = try #require(first.image)
    let bytes = BinaryWriter.bytes(of: image)
    let text = Disassembler.text(of: try BinaryReader.image(from: bytes), source: path)
    let second = Assembler.assemble(source: text, name: "disassembly.qasm")
    #expect(second.diagnostics.isEmpty, "\(second.diagnostics.map(\.description))")
    let again = try #require(second.image)
    #expect(BinaryWriter.bytes(of: again) == bytes)
  }

  @Test("Together the programs use every functional unit and every operand kind")
  func coverage() throws {
    var units = Set<FunctionalUnit>()
    var kinds = Set<OperandKind>()
    for path in programFiles {
      let image = try #require(Assembler.assemble(file: path).image)
      for i in image.instructions {
        units.insert(i.spec.unit)
        for op in i.spec.operands { kinds.insert(op.kind) }
      }
    }
    #expect(units == Set(FunctionalUnit.allCases))
    #expect(kinds == Set(OperandKind.allCases))
  }

  @Test("-D overrides a constant: the GEMM at Phi-3.5's projection size")
  func overrides() throws {
    let gemm = programFiles.first { $0.hasSuffix("gemm.qasm") }!
    var options = AssemblyOptions()
    options.defines = [("M", "128"), ("K", "3072"), ("N", "3 * 1024")]
    let result = Assembler.assemble(file: gemm, options: options)
    let image = try #require(result.image)
    let a = try #require(image.tensors.first { $0.name == "A" })
    #expect(a.shape == [128, 3072])
    #expect(image.tensors.first { $0.name == "B" }?.shape == [3072, 3072])
    #expect(image.symbols.contains { $0.name == "N" && $0.value == 3072 })
  }
}
