import TOML
import Testing

/// Values, places and limits, derived from the specification by hand.
@Suite("TOML reader")
struct TOMLParserTests {
  @Test("A document's values, kinds and key order")
  func values() throws {
    let t = try TOMLParser.parse(
      """
      title = "qins" # a comment
      [array]
      rows = 128
      ratio = 0.5
      on = true
      sizes = [8, 0x10, 0o40, 0b1000000]
      [[points]]
      "gemm.m" = 1_024
      [[points]]
      when = 1979-05-27T07:32:00.5-07:00
      day = 2024-02-29
      at = 23:59:59
      name = { first = 'a', last = \"\"\"b\\
         c\"\"\" }
      """)
    #expect(t.keys == ["title", "array", "points"])
    #expect(t["title"] == .string("qins"))
    let array = try #require(t["array"]?.table)
    #expect(array.keys == ["rows", "ratio", "on", "sizes"])
    #expect(array["rows"] == .integer(128) && array["ratio"] == .float(0.5))
    #expect(array["on"] == .boolean(true))
    #expect(array["sizes"] == .array([.integer(8), .integer(16), .integer(32), .integer(64)]))
    let points = try #require(t["points"]?.array)
    #expect(points.count == 2)
    #expect(points[0].table?["gemm.m"] == .integer(1024))
    let p = try #require(points[1].table)
    #expect(
      p["when"]
        == .dateTime(.init(kind: .offsetDateTime, text: "1979-05-27T07:32:00.5-07:00")))
    #expect(p["day"]?.kindName == "a local date" && p["at"]?.kindName == "a local time")
    #expect(p["name"]?.table?["last"] == .string("bc"))
  }

  @Test(
    "Malformed documents are refused at their first bad character",
    arguments: [
      ("x = [\n}", 2, 1, "expected a value, not '}'"),
      ("a = 1\n[\n", 2, 2, "a key is missing here (found a line break)"),
      ("\"a\"b = 1", 1, 4, "expected '=' after the key, not 'b'"),
      ("a = 1979-05-27T:32:00", 1, 16, "a date-time's time is missing or malformed after the 'T'"),
      ("a = 1979-02-29", 1, 5, "the date 1979-02-29 does not exist"),
      ("a = 9223372036854775808", 1, 5, "the integer is beyond 64 bits"),
      ("a = \"\\uD800\"", 1, 6, "\\uD800 is not a Unicode scalar value"),
      ("[a]\nb = 1\n[a]", 3, 1, "table a is defined twice"),
      ("a = {b = 1}\na.c = 2", 2, 1, "a is a closed array or table: nothing can be added"),
      ("a = 1\rb = 2", 1, 6, "expected the end of the line, not a carriage return"),
      ("a = 1 # \u{7F}", 1, 9, "a comment cannot hold the control character U+7F"),
    ])
  func refused(text: String, line: Int, column: Int, message: String) {
    #expect {
      _ = try TOMLParser.parse(text)
    } throws: { e in
      guard let e = e as? TOMLError else { return false }
      return e.line == line && e.column == column && e.message == message
    }
  }

  @Test("Limits: nesting past 128 is refused without recursion; long dotted keys are read")
  func limits() throws {
    let deep = "a = " + String(repeating: "[", count: 129) + String(repeating: "]", count: 129)
    #expect(throws: TOMLError.self) { try TOMLParser.parse(deep) }
    let ok = "a = " + String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
    #expect(try TOMLParser.parse(ok)["a"] != nil)
    // 100,000 brackets: refused at the 129th, the stack untouched.
    let huge = "a = " + String(repeating: "[", count: 100_000)
    #expect(throws: TOMLError.self) { try TOMLParser.parse(huge) }
    // A 2,000-part dotted key (which Python's reader cannot take) makes 1,999 nested tables.
    var t = try TOMLParser.parse(String(repeating: "a.", count: 1_999) + "a = 1")
    for _ in 0..<1_999 { t = try #require(t["a"]?.table) }
    #expect(t["a"] == .integer(1))
  }

  @Test("CRLF line ends read as LF, inside multi-line strings too")
  func lineEnds() throws {
    let t = try TOMLParser.parse("a = \"\"\"x\r\ny\"\"\"\r\nb = 2\r\n")
    #expect(t["a"] == .string("x\ny") && t["b"] == .integer(2))
  }
}
