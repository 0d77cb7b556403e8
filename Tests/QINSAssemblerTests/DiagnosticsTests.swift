import QBinary
import QINSAssembler
import Testing

/// Assembles `main` from an in-memory set of files.
func assemble(
  _ files: [String: String], main: String = "main.qasm", defines: [(String, String)] = [],
  includePaths: [String] = []
) -> AssemblyResult {
  var options = AssemblyOptions(includePaths: includePaths)
  options.defines = defines.map { (name: $0.0, value: $0.1) }
  let bytes = files.mapValues { Array($0.utf8) }
  options.readFile = { bytes[$0] }
  options.fileExists = { bytes[$0] != nil }
  return Assembler.assemble(file: main, options: options)
}

/// The diagnostics' printed forms.
func messages(_ r: AssemblyResult) -> [String] { r.diagnostics.map(\.description) }

@Suite("Assembler diagnostics")
struct DiagnosticsTests {
  @Test("Unknown mnemonic")
  func unknownMnemonic() {
    let r = assemble(["main.qasm": "    li x1, 1\n    lod x2, 3\n"])
    #expect(r.image == nil)
    #expect(messages(r) == ["main.qasm:2:5: error: unknown mnemonic 'lod'"])
  }

  @Test("Wrong operand kind: a number where a register goes, a register where a tensor goes")
  func wrongOperandKind() {
    let r = assemble([
      "main.qasm": ".tensor T spad [4] storage\n  add x1, 5, x2\n  dma.copy x3, T, 0\n"
    ])
    #expect(
      messages(r) == [
        "main.qasm:2:11: error: operand xa of add must be a register x0...x31, not '5'",
        "main.qasm:3:12: error: operand dst of dma.copy must be a declared tensor with an optional [xN] offset, not 'x3'",
      ])
  }

  @Test("Wrong operand count")
  func operandCount() {
    #expect(
      messages(assemble(["main.qasm": "add x1, x2\n"])) == [
        "main.qasm:1:1: error: add takes 3 operands (xd, xa, xb), got 2"
      ])
  }

  @Test("Immediates out of range: li, tag, shift")
  func immediateOutOfRange() {
    let r = assemble(["main.qasm": "li x1, 1 << 31\ndma.wait 16\nli x2, 1 << 64\n"])
    #expect(
      messages(r) == [
        "main.qasm:1:8: error: immediate 2147483648 is out of range for value of li (-2147483648...2147483647)",
        "main.qasm:2:10: error: immediate 16 is out of range for tag of dma.wait (0...15)",
        "main.qasm:3:10: error: shift by 64 is out of range 0...63",
      ])
  }

  @Test("Undefined and duplicate labels")
  func labels() {
    let r = assemble(["main.qasm": "top:\n  jmp nowhere\ntop:\n  halt\n"])
    #expect(
      messages(r) == [
        "main.qasm:3:1: error: 'top' is already defined at main.qasm:1:1",
        "main.qasm:2:7: error: undefined label 'nowhere'",
      ])
  }

  @Test("Include not found, naming where it looked")
  func includeNotFound() {
    let r = assemble(
      ["dir/main.qasm": ".include \"lib.qinc\"\n"], main: "dir/main.qasm", includePaths: ["inc"])
    #expect(
      messages(r) == [
        "dir/main.qasm:1:10: error: include file 'lib.qinc' not found (searched dir/lib.qinc, inc/lib.qinc)"
      ])
  }

  @Test("Recursive include")
  func recursiveInclude() {
    let r = assemble([
      "main.qasm": ".include \"a.qinc\"\n", "a.qinc": ".include \"b.qinc\"\n",
      "b.qinc": "nop\n.include \"a.qinc\"\n",
    ])
    #expect(messages(r) == ["b.qinc:2:10: error: recursive include of 'a.qinc'"])
  }

  @Test("Includes: the including file's directory first, then -I in order")
  func includeOrder() throws {
    let files = [
      "src/main.qasm": ".include \"k.qinc\"\nli x1, K\n",
      "src/k.qinc": ".const K = 1\n",
      "inc/k.qinc": ".const K = 2\n",
    ]
    let local = try #require(assemble(files, main: "src/main.qasm", includePaths: ["inc"]).image)
    #expect(local.symbols.first { $0.name == "K" }?.value == 1)
    var other = files
    other["src/k.qinc"] = nil
    let fromPath = try #require(assemble(other, main: "src/main.qasm", includePaths: ["inc"]).image)
    #expect(fromPath.symbols.first { $0.name == "K" }?.value == 2)
  }

  @Test("Macro misuse: wrong argument count, recursion, .endm alone, no .endm, nested definition")
  func macroMisuse() {
    let r = assemble([
      "main.qasm": """
      .macro TWO a, b
          add x1, a, b
      .endm
          TWO x2
      .macro LOOP
          LOOP
      .endm
          LOOP
      .endm
      .macro OPEN
          nop
      """
    ])
    let m = messages(r)
    #expect(m.contains("main.qasm:4:5: error: macro 'TWO' takes 2 arguments, got 1"))
    #expect(
      m.contains(
        "main.qasm:8:5: error: macro expansion nested more than 64 deep (does 'LOOP' call itself?) (in macro LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP <- LOOP)"
      ))
    #expect(m.contains("main.qasm:9:1: error: .endm without .macro"))
    #expect(m.contains("main.qasm:10:8: error: macro 'OPEN' has no .endm"))
    #expect(m.count == 4)
  }

  @Test("Errors inside a macro name the macro, at the line that invoked it")
  func errorInMacro() {
    let r = assemble(["main.qasm": ".macro SETUP r\n  li r, 99999999999\n.endm\n  SETUP x4\n"])
    #expect(
      messages(r) == [
        "main.qasm:4:3: error: immediate 99999999999 is out of range for value of li (-2147483648...2147483647) (in macro SETUP)"
      ])
  }

  @Test("A file that is not text")
  func notText() {
    var options = AssemblyOptions()
    options.readFile = { _ in [0x51, 0x42, 0x49, 0x4E, 0, 1, 2, 0xFF] }
    options.fileExists = { _ in true }
    let r = Assembler.assemble(file: "prog.qbin", options: options)
    #expect(messages(r) == ["prog.qbin:1:1: error: not a text file (it contains NUL bytes)"])
    options.readFile = { _ in [0x6E, 0x6F, 0x70, 0xC3, 0x28] }
    #expect(
      messages(Assembler.assemble(file: "latin.qasm", options: options)) == [
        "latin.qasm:1:1: error: not a text file (it is not valid UTF-8)"
      ])
  }

  @Test("All errors of a file in one run, in source order per pass")
  func manyErrors() {
    let r = assemble(["main.qasm": "frob\nli x1, 1\nli x99, 2\nblt x1, x2, missing\n.const A = B\n"]
    )
    #expect(
      messages(r) == [
        "main.qasm:1:1: error: unknown mnemonic 'frob'",
        "main.qasm:5:12: error: undefined name 'B'",
        "main.qasm:3:4: error: operand xd of li must be a register x0...x31, not 'x99'",
        "main.qasm:4:13: error: undefined label 'missing'",
      ])
  }

  @Test("Lexical errors: bad characters, unterminated strings, malformed numbers")
  func lexical() {
    let r = assemble(["main.qasm": "li x1, 12abc\nli x2, $3\n.include \"open\n"])
    #expect(
      messages(r) == [
        "main.qasm:1:8: error: malformed number '12abc'",
        "main.qasm:2:8: error: unexpected character '$'",
        "main.qasm:3:10: error: unterminated string",
      ])
  }

  @Test(
    "Tensor declarations: bad level, bad format, zero dimension, wrong data count, reserved names")
  func tensors() {
    let r = assemble([
      "main.qasm": """
      .tensor A ram [4] storage
      .tensor B spad [4] float16
      .tensor C spad [4, 0] fp32
      .tensor D spad [3] fp32 = 1, 2
      .tensor x5 spad [3] fp32
      """
    ])
    #expect(
      messages(r) == [
        "main.qasm:1:11: error: expected a memory level (dram, spad, lbuf, acc)",
        "main.qasm:2:20: error: expected a number format (storage, acc, fp32, q8, fpins1...fpins15)",
        "main.qasm:3:20: error: a dimension must be an integer from 1 to 2^40, not 0",
        "main.qasm:4:27: error: the tensor has 3 elements but 2 initial values are given",
        "main.qasm:5:9: error: 'x5' is a register name",
      ])
  }

  @Test("-D: overrides a constant, warns when unused, reports a bad value")
  func defines() throws {
    let ok = assemble(
      ["main.qasm": ".const N = 4\nli x1, N\n"], defines: [("N", "2 * 8"), ("UNUSED", "1")])
    let image = try #require(ok.image)
    #expect(image.symbols.first { $0.name == "N" }?.value == 16)
    #expect(
      messages(ok) == [
        "<command line>:1:1: warning: -D UNUSED is not used: the program declares no .const UNUSED"
      ])
    let bad = assemble(["main.qasm": ".const N = 4\n"], defines: [("N", "4 +")])
    #expect(messages(bad) == ["<command line>:1:1: error: -D N=4 +: expected an expression"])
  }
}
