import Circuits
import QINSSupport
import Testing

/// The FP32 adder and multiplier every FP32-accumulating PE uses, against the host's IEEE 754
/// arithmetic (round to nearest even, subnormals kept) on every pair of edge operands and
/// random pairs (CircuitTestScope).
@Suite(
  .enabled(if: VectorBench.isAvailable, "verilator is not installed (apt-get install verilator)"))
struct FP32ArithmeticCircuitTests {
  static let count = CircuitTestScope.randomOperands

  @Test(
    "fp32_add and float_multiply as binary32: every edge pair and 100,000 random pairs (a million with QINS_RTL_FULL=1), bit for bit",
    arguments: [("fp32_add", "sum"), ("float_multiply", "product")])
  func arithmetic(module: String, output: String) throws {
    let pairs = FloatOperands.binary32Pairs(
      count: Self.count, seed: module == "fp32_add" ? 24_001 : 24_002)
    let bench = VectorBench(
      module: module, inputs: [Port("a", bits: 32), Port("b", bits: 32)],
      outputs: [Port(output, bits: 32)])
    let results = try bench.evaluate(pairs.map { [UInt64($0.0), UInt64($0.1)] })
    try expectAll(pairs, results) { a, b in
      module == "fp32_add"
        ? Float(bitPattern: a) + Float(bitPattern: b) : Float(bitPattern: a) * Float(bitPattern: b)
    }
  }

  func expectAll(
    _ pairs: [(UInt32, UInt32)], _ results: [[UInt64]], _ model: (UInt32, UInt32) -> Float
  ) throws {
    var mismatches = 0
    for (pair, result) in zip(pairs, results) {
      let expected = model(pair.0, pair.1)
      if !sameBinary32(result[0], expected) {
        mismatches += 1
        if mismatches <= 5 {
          Issue.record(
            "a \(hex32(pair.0)) b \(hex32(pair.1)): circuit \(hex32(UInt32(result[0]))), model \(hex32(expected.bitPattern))"
          )
        }
      }
    }
    #expect(mismatches == 0, "\(mismatches) of \(pairs.count) pairs differ")
  }
}

func hex32(_ v: UInt32) -> String {
  let digits = String(v, radix: 16)
  return String(repeating: "0", count: 8 - digits.count) + digits
}
