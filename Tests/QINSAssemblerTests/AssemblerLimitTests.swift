import QINSAssembler
import Testing

/// Sources that ask for unbounded work: deep expressions, include fan-out, long expansions.
/// Each is an error naming the place, found quickly, never a stack overflow or a hang.
@Suite("Assembler limits")
struct AssemblerLimitTests {
  @Test("10,000 nested parentheses: an error at the 201st, not a stack overflow")
  func deepParentheses() {
    let expression =
      String(repeating: "(", count: 10_000) + "1"
      + String(repeating: ")", count: 10_000)
    let r = assemble(["main.qasm": ".const N = \(expression)\nhalt\n"])
    #expect(r.image == nil)
    // `.const N = ` is 11 columns; parenthesis k (from 1) is at column 11 + k.
    #expect(
      messages(r) == ["main.qasm:1:212: error: expression nested more than 200 levels deep"])
  }

  @Test("200 levels are accepted; unary chains and function arguments count too")
  func depthBoundary() {
    let ok = String(repeating: "(", count: 200) + "7" + String(repeating: ")", count: 200)
    let r = assemble(["main.qasm": ".const N = \(ok)\nli x1, N\nhalt\n"])
    #expect(r.image != nil, "\(messages(r))")
    let unary = String(repeating: "-", count: 5_000) + "1"
    #expect(
      messages(assemble(["main.qasm": ".const N = \(unary)\n"])).first?.contains(
        "expression nested more than 200 levels deep") == true)
    let calls = String(repeating: "abs(", count: 5_000) + "1" + String(repeating: ")", count: 5_000)
    #expect(
      messages(assemble(["main.qasm": "li x1, \(calls)\n"])).first?.contains(
        "expression nested more than 200 levels deep") == true)
  }

  @Test("Includes that fan out are bounded by the line limit and the include count")
  func includeFanOut() {
    // Each level includes the next ten times: 10^6 inclusions of the leaf if followed.
    var files: [String: String] = [:]
    for level in 0..<6 {
      files["l\(level).qinc"] = String(
        repeating: ".include \"l\(level + 1).qinc\"\n", count: 10)
    }
    files["l6.qinc"] = "; leaf\nnop\n"
    files["main.qasm"] = ".include \"l0.qinc\"\nhalt\n"
    let r = assemble(files)
    #expect(r.image == nil)
    let m = messages(r)
    #expect(m.count == 1)
    #expect(
      m.first?.hasSuffix("error: more than 10000 .include directives followed in all") == true)
  }

  @Test("A file of more lines than the limit, through includes, stops at the limit")
  func lineLimit() {
    // 1,000 includes of a 2,500-line file: 2.5 million lines.
    let leaf = String(repeating: "nop\n", count: 2_500)
    let main = String(repeating: ".include \"leaf.qinc\"\n", count: 1_000) + "halt\n"
    let r = assemble(["main.qasm": main, "leaf.qinc": leaf])
    #expect(r.image == nil)
    #expect(
      messages(r).contains {
        $0.contains(
          "the source reads more than 2000000 lines (files, includes and macro expansions together)"
        )
      })
  }
}
