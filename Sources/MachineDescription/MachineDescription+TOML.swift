import Foundation
import QINSSupport
import TOML

extension MachineDescription {
  /// The description as TOML with a comment on every field: what `qinssim machine show
  /// --toml` prints, a documented copy to start a machine file from. ``init(toml:)`` reads it
  /// back unchanged.
  public var toml: String {
    let root = jsonObject
    var out = "# Machine description \(name) (qinssim machine show --toml).\n"
    out += "# Every field is written out; a field left out of a file keeps its default.\n"
    func value(_ v: Any) -> String {
      if let s = v as? String { return "\"" + Self.escapedTOML(s) + "\"" }
      // The object is built in Swift (not parsed), so its values keep their Swift types.
      if let b = v as? Bool { return b ? "true" : "false" }
      if let i = v as? Int { return String(i) }
      if let d = v as? Double { return d == d.rounded() && abs(d) < 1e15 ? String(d) : "\(d)" }
      return "\(v)"
    }
    func lines(_ object: [String: Any], prefix: String) -> String {
      var text = ""
      let keys = object.keys.sorted { ($0 == "name" ? 0 : 1, $0) < ($1 == "name" ? 0 : 1, $1) }
      for key in keys where !(object[key] is [String: Any]) {
        let path = prefix.isEmpty ? key : prefix + "." + key
        if let note = MachineFieldNotes.note(path) { text += "# \(note)\n" }
        text += "\(key) = \(value(object[key]!))\n"
      }
      return text
    }
    out += "\n" + lines(root, prefix: "")
    for table in MachineFieldNotes.tables {
      var object: Any? = root
      for part in table.split(separator: ".") {
        object = (object as? [String: Any])?[String(part)]
      }
      guard let fields = object as? [String: Any] else { continue }
      out += "\n"
      if let note = MachineFieldNotes.note(table) { out += "# \(note)\n" }
      out += "[\(table)]\n" + lines(fields, prefix: table)
    }
    return out
  }

  /// Parses a machine description written in TOML (``TOMLParser``): read as the JSON form is,
  /// so an unknown field, a wrong type or a value out of range is an error naming the field;
  /// malformed TOML is an error naming its line and column.
  public init(toml text: String) throws(DescriptionError) {
    let table: TOMLTable
    do { table = try TOMLParser.parse(text) } catch {
      throw DescriptionError("", "is not valid TOML (\(error))")
    }
    try self.init(tree: Self.tree(.table(table)))
  }

  /// A TOML value as Foundation holds JSON: integers and floats as numbers, tables as
  /// objects; a date-time stays itself, for the reader to name as a wrong type.
  static func tree(_ v: TOMLValue) -> Any {
    switch v {
    case .string(let s): s
    case .integer(let i): NSNumber(value: i)
    case .float(let f): NSNumber(value: f)
    case .boolean(let b): b
    case .dateTime(let d): d
    case .array(let a): a.map(tree)
    case .table(let t):
      Dictionary(uniqueKeysWithValues: t.keys.map { ($0, tree(t[$0]!)) }) as [String: Any]
    }
  }

  static func escapedTOML(_ s: String) -> String {
    var out = ""
    for c in s.unicodeScalars {
      switch c {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default:
        if c.value < 0x20 || c.value == 0x7F {
          out += String(format: "\\u%04X", c.value)
        } else {
          out.unicodeScalars.append(c)
        }
      }
    }
    return out
  }
}
