import QBinary
import QINSAssembler
import Testing

@Suite("Source files from other editors")
struct SourceEncodingTests {
  static let program = """
    .tensor T spad [4] fp32 ; a comment
        li x1, 1
        v.shape x1, x1
        v.fill T[x0], 1.0

    halt
    """

  func image(_ bytes: [UInt8]) -> [UInt8]? {
    let options = AssemblyOptions()
    var o = options
    o.readFile = { $0 == "p.qasm" ? bytes : nil }
    o.fileExists = { $0 == "p.qasm" }
    return Assembler.assemble(file: "p.qasm", options: o).image.map(BinaryWriter.bytes(of:))
  }

  @Test("CRLF line ends and a UTF-8 byte-order mark assemble to the same binary as LF")
  func crlfAndBOM() throws {
    let lf = try #require(image(Array(Self.program.utf8)))
    let crlf = Array(Self.program.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    #expect(image(crlf) == lf)
    #expect(image([0xEF, 0xBB, 0xBF] + Array(Self.program.utf8)) == lf)
    #expect(image([0xEF, 0xBB, 0xBF] + crlf) == lf)
  }

  @Test("A diagnostic in a CRLF file names the right line")
  func crlfLines() {
    let r = Assembler.assemble(source: "halt\r\nbogus x1\r\n", name: "p.qasm")
    #expect(r.image == nil)
    #expect(
      r.diagnostics.first?.description.hasPrefix("p.qasm:2:1: error:") == true, "\(r.diagnostics)")
  }
}
