import QINSSupport
import Testing

/// The shapes of text that stop toml++ on an assertion are refused with their place; the
/// valid forms around them pass.
@Suite("TOML guard")
struct TOMLGuardTests {
  @Test(
    "Valid TOML passes the guard",
    arguments: [
      "a = 1979-05-27T07:32:00Z", "a = 1979-05-27t07:32:00", "a = 1979-05-27 07:32:00",
      "a = 1979-05-27", "a = [1979-05-27T00:00:00, 1979-05-27]", "a = { b = 2000-01-01T01:02 }",
      "a = \"1979-05-27T:00\"", "a = 12345-05-27T", "a.b = 1\n[c.d]\ne = 'x'", "a = 07:32:00",
      "# 1979-05-27T:00\na = 1",
    ])
  func valid(text: String) {
    #expect(TOMLGuard.problem(in: text) == nil)
  }

  @Test(
    "A date followed by T or t and no digit is refused at the time's place",
    arguments: [
      ("a = 1979-05-27T:32:00", 1, 16), ("x = 1\nb = [1, 0000-00-00t]", 2, 20),
      ("c = { d = 1979-05-27Tz: }", 1, 22),
    ])
  func dateWithoutTime(text: String, line: Int, column: Int) {
    let p = TOMLGuard.problem(in: text)
    #expect(p?.line == line && p?.column == column, "\(String(describing: p))")
    #expect(p?.message == "a date-time's time is missing after the 'T'")
  }
}
