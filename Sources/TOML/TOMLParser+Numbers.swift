extension TOMLParser {
  /// Digits of a radix with single underscores between them, from `k`; the end, or nil when
  /// no digit starts there. An underscore not between two digits is left for the caller to
  /// refuse (it ends the run).
  func digitRun(from k: Int, _ isDigit: (Unicode.Scalar) -> Bool) -> Int? {
    guard let c = at(k), isDigit(c) else { return nil }
    var i = k + 1
    while let c = at(i) {
      if isDigit(c) {
        i += 1
      } else if c == "_", let d = at(i + 1), isDigit(d) {
        i += 2
      } else {
        break
      }
    }
    return i
  }

  static func isDecimal(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

  /// An integer or a float at the current place, or nil when none starts here.
  mutating func number() throws(TOMLError) -> TOMLValue? {
    let start = pos
    // Special floats, signed or not.
    for (word, v) in [("inf", Double.infinity), ("nan", Double.nan)] {
      for sign in ["", "+", "-"] where startsWith(sign + word) {
        pos += sign.count + 3
        return .float(sign == "-" ? -v : v)
      }
    }
    // Hexadecimal, octal, binary: no sign.
    if current == "0", let p = at(pos + 1), p == "x" || p == "o" || p == "b" {
      let radix = p == "x" ? 16 : p == "o" ? 8 : 2
      let isDigit: (Unicode.Scalar) -> Bool = { c in
        guard let d = Self.hexDigit(c) else { return false }
        return d < radix
      }
      if let end = digitRun(from: pos + 2, isDigit) {
        let digits = String(String.UnicodeScalarView(text[(pos + 2)..<end].filter { $0 != "_" }))
        pos = end
        guard let v = Int64(digits, radix: radix) else {
          throw error("the integer is beyond 64 bits", at: start)
        }
        return .integer(v)
      }
    }
    var i = pos
    if let s = at(i), s == "+" || s == "-" { i += 1 }
    // The integer part: 0, or digits not starting with 0.
    guard let first = at(i), Self.isDecimal(first) else { return nil }
    var end: Int
    if first == "0" {
      end = i + 1
    } else {
      end = digitRun(from: i, Self.isDecimal)!
    }
    var isFloat = false
    if at(end) == ".", let fracEnd = digitRun(from: end + 1, Self.isDecimal) {
      end = fracEnd
      isFloat = true
    }
    if let e = at(end), e == "e" || e == "E" {
      var k = end + 1
      if let s = at(k), s == "+" || s == "-" { k += 1 }
      if let expEnd = digitRun(from: k, Self.isDecimal) {
        end = expEnd
        isFloat = true
      }
    }
    let literal = String(String.UnicodeScalarView(text[pos..<end].filter { $0 != "_" }))
    pos = end
    if isFloat {
      guard let v = Double(literal) else { throw error("not a float", at: start) }
      return .float(v)
    }
    guard let v = Int64(literal) else { throw error("the integer is beyond 64 bits", at: start) }
    return .integer(v)
  }
}
