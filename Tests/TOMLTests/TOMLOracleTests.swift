import Foundation
import Fuzzing
import MachineDescription
import QINSTestSupport
import TOML
import Testing

/// The reader against an independent one: Python's `tomllib` (Scripts/toml_oracle.py) on the
/// corpus of every form the specification names and on thousands of mutations of it, of the
/// presets' machine files and of sweep specs. Both must refuse the same documents and read the
/// same values from the rest.
@Suite("TOML against Python's tomllib")
struct TOMLOracleTests {
  static let python: Bool = PythonPackages.succeeds(["python3", "-c", "import tomllib"])

  /// The document in toml-test's tagged form, date-times written as Python's isoformat.
  static func tagged(_ v: TOMLValue) -> Any {
    func scalar(_ type: String, _ value: String) -> Any { ["type": type, "value": value] }
    switch v {
    case .table(let t):
      var o: [String: Any] = [:]
      for k in t.keys { o[k] = tagged(t[k]!) }
      return o
    case .array(let a): return a.map(tagged)
    case .string(let s): return scalar("string", s)
    case .integer(let i): return scalar("integer", String(i))
    case .float(let f): return scalar("float", f.isNaN ? "nan" : String(f))
    case .boolean(let b): return scalar("bool", b ? "true" : "false")
    case .dateTime(let d): return scalar(d.kind.rawValue, isoformat(d))
    }
  }

  /// Python's isoformat of a TOML date-time: `T` between date and time, the fraction cut to
  /// microseconds and left out when zero, `Z` as +00:00.
  static func isoformat(_ d: TOMLDateTime) -> String {
    var s = Array(d.text)
    if d.kind == .localDate { return d.text }
    var date = ""
    if d.kind != .localTime {
      date = String(s[0..<10]) + "T"
      s = Array(s[11...])
    }
    var time = String(s[0..<8])
    var rest = Array(s[8...])
    if rest.first == "." {
      var digits = ""
      rest.removeFirst()
      while let c = rest.first, c.isNumber {
        digits.append(c)
        rest.removeFirst()
      }
      let micro = String((digits + "000000").prefix(6))
      if micro != "000000" { time += "." + micro }
    }
    var offset = String(rest)
    if offset == "Z" || offset == "z" || offset == "-00:00" { offset = "+00:00" }
    return date + time + offset
  }

  /// Whether the oracle's value equals ours (floats by value, NaN equal to NaN).
  static func same(_ a: Any, _ b: Any) -> Bool {
    if let x = a as? [String: Any], let y = b as? [String: Any] {
      if let tx = x["type"] as? String, let ty = y["type"] as? String,
        let vx = x["value"] as? String, let vy = y["value"] as? String, x.count == 2
      {
        guard tx == ty else { return false }
        if tx == "float", let fx = Double(vx), let fy = Double(vy) {
          return fx == fy || (fx.isNaN && fy.isNaN)
        }
        return vx == vy
      }
      return x.count == y.count && x.allSatisfy { k, v in y[k].map { same(v, $0) } ?? false }
    }
    if let x = a as? [Any], let y = b as? [Any] {
      return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
    }
    return false
  }

  /// The oracle's results for `documents`.
  static func oracle(_ documents: [String]) throws -> [Any] {
    let input = try JSONSerialization.data(withJSONObject: documents)
    let script = repositoryRoot.appendingPathComponent("Scripts/toml_oracle.py")
    let r = try CommandRunner.run(
      executable: URL(fileURLWithPath: "/usr/bin/env"), ["python3", script.path], input: input)
    #expect(r.status == 0, "\(r.stderr)")
    return try #require(JSONSerialization.jsonObject(with: r.stdoutData) as? [Any])
  }

  /// Compares every document; returns the number refused by both.
  static func compare(_ documents: [String]) throws -> (agreed: Int, refused: Int) {
    let expected = try oracle(documents)
    #expect(expected.count == documents.count)
    var agreed = 0
    var refused = 0
    for (d, e) in zip(documents, expected) {
      let oracleError = (e as? [String: Any])?["error"] as? String
      // tomllib gives no verdict past Python's recursion limit (2,000-part dotted keys,
      // deep arrays); the reader here has none to reach.
      if oracleError?.hasPrefix("RecursionError") == true {
        _ = try? TOMLParser.parse(d)
        agreed += 1
        continue
      }
      do {
        let ours = try TOMLParser.parse(d)
        if let oracleError {
          Issue.record("accepted, tomllib refuses (\(oracleError)): \(d.debugDescription)")
        } else if !same(e, tagged(.table(ours))) {
          Issue.record(
            "different values: \(d.debugDescription)\n  ours \(tagged(.table(ours)))\n  tomllib \(e)"
          )
        } else {
          agreed += 1
        }
      } catch {
        if oracleError != nil {
          refused += 1
          agreed += 1
        } else if error.message.contains("beyond 64 bits")
          || error.message.contains("nest more than")
        {
          // Where TOML leaves a choice to the reader (tomllib keeps integers of any size and
          // nests until Python's recursion limit).
          agreed += 1
        } else {
          Issue.record("refused (\(error)), tomllib accepts: \(d.debugDescription)")
        }
      }
    }
    return (agreed, refused)
  }

  @Test(
    "Every form of the specification: the same documents refused, the same values read",
    .enabled(if: python, "skipped: python3 with tomllib (Python 3.11) is not installed"))
  func corpus() throws {
    let (agreed, refused) = try Self.compare(TOMLCorpus.documents)
    #expect(agreed == TOMLCorpus.documents.count)
    // Both kinds are well represented.
    #expect(refused > 60 && agreed - refused > 60, "\(refused) of \(agreed)")
  }

  @Test(
    "6,000 mutated documents (the corpus, the presets' machine files, sweep specs): the same verdicts and values",
    .enabled(if: python, "skipped: python3 with tomllib (Python 3.11) is not installed"))
  func mutations() throws {
    let seeds =
      TOMLCorpus.documents + Presets.names.map { Presets.all[$0]!.toml }
      + FuzzSeeds.sweepSpecs
    let fragments = FuzzSeeds.tomlFragments + TOMLCorpus.documents
    var documents: [String] = []
    for i in 0..<6_000 {
      var m = Mutator(seed: 0x70_4D_4C ^ UInt64(i) << 20)
      documents.append(m.mutate(text: m.pick(seeds), fragments: fragments, maxEdits: 3))
    }
    let (agreed, refused) = try Self.compare(documents)
    #expect(agreed == documents.count)
    #expect(refused > 600 && agreed - refused > 600, "\(refused) refused of \(agreed)")
  }
}
