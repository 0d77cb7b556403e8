/// The value of a constant expression: an integer or a floating-point number.
enum ExpressionValue: Hashable, Sendable {
  case integer(Int64)
  case float(Double)

  var asDouble: Double {
    switch self {
    case .integer(let v): Double(v)
    case .float(let v): v
    }
  }

  /// How the value is written back into source so that it evaluates to the same value.
  var sourceText: String {
    switch self {
    case .integer(let v):
      return String(v)
    case .float(let v):
      if v.isNaN { return "f64bits(\(v.bitPattern))" }
      if v.isInfinite { return v < 0 ? "-inf" : "inf" }
      let s = "\(v)"
      return s.contains(".") || s.contains("e") ? s : s + ".0"
    }
  }
}
