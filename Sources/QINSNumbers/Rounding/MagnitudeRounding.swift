/// Rounds an exact non-negative rational magnitude `p / q` onto QINS8, with integer
/// arithmetic only.
///
/// This is the single rounding routine behind every QINS8 operation and table. Its
/// arithmetic is exact for `p, q < 2^26`, which covers every operation on two QINS8 operands
/// (the largest numerator is 256 * 512 for an add, the largest denominator 65,536).
public enum MagnitudeRounding {
  /// The result of rounding: a code byte (meaningless when `isZero`), and flags.
  public struct Result: Hashable, Sendable {
    public var isZero: Bool
    public var code: UInt8
    public var flags: ArithmeticFlags

    @inlinable
    public init(isZero: Bool, code: UInt8, flags: ArithmeticFlags) {
      self.isZero = isZero
      self.code = code
      self.flags = flags
    }
  }

  /// Rounds `p / q` (q > 0) in `mode`.
  @inlinable
  public static func round(_ p: UInt64, over q: UInt64, mode: RoundingMode) -> Result {
    precondition(q > 0, "zero denominator")
    if p == 0 { return Result(isZero: true, code: 0, flags: .zero) }
    if p > 256 * q { return Result(isZero: false, code: 255, flags: [.overflow, .inexact]) }
    if p < q {
      // Below the smallest non-zero magnitude, 1.
      switch mode {
      case .nearest where 2 * p > q:
        return Result(isZero: false, code: 0, flags: .inexact)
      default:
        return Result(isZero: true, code: 0, flags: [.zero, .underflow, .inexact])
      }
    }
    // 1 <= p/q <= 256, so s* = 256q/p lies in [1, 256].
    let sLow = (256 * q) / p  // floor(s*): the larger candidate magnitude 256/sLow
    if sLow * p == 256 * q {
      return Result(isZero: false, code: UInt8(256 - sLow), flags: [])
    }
    let sHigh = sLow + 1  // ceil(s*): the smaller candidate magnitude
    let s: UInt64
    switch mode {
    case .seed:
      s = sHigh
    case .nearest:
      // Compare p/q with the midpoint 128 (2 sLow + 1) / (sLow sHigh).
      let lhs = p * sLow * sHigh
      let rhs = 128 * (2 * sLow + 1) * q
      if lhs > rhs {
        s = sLow
      } else if lhs < rhs {
        s = sHigh
      } else {
        s = sLow & 1 == 0 ? sLow : sHigh  // code 256 - s is even exactly when s is even
      }
    }
    return Result(isZero: false, code: UInt8(256 - s), flags: .inexact)
  }
}
