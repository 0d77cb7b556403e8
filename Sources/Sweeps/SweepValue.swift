/// One value of a swept field: what a spec file can write for it.
public enum SweepValue: Hashable, Sendable, Codable, CustomStringConvertible {
  case integer(Int)
  case number(Double)
  case text(String)
  case flag(Bool)

  /// The value as the CSV and the point files write it.
  public var description: String {
    switch self {
    case .integer(let v): String(v)
    case .number(let v): String(v)
    case .text(let v): v
    case .flag(let v): String(v)
    }
  }

  /// The value as a JSON value, for a machine description's field.
  var jsonObject: Any {
    switch self {
    case .integer(let v): v
    case .number(let v): v
    case .text(let v): v
    case .flag(let v): v
    }
  }

  /// The value as a number (integers and numbers), for sorting axes' values in reports.
  public var numeric: Double? {
    switch self {
    case .integer(let v): Double(v)
    case .number(let v): v
    default: nil
    }
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.singleValueContainer()
    if let v = try? c.decode(Int.self) {
      self = .integer(v)
    } else if let v = try? c.decode(Double.self) {
      self = .number(v)
    } else if let v = try? c.decode(Bool.self) {
      self = .flag(v)
    } else {
      self = .text(try c.decode(String.self))
    }
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    switch self {
    case .integer(let v): try c.encode(v)
    case .number(let v): try c.encode(v)
    case .text(let v): try c.encode(v)
    case .flag(let v): try c.encode(v)
    }
  }
}
