import ExactArithmetic
import QINSNumbers
import QINSReference
import QINSSupport
import Testing

@Suite("FPINS(L)")
struct FPINSTests {
  @Test("Exact decoding at every depth 0...15, past 64 bits", arguments: 0...15)
  func exactDecoding(depth: Int) {
    // Every level k = 255 (byte 1): magnitude 256 / 255^(L+1).
    let x = FPINSValue(sign: -1, levels: [UInt8](repeating: 1, count: depth + 1))
    let expected = -(ExactRational(ExactInteger(256), ExactInteger(255).power(depth + 1)))
    #expect(x.exactValue == expected)
    #expect(x.exactProduct.bitWidth == ExactInteger(255).power(depth + 1).bitWidth)
    // The floating-point magnitude is within (L + 2) ulps of the exact one.
    let exact = x.exactMagnitude
    #expect(abs(x.approximateMagnitude - exact) <= Double(depth + 2) * exact.ulp)
    // The deepest level product: 256^16 = 2^128 does not fit in 128 bits; GMP holds it.
    let deepest = FPINSValue(sign: 1, levels: [UInt8](repeating: 0, count: depth + 1))
    #expect(deepest.exactProduct == ExactInteger(2).power(8 * (depth + 1)))
  }

  @Test("Greedy reproduces the seed's chapter 9 output at L = 2")
  func greedyMatchesSeed() {
    let decoded = FormatErrorStudy.seedValues.map {
      let x = FPINSGreedyEncoder.encode($0, depth: 2)
      return Double(x.sign) * x.exactMagnitude
    }
    // The seed prints relative errors 0.0%, 0.47%, 2.4%, 0.18%, 1.59%, 0.29%.
    let printedPercent = [0.0, 0.47, 2.4, 0.18, 1.59, 0.29]
    let printedPrecision = [0.005, 0.005, 0.05, 0.005, 0.005, 0.005]
    for i in decoded.indices {
      let percent =
        abs(decoded[i] - FormatErrorStudy.seedValues[i]) / abs(FormatErrorStudy.seedValues[i]) * 100
      #expect(abs(percent - printedPercent[i]) <= printedPrecision[i], "value \(i): \(percent)%")
    }
    #expect(FPINSGreedyEncoder.encode(1.0, depth: 2).factors == [6, 7, 6])
  }

  @Test("Optimal at depth 0 is QINS8 nearest rounding")
  func optimalDepthZeroIsQINS8() {
    var g = SeededGenerator(seed: 3)
    var probes: [Float] = [1, 256, 0.5, 0.25, 0.75, 300]
    for s in 1...255 {
      probes.append(Float(128.0 * Double(2 * s + 1) / Double(s * (s + 1))))
    }
    for _ in 0..<2000 { probes.append(Float(g.nextUnitDouble() * 260)) }
    for x in probes {
      let f = FPINSOptimalEncoder.encode(Double(x), depth: 0)
      let q = QINS8Codec.encode(x, scaleExponent: 0, mode: .nearest).value
      #expect(f.sign == q.sign && (f.isZero || f.levels == [q.code]), "x = \(x)")
    }
  }

  /// Brute-force reference for small depths: every product, sorted, and the nearest by
  /// exact rational distance with the documented tie rule.
  static func bruteForceNearest(_ v: Double, products: [Int]) -> Int {
    let exact = ExactRational(exactly: v)!
    let target = 256 / v
    var lo = 0
    var hi = products.count - 1
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if Double(products[mid]) <= target { lo = mid } else { hi = mid }
    }
    let window = products[max(0, lo - 2)...min(products.count - 1, lo + 3)]
    var best = window.first!
    var bestDistance = (ExactRational(256, best) - exact).magnitude
    for p in window.dropFirst() {
      let d = (ExactRational(256, p) - exact).magnitude
      let better =
        d < bestDistance
        || (d == bestDistance && ((p % 2 == 0) != (best % 2 == 0) ? p % 2 == 0 : p > best))
      if better {
        best = p
        bestDistance = d
      }
    }
    return best
  }

  @Test(
    "Optimal at depths 1 and 2 equals a brute-force search over all products", arguments: [1, 2])
  func optimalAgainstBruteForce(depth: Int) {
    var set = Set<Int>()
    if depth == 1 {
      for a in 1...256 { for b in a...256 { set.insert(a * b) } }
    } else {
      for a in 1...256 { for b in a...256 { for c in b...256 { set.insert(a * b * c) } } }
    }
    let products = set.sorted()
    #expect(products.count == (depth == 1 ? 17_668 : 655_343))
    var g = SeededGenerator(seed: UInt64(depth))
    let maxP = Double(products.last!)
    for i in 0..<3000 {
      // Log-uniform over the whole range, plus exact midpoints between neighbours.
      var v = 256 / (maxP * 0.999 * g.nextUnitDouble() + 1.0005)
      if i % 10 == 0 {
        let j = Int(g.next() % UInt64(products.count - 1))
        v = 128.0 * Double(products[j] + products[j + 1]) / Double(products[j] * products[j + 1])
      }
      let x = FPINSOptimalEncoder.encode(v, depth: depth)
      let p = x.factors.reduce(1, *)
      #expect(p == Self.bruteForceNearest(v, products: products), "v = \(v)")
      #expect(x.factors.allSatisfy { (1...256).contains($0) } && x.levels.count == depth + 1)
    }
  }

  @Test("Optimal at depth 3: no product of four factors lies strictly nearer")
  func optimalDepthThreeIsLocallyNearest() {
    var g = SeededGenerator(seed: 33)
    var checked = 0
    for _ in 0..<300 {
      let v = 256 / (g.nextUnitDouble() * 4e9 + 1)
      let x = FPINSOptimalEncoder.encode(v, depth: 3)
      let p = x.factors.reduce(1, *)
      let d = abs(256 / Double(p) - v)
      // Every integer P' with |256/P' - v| < d lies in (256/(v+d), 256/(v-d)).
      let low = Int((256 / (v + d)).rounded(.down))
      let high = v > d ? Int((256 / (v - d)).rounded(.up)) : Int.max
      guard high - low < 20_000 else { continue }
      for q in max(1, low)...high where q != p {
        let dq = abs(256 / Double(q) - v)
        if dq < d * (1 - 1e-12) {
          #expect(RepresentableProducts.factor(UInt64(q), count: 4) == nil, "v=\(v) p=\(p) q=\(q)")
        }
      }
      checked += 1
    }
    #expect(checked > 200)
  }

  @Test("Optimal error never exceeds greedy error", arguments: 0...7)
  func optimalBeatsGreedy(depth: Int) {
    var g = SeededGenerator(seed: 99)
    for _ in 0..<300 {
      let v = (g.nextUnitDouble() * 2 - 1) * 3
      guard v != 0 else { continue }
      let o = FPINSOptimalEncoder.encode(v, depth: depth)
      let gr = FPINSGreedyEncoder.encode(v, depth: depth)
      let eo = abs(Double(o.sign) * o.approximateMagnitude - v)
      let eg = abs(Double(gr.sign) * gr.approximateMagnitude - v)
      #expect(eo <= eg * (1 + 1e-9) + 1e-300, "v = \(v), depth \(depth)")
    }
  }

  @Test("Bad level bytes, depths and signs are refused with a message")
  func validation() {
    #expect(throws: NumberFormatError.levelOutOfRange(position: 1, value: 256)) {
      _ = try FPINSValue(sign: 1, levelBytes: [0, 256])
    }
    #expect(throws: NumberFormatError.depthOutOfRange(depth: 16, supported: 0...15)) {
      _ = try FPINSValue(sign: 1, levelBytes: [UInt8](repeating: 0, count: 17).map(Int.init))
    }
    #expect(throws: NumberFormatError.invalidSign(2)) {
      _ = try FPINSValue(sign: 2, levelBytes: [0])
    }
    #expect(
      NumberFormatError.levelOutOfRange(position: 1, value: 256).description.contains("0...255"))
  }
}
