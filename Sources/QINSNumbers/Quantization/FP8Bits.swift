/// The bit layouts of the OCP 8-bit floating-point formats (OCP 8-bit Floating Point
/// Specification, 2023): E4M3 (bias 7, no infinities, S.1111.111 is NaN, largest 448) and
/// E5M2 (bias 15, IEEE-like: exponent 31 is infinity or NaN, largest 57,344).
///
/// The machine stores FP8 tensors as these bytes; the simulator computes on their values.
/// Decoding is written from the bit fields, independently of ``ElementFormat/quantize(_:)``,
/// so that each checks the other exhaustively.
public enum FP8Bits {
  /// The value of an E4M3 byte; nil for NaN.
  public static func decodeE4M3(_ byte: UInt8) -> Float? {
    decode(byte, exponentBits: 4, bias: 7, ieeeSpecials: false)
  }

  /// The value of an E5M2 byte; nil for NaN and the infinities.
  public static func decodeE5M2(_ byte: UInt8) -> Float? {
    decode(byte, exponentBits: 5, bias: 15, ieeeSpecials: true)
  }

  static func decode(_ byte: UInt8, exponentBits: Int, bias: Int, ieeeSpecials: Bool) -> Float? {
    let fractionBits = 7 - exponentBits
    let sign: Float = byte & 0x80 != 0 ? -1 : 1
    let exponent = Int(byte >> UInt8(fractionBits)) & ((1 << exponentBits) - 1)
    let fraction = Int(byte) & ((1 << fractionBits) - 1)
    let maxExponent = (1 << exponentBits) - 1
    if ieeeSpecials && exponent == maxExponent { return nil }
    if !ieeeSpecials && exponent == maxExponent && fraction == (1 << fractionBits) - 1 {
      return nil
    }
    let scale = Float(1 << fractionBits)
    if exponent == 0 {
      return sign * Float(fraction) / scale * Float(sign: .plus, exponent: 1 - bias, significand: 1)
    }
    return sign * (1 + Float(fraction) / scale)
      * Float(sign: .plus, exponent: exponent - bias, significand: 1)
  }
}
