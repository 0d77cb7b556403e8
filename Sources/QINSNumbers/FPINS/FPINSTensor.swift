/// A tensor in FPINS(L): a sign plane, `L + 1` level bytes per element (element-major), and
/// one power-of-two scale exponent. Element `i` is `sign * 256 / (k_0 ... k_L) * 2^e`.
public struct FPINSTensor: Hashable, Sendable {
  public var depth: Int
  public var signs: [Int8]
  /// `count * (depth + 1)` level bytes; element `i` owns `levels[i*(L+1) ..< (i+1)*(L+1)]`.
  public var levels: [UInt8]
  public var scaleExponent: Int

  /// Elements in the tensor.
  public var count: Int { signs.count }

  /// Bytes as stored: `L + 1` level bytes and a sign byte per element.
  public var storedBytes: Int { count * (depth + 2) }

  /// Element `i`.
  public func element(_ i: Int) -> FPINSValue {
    let w = depth + 1
    return FPINSValue(sign: signs[i], levels: Array(levels[i * w..<(i + 1) * w]))
  }

  /// Encodes `values` at `depth` with `encoder`, choosing the scale by `scale` (for
  /// ``ScalePolicy/minimumSquaredError`` the window spans `8 L + 16` exponents, enough to
  /// move the largest value from 256 down past 1 into the finely spaced range).
  public static func encode(
    _ values: [Float], depth: Int, encoder: FPINSEncoder,
    scale: ScalePolicy = .minimumSquaredError
  ) throws(NumberFormatError) -> FPINSTensor {
    guard FPINSValue.depths.contains(depth) else {
      throw .depthOutOfRange(depth: depth, supported: FPINSValue.depths)
    }
    if let bad = values.firstIndex(where: { !$0.isFinite }) {
      throw .nonFinite(index: bad, value: Double(values[bad]))
    }
    let e = scale.exponent(for: values, window: 8 * depth + 16) { v, e in
      let x = encoder.encode(Double(v) * pow2(-e), depth: depth)
      return Double(x.sign) * x.approximateMagnitude * pow2(e)
    }
    var signs = [Int8](repeating: 0, count: values.count)
    var levels = [UInt8]()
    levels.reserveCapacity(values.count * (depth + 1))
    for (i, v) in values.enumerated() {
      let x = encoder.encode(Double(v) * pow2(-e), depth: depth)
      signs[i] = x.sign
      levels += x.levels
    }
    return FPINSTensor(depth: depth, signs: signs, levels: levels, scaleExponent: e)
  }

  /// Decodes every element to `Float` (from a floating-point product, see
  /// ``FPINSValue/approximateMagnitude``).
  public func decoded() -> [Float] {
    let scale = pow2(scaleExponent)
    return (0..<count).map { i in
      let x = element(i)
      return Float(Double(x.sign) * x.approximateMagnitude * scale)
    }
  }
}

/// 2^e as a `Double`.
@inlinable
func pow2(_ e: Int) -> Double { Double(sign: .plus, exponent: e, significand: 1) }
