import CGMP

extension ExactRational: CustomStringConvertible {
  /// `numerator/denominator`, or just the numerator for an integer.
  public var description: String {
    guard let chars = __gmpq_get_str(nil, 10, raw) else { return "?" }
    defer { cgmp_free_string(chars) }
    return String(cString: chars)
  }
}
