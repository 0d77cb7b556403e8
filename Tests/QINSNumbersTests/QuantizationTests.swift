import QINSNumbers
import Testing

@Suite("Rival element formats and scale choice")
struct QuantizationTests {
  /// Every finite FP8 value, from the bit-field decoder, in byte order.
  static func grid(_ decode: (UInt8) -> Float?) -> [(byte: UInt8, value: Float)] {
    (0...255).compactMap { b in decode(UInt8(b)).map { (UInt8(b), $0) } }
  }

  /// The nearest grid value by brute force; ties to the byte whose last bit is 0 (the even
  /// significand).
  static func nearest(_ x: Float, _ grid: [(byte: UInt8, value: Float)]) -> Float {
    var best = grid[0]
    for g in grid {
      let d = abs(Double(g.value) - Double(x))
      let bd = abs(Double(best.value) - Double(x))
      if d < bd || (d == bd && g.byte & 1 == 0 && best.byte & 1 == 1) { best = g }
    }
    return best.value == 0 ? 0 : best.value
  }

  @Test(
    "FP8: every finite byte is on the quantizer's grid, and every midpoint and its neighbours round as a brute-force search says",
    arguments: [ElementFormat.fp8e4m3, .fp8e5m2])
  func fp8Exhaustive(_ format: ElementFormat) {
    let decode = format == .fp8e4m3 ? FP8Bits.decodeE4M3 : FP8Bits.decodeE5M2
    let g = Self.grid(decode)
    #expect(g.count == (format == .fp8e4m3 ? 254 : 248))
    #expect(g.map(\.value).max() == format.largest)
    for (_, v) in g {
      let q = format.quantize(v)
      #expect(q.value == v && !q.saturated, "\(v)")
    }
    let positives = Set(g.map { abs($0.value) }).sorted()
    for (a, b) in zip(positives, positives.dropFirst()) {
      let mid = (a + b) / 2
      for x in [mid, mid.nextUp, mid.nextDown, -mid, -mid.nextUp] {
        #expect(format.quantize(x).value == Self.nearest(x, g), "\(x)")
      }
    }
    #expect(format.quantize(format.largest * 1.5) == (format.largest, true))
    #expect(format.quantize(-format.largest * 4) == (-format.largest, true))
  }

  @Test(
    "QINS7 (one byte): its 127 magnitudes are even-s QINS8 values; midpoints round to the nearer, ties to even t"
  )
  func qins7() {
    let format = ElementFormat.qins7(.nearest)
    #expect(format.largest == 64)
    var grid: [Double] = [0]
    for t in 2...128 {
      let (q, saturated) = ElementFormat.encodeQINS7(Float(128.0 / Double(t)), mode: .nearest)
      #expect(q.s == 2 * t && !saturated, "t \(t)")
      grid.append(128.0 / Double(t))
    }
    grid.sort()
    for (a, b) in zip(grid, grid.dropFirst()) {
      let mid = Float((a + b) / 2)
      for x in [mid.nextDown, mid.nextUp] {
        let got = Double(format.quantize(x).value)
        let want = abs(Double(x) - a) <= abs(Double(x) - b) ? a : b
        #expect(abs(got - want) <= 1e-6 * want, "\(x): \(got) vs \(want)")
      }
    }
    #expect(format.quantize(65) == (64, true))
    #expect(format.quantize(0.4).value == 0 && format.quantize(0.6).value == 1)
    // seed rounding goes toward zero.
    #expect(ElementFormat.qins7(.seed).quantize(63.9).value == Float(128.0 / 3))
  }

  @Test("BF16 rounds as the bit-level round-to-nearest-even of FP32 (100,000 seeded values)")
  func bf16() {
    var state: UInt64 = 0x1234_5678
    for _ in 0..<100_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let bits = UInt32(truncatingIfNeeded: state >> 32) & 0x7F7F_FFFF  // finite
      let x = Float(bitPattern: bits)
      let rounded = (bits &+ 0x7FFF &+ ((bits >> 16) & 1)) & 0xFFFF_0000
      let want = rounded >= 0x7F80_0000 ? ElementFormat.bf16.largest : Float(bitPattern: rounded)
      #expect(ElementFormat.bf16.quantize(x).value == want, "\(bits)")
    }
  }

  @Test("INT8: ties to even, saturation at +-127, no negative zero")
  func int8() {
    #expect(ElementFormat.int8.quantize(126.5) == (126, false))
    #expect(ElementFormat.int8.quantize(-2.5) == (-2, false))
    #expect(ElementFormat.int8.quantize(127.49) == (127, false))
    #expect(ElementFormat.int8.quantize(200) == (127, true))
    #expect(ElementFormat.int8.quantize(-128) == (-127, true))
    #expect(ElementFormat.int8.quantize(-0.4).value.sign == .plus)
  }

  @Test("Scale choice: max maps the largest magnitude to the grid's top; MSE is never worse")
  func scales() {
    let int8Max = ScaleChoice(format: .int8, type: .fp32, calibration: .max)
    #expect(int8Max.scale(for: [1, -254, 3]).scale == 2)
    let pow2 = ScaleChoice(format: .int8, type: .powerOfTwo, calibration: .max)
    #expect(pow2.scale(for: [100, 1]).scale == 1)
    #expect(pow2.scale(for: [127.5]).scale == 2)
    #expect(pow2.scale(for: [31]).scale == 0.25)
    #expect(ScaleChoice(format: .bf16, type: .fp32, calibration: .mse).scale(for: [1e9]).scale == 1)
    // max with a shift: the largest magnitude sits k octaves below the grid's largest.
    let shifted = ScaleChoice(
      format: .qins8(.nearest), type: .fp32, calibration: .max, maxShiftOctaves: 2)
    #expect(shifted.scale(for: [-512, 3]).scale == 8)
    var state: UInt64 = 7
    var values: [Float] = []
    for _ in 0..<3000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1
      let u = Float(state >> 40) / Float(1 << 24)
      values.append((u - 0.5) * (u < 0.01 ? 40 : 2))  // a few outliers
    }
    func error(_ c: ScaleChoice) -> Double {
      let s = c.scale(for: values).scale
      return values.reduce(0) {
        let d = Double(c.format.quantize($1 / s).value * s) - Double($1)
        return $0 + d * d
      }
    }
    // QINS searches toward headroom (never clips), INT8 and FP8 toward clipping.
    for format in [ElementFormat.qins8(.nearest), .qins7(.nearest)] {
      let mse = ScaleChoice(format: format, type: .fp32, calibration: .mse).scale(for: values)
      let max = ScaleChoice(format: format, type: .fp32, calibration: .max).scale(for: values)
      #expect(mse.scale >= max.scale, "\(format)")
    }
    let int8MSE = ScaleChoice(format: .int8, type: .fp32, calibration: .mse).scale(for: values)
    #expect(int8MSE.scale <= int8Max.scale(for: values).scale)
    for format in [ElementFormat.int8, .fp8e4m3, .qins8(.nearest), .qins7(.nearest)] {
      for type in ScaleType.allCases {
        let maxError = error(ScaleChoice(format: format, type: type, calibration: .max))
        let mseError = error(ScaleChoice(format: format, type: type, calibration: .mse))
        #expect(mseError <= maxError, "\(format) \(type)")
      }
    }
  }
}
