/// FP32 to QINS8 and back, one value at a time, with a power-of-two scale.
///
/// A real value `x` is stored as `sign * mu * 2^e` where `mu = 256 / s` is the QINS8
/// magnitude and `e` the scale exponent its tensor carries (see ``ScalePolicy``). Encoding
/// rounds `|x| * 2^-e` onto QINS8 by a ``RoundingMode``; decoding is exact up to the final
/// rounding to `Float`.
public enum QINS8Codec {
  /// Encodes `x * 2^-scaleExponent`.
  ///
  /// All arithmetic is exact: `y = |x| 2^-e` has at most 24 significant bits and every
  /// product below stays within 41 bits, so `Double` computes it without rounding.
  ///
  /// Non-finite values do not trap (QINS8 has neither infinity nor NaN): an infinity
  /// saturates to the largest magnitude with its sign (`[.overflow, .inexact]`, as any value
  /// above the range), and NaN encodes as zero with `[.invalid, .overflow, .inexact]`, so a
  /// machine that counts overflows counts it as a saturation.
  @inlinable
  public static func encode(_ x: Float, scaleExponent: Int, mode: RoundingMode) -> QINS8.Outcome {
    if x.isNaN { return (.zero, [.invalid, .overflow, .inexact]) }
    let sign: Int8 = x < 0 ? -1 : 1
    if x.isInfinite { return (QINS8(sign: sign, code: 255), [.overflow, .inexact]) }
    let y =
      scaleExponent == 0
      ? Double(x.magnitude)
      : Double(sign: .plus, exponent: -scaleExponent, significand: Double(x.magnitude))
    if y == 0 { return (.zero, .zero) }
    if y > 256 { return (QINS8(sign: sign, code: 255), [.overflow, .inexact]) }
    if y < 1 {
      if mode == .nearest && y > 0.5 { return (QINS8(sign: sign, code: 0), .inexact) }
      return (.zero, [.zero, .underflow, .inexact])
    }
    // sLow = floor(256 / y), corrected so that y * sLow <= 256 < y * (sLow + 1).
    var sLow = Int(256 / y)
    while y * Double(sLow) > 256 { sLow -= 1 }
    while sLow < 256 && y * Double(sLow + 1) <= 256 { sLow += 1 }
    if y * Double(sLow) == 256 { return (QINS8(sign: sign, code: UInt8(256 - sLow)), []) }
    let s: Int
    switch mode {
    case .seed:
      s = sLow + 1
    case .nearest:
      let lhs = y * Double(sLow) * Double(sLow + 1)
      let rhs = Double(128 * (2 * sLow + 1))
      s = lhs > rhs ? sLow : lhs < rhs ? sLow + 1 : (sLow & 1 == 0 ? sLow : sLow + 1)
    }
    return (QINS8(sign: sign, code: UInt8(256 - s)), .inexact)
  }

  /// `256 / s` correctly rounded to `Float`, by code (`256 - s`): QINS8's unit-scale magnitudes.
  public static let unitMagnitudes: [Float] = (0..<256).map { Float(256.0 / Double(256 - $0)) }

  /// The value `sign * 256 / s * 2^scaleExponent`, correctly rounded to `Float`.
  ///
  /// One `Double` division followed by a rounding to `Float` is correctly rounded, because
  /// `Double` carries more than twice `Float`'s precision plus two bits.
  @inlinable
  public static func decode(_ x: QINS8, scaleExponent: Int) -> Float {
    if x.isZero { return 0 }
    let mu = 256.0 / Double(x.s)
    return Float(
      Double(sign: x.sign < 0 ? .minus : .plus, exponent: scaleExponent, significand: mu))
  }
}
