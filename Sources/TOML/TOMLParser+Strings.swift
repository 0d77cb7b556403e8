extension TOMLParser {
  /// `"..."`: escapes, no line break, no control character but tab.
  mutating func basicString() throws(TOMLError) -> String {
    pos += 1
    return try basicStringBody(multiline: false)
  }

  /// `"""..."""`: a line break right after the opening quotes is dropped; a backslash at a
  /// line's end drops the line break and the white space after it; up to two quotes may end
  /// the content just before the closing three.
  mutating func multilineBasicString() throws(TOMLError) -> String {
    pos += 3
    if current == "\n" { pos += 1 }
    let body = try basicStringBody(multiline: true)
    return body + extraQuotes("\"")
  }

  /// `'...'`: no escapes, no line break, no control character but tab.
  mutating func literalString() throws(TOMLError) -> String {
    pos += 1
    var out = String.UnicodeScalarView()
    while true {
      guard let c = current else { throw error("the literal string is not closed") }
      if c == "'" {
        pos += 1
        return String(out)
      }
      if c == "\n" { throw error("a literal string cannot hold a line break (use ''')") }
      if Self.isControl(c) && c != "\t" {
        throw error("a string cannot hold the control character \(Self.describe(c))")
      }
      out.append(c)
      pos += 1
    }
  }

  /// `'''...'''`.
  mutating func multilineLiteralString() throws(TOMLError) -> String {
    pos += 3
    if current == "\n" { pos += 1 }
    var out = String.UnicodeScalarView()
    while true {
      guard let c = current else { throw error("the multi-line literal string is not closed") }
      if startsWith("'''") {
        pos += 3
        return String(out) + extraQuotes("'")
      }
      if Self.isControl(c) && c != "\t" && c != "\n" {
        throw error("a string cannot hold the control character \(Self.describe(c))")
      }
      out.append(c)
      pos += 1
    }
  }

  /// The one or two `quote`s after a closing triple that belong to the content.
  mutating func extraQuotes(_ quote: Unicode.Scalar) -> String {
    var extra = ""
    for _ in 0..<2 where current == quote {
      extra.unicodeScalars.append(quote)
      pos += 1
    }
    return extra
  }

  mutating func basicStringBody(multiline: Bool) throws(TOMLError) -> String {
    var out = String.UnicodeScalarView()
    while true {
      guard let c = current else { throw error("the string is not closed") }
      if c == "\"" {
        if !multiline {
          pos += 1
          return String(out)
        }
        if startsWith("\"\"\"") {
          pos += 3
          return String(out)
        }
        out.append(c)
        pos += 1
        continue
      }
      if c == "\\" {
        try escape(into: &out, multiline: multiline)
        continue
      }
      if c == "\n" && !multiline {
        throw error("a string cannot hold a line break (use \"\"\" or \\n)")
      }
      if Self.isControl(c) && c != "\t" && c != "\n" {
        throw error("a string cannot hold the control character \(Self.describe(c))")
      }
      out.append(c)
      pos += 1
    }
  }

  mutating func escape(into out: inout String.UnicodeScalarView, multiline: Bool)
    throws(TOMLError)
  {
    let start = pos
    pos += 1
    guard let e = current else { throw error("the string is not closed") }
    if multiline && (e == " " || e == "\t" || e == "\n") {
      // A line-ending backslash: white space up to the line break, then all white space.
      skipWhitespace()
      guard current == nil || current == "\n" else {
        throw error("a backslash must end its line or start an escape", at: start)
      }
      skipWhitespaceAndNewlines()
      return
    }
    pos += 1
    switch e {
    case "b": out.append("\u{08}")
    case "t": out.append("\t")
    case "n": out.append("\n")
    case "f": out.append("\u{0C}")
    case "r": out.append("\r")
    case "\"": out.append("\"")
    case "\\": out.append("\\")
    case "u", "U":
      let count = e == "u" ? 4 : 8
      var v: UInt32 = 0
      for _ in 0..<count {
        guard let h = current, let d = Self.hexDigit(h) else {
          throw error("\\\(e) needs \(count) hexadecimal digits", at: start)
        }
        v = v << 4 | d
        pos += 1
      }
      guard let scalar = Unicode.Scalar(v) else {
        throw error(
          "\\\(e)\(String(v, radix: 16, uppercase: true)) is not a Unicode scalar value", at: start)
      }
      out.append(scalar)
    default:
      throw error("\\\(e) is not an escape TOML knows", at: start)
    }
  }

  static func hexDigit(_ c: Unicode.Scalar) -> UInt32? {
    switch c {
    case "0"..."9": c.value - 0x30
    case "a"..."f": c.value - 0x61 + 10
    case "A"..."F": c.value - 0x41 + 10
    default: nil
    }
  }
}
