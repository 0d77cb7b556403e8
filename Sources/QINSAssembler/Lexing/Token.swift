/// One token of assembly source.
struct Token: Hashable, Sendable {
  enum Kind: Hashable, Sendable {
    /// A name: letters, digits, `_`, `.`, and `\@` in macro bodies; not starting with a digit.
    case identifier(String)
    /// A directive: `.` followed by a name, at the start of a statement (`.const`).
    case directive(String)
    case integer(Int64)
    case float(Double)
    case string(String)
    /// One of `, [ ] ( ) = : + - * / % << >> & | ^ ~ @`.
    case punctuation(String)
  }
  var kind: Kind
  /// 1-based column of the first character.
  var column: Int

  var identifier: String? {
    if case .identifier(let s) = kind { return s }
    return nil
  }

  func isPunctuation(_ p: String) -> Bool { kind == .punctuation(p) }

  /// The token as it could be written back into source (for messages and macro expansion).
  var text: String {
    switch kind {
    case .identifier(let s): s
    case .directive(let s): "." + s
    case .integer(let v): String(v)
    case .float(let v): "\(v)"
    case .string(let s): Token.quoted(s)
    case .punctuation(let p): p
    }
  }

  /// `s` in double quotes with `\\`, `"` and newlines escaped.
  static func quoted(_ s: String) -> String {
    var out = "\""
    for c in s {
      switch c {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n": out += "\\n"
      default: out.append(c)
      }
    }
    return out + "\""
  }
}
