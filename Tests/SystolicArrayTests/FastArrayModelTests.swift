import FPINSISA
import QINSNumbers
import QINSSupport
import SystolicArray
import Testing

/// The blocked, vectorised, threaded functional model against the plain loop that defines
/// the array's summation order, bit for bit.
@Suite("Array functional model: blocked equals in-order", .serialized)
struct FastArrayModelTests {
  static let shapes = [
    GEMMShape(m: 1, n: 1, k: 1), GEMMShape(m: 5, n: 70, k: 19), GEMMShape(m: 130, n: 9, k: 40),
    GEMMShape(m: 3, n: 129, k: 0), GEMMShape(m: 17, n: 64, k: 33),
  ]

  static func floats(_ count: Int, seed: UInt64) -> [Float] {
    var g = SeededGenerator(seed: seed)
    return (0..<count).map { i in i % 17 == 0 ? 0 : Float(g.nextNormal()) * Float(1 + i % 5) }
  }

  static func codes(_ count: Int, seed: UInt64) -> [QINS8] {
    var g = SeededGenerator(seed: seed)
    return (0..<count).map { _ in
      let r = g.next()
      return r % 13 == 0
        ? .zero : QINS8(sign: r & 1 == 0 ? 1 : -1, code: UInt8(truncatingIfNeeded: r >> 8))
    }
  }

  func check<P: PEArithmetic>(
    _ p: P, _ a: [P.Operand], _ b: [P.Operand], _ g: GEMMShape, initial: [P.Accumulator]?,
    bits: (P.Accumulator) -> UInt64, _ what: String
  ) {
    for dataflow in Dataflow.allCases {
      let want = FastArrayModel.multiplyInOrder(
        p, a: a, b: b, gemm: g, rows: 8, dataflow: dataflow, initial: initial)
      for threads in [1, 3] {
        let got = FastArrayModel.multiply(
          p, a: a, b: b, gemm: g, rows: 8, dataflow: dataflow, initial: initial,
          parallelism: Parallelism(threads: threads))
        #expect(got.map(bits) == want.map(bits), "\(what) \(g) \(dataflow) threads \(threads)")
      }
    }
  }

  @Test("FP32, with and without an initial C, every dataflow, 1 and 3 threads, every vector width")
  func fp32() {
    let widest = FP32MatrixKernel.vectorWidth
    for width in [4, 8].filter({ $0 < widest }) + [nil] {
      FP32MatrixKernel.limitVectorWidth(width)
      defer { FP32MatrixKernel.limitVectorWidth(nil) }
      for g in Self.shapes {
        let a = Self.floats(g.m * g.k, seed: 1)
        let b = Self.floats(g.k * g.n, seed: 2)
        for initial in [nil, Self.floats(g.m * g.n, seed: 3)] {
          check(
            FP32Arithmetic(), a, b, g, initial: initial, bits: { UInt64($0.bitPattern) },
            "fp32 width \(String(describing: width))")
        }
      }
    }
  }

  @Test("Scaled unit values (FP8, BF16, QINS8 decoded with scales along K)")
  func scaledFloats() {
    for g in Self.shapes {
      let a = zip(Self.floats(g.m * g.k, seed: 4), Self.floats(g.m * g.k, seed: 5)).map {
        ScaledFloat(unit: $0, scale: abs($1) + 0.5)
      }
      let b = zip(Self.floats(g.k * g.n, seed: 6), Self.floats(g.k * g.n, seed: 7)).map {
        ScaledFloat(unit: $0, scale: abs($1) + 0.25)
      }
      for initial in [nil, Self.floats(g.m * g.n, seed: 8)] {
        check(
          ScaledFloatArithmetic(), a, b, g, initial: initial, bits: { UInt64($0.bitPattern) },
          "scaled")
      }
    }
  }

  @Test("INT8 into INT32, and QINS8 through the product tables (gathers)")
  func integerAndTables() {
    let tables = QINS8Tables(rounding: .nearest)
    for g in Self.shapes {
      let a = Self.floats(g.m * g.k, seed: 9).map { Int32(max(-127, min(127, $0 * 40))) }
      let b = Self.floats(g.k * g.n, seed: 10).map { Int32(max(-127, min(127, $0 * 40))) }
      check(
        Int8Arithmetic(), a, b, g, initial: nil, bits: { UInt64(UInt32(bitPattern: $0)) }, "int8")
      let qa = Self.codes(g.m * g.k, seed: 11)
      let qb = Self.codes(g.k * g.n, seed: 12)
      for path in [QINS8ProductPath.table8, .exact, .decoded(fractionBits: 7)] {
        let table = QINS8ProductTable(path, tables: tables)
        check(
          UnitQINS8Arithmetic(table: table), qa, qb, g, initial: nil,
          bits: { UInt64($0.bitPattern) }, "\(path)")
      }
      check(
        QINS8HybridArithmetic(tables: tables, productExponent: -3), qa, qb, g,
        initial: Self.floats(g.m * g.n, seed: 13), bits: { UInt64($0.bitPattern) }, "hybrid")
    }
  }

  @Test("decoded products are FP32 products of per-code factors; table8 and exact are not")
  func separableFactors() {
    let tables = QINS8Tables(rounding: .nearest)
    #expect(QINS8ProductTable(.table8, tables: tables).factors == nil)
    #expect(QINS8ProductTable(.exact, tables: tables).factors == nil)
    for f in [3, 7, 11] {
      let table = QINS8ProductTable(.decoded(fractionBits: f), tables: tables)
      let factors = table.factors
      #expect(factors == (0..<256).map { QINS8ProductTable.decode(code: $0, fractionBits: f) })
      // So the unit-scale QINS8 array equals FP32 on the decoded operands (sums from +0).
      let g = GEMMShape(m: 9, n: 21, k: 30)
      let qa = Self.codes(g.m * g.k, seed: 14)
      let qb = Self.codes(g.k * g.n, seed: 15)
      let decode = { (q: QINS8) in Float(q.sign) * factors![Int(q.code)] }
      for dataflow in Dataflow.allCases {
        let viaTable = FastArrayModel.multiplyInOrder(
          UnitQINS8Arithmetic(table: table), a: qa, b: qb, gemm: g, rows: 8, dataflow: dataflow)
        let viaFloats = FastArrayModel.multiply(
          FP32Arithmetic(), a: qa.map(decode), b: qb.map(decode), gemm: g, rows: 8,
          dataflow: dataflow)
        #expect(viaTable.map(\.bitPattern) == viaFloats.map(\.bitPattern), "f \(f) \(dataflow)")
      }
    }
  }
}
