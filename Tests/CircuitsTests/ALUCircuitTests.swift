import Circuits
import QINSNumbers
import QINSSupport
import Testing

/// The LUT ALU lane and the QINS8 converters against the tables and the codec of the Swift
/// model: every code pair of every operation with every sign combination, zeros included, in
/// both roundings; the converters on every code and a million binary32 values.
@Suite(
  .enabled(if: VectorBench.isAvailable, "verilator is not installed (apt-get install verilator)"))
struct ALUCircuitTests {
  static let result = [Port("r", bits: 10), Port("flags", bits: 5)]

  /// A result as the circuits give it: the QINS8 word and the flags.
  static func outcomeBits(_ o: QINS8.Outcome) -> [UInt64] {
    [qinsWord(sign: o.value.sign, code: o.value.code), UInt64(o.flags.rawValue)]
  }

  @Test(
    "qins8_lut_lane: ADD, SUB and MUL on all 65,536 code pairs with every pair of signs and zeros, RCP on every operand",
    arguments: [RoundingMode.nearest, .seed])
  func lane(rounding: RoundingMode) throws {
    struct Case {
      var op: Int
      var a: QINS8
      var b: QINS8
    }
    var cases: [Case] = []
    let signs: [Int8] = [1, -1]
    for op in 0..<3 {
      // Every code pair with every pair of signs.
      for sa in signs {
        for sb in signs {
          for a in 0..<256 {
            for b in 0..<256 {
              cases.append(
                Case(op: op, a: QINS8(sign: sa, code: UInt8(a)), b: QINS8(sign: sb, code: UInt8(b)))
              )
            }
          }
        }
      }
      // A zero with every code of the other operand, both signs, and two zeros.
      for sign in signs {
        for code in 0..<256 {
          let x = QINS8(sign: sign, code: UInt8(code))
          cases += [Case(op: op, a: .zero, b: x), Case(op: op, a: x, b: .zero)]
        }
      }
      cases.append(Case(op: op, a: .zero, b: .zero))
    }
    for a in [QINS8.zero]
      + signs.flatMap({ s in (0..<256).map { QINS8(sign: s, code: UInt8($0)) } })
    {
      cases.append(Case(op: 3, a: a, b: .zero))
    }
    let bench = VectorBench(
      module: "qins8_lut_lane", parameters: ["NEAREST": rounding == .nearest ? 1 : 0],
      inputs: [Port("op", bits: 2), Port("a", bits: 10), Port("b", bits: 10)],
      outputs: Self.result)
    // A zero operand is fed with a code (a's code ^ 0x5A, b's code) that the circuit must
    // ignore; the model's zero has code 0.
    let results = try bench.evaluate(
      cases.map { c in
        [
          UInt64(c.op), qinsWord(sign: c.a.sign, code: c.a.code ^ 0x5A),
          qinsWord(sign: c.b.sign, code: c.b.code),
        ]
      })
    let tables = QINS8Tables.shared(rounding)
    var mismatches = 0
    for (c, r) in zip(cases, results) {
      let a = c.a.isZero ? c.a : QINS8(sign: c.a.sign, code: c.a.code ^ 0x5A)
      let model: QINS8.Outcome
      switch c.op {
      case 0: model = tables.add(a, c.b)
      case 1: model = tables.add(a, c.b.negated)
      case 2: model = tables.multiply(a, c.b)
      default: model = tables.reciprocal(a)
      }
      if r != Self.outcomeBits(model) {
        mismatches += 1
        if mismatches <= 5 {
          Issue.record("op \(c.op) a \(a) b \(c.b): circuit \(r), model \(Self.outcomeBits(model))")
        }
      }
    }
    #expect(mismatches == 0, "\(mismatches) of \(cases.count) operations differ")
  }

  @Test("qins8_decode: every code and sign at exponents from -160 to 140, one rounding")
  func decode() throws {
    var vectors: [(QINS8, Int)] = []
    for e in stride(from: -160, through: 140, by: 1) {
      for code in 0..<256 {
        vectors.append((QINS8(sign: e % 3 == 0 ? -1 : 1, code: UInt8(code)), e))
      }
      vectors.append((.zero, e))
    }
    let bench = VectorBench(
      module: "qins8_decode",
      inputs: [Port("x", bits: 10), Port("exponent", bits: 10)], outputs: [Port("value", bits: 32)])
    let results = try bench.evaluate(
      vectors.map { v, e in [qinsWord(sign: v.sign, code: v.code), UInt64(bitPattern: Int64(e))] })
    expectBinary32(results) { i in
      QINS8Codec.decode(vectors[i].0, scaleExponent: vectors[i].1)
    } describe: {
      "\(vectors[$0].0) exponent \(vectors[$0].1)"
    }
  }

  @Test(
    "qins8_encode: binary32 values around every rounding boundary, and 100,000 random values and exponents (a million with QINS_RTL_FULL=1)",
    arguments: [RoundingMode.nearest, .seed])
  func encode(rounding: RoundingMode) throws {
    var vectors: [(UInt32, Int)] = []
    // Where the codes change: the binary32 values within 3 ulps of every grid magnitude
    // 256 / s and of every midpoint between neighbours, with both signs.
    for s in 1...256 {
      let points =
        [256.0 / Double(s)] + (s < 256 ? [128.0 * Double(2 * s + 1) / Double(s * (s + 1))] : [])
      for point in points {
        let bits = Float(point).bitPattern
        for d in -3...3 {
          let pattern = UInt32(Int(bits) + d)
          vectors += [(pattern, 0), (pattern | 0x8000_0000, 0)]
        }
      }
    }
    // Half of the smallest magnitude, 1/2, where nearest rounding stops rounding up.
    for d in -3...3 { vectors.append((UInt32(Int(Float(0.5).bitPattern) + d), 0)) }
    var random = SeededGenerator(seed: 24_070)
    for _ in 0..<CircuitTestScope.randomOperands {
      let x =
        random.next() % 2 == 0
        ? UInt32(truncatingIfNeeded: random.next())
        : FloatOperands.binary32(&random, near: Float(4).bitPattern)
      // Half of the exponents put |x| 2^-e in [2^-2, 2^9), where the grid is.
      let inRange = Int((x >> 23) & 0xFF) - 127 - Int(random.next() % 11) + 2
      vectors.append((x, random.next() % 2 == 0 ? inRange : Int(random.next() % 301) - 150))
    }
    for edge in FloatOperands.binary32Edges {
      for e in [-150, -8, 0, 8, 150] { vectors.append((edge, e)) }
    }
    let bench = VectorBench(
      module: "qins8_encode", parameters: ["NEAREST": rounding == .nearest ? 1 : 0],
      inputs: [Port("x", bits: 32), Port("exponent", bits: 10)],
      outputs: Self.result)
    let results = try bench.evaluate(
      vectors.map { [UInt64($0.0), UInt64(bitPattern: Int64($0.1))] })
    var mismatches = 0
    for (v, r) in zip(vectors, results) {
      let model = QINS8Codec.encode(Float(bitPattern: v.0), scaleExponent: v.1, mode: rounding)
      if r != Self.outcomeBits(model) {
        mismatches += 1
        if mismatches <= 5 {
          Issue.record(
            "x \(hex32(v.0)) exponent \(v.1): circuit \(r), model \(Self.outcomeBits(model))")
        }
      }
    }
    #expect(mismatches == 0, "\(mismatches) of \(vectors.count) values differ")
  }
}
