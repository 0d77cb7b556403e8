import ExactArithmetic
import QINSNumbers
import QINSReference
import QINSSupport
import Testing

@Suite("FP32 to QINS8 and back")
struct QINS8CodecTests {
  /// Floats at and around every midpoint and every representable magnitude, at several
  /// scales, plus a random sample: the places where rounding can go wrong.
  static let probes: [Float] = {
    var xs: [Float] = [
      0, -0, 0.5, 0.25, 0.75, 1, 256, 257, 300, 1e-30, 3e38, .leastNonzeroMagnitude,
    ]
    for s in 1...256 {
      let mu = Float(256.0 / Double(s))
      xs += [mu, mu.nextUp, mu.nextDown]
      if s < 256 {
        let mid = Float(128.0 * Double(2 * s + 1) / Double(s * (s + 1)))
        xs += [mid, mid.nextUp, mid.nextDown]
      }
    }
    var g = SeededGenerator(seed: 7)
    for _ in 0..<4000 { xs.append(Float(g.nextUnitDouble() * 300)) }
    return xs + xs.map { -$0 }
  }()

  @Test(
    "Encoding matches the exact reference at scales -3, 0 and 5", arguments: RoundingMode.allCases)
  func encodeMatchesReference(mode: RoundingMode) {
    for e in [-3, 0, 5] {
      for x in Self.probes {
        let scaled = Float(Double(sign: .plus, exponent: e, significand: Double(x)))
        guard scaled.isFinite else { continue }
        let got = QINS8Codec.encode(scaled, scaleExponent: e, mode: mode)
        let want = QINS8Reference.encode(scaled, scaleExponent: e, mode: mode)!
        #expect(got.value == want.value && got.flags == want.flags, "x=\(scaled) e=\(e)")
      }
    }
  }

  @Test("Decoding every code at scales from -160 to 120 is correctly rounded to Float")
  func decodeIsCorrectlyRounded() {
    for e in stride(from: -160, through: 120, by: 7) {
      for c in 0...255 {
        for sign: Int8 in [-1, 1] {
          let q = QINS8(sign: sign, code: UInt8(c))
          let got = QINS8Codec.decode(q, scaleExponent: e)
          let want = QINS8Reference.decode(q, scaleExponent: e)
          #expect(got.bitPattern == want.bitPattern, "code \(c) e \(e)")
        }
      }
    }
  }

  @Test(
    "Round trips: nearest returns every code; seed drops one code exactly when Float rounded down")
  func roundTrip() {
    for c in 0...255 {
      let q = QINS8(sign: -1, code: UInt8(c))
      let x = QINS8Codec.decode(q, scaleExponent: -4)
      #expect(QINS8Codec.encode(x, scaleExponent: -4, mode: .nearest).value == q)
      // Truncation toward zero keeps the code only if the Float is not below the exact value.
      let exact = QINS8Reference.value(q, scaleExponent: -4)
      let roundedDown = ExactRational(exactly: x)!.magnitude < exact.magnitude
      let expected = roundedDown ? QINS8(sign: -1, code: UInt8(c - 1)) : q
      #expect(QINS8Codec.encode(x, scaleExponent: -4, mode: .seed).value == expected, "code \(c)")
    }
  }

  @Test("A tensor with NaN is refused, naming the element")
  func tensorRejectsNaN() {
    #expect(throws: NumberFormatError.nonFinite(index: 2, value: .infinity)) {
      _ = try QINS8Tensor.encode([1, 2, .infinity], mode: .nearest)
    }
  }

  @Test(
    "Scale: fitMaximum maps the largest magnitude to at most 256, exactly 256 for powers of two")
  func fitExponent() {
    #expect(ScalePolicy.fitExponent(maxMagnitude: 256) == 0)
    #expect(ScalePolicy.fitExponent(maxMagnitude: 257) == 1)
    #expect(ScalePolicy.fitExponent(maxMagnitude: 1) == -8)
    #expect(ScalePolicy.fitExponent(maxMagnitude: 0.75) == -8)
    let (t, report) = try! QINS8Tensor.encode(
      [0.75, -0.5, 0.001], mode: .nearest, scale: .fitMaximum)
    #expect(t.scaleExponent == -8)
    #expect(report.overflows == 0)
    // 0.001 * 2^8 = 0.256 < 1/2: underflows to zero.
    #expect(t[2].isZero && report.underflows == 1)
  }

  @Test("minimumSquaredError never does worse than fitMaximum on a normal sample")
  func minimumErrorScale() throws {
    var g = SeededGenerator(seed: 11)
    let xs = g.normalFloats(count: 5000, sigma: 0.02)
    func sse(_ policy: ScalePolicy) throws -> Double {
      let (t, _) = try QINS8Tensor.encode(xs, mode: .nearest, scale: policy)
      return zip(t.decoded(), xs).reduce(0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) }
    }
    #expect(try sse(.minimumSquaredError) <= sse(.fitMaximum))
  }
}
