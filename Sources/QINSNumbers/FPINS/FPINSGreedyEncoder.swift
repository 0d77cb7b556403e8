import RealModule

/// The seed's FPINS encoder, reproduced step for step (chapter 9, `float_to_fpins_levels`).
///
/// For a target product `P = 256 / |v|`, level `i` of `L + 1` takes
/// `round(remaining^(1 / levels_left))` clamped to 1...256 (Python's `round`, half to even),
/// and the remaining product is divided by it. With L = 2 it encodes 1.0 as levels
/// (6, 7, 6), product 252, which decodes to 1.01587: the seed's reported 1.0159.
///
/// One departure: the seed encodes 0 as level 128 at every position, which decodes to
/// `256 / 128^(L+1)`, not zero. Here zero is the FPINS zero (sign 0).
public enum FPINSGreedyEncoder {
  public static func encode(_ value: Double, depth: Int) -> FPINSValue {
    precondition(FPINSValue.depths.contains(depth), "depth out of range")
    // Non-finite values do not trap: NaN is zero, an infinity the largest magnitude (256).
    if value == 0 || value.isNaN { return .zero(depth: depth) }
    if value.isInfinite {
      return FPINSValue(
        sign: value < 0 ? -1 : 1, levels: [UInt8](repeating: 255, count: depth + 1))
    }
    var remaining = 256.0 / value.magnitude
    var levels: [UInt8] = []
    for i in 0...depth {
      let levelsLeft = Double(depth + 1 - i)
      let root = Double.pow(remaining, 1.0 / levelsLeft).rounded(.toNearestOrEven)
      let k = min(max(root, 1), 256)
      levels.append(UInt8(256 - Int(k)))
      remaining /= k
    }
    return FPINSValue(sign: value < 0 ? -1 : 1, levels: levels)
  }
}
