/// Splits one line of assembly into tokens. Comments (`;`, `#` or `//` to the end of the
/// line) are dropped. Columns count bytes from 1.
struct Lexer {
  struct Failure: Error {
    var column: Int
    var message: String
  }

  static func tokens(of line: String) -> Result<[Token], Failure> {
    let b = Array(line.utf8)
    var tokens: [Token] = []
    var i = 0
    func isIdentStart(_ c: UInt8) -> Bool {
      (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
    }
    func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    func isIdentPart(_ j: Int) -> Bool {
      let c = b[j]
      if isIdentStart(c) || isDigit(c) || c == 0x2E { return true }
      // `\@` in a macro body: the expansion counter.
      return c == 0x5C && j + 1 < b.count && b[j + 1] == 0x40
    }
    while i < b.count {
      let c = b[i]
      let column = i + 1
      if c == 0x20 || c == 0x09 || c == 0x0D {
        i += 1
        continue
      }
      if c == 0x3B || c == 0x23 || (c == 0x2F && i + 1 < b.count && b[i + 1] == 0x2F) { break }
      if isIdentStart(c) || (c == 0x2E && i + 1 < b.count && isIdentStart(b[i + 1])) {
        let start = i
        i += 1
        while i < b.count && isIdentPart(i) { i += b[i] == 0x5C ? 2 : 1 }
        let text = String(decoding: b[start..<i], as: UTF8.self)
        if c == 0x2E {
          tokens.append(Token(kind: .directive(String(text.dropFirst())), column: column))
        } else {
          tokens.append(Token(kind: .identifier(text), column: column))
        }
        continue
      }
      if isDigit(c) {
        switch number(b, &i) {
        case .success(let kind): tokens.append(Token(kind: kind, column: column))
        case .failure(let e): return .failure(Failure(column: column, message: e.message))
        }
        continue
      }
      if c == 0x22 {
        var s: [UInt8] = []
        i += 1
        var closed = false
        while i < b.count {
          if b[i] == 0x22 {
            closed = true
            i += 1
            break
          }
          if b[i] == 0x5C && i + 1 < b.count {
            let e = b[i + 1]
            switch e {
            case 0x6E: s.append(0x0A)
            case 0x5C, 0x22: s.append(e)
            default:
              return .failure(
                Failure(
                  column: i + 1,
                  message: "unknown escape '\\\(Character(Unicode.Scalar(e)))' in string"))
            }
            i += 2
            continue
          }
          s.append(b[i])
          i += 1
        }
        guard closed else {
          return .failure(Failure(column: column, message: "unterminated string"))
        }
        tokens.append(Token(kind: .string(String(decoding: s, as: UTF8.self)), column: column))
        continue
      }
      if (c == 0x3C || c == 0x3E) && i + 1 < b.count && b[i + 1] == c {
        tokens.append(Token(kind: .punctuation(c == 0x3C ? "<<" : ">>"), column: column))
        i += 2
        continue
      }
      let singles = Array(",[]()=:+-*/%&|^~@".utf8)
      if singles.contains(c) {
        tokens.append(Token(kind: .punctuation(String(Unicode.Scalar(c))), column: column))
        i += 1
        continue
      }
      let shown =
        c >= 0x20 && c < 0x7F
        ? "'\(Character(Unicode.Scalar(c)))'" : "byte 0x\(String(c, radix: 16))"
      return .failure(Failure(column: column, message: "unexpected character \(shown)"))
    }
    return .success(tokens)
  }

  /// A number starting at `i`: `0x..`, `0b..`, decimal with `_` separators, or a float with
  /// a fraction and/or exponent.
  private static func number(_ b: [UInt8], _ i: inout Int) -> Result<Token.Kind, NumberError> {
    let start = i
    func digits(_ ok: (UInt8) -> Bool) -> String {
      var s = ""
      while i < b.count && (ok(b[i]) || b[i] == 0x5F) {
        if b[i] != 0x5F { s.append(Character(Unicode.Scalar(b[i]))) }
        i += 1
      }
      return s
    }
    let isHex = { (c: UInt8) in
      (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
    }
    let isDec = { (c: UInt8) in c >= 0x30 && c <= 0x39 }
    if b[i] == 0x30 && i + 1 < b.count
      && (b[i + 1] == 0x78 || b[i + 1] == 0x58 || b[i + 1] == 0x62 || b[i + 1] == 0x42)
    {
      let hex = b[i + 1] == 0x78 || b[i + 1] == 0x58
      i += 2
      let d = digits(hex ? isHex : { $0 == 0x30 || $0 == 0x31 })
      let trailing = i < b.count && (isHex(b[i]) || b[i] == 0x2E || (b[i] >= 0x47 && b[i] <= 0x7A))
      guard !d.isEmpty, !trailing else {
        while i < b.count && (isHex(b[i]) || isDec(b[i]) || (b[i] >= 0x41 && b[i] <= 0x7A)) {
          i += 1
        }
        return .failure(
          NumberError("malformed number '\(String(decoding: b[start..<i], as: UTF8.self))'"))
      }
      guard let v = UInt64(d, radix: hex ? 16 : 2), v <= UInt64(Int64.max) else {
        return .failure(
          NumberError(
            "integer literal '\(String(decoding: b[start..<i], as: UTF8.self))' is too large"))
      }
      return .success(.integer(Int64(v)))
    }
    var text = digits(isDec)
    var isFloat = false
    if i + 1 < b.count && b[i] == 0x2E && isDec(b[i + 1]) {
      i += 1
      text += "." + digits(isDec)
      isFloat = true
    }
    if i < b.count && (b[i] == 0x65 || b[i] == 0x45) {
      var j = i + 1
      if j < b.count && (b[j] == 0x2B || b[j] == 0x2D) { j += 1 }
      if j < b.count && isDec(b[j]) {
        text += "e" + (b[i + 1] == 0x2D ? "-" : "")
        i = j
        text += digits(isDec)
        isFloat = true
      }
    }
    if i < b.count
      && ((b[i] >= 0x41 && b[i] <= 0x5A) || (b[i] >= 0x61 && b[i] <= 0x7A) || b[i] == 0x5F
        || b[i] == 0x2E)
    {
      while i < b.count
        && ((b[i] >= 0x30 && b[i] <= 0x39) || (b[i] >= 0x41 && b[i] <= 0x5A)
          || (b[i] >= 0x61 && b[i] <= 0x7A) || b[i] == 0x2E || b[i] == 0x5F)
      { i += 1 }
      return .failure(
        NumberError("malformed number '\(String(decoding: b[start..<i], as: UTF8.self))'"))
    }
    if isFloat {
      guard let v = Double(text), v.isFinite else {
        return .failure(NumberError("float literal '\(text)' is out of range"))
      }
      return .success(.float(v))
    }
    guard let v = Int64(text) else {
      return .failure(NumberError("integer literal '\(text)' is too large"))
    }
    return .success(.integer(v))
  }
}

/// A malformed number literal.
struct NumberError: Error {
  var message: String
  init(_ message: String) { self.message = message }
}
