/// The sorted sets of products of one, two and three factors in 1...256: the integers `P`
/// for which `256 / P` is an FPINS(0), FPINS(1) or FPINS(2) magnitude.
///
/// S1 is 1...256 (256 values), S2 has 17,668 values up to 65,536 and S3 has 655,343 values
/// up to 2^24 (2.5 MiB as `UInt32`). Each is built once, on first use.
public enum RepresentableProducts {
  /// Products of one factor: 1...256.
  public static let one: [UInt32] = (1...256).map { UInt32($0) }

  /// Distinct products of two factors in 1...256, ascending.
  public static let two: [UInt32] = products(extending: one, limit: 1 << 16)

  /// Distinct products of three factors in 1...256, ascending.
  public static let three: [UInt32] = products(extending: two, limit: 1 << 24)

  /// The set for `factors` factors (1...3).
  public static func set(factors: Int) -> [UInt32] {
    switch factors {
    case 1: one
    case 2: two
    case 3: three
    default: preconditionFailure("only sets of 1 to 3 factors are tabulated")
    }
  }

  /// `{ k * b : k in 1...256, b in base }`, sorted and distinct, via a bitmap.
  private static func products(extending base: [UInt32], limit: Int) -> [UInt32] {
    var seen = [UInt64](repeating: 0, count: limit / 64 + 1)
    for k in 1...256 {
      for b in base {
        let p = Int(b) * k
        seen[p >> 6] |= 1 << UInt64(p & 63)
      }
    }
    var result: [UInt32] = []
    for (w, word) in seen.enumerated() where word != 0 {
      var bits = word
      while bits != 0 {
        let t = bits.trailingZeroBitCount
        result.append(UInt32(w * 64 + t))
        bits &= bits - 1
      }
    }
    return result
  }

  /// The largest element of `set` that is <= `x`, or nil.
  @inlinable
  public static func predecessor(of x: UInt128, in set: [UInt32]) -> UInt32? {
    guard let first = set.first, x >= UInt128(first) else { return nil }
    var lo = 0
    var hi = set.count
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if UInt128(set[mid]) <= x { lo = mid } else { hi = mid }
    }
    return set[lo]
  }

  /// The smallest element of `set` that is >= `x`, or nil.
  @inlinable
  public static func successor(of x: UInt128, in set: [UInt32]) -> UInt32? {
    guard let last = set.last, x <= UInt128(last) else { return nil }
    var lo = -1
    var hi = set.count - 1
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if UInt128(set[mid]) >= x { hi = mid } else { lo = mid }
    }
    return set[hi]
  }

  /// Whether `x` is in the sorted `set`.
  public static func contains(_ x: UInt64, in set: [UInt32]) -> Bool {
    guard x <= UInt64(UInt32.max), let p = predecessor(of: UInt128(x), in: set) else {
      return false
    }
    return UInt64(p) == x
  }

  /// Splits `p`, a product of `count` factors in 1...256, into those factors, largest first.
  public static func factor(_ p: UInt64, count: Int) -> [Int]? {
    if count == 1 { return p >= 1 && p <= 256 ? [Int(p)] : nil }
    for k in stride(from: 256, through: 1, by: -1) where p % UInt64(k) == 0 {
      let rest = p / UInt64(k)
      if count - 1 <= 3 && !contains(rest, in: set(factors: count - 1)) { continue }
      if let tail = factor(rest, count: count - 1) {
        return ([k] + tail).sorted(by: >)
      }
    }
    return nil
  }
}
