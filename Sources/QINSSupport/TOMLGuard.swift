/// A check of TOML text made before it reaches the TOML parser (toml++ through TOMLKit),
/// whose key parser stops the process on an assertion where a key should start and none
/// does (found by fuzzing): a quoted string followed at once by a key character or a quote
/// (`"a"b = 1`), a table header with no key (`[` then a line break), a dotted key with
/// nothing after the dot, an inline table's key missing; and in its time parser, a date
/// followed by `T` and no digit (`1979-05-27T:00`). Such text is never valid TOML, so it is
/// refused here with its place.
public enum TOMLGuard {
  /// The line, column and reason of the first quoted string followed at once by a bare-key
  /// character or a quote, or nil.
  public static func problem(in text: String) -> (line: Int, column: Int, message: String)? {
    let chars = Array(text.unicodeScalars)
    var i = 0
    var line = 1
    var lineStart = 0
    func isBareKey(_ c: Unicode.Scalar) -> Bool {
      (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "_"
        || c == "-"
    }
    func at(_ k: Int) -> Unicode.Scalar? { k < chars.count ? chars[k] : nil }
    /// Open inline tables and arrays; a key is expected at a line's start outside them, in a
    /// header, and after `{` or a `,` of an inline table, until its `=`.
    var nesting: [Unicode.Scalar] = []
    var keyExpected = true
    var header = false
    /// Where a key must start: the next character that is not a space or tab must be a bare
    /// key character or a quote (or `allowed`).
    func keyStarts(after k: Int, allowed: Unicode.Scalar? = nil) -> (Int, Unicode.Scalar?)? {
      var m = k
      while let n = at(m), n == " " || n == "\t" { m += 1 }
      let n = at(m)
      if let n, isBareKey(n) || n == "\"" || n == "'" || n == allowed { return nil }
      return (m, n)
    }
    func isDigit(_ k: Int) -> Bool { at(k).map { $0 >= "0" && $0 <= "9" } ?? false }
    /// Where the time should start, when a value starting at `k` is a date (`YYYY-MM-DD`)
    /// and a `T` not followed by a digit: the parser asserts on the time's first digit.
    func dateWithoutTime(at k: Int) -> Int? {
      guard isDigit(k), k == 0 || !(isBareKey(chars[k - 1]) || chars[k - 1] == "+") else {
        return nil
      }
      for d in [0, 1, 2, 3, 5, 6, 8, 9] where !isDigit(k + d) { return nil }
      guard at(k + 4) == "-", at(k + 7) == "-", at(k + 10) == "T" || at(k + 10) == "t",
        !isDigit(k + 11)
      else { return nil }
      return k + 11
    }
    func refuse(_ found: (Int, Unicode.Scalar?)) -> (line: Int, column: Int, message: String) {
      let what = found.1.map { $0 == "\n" ? "a line break" : "'\($0)'" } ?? "the end"
      return (line, found.0 - lineStart + 1, "a key is missing here (found \(what))")
    }
    while i < chars.count {
      let c = chars[i]
      if c == "\n" {
        line += 1
        lineStart = i + 1
        i += 1
        keyExpected = nesting.isEmpty
        header = false
        continue
      }
      if c == "#" {
        while i < chars.count && chars[i] != "\n" { i += 1 }
        continue
      }
      if c == "[" && keyExpected && nesting.isEmpty && !header {
        header = true
        var k = i + 1
        if at(k) == "[" { k += 1 }
        if let bad = keyStarts(after: k) { return refuse(bad) }
        i = k
        continue
      }
      if c == "." && (keyExpected || header) {
        if let bad = keyStarts(after: i + 1) { return refuse(bad) }
        i += 1
        continue
      }
      if c == "=" && !header {
        keyExpected = false
        i += 1
        continue
      }
      if !header && !keyExpected, let bad = dateWithoutTime(at: i) {
        return (line, bad - lineStart + 1, "a date-time's time is missing after the 'T'")
      }
      if !header && !keyExpected {
        if c == "{" {
          nesting.append(c)
          keyExpected = true
          if let bad = keyStarts(after: i + 1, allowed: "}") { return refuse(bad) }
        } else if c == "[" {
          nesting.append(c)
        } else if c == "}" || c == "]" {
          if !nesting.isEmpty { nesting.removeLast() }
        } else if c == ",", nesting.last == "{" {
          keyExpected = true
          if let bad = keyStarts(after: i + 1) { return refuse(bad) }
        }
      }
      guard c == "\"" || c == "'" else {
        i += 1
        continue
      }
      let multi = at(i + 1) == c && at(i + 2) == c
      var j = i + (multi ? 3 : 1)
      // The string's end (a basic string's backslash escapes the next character).
      while j < chars.count {
        if c == "\"" && chars[j] == "\\" {
          j += 2
          continue
        }
        if chars[j] == "\n" {
          if !multi { break }
          line += 1
          lineStart = j + 1
        }
        if chars[j] == c && (!multi || (at(j + 1) == c && at(j + 2) == c)) {
          j += multi ? 3 : 1
          // A multi-line string may end in up to two more quotes.
          while multi && at(j) == c { j += 1 }
          break
        }
        j += 1
      }
      if let next = at(j), isBareKey(next) || next == "\"" || next == "'" {
        return (
          line, j - lineStart + 1,
          "a quoted key or string must not be followed at once by '\(next)'"
        )
      }
      i = j
    }
    return nil
  }
}
