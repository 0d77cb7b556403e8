/// Reads TOML 1.0 documents into ``TOMLTable``s.
///
/// Written against the TOML 1.0 specification and checked, value for value, against Python's
/// `tomllib` (Tests/TOMLTests). Every malformed document is refused with a ``TOMLError``
/// naming its first bad character; nothing in a document can stop the process: arrays and
/// inline tables may nest at most ``maximumNesting`` deep (recursion is bounded), integers
/// beyond 64 bits are refused, and CRLF line ends are read as LF (a lone CR is refused).
public struct TOMLParser {
  /// How deep arrays and inline tables may nest in one value.
  public static let maximumNesting = 128

  var text: [Unicode.Scalar]
  var pos = 0
  var depth = 0

  init(_ source: String) {
    var scalars: [Unicode.Scalar] = []
    scalars.reserveCapacity(source.unicodeScalars.count)
    var previousCR = false
    for c in source.unicodeScalars {
      if c == "\n" && previousCR { scalars.removeLast() }
      previousCR = c == "\r"
      scalars.append(c)
    }
    text = scalars
  }

  /// Parses `source` as a TOML document.
  public static func parse(_ source: String) throws(TOMLError) -> TOMLTable {
    var p = TOMLParser(source)
    return try p.document()
  }

  // MARK: - Characters

  var current: Unicode.Scalar? { pos < text.count ? text[pos] : nil }

  func at(_ k: Int) -> Unicode.Scalar? { k < text.count ? text[k] : nil }

  func startsWith(_ s: String, at k: Int? = nil) -> Bool {
    var i = k ?? pos
    for c in s.unicodeScalars {
      guard i < text.count, text[i] == c else { return false }
      i += 1
    }
    return true
  }

  static func isBareKey(_ c: Unicode.Scalar) -> Bool {
    (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "_"
      || c == "-"
  }

  /// Control characters: U+0000-U+001F and U+007F.
  static func isControl(_ c: Unicode.Scalar) -> Bool { c.value < 0x20 || c.value == 0x7F }

  mutating func skipWhitespace() {
    while let c = current, c == " " || c == "\t" { pos += 1 }
  }

  mutating func skipWhitespaceAndNewlines() {
    while let c = current, c == " " || c == "\t" || c == "\n" { pos += 1 }
  }

  /// A comment to the end of its line (not the line break).
  mutating func skipComment() throws(TOMLError) {
    guard current == "#" else { return }
    pos += 1
    while let c = current, c != "\n" {
      if Self.isControl(c) && c != "\t" {
        throw error("a comment cannot hold the control character \(Self.describe(c))")
      }
      pos += 1
    }
  }

  /// White space, line breaks and comments, as between an array's values.
  mutating func skipArraySpace() throws(TOMLError) {
    while true {
      let start = pos
      skipWhitespaceAndNewlines()
      try skipComment()
      if pos == start { return }
    }
  }

  /// An error at `k` (default: the current place).
  func error(_ message: String, at k: Int? = nil) -> TOMLError {
    let place = min(k ?? pos, text.count)
    var line = 1
    var column = 1
    for i in 0..<place {
      if text[i] == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    return TOMLError(line: line, column: column, message: message)
  }

  /// A character as a message names it.
  static func describe(_ c: Unicode.Scalar?) -> String {
    guard let c else { return "the end of the document" }
    switch c {
    case "\n": return "a line break"
    case "\r": return "a carriage return"
    case "\t": return "a tab"
    default:
      return isControl(c) ? "U+" + String(c.value, radix: 16, uppercase: true) : "'\(c)'"
    }
  }

  // MARK: - The document

  mutating func document() throws(TOMLError) -> TOMLTable {
    var tree = TOMLTree()
    var header: [String] = []
    while true {
      skipWhitespace()
      guard let c = current else { break }
      if c == "\n" {
        pos += 1
        continue
      }
      if Self.isBareKey(c) || c == "\"" || c == "'" {
        try keyValue(into: &tree, header: header)
        skipWhitespace()
      } else if c == "[" {
        tree.finalizePending()
        header = at(pos + 1) == "[" ? try arrayHeader(&tree) : try tableHeader(&tree)
        skipWhitespace()
      } else if c != "#" {
        throw error("expected a key, a [table] or a comment, not \(Self.describe(c))")
      }
      try skipComment()
      guard let next = current else { break }
      guard next == "\n" else {
        throw error("expected the end of the line, not \(Self.describe(next))")
      }
      pos += 1
    }
    return tree.root.table
  }

  static func dotted(_ path: [String]) -> String {
    path.map { k in
      k.unicodeScalars.allSatisfy(isBareKey) && !k.isEmpty ? k : "\"\(k)\""
    }.joined(separator: ".")
  }

  /// `[a.b]`: declares a table (once).
  mutating func tableHeader(_ tree: inout TOMLTree) throws(TOMLError) -> [String] {
    let start = pos
    pos += 1
    skipWhitespace()
    let path = try key()
    if tree.has(path, .explicitNest) || tree.has(path, .frozen) {
      throw error("table \(Self.dotted(path)) is defined twice", at: start)
    }
    tree.set(path, .explicitNest, recursive: false)
    guard tree.nest(path) != nil else {
      throw error("\(Self.dotted(path)) already holds a value, not a table", at: start)
    }
    guard current == "]" else {
      throw error("expected ']' to close the table header, not \(Self.describe(current))")
    }
    pos += 1
    return path
  }

  /// `[[a.b]]`: appends a table to an array of tables.
  mutating func arrayHeader(_ tree: inout TOMLTree) throws(TOMLError) -> [String] {
    let start = pos
    pos += 2
    skipWhitespace()
    let path = try key()
    if tree.has(path, .frozen) {
      throw error(
        "\(Self.dotted(path)) is a closed array or table: nothing can be added", at: start)
    }
    tree.unsetAll(path)
    tree.set(path, .explicitNest, recursive: false)
    guard tree.appendToArray(path) != nil else {
      throw error(
        "\(Self.dotted(path)) already holds something other than an array of tables", at: start)
    }
    guard startsWith("]]") else {
      throw error(
        "expected ']]' to close the array-of-tables header, not \(Self.describe(current))")
    }
    pos += 2
    return path
  }

  /// `a.b = value` under `header`.
  mutating func keyValue(into tree: inout TOMLTree, header: [String]) throws(TOMLError) {
    let start = pos
    let (key, value) = try keyValuePair()
    let parent = header + key.dropLast()
    for i in 1..<key.count {
      let container = header + key.prefix(i)
      if tree.has(container, .explicitNest) {
        throw error(
          "table \(Self.dotted(container)) cannot be extended by a dotted key here", at: start)
      }
      tree.addPending(container, .explicitNest)
    }
    if tree.has(parent, .frozen) {
      throw error(
        "\(Self.dotted(parent)) is a closed array or table: nothing can be added", at: start)
    }
    guard let node = tree.nest(parent) else {
      throw error("\(Self.dotted(parent)) already holds a value, not a table", at: start)
    }
    let stem = key.last!
    guard node.entries[stem] == nil else {
      throw error("\(Self.dotted(header + key)) is defined twice", at: start)
    }
    if case .table = value { tree.set(header + key, .frozen, recursive: true) }
    if case .array = value { tree.set(header + key, .frozen, recursive: true) }
    node.set(stem, .value(value))
  }

  mutating func keyValuePair() throws(TOMLError) -> ([String], TOMLValue) {
    let k = try key()
    guard current == "=" else {
      throw error("expected '=' after the key, not \(Self.describe(current))")
    }
    pos += 1
    skipWhitespace()
    return (k, try value())
  }

  /// A key: bare or quoted parts joined by dots (white space around the dots allowed).
  mutating func key() throws(TOMLError) -> [String] {
    var parts = [try keyPart()]
    skipWhitespace()
    while current == "." {
      pos += 1
      skipWhitespace()
      parts.append(try keyPart())
      skipWhitespace()
    }
    return parts
  }

  mutating func keyPart() throws(TOMLError) -> String {
    guard let c = current else { throw error("a key is missing at the end of the document") }
    if Self.isBareKey(c) {
      let start = pos
      while let d = current, Self.isBareKey(d) { pos += 1 }
      return String(String.UnicodeScalarView(text[start..<pos]))
    }
    if c == "'" { return try literalString() }
    if c == "\"" { return try basicString() }
    throw error("a key is missing here (found \(Self.describe(c)))")
  }

  // MARK: - Values

  mutating func value() throws(TOMLError) -> TOMLValue {
    guard let c = current else { throw error("a value is missing at the end of the document") }
    switch c {
    case "\"": return .string(startsWith("\"\"\"") ? try multilineBasicString() : try basicString())
    case "'":
      return .string(startsWith("'''") ? try multilineLiteralString() : try literalString())
    case "[": return try nested { (p: inout TOMLParser) throws(TOMLError) in try p.array() }
    case "{": return try nested { (p: inout TOMLParser) throws(TOMLError) in try p.inlineTable() }
    default: break
    }
    if startsWith("true") {
      pos += 4
      return .boolean(true)
    }
    if startsWith("false") {
      pos += 5
      return .boolean(false)
    }
    if let d = try dateTime() { return .dateTime(d) }
    if let n = try number() { return n }
    throw error("expected a value, not \(Self.describe(c))")
  }

  /// Runs `body` one nesting level deeper, refusing past ``maximumNesting``.
  mutating func nested(_ body: (inout TOMLParser) throws(TOMLError) -> TOMLValue)
    throws(TOMLError) -> TOMLValue
  {
    guard depth < Self.maximumNesting else {
      throw error("arrays and inline tables nest more than \(Self.maximumNesting) deep")
    }
    depth += 1
    defer { depth -= 1 }
    return try body(&self)
  }

  mutating func array() throws(TOMLError) -> TOMLValue {
    pos += 1
    var values: [TOMLValue] = []
    try skipArraySpace()
    if current == "]" {
      pos += 1
      return .array(values)
    }
    while true {
      values.append(try value())
      try skipArraySpace()
      if current == "]" {
        pos += 1
        return .array(values)
      }
      guard current == "," else {
        throw error("expected ',' or ']' in the array, not \(Self.describe(current))")
      }
      pos += 1
      try skipArraySpace()
      if current == "]" {
        pos += 1
        return .array(values)
      }
    }
  }

  mutating func inlineTable() throws(TOMLError) -> TOMLValue {
    pos += 1
    let tree = TOMLTree()
    skipWhitespace()
    if current == "}" {
      pos += 1
      return .table(TOMLTable())
    }
    while true {
      let start = pos
      let (key, value) = try keyValuePair()
      if tree.has(key, .frozen) {
        throw error(
          "\(Self.dotted(key)) is a closed array or table: nothing can be added", at: start)
      }
      guard let node = tree.nest(Array(key.dropLast()), throughArrays: false) else {
        throw error(
          "\(Self.dotted(Array(key.dropLast()))) already holds a value, not a table", at: start)
      }
      guard node.entries[key.last!] == nil else {
        throw error("\(Self.dotted(key)) is defined twice in the inline table", at: start)
      }
      node.set(key.last!, .value(value))
      skipWhitespace()
      if current == "}" {
        pos += 1
        return .table(tree.root.table)
      }
      guard current == "," else {
        throw error(
          "expected ',' or '}' in the inline table (on one line), not \(Self.describe(current))")
      }
      switch value {
      case .table, .array: tree.set(key, .frozen, recursive: true)
      default: break
      }
      pos += 1
      skipWhitespace()
    }
  }
}
