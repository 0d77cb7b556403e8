extension QINS8: CustomStringConvertible {
  /// `+mu(b=code)`, for example `+2.0(b=128)`, or `0` for zero.
  public var description: String {
    if isZero { return "0" }
    return "\(sign < 0 ? "-" : "+")\(magnitude)(b=\(code))"
  }
}
