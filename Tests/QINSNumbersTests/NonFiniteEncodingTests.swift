import QINSNumbers
import Testing

/// The documented rule for values QINS has no code for: an infinity saturates to the largest
/// magnitude with its sign, NaN becomes zero, and both are flagged as overflows.
@Suite("Non-finite values encode without trapping")
struct NonFiniteEncodingTests {
  @Test(
    "QINS8: infinities saturate to code 255 with their sign, NaN is zero",
    arguments: [
      RoundingMode.nearest, .seed,
    ])
  func qins8(mode: RoundingMode) {
    for e in [-20, 0, 7] {
      let plus = QINS8Codec.encode(.infinity, scaleExponent: e, mode: mode)
      #expect(plus.value == QINS8(sign: 1, code: 255))
      #expect(plus.flags == [.overflow, .inexact])
      let minus = QINS8Codec.encode(-.infinity, scaleExponent: e, mode: mode)
      #expect(minus.value == QINS8(sign: -1, code: 255))
      #expect(minus.flags == [.overflow, .inexact])
      // The same outcome as the largest finite Float, which saturates at every exponent here.
      #expect(
        QINS8Codec.encode(.greatestFiniteMagnitude, scaleExponent: e, mode: mode).value
          == plus.value)
      let nan = QINS8Codec.encode(.nan, scaleExponent: e, mode: mode)
      #expect(nan.value == .zero)
      #expect(nan.flags == [.invalid, .overflow, .inexact])
    }
  }

  @Test("FPINS: both encoders saturate infinities and zero NaN at every depth")
  func fpins() {
    for depth in FPINSValue.depths {
      for encode in [FPINSGreedyEncoder.encode, FPINSOptimalEncoder.encode] {
        let plus = encode(.infinity, depth)
        #expect(plus.sign == 1)
        #expect(plus.levels == [UInt8](repeating: 255, count: depth + 1))
        let minus = encode(-.infinity, depth)
        #expect(minus.sign == -1)
        #expect(minus.levels == plus.levels)
        #expect(encode(.nan, depth) == .zero(depth: depth))
      }
    }
  }

  @Test("The scale search ignores non-finite values")
  func scalePolicy() {
    let finite: [Float] = [1, -3, 0.25, 100]
    for policy in [ScalePolicy.fitMaximum, .minimumSquaredError] {
      let roundTrip: (Float, Int) -> Double = { v, e in
        Double(
          QINS8Codec.decode(
            QINS8Codec.encode(v, scaleExponent: e, mode: .nearest).value, scaleExponent: e))
      }
      let want = policy.exponent(for: finite, window: 16, roundTrip: roundTrip)
      let got = policy.exponent(
        for: finite + [.infinity, .nan, -.infinity], window: 16, roundTrip: roundTrip)
      #expect(got == want)
      #expect(policy.exponent(for: [.nan, .infinity], window: 16, roundTrip: roundTrip) == 0)
    }
  }
}
