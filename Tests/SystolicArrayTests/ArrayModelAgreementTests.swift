import FPINSISA
import QINSNumbers
import QINSSupport
import SystolicArray
import Testing

/// Shapes that fit, fill, and spill over arrays of several aspect ratios.
let agreementCases: [(rows: Int, cols: Int, m: Int, n: Int, k: Int)] = [
  (4, 4, 4, 4, 4), (4, 4, 1, 1, 1), (4, 4, 9, 5, 7), (2, 8, 5, 9, 3), (8, 2, 3, 4, 17),
  (3, 5, 7, 11, 13), (1, 1, 3, 2, 4), (5, 3, 10, 6, 2),
]

@Suite("PE-level and fast models agree")
struct ArrayModelAgreementTests {
  static func floats(_ n: Int, seed: UInt64) -> [Float] {
    var g = SeededGenerator(seed: seed)
    return g.normalFloats(count: n)
  }

  @Test(
    "FP32: identical cycles (the default timing) and identical output bits, all dataflows",
    arguments: Dataflow.allCases)
  func fp32(dataflow: Dataflow) {
    for (i, t) in agreementCases.enumerated() {
      let g = GEMMShape(m: t.m, n: t.n, k: t.k)
      let a = Self.floats(g.m * g.k, seed: UInt64(i))
      let b = Self.floats(g.k * g.n, seed: UInt64(100 + i))
      var model = PEArrayModel(FP32Arithmetic(), rows: t.rows, cols: t.cols)
      let pe = model.run(a: a, b: b, gemm: g, dataflow: dataflow)
      let fast = FastArrayModel.multiply(
        FP32Arithmetic(), a: a, b: b, gemm: g, rows: t.rows, dataflow: dataflow)
      let timing = GEMMTiming(gemm: g, rows: t.rows, cols: t.cols, dataflow: dataflow)
      #expect(pe.cycles == timing.totalCycles, "\(dataflow) \(t)")
      #expect(pe.c.map(\.bitPattern) == fast.map(\.bitPattern), "\(dataflow) \(t)")
      // And the sums are the products': within rounding of a plain loop.
      for x in 0..<g.m {
        for y in 0..<g.n {
          var s: Double = 0
          for z in 0..<g.k { s += Double(a[x * g.k + z]) * Double(b[z * g.n + y]) }
          #expect(abs(Double(fast[x * g.n + y]) - s) < 1e-4 * Double(g.k))
        }
      }
    }
  }

  @Test(
    "QINS8 with FP32 accumulation and pure QINS8: identical bits; accumulate mode too",
    arguments: Dataflow.allCases)
  func qins(dataflow: Dataflow) throws {
    let tables = QINS8Tables(rounding: .nearest)
    for (i, t) in agreementCases.enumerated() {
      let g = GEMMShape(m: t.m, n: t.n, k: t.k)
      let (qa, _) = try QINS8Tensor.encode(Self.floats(g.m * g.k, seed: UInt64(i)), mode: .nearest)
      let (qb, _) = try QINS8Tensor.encode(
        Self.floats(g.k * g.n, seed: UInt64(50 + i)), mode: .nearest)
      let a = (0..<qa.count).map { qa[$0] }
      let b = (0..<qb.count).map { qb[$0] }
      let hybrid = QINS8HybridArithmetic(
        tables: tables, productExponent: qa.scaleExponent + qb.scaleExponent)
      var m1 = PEArrayModel(hybrid, rows: t.rows, cols: t.cols)
      let initial = Self.floats(g.m * g.n, seed: 7)
      let pe1 = m1.run(a: a, b: b, gemm: g, dataflow: dataflow, initial: initial)
      let fast1 = FastArrayModel.multiply(
        hybrid, a: a, b: b, gemm: g, rows: t.rows, dataflow: dataflow, initial: initial)
      #expect(pe1.c.map(\.bitPattern) == fast1.map(\.bitPattern), "hybrid \(dataflow) \(t)")
      let pure = QINS8PureArithmetic(tables: tables)
      var m2 = PEArrayModel(pure, rows: t.rows, cols: t.cols)
      let pe2 = m2.run(a: a, b: b, gemm: g, dataflow: dataflow)
      let fast2 = FastArrayModel.multiply(
        pure, a: a, b: b, gemm: g, rows: t.rows, dataflow: dataflow)
      #expect(pe2.c == fast2, "pure \(dataflow) \(t)")
      #expect(
        pe2.cycles
          == GEMMTiming(gemm: g, rows: t.rows, cols: t.cols, dataflow: dataflow).totalCycles)
    }
  }

  @Test(
    "FPINS(2) accumulator: identical bits in both models; products are exact",
    arguments: Dataflow.allCases)
  func fpinsAccumulator(dataflow: Dataflow) throws {
    let tables = QINS8Tables(rounding: .nearest)
    for (i, t) in agreementCases.prefix(5).enumerated() {
      let g = GEMMShape(m: t.m, n: t.n, k: t.k)
      let (qa, _) = try QINS8Tensor.encode(Self.floats(g.m * g.k, seed: UInt64(i)), mode: .nearest)
      let (qb, _) = try QINS8Tensor.encode(
        Self.floats(g.k * g.n, seed: UInt64(70 + i)), mode: .nearest)
      let a = (0..<qa.count).map { qa[$0] }
      let b = (0..<qb.count).map { qb[$0] }
      let p = QINS8FPINSArithmetic(
        tables: tables, depth: 2, headroom: QINS8FPINSArithmetic.headroom(k: g.k))
      var model = PEArrayModel(p, rows: t.rows, cols: t.cols)
      let pe = model.run(a: a, b: b, gemm: g, dataflow: dataflow)
      let fast = FastArrayModel.multiply(p, a: a, b: b, gemm: g, rows: t.rows, dataflow: dataflow)
      #expect(pe.c == fast, "\(dataflow) \(t)")
      for x in a.prefix(8) {
        for y in b.prefix(8) where !x.isZero && !y.isZero {
          // The product is the MUL table's exact magnitude 256 / s at the accumulator's exponent.
          let s = 256 - Int(tables.mul.lookup(x.code, y.code).code)
          #expect(abs(p.value(p.multiply(x, y))) == 256 / Double(s))
        }
      }
    }
  }

  @Test("The dataflow decides the sum's order: ws folds K by rows, os sums in order")
  func order() {
    // K = 4 on 2 rows. ws: (0 + 1 + 0) + (0 + 1e8 - 1e8) = 1.
    // os: ((0 + 1 + 0) + 1e8) - 1e8: the 1 is lost in 1e8 (its ulp is 8), giving 0.
    let a: [Float] = [1, 0, 1e8, -1e8]
    let b: [Float] = [1, 1, 1, 1]
    let g = GEMMShape(m: 1, n: 1, k: 4)
    #expect(
      FastArrayModel.multiply(FP32Arithmetic(), a: a, b: b, gemm: g, rows: 2, dataflow: .ws) == [1])
    #expect(
      FastArrayModel.multiply(FP32Arithmetic(), a: a, b: b, gemm: g, rows: 2, dataflow: .os) == [0])
    var pe = PEArrayModel(FP32Arithmetic(), rows: 2, cols: 1)
    #expect(pe.run(a: a, b: b, gemm: g, dataflow: .ws).c == [1])
  }
}
