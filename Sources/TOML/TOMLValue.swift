/// A TOML value (TOML 1.0): what a document's keys hold.
///
/// Integers are 64-bit (TOML's range: a literal outside it is an error, not a rounded value);
/// floats keep `inf` and `nan` as TOML allows them, so a reader that takes only finite
/// numbers must check. Date-times keep their text and kind (``TOMLDateTime``): nothing here
/// needs calendar arithmetic.
public enum TOMLValue: Hashable, Sendable {
  case string(String)
  case integer(Int64)
  case float(Double)
  case boolean(Bool)
  case dateTime(TOMLDateTime)
  case array([TOMLValue])
  case table(TOMLTable)

  /// The kind's name as messages use it: "a string", "an integer", ...
  public var kindName: String {
    switch self {
    case .string: "a string"
    case .integer: "an integer"
    case .float: "a float"
    case .boolean: "a boolean"
    case .dateTime(let d): d.kind.name
    case .array: "an array"
    case .table: "a table"
    }
  }

  public var string: String? { if case .string(let v) = self { v } else { nil } }
  public var integer: Int64? { if case .integer(let v) = self { v } else { nil } }
  public var float: Double? { if case .float(let v) = self { v } else { nil } }
  public var boolean: Bool? { if case .boolean(let v) = self { v } else { nil } }
  public var array: [TOMLValue]? { if case .array(let v) = self { v } else { nil } }
  public var table: TOMLTable? { if case .table(let v) = self { v } else { nil } }
}
