import RealModule

/// The nearest-magnitude FPINS encoder.
///
/// For L <= 3 it returns the representable magnitude `256 / P` nearest to `|v|`, exactly:
/// the value `|v| = m 2^f` is an exact rational, `T = 256 / |v| = 2^(8-f) / m`, and for each
/// first factor `k` the neighbours of `T / k` among the tabulated products of the other L
/// factors are found with exact 128-bit integer arithmetic. The nearer of the best product
/// below `T` and the best above wins (compared exactly); an exact tie goes to the even
/// product, and if both are even to the larger product (the smaller magnitude). Below half
/// the smallest magnitude `256^-L` the result is zero (a tie goes to zero); above 256 it
/// saturates to 256.
///
/// For L >= 4 the leading `L - 3` levels are chosen first, each as the rounded root that
/// brings the remaining product towards 2^26, where four factors are dense, and the last four
/// levels are then nearest for the remaining product (exact given the leading levels). This
/// is not guaranteed to be the global optimum; its errors are measured and documented.
public enum FPINSOptimalEncoder {
  /// Where the deep encoder aims the product left for the last four levels.
  static let deepRemainderTarget = 67_108_864.0  // 2^26

  public static func encode(_ value: Double, depth: Int) -> FPINSValue {
    precondition(FPINSValue.depths.contains(depth), "depth out of range")
    // Non-finite values do not trap: NaN is zero, an infinity the largest magnitude (256).
    if value == 0 || value.isNaN { return .zero(depth: depth) }
    if value.isInfinite {
      return FPINSValue(
        sign: value < 0 ? -1 : 1, levels: [UInt8](repeating: 255, count: depth + 1))
    }
    let sign: Int8 = value < 0 ? -1 : 1
    if depth <= 3 {
      guard let factors = nearestFactors(value.magnitude, depth: depth) else {
        return .zero(depth: depth)
      }
      return FPINSValue(sign: sign, levels: factors.map { UInt8(256 - $0) })
    }
    // Deep: leading levels by rounded roots, then the last four exactly.
    let mu = value.magnitude
    if mu > 256 {
      return FPINSValue(sign: sign, levels: [UInt8](repeating: 255, count: depth + 1))
    }
    var remaining = 256.0 / mu
    var prefix: [Int] = []
    let leading = depth - 3
    for i in 0..<leading {
      let excess = max(remaining / deepRemainderTarget, 1)
      let root = Double.pow(excess, 1.0 / Double(leading - i)).rounded(.toNearestOrEven)
      let k = Int(min(max(root, 1), 256))
      prefix.append(k)
      remaining /= Double(k)
    }
    let prefixProduct = prefix.reduce(1.0) { $0 * Double($1) }
    guard let tail = nearestFactors(mu * prefixProduct, depth: 3) else {
      return .zero(depth: depth)
    }
    let all = (prefix + tail).sorted(by: >)
    return FPINSValue(sign: sign, levels: all.map { UInt8(256 - $0) })
  }

  /// The factors (largest first) of the product nearest to `mu`, or nil for zero.
  static func nearestFactors(_ mu: Double, depth: Int) -> [Int]? {
    let count = depth + 1
    if mu >= 256 { return [Int](repeating: 1, count: count) }
    let pMax = UInt128(1) << UInt128(8 * count)
    // mu = m * 2^f exactly, with m odd.
    var m = UInt128(mu.significandBitPattern) | (UInt128(1) << 52)
    var f = Int(mu.exponent) - 52
    if mu.isSubnormal {
      m = UInt128(mu.significandBitPattern)
      f = Int(Double.leastNormalMagnitude.exponent) - 52
    }
    while m & 1 == 0 {
      m >>= 1
      f += 1
    }
    // T = 256 / mu = 2^g / m. Compare T with pMax: T > pMax <=> 2^g > pMax * m.
    let g = 8 - f
    if g > 8 * count + 60 { return nil }  // far below the smallest magnitude
    let n = UInt128(1) << UInt128(g)  // g <= 8 * 4 + 60 = 92 here
    if n > pMax * m {
      // Between zero and the smallest magnitude 256 / pMax: nearest, a tie to zero.
      // mu > 128 / pMax <=> 2 m pMax > 2^g.
      return 2 * m * pMax > n ? [Int](repeating: 256, count: count) : nil
    }
    // Neighbours of T among products k * b, k in 1...256, b in S_depth.
    let base: [UInt32] = depth == 0 ? [1] : RepresentableProducts.set(factors: depth)
    let tCeil = n / m + (n % m == 0 ? 0 : 1)
    var below: UInt128 = 0  // largest product <= T (0: none)
    var above: UInt128 = .max  // smallest product >= T
    for k in 1...256 {
      // Every product has a factorisation whose first factor is its smallest, at most
      // P^(1/count); once k^count passes every product still worth finding, stop.
      var kPower = UInt128(1)
      for _ in 0..<count { kPower *= UInt128(k) }
      if above != .max && kPower > max(tCeil, above) { break }
      let km = UInt128(k) * m
      let q = n / km  // floor(T / k)
      let qCeil = n % km == 0 ? q : q + 1
      if let b = RepresentableProducts.predecessor(of: q, in: base) {
        below = max(below, UInt128(k) * UInt128(b))
      }
      if let b = RepresentableProducts.successor(of: qCeil, in: base) {
        above = min(above, UInt128(k) * UInt128(b))
      }
    }
    let chosen: UInt128
    if below == 0 {
      chosen = above
    } else if above == .max {
      chosen = below
    } else if below == above {
      chosen = below
    } else {
      // |256/below - mu| vs |mu - 256/above|:  below's distance is smaller
      // <=> (above + below) 2^g < 2 m below above.
      let lhs = (above + below) * n
      let rhs = 2 * m * below * above
      if lhs < rhs {
        chosen = below
      } else if lhs > rhs {
        chosen = above
      } else if (below & 1 == 0) != (above & 1 == 0) {
        chosen = below & 1 == 0 ? below : above
      } else {
        chosen = above
      }
    }
    guard let factors = RepresentableProducts.factor(UInt64(chosen), count: count) else {
      preconditionFailure("product \(chosen) is not a product of \(count) factors")
    }
    return factors
  }
}
