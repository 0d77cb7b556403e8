import Foundation
import TOML
import Testing

/// The toml-test suite (github.com/toml-lang/toml-test, its `tests` folder), when
/// `QINS_TOML_TEST_SUITE` names a copy: every TOML 1.0 case of `files-toml-1.0.0`, valid
/// documents read to the values of their `.json`, invalid ones refused. Not in CI (the suite
/// is not vendored); the figures are in Docs/reliability.md.
@Suite("toml-test suite")
struct TOMLTestSuiteTests {
  static let folder = ProcessInfo.processInfo.environment["QINS_TOML_TEST_SUITE"]

  /// toml-test's form of a date-time: `T` and `Z` upper case, a space read as `T`, a fraction
  /// of a second written to at least milliseconds.
  static func normalized(_ d: TOMLDateTime) -> String {
    var s = d.text.uppercased()
    if d.kind != .localTime && d.kind != .localDate, s.count > 10 {
      s = String(s.prefix(10)) + "T" + String(s.dropFirst(11))
    }
    guard let dot = s.firstIndex(of: ".") else { return s }
    let digits = s[s.index(after: dot)...].prefix { $0.isNumber }
    guard digits.count < 3 else { return s }
    return String(s[...dot]) + digits + String(repeating: "0", count: 3 - digits.count)
      + String(s[s.index(after: dot)...].dropFirst(digits.count))
  }

  static func tagged(_ v: TOMLValue) -> Any {
    switch v {
    case .dateTime(let d): return ["type": d.kind.rawValue, "value": normalized(d)]
    case .table(let t):
      var o: [String: Any] = [:]
      for k in t.keys { o[k] = tagged(t[k]!) }
      return o
    case .array(let a): return a.map(tagged)
    default: return TOMLOracleTests.tagged(v)
    }
  }

  @Test(
    "Every TOML 1.0 case: valid ones read to their values, invalid ones refused",
    .enabled(
      if: folder != nil, "skipped: QINS_TOML_TEST_SUITE does not name toml-test's tests folder"))
  func suite() throws {
    let root = URL(fileURLWithPath: try #require(Self.folder))
    let list = try String(
      contentsOf: root.appendingPathComponent("files-toml-1.0.0"), encoding: .utf8)
    var valid = 0
    var invalid = 0
    var failures: [String] = []
    for name in list.split(separator: "\n") where name.hasSuffix(".toml") {
      let url = root.appendingPathComponent(String(name))
      let data = try Data(contentsOf: url)
      // A document that is not UTF-8 is refused before the reader (Swift strings are valid).
      let text = String(data: data, encoding: .utf8)
      if name.hasPrefix("valid/") {
        valid += 1
        let json = try Data(contentsOf: url.deletingPathExtension().appendingPathExtension("json"))
        let expected = try JSONSerialization.jsonObject(with: json)
        guard let text else {
          failures.append("\(name): not UTF-8")
          continue
        }
        do {
          let ours = Self.tagged(.table(try TOMLParser.parse(text)))
          if !TOMLOracleTests.same(expected, ours) { failures.append("\(name): different values") }
        } catch { failures.append("\(name): refused (\(error))") }
      } else {
        invalid += 1
        guard let text else { continue }
        if (try? TOMLParser.parse(text)) != nil { failures.append("\(name): accepted") }
      }
    }
    print("toml-test: \(valid) valid, \(invalid) invalid, \(failures.count) failures")
    for f in failures { print("  \(f)") }
    #expect(failures.isEmpty)
  }
}
