import FPINSISA
import Foundation
import QINSAssembler
import QINSSupport
import QINSTestSupport
import Testing

@Suite("The ISA definition")
struct ISADefinitionTests {
  @Test("Every operation has exactly one instruction, in the table's order; groups likewise")
  func operationsAndGroups() {
    #expect(InstructionSet.all.map(\.operation) == InstructionOperation.allCases)
    #expect(
      InstructionGroup.allCases.filter { g in InstructionSet.all.contains { $0.group == g } }
        == InstructionGroup.allCases)
  }

  @Test("Opcodes and mnemonics are unique and every instruction fits in 64 bits")
  func uniqueAndFits() {
    #expect(Set(InstructionSet.all.map(\.opcode)).count == InstructionSet.all.count)
    #expect(Set(InstructionSet.all.map(\.mnemonic)).count == InstructionSet.all.count)
    for spec in InstructionSet.all {
      #expect(8 + spec.operandBits <= 64, "\(spec.mnemonic) needs \(8 + spec.operandBits) bits")
      #expect(InstructionSet.groups.contains { $0.name == spec.group.rawValue }, "\(spec.mnemonic)")
    }
  }

  @Test("The instruction classes the brief asks for are all present")
  func coverage() {
    let m = Set(InstructionSet.all.map(\.mnemonic))
    for required in [
      "li", "add", "addi", "beq", "blt", "jmp", "halt", "wait", "dma.copy", "dma.wait", "v.add",
      "v.sub", "v.mul", "v.rcp", "v.max", "v.cvt", "sa.config", "sa.load", "sa.matmul",
      "sfu.softmax", "sfu.layernorm", "sfu.rmsnorm", "sfu.silu", "sfu.gelu", "sfu.exp", "sfu.rsqrt",
      "sfu.rope", "sfu.add", "sfu.mul",
    ] {
      #expect(m.contains(required), "missing \(required)")
    }
    #expect(Set(InstructionSet.all.map(\.unit)) == Set(FunctionalUnit.allCases))
  }

  @Test("wait's keywords select units: every keyword one unit or all asynchronous ones")
  func waitKeywords() {
    let names = OperandKind.units.keywords
    for (i, name) in names.enumerated() {
      let units = FunctionalUnit.waited(keyword: i)
      if name == "all" {
        #expect(units == [.dma, .alu, .sfu, .array])
      } else {
        #expect(units == [FunctionalUnit(rawValue: name)!])
      }
    }
    #expect(FunctionalUnit.waited(keyword: names.count) == nil)
    #expect(!FunctionalUnit.asynchronous.contains(.control))
  }

  /// A random value for an operand of `kind`.
  static func randomOperand(_ kind: OperandKind, _ g: inout SeededGenerator) -> OperandValue {
    switch kind {
    case .register: .register(UInt8(g.next() % 32))
    case .tensor: .tensor(UInt16(g.next() % 1024))
    case .memory: .memory(tensor: UInt16(g.next() % 1024), offset: UInt8(g.next() % 32))
    case .immediate: .immediate(Int32(truncatingIfNeeded: g.next()))
    case .float: .float(UInt32(truncatingIfNeeded: g.next()))
    case .target: .target(UInt32(g.next() % (1 << 24)))
    case .tag: .tag(UInt8(g.next() % 16))
    case .dataflow, .accumulate, .units, .scaling:
      .keyword(UInt8(g.next() % UInt64(kind.keywords.count)))
    }
  }

  @Test("Encoding then decoding gives back every instruction, for random operands")
  func encodeDecodeRoundTrip() throws {
    var g = SeededGenerator(seed: 5)
    for spec in InstructionSet.all {
      for _ in 0..<200 {
        let instruction = Instruction(spec, spec.operands.map { Self.randomOperand($0.kind, &g) })
        let decoded = try Instruction(word: instruction.word)
        #expect(decoded == instruction)
        #expect(UInt8(truncatingIfNeeded: instruction.word) == spec.opcode)
      }
    }
  }

  @Test("Decoding refuses unknown opcodes, set reserved bits and invalid keywords")
  func decodingErrors() {
    #expect(throws: Instruction.DecodingError.unknownOpcode(0xFF)) { try Instruction(word: 0xFF) }
    #expect(throws: Instruction.DecodingError.reservedBitsSet(mnemonic: "halt")) {
      try Instruction(word: 0x01 | 1 << 40)
    }
    // sa.config with dataflow field 3 (only ws, os, is exist).
    #expect(
      throws: Instruction.DecodingError.fieldOutOfRange(
        mnemonic: "sa.config", operand: "dataflow", value: 3)
    ) {
      try Instruction(word: 0x40 | 3 << 8)
    }
  }

  @Test("Docs/isa.md holds exactly the reference generated from the definition")
  func docsMatchDefinition() throws {
    let doc = try String(
      contentsOf: repositoryRoot.appendingPathComponent("Docs/isa.md"), encoding: .utf8)
    let begin = try #require(doc.range(of: ISAReference.beginMarker))
    let end = try #require(doc.range(of: ISAReference.endMarker))
    let generated = String(doc[begin.upperBound..<end.lowerBound]).trimmingCharacters(
      in: .whitespacesAndNewlines)
    #expect(
      generated == ISAReference.markdown.trimmingCharacters(in: .whitespacesAndNewlines),
      "Docs/isa.md is stale: regenerate the section with qinsasm --isa-reference")
    for spec in InstructionSet.all { #expect(doc.contains("`\(spec.syntax)`")) }
  }
}
