import CGMP

extension ExactInteger: CustomStringConvertible {
  /// Decimal digits with a leading minus sign for negative values.
  public var description: String { string(radix: 10) }

  /// Digits in `radix` (2 to 62).
  public func string(radix: Int) -> String {
    guard let chars = __gmpz_get_str(nil, Int32(radix), raw) else { return "?" }
    defer { cgmp_free_string(chars) }
    return String(cString: chars)
  }
}
