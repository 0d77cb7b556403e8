import QBinary
import QINSAssembler
import Testing

@Suite("Operators: .operator in source, kind 3 in SYMS")
struct OperatorDirectiveTests {
  @Test("An operator runs from its first instruction to the next operator's")
  func ranges() throws {
    let r = assemble([
      "main.qasm": """
      .macro STEP name
      .operator name
          addi x1, x1, 1
      .endm
          li x1, 0
      .operator setup
      setup:
          li x2, 3
          STEP grow
          STEP grow_again
          halt
      """
    ])
    #expect(r.diagnostics.isEmpty, "\(messages(r))")
    let image = try #require(r.image)
    let ranges = image.operatorRanges
    #expect(ranges.map(\.name) == ["setup", "grow", "grow_again"])
    #expect(ranges.map(\.instructions) == [1..<2, 2..<3, 3..<5])
    // An operator may share a label's name: operators have their own namespace.
    #expect(image.symbols.contains { $0.name == "setup" && $0.kind == .label && $0.value == 1 })
    #expect(image.symbols.contains { $0.name == "setup" && $0.kind == .operator && $0.value == 1 })
  }

  @Test("Disassembly writes the operators back: the same bytes")
  func roundTrip() throws {
    let image = try #require(
      assemble(["main.qasm": ".operator a\nli x1, 1\n.operator b\nloop: li x2, 2\nhalt\n"]).image)
    let bytes = BinaryWriter.bytes(of: image)
    let text = Disassembler.text(of: try BinaryReader.image(from: bytes), source: "main.qasm")
    #expect(text.contains(".operator a\n") && text.contains(".operator b\nloop:\n"))
    let again = try #require(Assembler.assemble(source: text, name: "d.qasm").image)
    #expect(BinaryWriter.bytes(of: again) == bytes)
  }

  @Test("Bad operators are refused where they are written")
  func errors() {
    func errors(_ source: String) -> [String] {
      let r = assemble(["main.qasm": source])
      #expect(r.image == nil)
      return messages(r)
    }
    #expect(
      errors(".operator a\nli x1, 1\n.operator a\nhalt\n") == [
        "main.qasm:3:11: error: operator 'a' is already defined at main.qasm:1:11"
      ])
    #expect(
      errors(".operator a\n.operator b\nhalt\n") == [
        "main.qasm:2:11: error: operator 'a' (main.qasm:1:11) holds no instructions: 'b' begins at the same place"
      ])
    #expect(
      errors("halt\n.operator late\n") == [
        "main.qasm:2:11: error: operator 'late' holds no instructions: no instruction follows it"
      ])
    #expect(errors(".operator x3\nhalt\n") == ["main.qasm:1:11: error: 'x3' is a register name"])
    #expect(errors(".operator a b\nhalt\n") == ["main.qasm:1:1: error: .operator takes one name"])
    #expect(errors(".operator\nhalt\n") == ["main.qasm:1:1: error: .operator takes one name"])
  }

  @Test("The reader refuses operators beyond the code, sharing a start, or named twice")
  func reader() throws {
    let image = try #require(assemble(["main.qasm": "li x1, 1\nhalt\n"]).image)
    func refused(_ symbols: [Symbol]) -> String? {
      var bad = image
      bad.symbols = symbols
      do {
        _ = try BinaryReader.image(from: BinaryWriter.bytes(of: bad))
        return nil
      } catch {
        return "\(error)"
      }
    }
    #expect(
      refused([Symbol(name: "a", kind: .operator, value: 2)])
        == "symbol 0 (a): operator begins beyond the code")
    #expect(
      refused([
        Symbol(name: "a", kind: .operator, value: 1), Symbol(name: "b", kind: .operator, value: 1),
      ]) == "symbol 1 (b): another operator begins at instruction 1")
    #expect(
      refused([
        Symbol(name: "a", kind: .operator, value: 0), Symbol(name: "a", kind: .operator, value: 1),
      ]) == "symbol 1: invalid, reserved or duplicate name 'a'")
    #expect(
      refused([
        Symbol(name: "a", kind: .label, value: 0), Symbol(name: "a", kind: .operator, value: 1),
      ]) == nil)
  }
}
