/// The grid of unit-scale values one stored element can take, for every format a machine can
/// store besides FP32 and FPINS(L>=1): QINS8 and the rival 8- and 16-bit formats.
///
/// A stored tensor element is `value = unit * scale`, where `unit` lies on the format's grid and
/// `scale` is the tensor's, its row's or its channel's (see ``ScaleChoice``). Quantizing rounds
/// `x / scale` onto the grid to the nearest value; values beyond the grid's largest magnitude
/// saturate to it (OCP's "saturate to finite" conversion for FP8) and report it.
///
/// | format | grid | largest | bytes stored |
/// |---|---|---:|---:|
/// | QINS8 | 0 and 256 / s, s in 1...256 | 256 | 2 (sign, code) |
/// | INT8 | integers -127...127 (symmetric) | 127 | 1 |
/// | FP8 E4M3 | OCP 8-bit float, 3 fraction bits, no infinities | 448 | 1 |
/// | FP8 E5M2 | OCP 8-bit float, 2 fraction bits | 57,344 | 1 |
/// | BF16 | bfloat16, 7 fraction bits | 3.39e38 | 2 |
public enum ElementFormat: Hashable, Sendable {
  case qins8(RoundingMode)
  /// QINS in one byte: a sign bit and a 7-bit code. The magnitudes 256/s for even s from 4 to
  /// 256 (that is 128/t, t = 2...128: from 1 to 64) and zero, so that every value is also a
  /// QINS8 value (code 256 - s) and the QINS8 product paths apply unchanged.
  case qins7(RoundingMode)
  case int8
  case fp8e4m3
  case fp8e5m2
  case bf16

  /// The largest magnitude on the grid.
  public var largest: Float {
    switch self {
    case .qins8: 256
    case .qins7: 64
    case .int8: 127
    case .fp8e4m3: 448
    case .fp8e5m2: 57_344
    case .bf16: Float(bitPattern: 0x7F7F_0000)
    }
  }

  /// Whether a binary floating-point grid: FP8 or BF16. Its fraction bits and the exponent of
  /// its smallest normal value.
  @usableFromInline var floatGrid: (fractionBits: Int, minExponent: Int)? {
    switch self {
    case .fp8e4m3: (3, -6)
    case .fp8e5m2: (2, -14)
    case .bf16: (7, -126)
    case .qins8, .qins7, .int8: nil
    }
  }

  /// `x` rounded to the nearest grid value (ties: to the even code), and whether it
  /// saturated. An infinity saturates to the largest magnitude with its sign; NaN gives zero,
  /// reported as saturated.
  @inlinable
  public func quantize(_ x: Float) -> (value: Float, saturated: Bool) {
    if !x.isFinite { return (x.isNaN ? 0 : x < 0 ? -largest : largest, true) }
    switch self {
    case .qins8(let mode):
      let (q, overflow) = QINS8UnitEncoder.shared(mode).encode(x)
      return (Self.unitValue(q), overflow)
    case .qins7(let mode):
      let (q, saturated) = Self.encodeQINS7(x, mode: mode)
      return (Self.unitValue(q), saturated)
    case .int8:
      let r = x.rounded(.toNearestOrEven)
      if r > 127 { return (127, true) }
      if r < -127 { return (-127, true) }
      return (r == 0 ? 0 : r, false)
    case .fp8e4m3, .fp8e5m2, .bf16:
      return Self.roundToFloatGrid(x, floatGrid!, largest: largest)
    }
  }

  /// A QINS8 value at unit scale: `QINS8Codec.decode(q, scaleExponent: 0)`, from a table.
  @inlinable
  static func unitValue(_ q: QINS8) -> Float {
    q.isZero ? 0 : Float(q.sign) * QINS8Codec.unitMagnitudes[Int(q.code)]
  }

  /// `x` on the QINS7 grid, as the QINS8 value with that magnitude (an even s), and whether it
  /// saturated. Nearest: ties to the even t; seed: toward zero. Exact in `Double`.
  public static func encodeQINS7(_ x: Float, mode: RoundingMode) -> (QINS8, Bool) {
    let sign: Int8 = x < 0 ? -1 : 1
    let a = Double(x.magnitude)
    func value(_ t: Int) -> QINS8 { QINS8(sign: sign, code: UInt8(256 - 2 * t)) }
    if a == 0 { return (.zero, false) }
    if a > 64 { return (value(2), true) }
    if a < 1 { return (mode == .nearest && a > 0.5 ? value(128) : .zero, false) }
    // tLow = floor(128 / a): 128 / tLow >= a > 128 / (tLow + 1).
    var tLow = Int(128 / a)
    while a * Double(tLow) > 128 { tLow -= 1 }
    while tLow < 128 && a * Double(tLow + 1) <= 128 { tLow += 1 }
    if a * Double(tLow) == 128 || tLow == 128 { return (value(tLow), false) }
    switch mode {
    case .seed: return (value(tLow + 1), false)
    case .nearest:
      let lhs = a * Double(tLow) * Double(tLow + 1)
      let rhs = Double(64 * (2 * tLow + 1))
      let t = lhs > rhs ? tLow : lhs < rhs ? tLow + 1 : (tLow & 1 == 0 ? tLow : tLow + 1)
      return (value(t), false)
    }
  }

  /// Rounds to a binary float grid with `fractionBits` and normal exponents from `minExponent`
  /// (below it, subnormal steps of `2^(minExponent - fractionBits)`), saturating at `largest`.
  /// Scaling by powers of two is exact in `Float`, so the rounding is the only one.
  @usableFromInline
  static func roundToFloatGrid(
    _ x: Float, _ grid: (fractionBits: Int, minExponent: Int), largest: Float
  ) -> (value: Float, saturated: Bool) {
    let a = x.magnitude
    if a == 0 { return (0, false) }
    let e = max(Int(a.exponent), grid.minExponent)
    let quantum = Float(sign: .plus, exponent: e - grid.fractionBits, significand: 1)
    var r = (a / quantum).rounded(.toNearestOrEven) * quantum
    var saturated = false
    if r > largest || !r.isFinite {
      r = largest
      saturated = true
    }
    return (r == 0 ? 0 : x < 0 ? -r : r, saturated)
  }
}

/// What a QINS8 processing element's multiply delivers to its accumulator (see
/// `QINS8ProductTable` in the SystolicArray module for the exact values).
public enum QINS8ProductPath: Hashable, Sendable {
  /// The MUL table's 8-bit result.
  case table8
  /// `mu_a x mu_b` correctly rounded to FP32.
  case exact
  /// Operands decoded to `fractionBits` fraction bits, multiplied exactly.
  case decoded(fractionBits: Int)
}
