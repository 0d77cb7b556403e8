extension QINS8 {
  /// A result and the exceptions its rounding raised.
  public typealias Outcome = (value: QINS8, flags: ArithmeticFlags)

  /// Builds a signed value from a kernel result: zero when the kernel says so.
  @inlinable
  public static func make(sign: Int8, _ r: MagnitudeRounding.Result) -> Outcome {
    r.isZero ? (.zero, r.flags) : (QINS8(sign: sign, code: r.code), r.flags)
  }

  /// `a + b`. Same signs add magnitudes harmonically; opposite signs subtract them, the
  /// result taking the sign of the larger magnitude (equal magnitudes give exact zero).
  @inlinable
  public static func add(_ a: QINS8, _ b: QINS8, mode: RoundingMode) -> Outcome {
    if a.isZero { return (b, b.isZero ? .zero : []) }
    if b.isZero { return (a, []) }
    if a.sign == b.sign {
      return make(sign: a.sign, QINS8Kernels.add(a.code, b.code, mode: mode))
    }
    // A larger code byte is a smaller s, so a larger magnitude.
    let sign = a.code >= b.code ? a.sign : b.sign
    return make(sign: sign, QINS8Kernels.absoluteDifference(a.code, b.code, mode: mode))
  }

  /// `a - b`, that is `a + (-b)`.
  @inlinable
  public static func subtract(_ a: QINS8, _ b: QINS8, mode: RoundingMode) -> Outcome {
    add(a, b.negated, mode: mode)
  }

  /// `a * b`. Zero if either operand is zero.
  @inlinable
  public static func multiply(_ a: QINS8, _ b: QINS8, mode: RoundingMode) -> Outcome {
    if a.isZero || b.isZero { return (.zero, .zero) }
    return make(sign: a.sign * b.sign, QINS8Kernels.multiply(a.code, b.code, mode: mode))
  }

  /// `256 / a` with the sign of `a` (see ``QINS8Kernels/reciprocal(_:mode:)``). The
  /// reciprocal of zero is zero with ``ArithmeticFlags/invalid``.
  @inlinable
  public static func reciprocal(_ a: QINS8, mode: RoundingMode) -> Outcome {
    if a.isZero { return (.zero, [.zero, .invalid]) }
    return make(sign: a.sign, QINS8Kernels.reciprocal(a.code, mode: mode))
  }

  /// `a / 2^shift`: aligning `a` to an exponent `shift` larger (see
  /// ``QINS8Kernels/scaleDown(_:by:mode:)``).
  @inlinable
  public static func scaleDown(_ a: QINS8, by shift: Int, mode: RoundingMode) -> Outcome {
    if a.isZero || shift == 0 { return (a, a.isZero ? .zero : []) }
    return make(sign: a.sign, QINS8Kernels.scaleDown(a.code, by: shift, mode: mode))
  }
}
