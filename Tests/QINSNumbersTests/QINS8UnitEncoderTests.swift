import Testing

@testable import QINSNumbers

@Suite("QINS8 unit encoder (tables)")
struct QINS8UnitEncoderTests {
  @Test(
    "every Float from 2^-2 to 2^9, both signs, both modes: the definition's code and flag",
    arguments: [RoundingMode.nearest, .seed])
  func exhaustive(mode: RoundingMode) {
    let encoder = QINS8UnitEncoder.shared(mode)
    #expect(encoder.firstDisagreement(in: 0.25...512) == nil)
    // Zero, the smallest values and the largest.
    for v: Float in [0, -0.0, .leastNonzeroMagnitude, 1e-30, 1e30, .greatestFiniteMagnitude] {
      let (want, flags) = QINS8Codec.encode(v, scaleExponent: 0, mode: mode)
      #expect(encoder.encode(v) == (want, flags.contains(.overflow)), "\(v)")
    }
  }

  @Test("the squared error of a scale: the vector loop equals the plain one in Double, bit for bit")
  func squaredError() {
    var g = QINSSupportGenerator(seed: 11)
    var values = (0..<5_000).map { _ in Float(g.normal()) * 0.05 }
    values[17] = .infinity
    values[99] = .nan
    values[400] = 3e38
    for mode in [RoundingMode.nearest, .seed] {
      let choice = ScaleChoice(format: .qins8(mode), type: .fp32, calibration: .mse)
      for (step, scale) in [(1, Float(0.001)), (3, 0.0007), (8, 1e-30), (5, 0.2)] {
        var want: Double = 0
        var i = 0
        while i < values.count {
          let v = values[i]
          if v.isFinite {
            let d = Double(choice.format.quantize(v / scale).value * scale) - Double(v)
            want += d * d
          }
          i += step
        }
        let got = values.withUnsafeBufferPointer {
          choice.squaredError($0, step: step, scale: scale)
        }
        #expect(got.bitPattern == want.bitPattern, "\(mode) step \(step) scale \(scale)")
      }
    }
  }
}

/// Normal samples for the test above, without depending on the support module's API.
private struct QINSSupportGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return state >> 11
  }
  mutating func normal() -> Double {
    // The sum of 12 uniforms, less 6: near-normal, enough for test data.
    (0..<12).reduce(0.0) { s, _ in s + Double(next()) * 0x1p-53 } - 6
  }
}
