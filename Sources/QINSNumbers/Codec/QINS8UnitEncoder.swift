/// FP32 to QINS8 at unit scale, by table: the same codes as
/// `QINS8Codec.encode(x, scaleExponent: 0, mode:)` without a division or a data-dependent
/// search, for the hot loops that encode millions of values (weight conversion, scale
/// calibration, element-scaled stores).
///
/// Magnitudes in [1, 256] are split into buckets by their `Float` exponent and top
/// ``fractionBits`` fraction bits. The grid's magnitudes `256 / s` are at least 1/255 apart
/// relative to their size, more than a bucket's width (2^-10), so the codes change at most once
/// within a bucket; the table holds each bucket's two codes and the smallest `Float` that takes
/// the second. Those are found at construction by bisection with the definition
/// (``QINS8Codec/encode(_:scaleExponent:mode:)``, monotone in the magnitude), so ties and
/// rounding modes come out exactly as it says. Magnitudes outside [1, 256] are clamped into it
/// (256 saturates to code 255; below 1, nearest rounding keeps code 0 above 1/2) and the
/// result is selected without branches. Tested against the definition on every `Float` from
/// 2^-2 to 2^9.
///
/// `@unchecked Sendable`: its tables are written only in `init` and read-only afterwards.
public final class QINS8UnitEncoder: @unchecked Sendable {
  /// Fraction bits that select a bucket within an octave.
  public static let fractionBits = 10
  public let mode: RoundingMode
  /// Per bucket b: the codes below and from the threshold at `2b` and `2b + 1`.
  @usableFromInline let codes: UnsafeMutablePointer<UInt8>
  /// The same as unit magnitudes (`256 / s`, correctly rounded to `Float`).
  @usableFromInline let values: UnsafeMutablePointer<Float>
  /// The smallest magnitude of each bucket that takes the second code; `.infinity` when the
  /// bucket has one code.
  @usableFromInline let threshold: UnsafeMutablePointer<Float>
  /// Buckets: 8 octaves of 2^fractionBits, and 256 alone.
  @usableFromInline static let buckets = 8 << fractionBits + 1

  /// The shared encoder for `mode`.
  public static func shared(_ mode: RoundingMode) -> QINS8UnitEncoder {
    mode == .nearest ? nearest : seed
  }
  public static let nearest = QINS8UnitEncoder(mode: .nearest)
  public static let seed = QINS8UnitEncoder(mode: .seed)

  init(mode: RoundingMode) {
    self.mode = mode
    let buckets = Self.buckets
    codes = .allocate(capacity: 2 * buckets)
    values = .allocate(capacity: 2 * buckets)
    threshold = .allocate(capacity: buckets)
    func code(_ bits: UInt32) -> UInt8 {
      QINS8Codec.encode(Float(bitPattern: bits), scaleExponent: 0, mode: mode).value.code
    }
    let one = Float(1).bitPattern
    let shift = UInt32(23 - Self.fractionBits)
    for b in 0..<buckets {
      let first = one + UInt32(b) << shift
      let last = b == buckets - 1 ? first : first + (1 << shift) - 1
      let (c0, c1) = (code(first), code(last))
      codes[2 * b] = c0
      codes[2 * b + 1] = c1
      values[2 * b] = QINS8Codec.unitMagnitudes[Int(c0)]
      values[2 * b + 1] = QINS8Codec.unitMagnitudes[Int(c1)]
      threshold[b] = .infinity
      if c0 == c1 { continue }
      // A bucket is narrower than the gap between two rounding boundaries.
      precondition(c1 == c0 &+ 1, "QINS8UnitEncoder: bucket \(b) holds two code changes")
      // The first pattern in (first, last] with code c1.
      var (lo, hi) = (first, last)
      while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2
        if code(mid) == c1 { hi = mid } else { lo = mid }
      }
      threshold[b] = Float(bitPattern: hi)
    }
  }

  deinit {
    codes.deallocate()
    values.deallocate()
    threshold.deallocate()
  }

  /// `x` on the QINS8 grid at unit scale, and whether it saturated (|x| > 256). `x` must be
  /// finite. The same as `QINS8Codec.encode(x, scaleExponent: 0, mode: mode)` with its
  /// overflow flag.
  @inlinable
  public func encode(_ x: Float) -> (value: QINS8, overflow: Bool) {
    let y = x.magnitude
    let code = codes[entry(Swift.min(Swift.max(y, 1), 256))]
    let representable = mode == .nearest ? y > 0.5 : y >= 1
    return (representable ? QINS8(sign: x < 0 ? -1 : 1, code: code) : .zero, y > 256)
  }

  /// The grid magnitude `|x|` rounds to at unit scale (0 when it rounds to zero, 256 when it
  /// saturates): the unit magnitude of ``encode(_:)``'s code. `x` must be finite.
  @inlinable
  public func magnitude(_ x: Float) -> Float {
    let y = x.magnitude
    let m = values[entry(Swift.min(Swift.max(y, 1), 256))]
    let representable = mode == .nearest ? y > 0.5 : y >= 1
    return representable ? m : 0
  }

  /// The entry of `codes` and `values` for a magnitude in [1, 256]: its bucket's first or
  /// second, chosen by arithmetic rather than a branch (the comparison is unpredictable).
  @inlinable @inline(__always)
  func entry(_ y: Float) -> Int {
    let b = Int((y.bitPattern &- 0x3F80_0000) >> UInt32(23 - Self.fractionBits))
    let second = y >= threshold[b]
    return 2 &* b &+ Int(truncatingIfNeeded: Int8(bitPattern: second ? 1 : 0))
  }

  /// The first `Float` of `magnitudes` (and its negation) where ``encode(_:)`` or
  /// ``magnitude(_:)`` differs from the definition, or nil: the exhaustive check the tests run
  /// (here, so that it runs optimised; 2^-2 ... 2^9 is 92 million values a sign).
  public func firstDisagreement(in magnitudes: ClosedRange<Float>) -> Float? {
    var bits = magnitudes.lowerBound.magnitude.bitPattern
    while bits <= magnitudes.upperBound.bitPattern {
      let x = Float(bitPattern: bits)
      for v in [x, -x] {
        let (want, flags) = QINS8Codec.encode(v, scaleExponent: 0, mode: mode)
        let (got, overflow) = encode(v)
        let unit = want.isZero ? 0 : QINS8Codec.unitMagnitudes[Int(want.code)]
        if got != want || overflow != flags.contains(.overflow) || magnitude(v) != unit {
          return v
        }
      }
      bits += 1
    }
    return nil
  }
}
