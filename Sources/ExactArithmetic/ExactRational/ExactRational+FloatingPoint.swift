import CGMP

extension ExactRational {
  /// The value rounded to the nearest `Double`, ties to even: a correctly rounded
  /// conversion, unlike GMP's `mpq_get_d`, which truncates.
  ///
  /// Values beyond `Double.greatestFiniteMagnitude` become infinities; values too small for a
  /// subnormal become signed zero, as IEEE 754 rounding prescribes.
  public var nearestDouble: Double { nearest(Double.self) }

  /// The value rounded to the nearest `Float`, ties to even (correctly rounded).
  public var nearestFloat: Float { nearest(Float.self) }

  /// Correct rounding by bracketing: start from GMP's truncated `Double`, then compare the
  /// exact value with the exact midpoints to the neighbouring representable values.
  private func nearest<F: BinaryFloatingPoint>(_: F.Type) -> F {
    if signum == 0 { return 0 }
    if signum < 0 { return -(-self).nearest(F.self) }
    // A first guess within a few units in the last place.
    var low = F(__gmpq_get_d(raw))
    if low.isInfinite { low = .greatestFiniteMagnitude }
    // Move `low` down until it is not above the value, then up while its successor is not.
    while let exact = ExactRational(exactly: Double(low)), exact > self, low > 0 {
      low = low.nextDown
    }
    while low < .greatestFiniteMagnitude,
      let next = ExactRational(exactly: Double(low.nextUp)), next <= self
    {
      low = low.nextUp
    }
    guard let lowExact = ExactRational(exactly: Double(low)) else { return low }
    if lowExact == self { return low }
    let high: F = low.nextUp
    // Above the largest finite value: round to infinity past the IEEE overflow threshold.
    if low == .greatestFiniteMagnitude {
      let ulp = ExactRational(exactly: Double(low.ulp))!
      let threshold = lowExact + ulp / ExactRational(2)
      return self >= threshold ? .infinity : low
    }
    let highExact = ExactRational(exactly: Double(high))!
    let midpoint = (lowExact + highExact) / ExactRational(2)
    if self < midpoint { return low }
    if self > midpoint { return high }
    // A tie: the one whose significand is even.
    return low.significandBitPattern & 1 == 0 ? low : high
  }
}
