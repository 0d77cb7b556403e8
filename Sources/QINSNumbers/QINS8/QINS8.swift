/// A QINS8 number: a sign and a code byte, the seed's two-byte layout.
///
/// The code byte `b` stands for `s = 256 - b` and the magnitude `mu = 256 / s`:
///
/// | code `b` | `s` | magnitude `mu` |
/// |---------:|----:|---------------:|
/// | 0        | 256 | 1              |
/// | 128      | 128 | 2              |
/// | 254      | 2   | 128            |
/// | 255      | 1   | 256            |
///
/// Codes are dense near 1 (128 codes between 1 and 2) and sparse near 256 (none between 128
/// and 256). The relative step between neighbouring codes is `1 / s`.
///
/// The sign is -1, 0 or +1, as the seed's `torch.sign` produces it. A sign of 0 is zero,
/// whatever the code; ``zero`` and every operation that returns zero use code 0. Stored as
/// the seed stores it, a value takes two bytes, so QINS8 tensors are 2 bytes per element
/// against FP32's 4, not 1.
public struct QINS8: Hashable, Sendable {
  /// -1, 0 (zero) or +1.
  public var sign: Int8
  /// The code byte `b = 256 - s`.
  public var code: UInt8

  /// Creates a value; a sign of 0 makes zero and forces the code to 0.
  @inlinable
  public init(sign: Int8, code: UInt8) {
    precondition(sign >= -1 && sign <= 1, "QINS8 sign must be -1, 0 or +1")
    self.sign = sign
    self.code = sign == 0 ? 0 : code
  }

  /// A positive value with the given code byte.
  @inlinable
  public init(code: UInt8) { self.init(sign: 1, code: code) }

  /// Zero.
  public static let zero = QINS8(sign: 0, code: 0)
  /// The smallest positive value, magnitude 1 (code 0).
  public static let one = QINS8(sign: 1, code: 0)
  /// The largest positive value, magnitude 256 (code 255).
  public static let greatestFiniteMagnitude = QINS8(sign: 1, code: 255)

  /// Whether the value is zero.
  @inlinable public var isZero: Bool { sign == 0 }

  /// `s = 256 - b`, in 1...256.
  @inlinable public var s: Int { QINS8.s(code) }

  /// The magnitude `256 / s` (0 for zero), correctly rounded to `Double`.
  @inlinable public var magnitude: Double { isZero ? 0 : QINS8.magnitude(code) }

  /// The signed value `sign * 256 / s`.
  @inlinable public var doubleValue: Double { Double(sign) * magnitude }

  /// The value with its sign flipped.
  @inlinable public var negated: QINS8 { QINS8(sign: -sign, code: code) }

  /// `s` for a code byte.
  @inlinable public static func s(_ code: UInt8) -> Int { 256 - Int(code) }

  /// The magnitude `256 / s` of a code byte.
  @inlinable public static func magnitude(_ code: UInt8) -> Double { 256.0 / Double(s(code)) }
}
