/// The four unsigned magnitude operations behind every QINS8 operation, on code bytes.
///
/// These are what the lookup tables hold: each entry of a table is one call of one of these
/// functions. The signed operations on ``QINS8`` add the sign logic around them.
///
/// In `s`-space (s = 256 - code, mu = 256 / s):
/// - add: `s = sa sb / (sa + sb)`, so `mu = mu_a + mu_b` (harmonic addition);
/// - absolute difference: `s = sa sb / |sa - sb|`, so `mu = |mu_a - mu_b|`; equal
///   magnitudes give zero;
/// - multiply: `s = sa sb / 256`, so `mu = mu_a mu_b`;
/// - reciprocal: `mu = 256 / mu_a = s_a`, the reciprocal scaled by 2^8 so that it lands in
///   [1, 256]; a tensor's scale exponent `e` becomes `-8 - e`.
public enum QINS8Kernels {
  /// `mu_a + mu_b`, rounded.
  @inlinable
  public static func add(_ a: UInt8, _ b: UInt8, mode: RoundingMode) -> MagnitudeRounding.Result {
    let sa = UInt64(QINS8.s(a))
    let sb = UInt64(QINS8.s(b))
    return MagnitudeRounding.round(256 * (sa + sb), over: sa * sb, mode: mode)
  }

  /// `|mu_a - mu_b|`, rounded; zero when the magnitudes are equal.
  @inlinable
  public static func absoluteDifference(_ a: UInt8, _ b: UInt8, mode: RoundingMode)
    -> MagnitudeRounding.Result
  {
    let sa = UInt64(QINS8.s(a))
    let sb = UInt64(QINS8.s(b))
    let gap = sa > sb ? sa - sb : sb - sa
    return MagnitudeRounding.round(256 * gap, over: sa * sb, mode: mode)
  }

  /// `mu_a * mu_b`, rounded.
  @inlinable
  public static func multiply(_ a: UInt8, _ b: UInt8, mode: RoundingMode)
    -> MagnitudeRounding.Result
  {
    let sa = UInt64(QINS8.s(a))
    let sb = UInt64(QINS8.s(b))
    return MagnitudeRounding.round(65_536, over: sa * sb, mode: mode)
  }

  /// `256 / mu_a` (that is, `s_a`), rounded. Never overflows or underflows.
  @inlinable
  public static func reciprocal(_ a: UInt8, mode: RoundingMode) -> MagnitudeRounding.Result {
    MagnitudeRounding.round(UInt64(QINS8.s(a)), over: 1, mode: mode)
  }

  /// `mu_a / 2^shift`, rounded: what aligning a value to an exponent `shift` larger does.
  /// In s-space it is exact, `s' = s_a 2^shift`, while `s'` stays within 256; beyond that the
  /// magnitude is below 1 and rounds to 1 or to zero by the mode (an underflow).
  @inlinable
  public static func scaleDown(_ a: UInt8, by shift: Int, mode: RoundingMode)
    -> MagnitudeRounding.Result
  {
    precondition(shift >= 0, "shift must be >= 0")
    if shift > 16 { return MagnitudeRounding.round(0, over: 1, mode: mode).withUnderflow }
    return MagnitudeRounding.round(256, over: UInt64(QINS8.s(a)) << UInt64(shift), mode: mode)
  }
}

extension MagnitudeRounding.Result {
  /// A zero that stands for a non-zero value too small to keep.
  @inlinable
  public var withUnderflow: MagnitudeRounding.Result {
    MagnitudeRounding.Result(isZero: true, code: 0, flags: [.zero, .underflow, .inexact])
  }
}
