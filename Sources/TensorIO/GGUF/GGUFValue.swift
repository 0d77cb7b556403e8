/// One metadata value of a GGUF file. GGUF types its values: the twelve scalar and string
/// types and arrays of any of them (arrays of arrays included).
public enum GGUFValue: Hashable, Sendable {
  case uint8(UInt8)
  case int8(Int8)
  case uint16(UInt16)
  case int16(Int16)
  case uint32(UInt32)
  case int32(Int32)
  case float32(Float)
  case bool(Bool)
  case string(String)
  /// The element type and the elements (all of that type).
  case array(GGUFValueType, [GGUFValue])
  case uint64(UInt64)
  case int64(Int64)
  case float64(Double)

  /// The value's type tag.
  public var type: GGUFValueType {
    switch self {
    case .uint8: .uint8
    case .int8: .int8
    case .uint16: .uint16
    case .int16: .int16
    case .uint32: .uint32
    case .int32: .int32
    case .float32: .float32
    case .bool: .bool
    case .string: .string
    case .array: .array
    case .uint64: .uint64
    case .int64: .int64
    case .float64: .float64
    }
  }

  /// An integer value of any integer type, as `Int`; nil for other types and for a `UInt64`
  /// above `Int.max`.
  public var integer: Int? {
    switch self {
    case .uint8(let v): Int(v)
    case .int8(let v): Int(v)
    case .uint16(let v): Int(v)
    case .int16(let v): Int(v)
    case .uint32(let v): Int(v)
    case .int32(let v): Int(v)
    case .uint64(let v): Int(exactly: v)
    case .int64(let v): Int(v)
    default: nil
    }
  }

  /// A floating-point value (`float32` or `float64`), as `Double`; nil for other types.
  public var real: Double? {
    switch self {
    case .float32(let v): Double(v)
    case .float64(let v): v
    default: nil
    }
  }

  /// A string value; nil for other types.
  public var string: String? {
    if case .string(let s) = self { s } else { nil }
  }

  /// A boolean value; nil for other types.
  public var bool: Bool? {
    if case .bool(let b) = self { b } else { nil }
  }

  /// The elements of an array value; nil for other types.
  public var elements: [GGUFValue]? {
    if case .array(_, let e) = self { e } else { nil }
  }
}

/// GGUF's metadata value type tags (`gguf_type`).
public enum GGUFValueType: UInt32, Hashable, Sendable, CaseIterable {
  case uint8 = 0
  case int8 = 1
  case uint16 = 2
  case int16 = 3
  case uint32 = 4
  case int32 = 5
  case float32 = 6
  case bool = 7
  case string = 8
  case array = 9
  case uint64 = 10
  case int64 = 11
  case float64 = 12

  /// Bytes of one value of a fixed-size type; nil for strings and arrays.
  public var fixedSize: Int? {
    switch self {
    case .uint8, .int8, .bool: 1
    case .uint16, .int16: 2
    case .uint32, .int32, .float32: 4
    case .uint64, .int64, .float64: 8
    case .string, .array: nil
    }
  }

  /// The fewest bytes one value of this type can take in a file (a string's or an array's
  /// 8-byte length, and an array's 4-byte element type).
  var minimumSize: Int { fixedSize ?? (self == .string ? 8 : 12) }
}
