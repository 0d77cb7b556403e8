import Circuits
import QINSNumbers
import QINSSupport
import SystolicArray
import Testing

/// Every preset's PE multiply-accumulate (`Sources/RTL/pe`) against the arithmetic the array
/// models compute with (`PEArithmetic`): all 65,536 pairs of 8-bit operands, each with random
/// signs and partial sums; random and edge operands for BF16 and FP32 (CircuitTestScope).
@Suite(
  .enabled(if: VectorBench.isAvailable, "verilator is not installed (apt-get install verilator)"))
struct PECircuitTests {
  /// Ports of the QINS MACs' operands: QINS8 words.
  static let qinsOperands = [Port("a", bits: 10), Port("b", bits: 10)]

  static func qinsInputs(_ v: PEVector) -> [UInt64] {
    [qinsWord(sign: v.aSign, code: v.a), qinsWord(sign: v.bSign, code: v.b)]
  }

  static func describe(_ v: PEVector) -> String {
    "a \(v.aSign)/\(v.a) b \(v.bSign)/\(v.b) acc \(hex32(v.accumulator))"
  }

  @Test("mac_int8: all 65,536 operand pairs, random 32-bit partial sums")
  func int8() throws {
    let mismatches = try Self.int8Mismatches(netlist: nil, seed: 24_010)
    #expect(mismatches == 0, "\(mismatches) of 65,536 pairs differ")
  }

  /// Runs mac_int8 (its RTL, or a synthesized netlist) on every operand pair with random
  /// partial sums; returns how many results differ from `Int8Arithmetic`'s.
  static func int8Mismatches(netlist: String?, seed: UInt64) throws -> Int {
    let vectors = PEOperands.allCodePairs(seed: seed)
    let bench = VectorBench(
      module: "mac_int8",
      inputs: [Port("a", bits: 8), Port("b", bits: 8), Port("acc_in", bits: 32)],
      outputs: [Port("acc_out", bits: 32)])
    let results = try bench.evaluate(
      vectors.map { [UInt64($0.a), UInt64($0.b), UInt64($0.accumulator)] }, netlist: netlist)
    let arithmetic = Int8Arithmetic()
    return zip(vectors, results).filter { v, r in
      let product = arithmetic.multiply(Int32(Int8(bitPattern: v.a)), Int32(Int8(bitPattern: v.b)))
      let expected = arithmetic.add(Int32(bitPattern: v.accumulator), product)
      return UInt32(r[0]) != UInt32(bitPattern: expected)
    }.count
  }

  /// An FP8 byte's value: `FP8Bits`' decoding, with E5M2's infinities (which the machine's
  /// saturating quantizer never stores, but which the circuit, as OCP specifies, multiplies
  /// as infinities) and NaN.
  static func fp8(_ byte: UInt8, e4m3: Bool) -> Float {
    if !e4m3 && byte & 0x7F == 0x7C { return byte & 0x80 == 0 ? .infinity : -.infinity }
    return (e4m3 ? FP8Bits.decodeE4M3(byte) : FP8Bits.decodeE5M2(byte)) ?? .nan
  }

  @Test(
    "mac_float as FP8: all 65,536 operand pairs of E4M3 and of E5M2",
    arguments: [true, false])
  func fp8(e4m3: Bool) throws {
    let vectors = PEOperands.allCodePairs(seed: e4m3 ? 24_011 : 24_012)
    let bench = VectorBench(
      module: "mac_float",
      parameters: e4m3
        ? ["EXP_BITS": 4, "FRAC_BITS": 3, "BIAS": 7, "IEEE_SPECIALS": 0]
        : ["EXP_BITS": 5, "FRAC_BITS": 2, "BIAS": 15, "IEEE_SPECIALS": 1],
      inputs: [Port("a", bits: 8), Port("b", bits: 8), Port("acc_in", bits: 32)],
      outputs: [Port("acc_out", bits: 32)])
    let results = try bench.evaluate(
      vectors.map { [UInt64($0.a), UInt64($0.b), UInt64($0.accumulator)] })
    let arithmetic = FP32Arithmetic()
    expectBinary32(results) { i in
      let v = vectors[i]
      return arithmetic.add(
        Float(bitPattern: v.accumulator),
        arithmetic.multiply(Self.fp8(v.a, e4m3: e4m3), Self.fp8(v.b, e4m3: e4m3)))
    } describe: {
      Self.describe(vectors[$0])
    }
  }

  @Test(
    "mac_float as BF16 and FP32: 100,000 random and edge operand triples each (a million with QINS_RTL_FULL=1)",
    arguments: [16, 32])
  func wide(bits: Int) throws {
    let pairs = FloatOperands.binary32Pairs(
      count: CircuitTestScope.randomOperands, seed: UInt64(24_020 + bits))
    var random = SeededGenerator(seed: 24_030)
    let accumulators = pairs.map { _ in
      random.next() % 2 == 0
        ? PEOperands.accumulator(&random) : UInt32(truncatingIfNeeded: random.next())
    }
    let shift = UInt32(32 - bits)
    let bench = VectorBench(
      module: "mac_float",
      parameters: bits == 16
        ? ["EXP_BITS": 8, "FRAC_BITS": 7, "BIAS": 127, "IEEE_SPECIALS": 1] : [:],
      inputs: [Port("a", bits: bits), Port("b", bits: bits), Port("acc_in", bits: 32)],
      outputs: [Port("acc_out", bits: 32)])
    let results = try bench.evaluate(
      pairs.indices.map {
        [UInt64(pairs[$0].0 >> shift), UInt64(pairs[$0].1 >> shift), UInt64(accumulators[$0])]
      })
    let arithmetic = FP32Arithmetic()
    expectBinary32(results) { i in
      // A BF16 operand is the top half of a binary32 pattern.
      let a = Float(bitPattern: (pairs[i].0 >> shift) << shift)
      let b = Float(bitPattern: (pairs[i].1 >> shift) << shift)
      return arithmetic.add(Float(bitPattern: accumulators[i]), arithmetic.multiply(a, b))
    } describe: { i in
      "a \(hex32(pairs[i].0 >> shift)) b \(hex32(pairs[i].1 >> shift)) acc \(hex32(accumulators[i]))"
    }
  }

  @Test(
    "mac_qins_table8 (the seed's PE): all 65,536 code pairs, both roundings, with exponents",
    arguments: [RoundingMode.seed, .nearest])
  func table8(rounding: RoundingMode) throws {
    let vectors = PEOperands.allCodePairs(seed: rounding == .seed ? 24_040 : 24_041)
    let bench = VectorBench(
      module: "mac_qins_table8", parameters: ["NEAREST": rounding == .nearest ? 1 : 0],
      inputs: Self.qinsOperands + [Port("exponent", bits: 10), Port("acc_in", bits: 32)],
      outputs: [Port("acc_out", bits: 32), Port("saturated", bits: 1)])
    let results = try bench.evaluate(
      vectors.map {
        Self.qinsInputs($0) + [UInt64(bitPattern: Int64($0.exponent)), UInt64($0.accumulator)]
      })
    let tables = QINS8Tables.shared(rounding)
    let arithmetic = ScaledQINS8Arithmetic(table: QINS8ProductTable(.table8, tables: tables))
    expectBinary32(results) { i in
      let v = vectors[i]
      // The simulator's seed path: each operand carries its power-of-two tensor scale.
      let a = ScaledCode(
        sign: Float(v.aSign), code: v.a,
        scale: Float(sign: .plus, exponent: v.exponent, significand: 1))
      let b = ScaledCode(sign: Float(v.bSign), code: v.b, scale: 1)
      return arithmetic.add(Float(bitPattern: v.accumulator), arithmetic.multiply(a, b))
    } describe: {
      "\(Self.describe(vectors[$0])) exponent \(vectors[$0].exponent)"
    }
    var saturations = 0
    for (v, r) in zip(vectors, results) {
      let model = tables.multiply(QINS8(signed: v.aSign, v.a), QINS8(signed: v.bSign, v.b))
      if (r[1] == 1) != model.flags.contains(.overflow) { saturations += 1 }
    }
    #expect(saturations == 0, "\(saturations) saturation flags differ")
  }

  @Test(
    "QINS product paths into FP32 (qins_decoded_path with its edge decoders at 7 fraction bits, also 3 and 11 with QINS_RTL_FULL=1; mac_qins_exact): all 65,536 code pairs",
    arguments: [
      (QINS8ProductPath.decoded(fractionBits: 3), "qins_decoded_path"),
      (.decoded(fractionBits: 7), "qins_decoded_path"),
      (.decoded(fractionBits: 11), "qins_decoded_path"),
      (.exact, "mac_qins_exact"),
    ])
  func unitProductPath(path: QINS8ProductPath, module: String) throws {
    var parameters: [String: Int] = [:]
    if case .decoded(let f) = path { parameters["FRAC_BITS"] = f }
    let vectors = PEOperands.allCodePairs(seed: UInt64(24_050 + (parameters["FRAC_BITS"] ?? 0)))
    let bench = VectorBench(
      module: module, parameters: parameters,
      inputs: Self.qinsOperands + [Port("acc_in", bits: 32)], outputs: [Port("acc_out", bits: 32)])
    let results = try bench.evaluate(vectors.map { Self.qinsInputs($0) + [UInt64($0.accumulator)] })
    let arithmetic = UnitQINS8Arithmetic(table: QINS8ProductTable(path, tables: .shared(.nearest)))
    expectBinary32(results) { i in
      let v = vectors[i]
      return arithmetic.add(
        Float(bitPattern: v.accumulator),
        arithmetic.multiply(QINS8(signed: v.aSign, v.a), QINS8(signed: v.bSign, v.b)))
    } describe: {
      Self.describe(vectors[$0])
    }
  }
}
