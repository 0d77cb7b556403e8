import ExactArithmetic
import QINSNumbers

/// The exact semantics of QINS8, computed with GMP rationals.
///
/// This is the oracle the tables, kernels and converters are tested against. It shares no
/// arithmetic with ``QINSNumbers``: it forms the exact result as a rational and finds the
/// representable neighbours by binary search over all 256 magnitudes with exact comparisons,
/// where the implementation uses a closed-form floor division on machine integers.
public enum QINS8Reference {
  /// The magnitudes `256 / s` of codes 0...255, exact and increasing with the code.
  public static let magnitudes: [ExactRational] = (0...255).map {
    ExactRational(256, 256 - $0)
  }

  /// The exact magnitude of a code byte.
  public static func magnitude(_ code: UInt8) -> ExactRational { magnitudes[Int(code)] }

  /// The exact signed value of a QINS8 number times `2^scaleExponent`.
  public static func value(_ x: QINS8, scaleExponent: Int = 0) -> ExactRational {
    if x.isZero { return ExactRational(0) }
    let m = magnitude(x.code).timesPowerOfTwo(scaleExponent)
    return x.sign < 0 ? -m : m
  }

  /// Rounds an exact non-negative magnitude onto QINS8 by the definitions of
  /// ``RoundingMode``.
  public static func round(_ exact: ExactRational, mode: RoundingMode) -> MagnitudeRounding.Result {
    precondition(exact.signum >= 0, "magnitude must be non-negative")
    let zero = ExactRational(0)
    if exact == zero { return .init(isZero: true, code: 0, flags: .zero) }
    if exact > magnitudes[255] {
      return .init(isZero: false, code: 255, flags: [.overflow, .inexact])
    }
    // Binary search for the largest code whose magnitude is <= exact (-1 if none).
    var lo = -1
    var hi = 256
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if magnitudes[mid] <= exact { lo = mid } else { hi = mid }
    }
    if lo >= 0 && magnitudes[lo] == exact {
      return .init(isZero: false, code: UInt8(lo), flags: [])
    }
    // exact lies strictly between `below` (code lo, or zero when lo == -1) and code lo + 1.
    let below = lo >= 0 ? magnitudes[lo] : zero
    let above = magnitudes[lo + 1]
    func pickBelow() -> MagnitudeRounding.Result {
      lo >= 0
        ? .init(isZero: false, code: UInt8(lo), flags: .inexact)
        : .init(isZero: true, code: 0, flags: [.zero, .underflow, .inexact])
    }
    let pickAbove = MagnitudeRounding.Result(isZero: false, code: UInt8(lo + 1), flags: .inexact)
    switch mode {
    case .seed:
      return pickBelow()
    case .nearest:
      let dBelow = exact - below
      let dAbove = above - exact
      if dBelow < dAbove { return pickBelow() }
      if dAbove < dBelow { return pickAbove }
      // Tie: the even code byte; zero counts as even and wins against code 0's neighbour.
      if lo < 0 { return pickBelow() }
      return lo % 2 == 0 ? pickBelow() : pickAbove
    }
  }

  /// `mu_a + mu_b`, rounded.
  public static func add(_ a: UInt8, _ b: UInt8, mode: RoundingMode) -> MagnitudeRounding.Result {
    round(magnitude(a) + magnitude(b), mode: mode)
  }

  /// `|mu_a - mu_b|`, rounded.
  public static func absoluteDifference(_ a: UInt8, _ b: UInt8, mode: RoundingMode)
    -> MagnitudeRounding.Result
  {
    round((magnitude(a) - magnitude(b)).magnitude, mode: mode)
  }

  /// `mu_a * mu_b`, rounded.
  public static func multiply(_ a: UInt8, _ b: UInt8, mode: RoundingMode)
    -> MagnitudeRounding.Result
  {
    round(magnitude(a) * magnitude(b), mode: mode)
  }

  /// `256 / mu_a`, rounded.
  public static func reciprocal(_ a: UInt8, mode: RoundingMode) -> MagnitudeRounding.Result {
    round(ExactRational(256) / magnitude(a), mode: mode)
  }

  /// The reference result of one table entry.
  public static func evaluate(_ op: TableOperation, _ a: UInt8, _ b: UInt8, mode: RoundingMode)
    -> MagnitudeRounding.Result
  {
    switch op {
    case .add: add(a, b, mode: mode)
    case .sub: absoluteDifference(a, b, mode: mode)
    case .mul: multiply(a, b, mode: mode)
    case .rcp: reciprocal(a, mode: mode)
    }
  }

  /// Encodes `x * 2^-scaleExponent` onto QINS8 exactly. Nil for NaN and the infinities.
  public static func encode(_ x: Float, scaleExponent: Int, mode: RoundingMode)
    -> (value: QINS8, flags: ArithmeticFlags)?
  {
    guard let exact = ExactRational(exactly: x) else { return nil }
    let r = round(exact.magnitude.timesPowerOfTwo(-scaleExponent), mode: mode)
    if r.isZero { return (.zero, r.flags) }
    return (QINS8(sign: exact.signum < 0 ? -1 : 1, code: r.code), r.flags)
  }

  /// The exact value of `x * 2^scaleExponent`, correctly rounded to `Float`.
  public static func decode(_ x: QINS8, scaleExponent: Int) -> Float {
    value(x, scaleExponent: scaleExponent).nearestFloat
  }
}
