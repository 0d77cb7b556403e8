import ExactArithmetic

/// An FPINS(L) number: a sign and `L + 1` level bytes.
///
/// Level byte `b_i` stands for `k_i = 256 - b_i` in 1...256, exactly as a QINS8 code does,
/// and the magnitude is `256 / (k_0 * k_1 * ... * k_L)`. FPINS(0) is QINS8. The magnitudes
/// run from 256 (every `k_i = 1`) down to `256^-L` (every `k_i = 256`).
///
/// Deeper levels do not refine values near 1: a magnitude `256 / P` needs an integer product
/// `P`, so its relative step is at least `1 / P`. They extend the range downward, where `P`
/// is large and the steps are fine; ``ScalePolicy`` places a tensor there.
///
/// The product passes 64 bits from L = 7 on; ``exactMagnitude`` uses GMP.
public struct FPINSValue: Hashable, Sendable {
  /// -1, 0 (zero) or +1.
  public var sign: Int8
  /// The level bytes `b_0 ... b_L`.
  public var levels: [UInt8]

  /// Supported depths: 0 (QINS8) to 15 (16 level bytes).
  public static let depths = 0...15

  public init(sign: Int8, levels: [UInt8]) {
    precondition(!levels.isEmpty, "an FPINS value has at least one level")
    self.sign = sign
    self.levels = levels
  }

  /// Validates user-supplied level bytes and sign.
  public init(sign: Int, levelBytes: [Int]) throws(NumberFormatError) {
    guard sign >= -1 && sign <= 1 else { throw .invalidSign(sign) }
    guard FPINSValue.depths.contains(levelBytes.count - 1) else {
      throw .depthOutOfRange(depth: levelBytes.count - 1, supported: FPINSValue.depths)
    }
    for (i, b) in levelBytes.enumerated() where !(0...255).contains(b) {
      throw .levelOutOfRange(position: i, value: b)
    }
    self.init(sign: Int8(sign), levels: levelBytes.map { UInt8($0) })
  }

  /// Zero at a depth: sign 0, every level byte 0.
  public static func zero(depth: Int) -> FPINSValue {
    FPINSValue(sign: 0, levels: [UInt8](repeating: 0, count: depth + 1))
  }

  /// L, the number of levels minus one.
  public var depth: Int { levels.count - 1 }

  /// Whether the value is zero.
  public var isZero: Bool { sign == 0 }

  /// The factors `k_i = 256 - b_i`.
  public var factors: [Int] { levels.map { 256 - Int($0) } }

  /// The exact product `k_0 * ... * k_L` (GMP).
  public var exactProduct: ExactInteger { ExactInteger.product(factors) }

  /// The exact signed value `sign * 256 / product` (GMP).
  public var exactValue: ExactRational {
    if isZero { return ExactRational(0) }
    let m = ExactRational(ExactInteger(256), exactProduct)
    return sign < 0 ? -m : m
  }

  /// The exact magnitude, correctly rounded to `Double`.
  public var exactMagnitude: Double { isZero ? 0 : exactValue.magnitude.nearestDouble }

  /// The magnitude from a floating-point product: within `(L + 2)` units in the last place,
  /// for bulk error statistics where GMP would be slow.
  @inlinable
  public var approximateMagnitude: Double {
    if isZero { return 0 }
    var p = 1.0
    for b in levels { p *= Double(256 - Int(b)) }
    return 256 / p
  }

  /// Bytes as stored: the level bytes plus a sign byte.
  public var storedBytes: Int { levels.count + 1 }
}
