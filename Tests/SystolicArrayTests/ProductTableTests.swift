import ExactArithmetic
import QINSNumbers
import SystolicArray
import Testing

@Suite("QINS8 product paths")
struct ProductTableTests {
  let tables = QINS8Tables(rounding: .nearest)

  @Test("exact: all 65,536 products are 65536 / (s_a s_b) correctly rounded to FP32 (GMP)")
  func exact() {
    let table = QINS8ProductTable(.exact, tables: tables)
    for a in 0..<256 {
      for b in 0..<256 {
        let want = ExactRational(65_536, (256 - a) * (256 - b)).nearestFloat
        #expect(table[UInt8(a), UInt8(b)] == want, "\(a) \(b)")
      }
    }
  }

  @Test(
    "decoded: each edge-decoded operand is 256 / s rounded to f fraction bits (GMP), f = 3, 7, 11")
  func decoded() {
    for f in [3, 7, 11] {
      let table = QINS8ProductTable(.decoded(fractionBits: f), tables: tables)
      for code in 0..<256 {
        let s = 256 - code
        let d = QINS8ProductTable.decode(code: code, fractionBits: f)
        // The exponent of 256 / s and the quantum 2^(e - f); d must be within half a quantum
        // of 256 / s, exactly, and a multiple of the quantum.
        let e = Int(Float(256.0 / Double(s)).exponent)
        let quantum = ExactRational(1 << (e - f + 16), 1 << 16)  // 2^(e - f)
        let exact = ExactRational(256, s)
        let got = ExactRational(exactly: d)!
        let diff = got - exact
        let twice = diff + diff
        #expect(twice.magnitude <= quantum, "f \(f) code \(code)")
        #expect((got / quantum).denominator == ExactInteger(1), "f \(f) code \(code)")
        #expect(table[UInt8(code), 0] == d, "code 0 is mu = 1, exactly 1 at any width")
      }
    }
  }

  @Test("table8: the MUL table's code decoded, so saturated products stop at 256")
  func table8() {
    let table = QINS8ProductTable(.table8, tables: tables)
    #expect(table[255, 255] == 256)  // 256 x 256 saturates
    #expect(table[0, 0] == 1)
    #expect(table[128, 0] == 2)  // mu 2 x mu 1
  }
}
