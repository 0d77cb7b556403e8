import ExactArithmetic
import Testing

@Suite("GMP wrappers")
struct ExactArithmeticTests {
  @Test("Integer arithmetic past 64 bits")
  func bigIntegers() {
    let p = ExactInteger.product([256, 256, 256, 256, 256, 256, 256, 256, 255])
    #expect(p.description == "4703919738795935662080")  // 2^64 * 255
    #expect(p.bitWidth == 72)
    #expect(ExactInteger(2).power(64) * ExactInteger(255) == p)
    #expect((p - p).signum == 0)
    #expect(ExactInteger("-12345678901234567890123")!.description == "-12345678901234567890123")
    #expect(ExactInteger("12x") == nil)
    #expect(ExactInteger(7).floorDivided(by: ExactInteger(2)) == ExactInteger(3))
    #expect(ExactInteger(-7).floorDivided(by: ExactInteger(2)) == ExactInteger(-4))
    #expect(ExactInteger(-7).ceilingDivided(by: ExactInteger(2)) == ExactInteger(-3))
  }

  @Test("Rationals stay in lowest terms and compare exactly")
  func rationals() {
    let a = ExactRational(6, -4)
    #expect(a.description == "-3/2")
    #expect(a.numerator == ExactInteger(-3) && a.denominator == ExactInteger(2))
    #expect(ExactRational(1, 3) + ExactRational(1, 6) == ExactRational(1, 2))
    #expect(ExactRational(1, 3) < ExactRational(1, 2))
    #expect(ExactRational(7, 2).floor == ExactInteger(3))
    #expect(ExactRational(-7, 2).ceiling == ExactInteger(-3))
    #expect(ExactRational(3, 8).timesPowerOfTwo(3) == ExactRational(3))
    #expect(ExactRational(exactly: 0.1)!.description == "3602879701896397/36028797018963968")
    #expect(ExactRational(exactly: Double.nan) == nil)
  }

  @Test("nearestDouble and nearestFloat round correctly, ties to even")
  func correctRounding() {
    // 1/3 is not a tie; the correctly rounded values are the literals.
    #expect(ExactRational(1, 3).nearestDouble == 1.0 / 3.0)
    #expect(ExactRational(1, 3).nearestFloat == Float(1) / 3)
    // 1 + 2^-24 is exactly halfway between 1 and 1 + 2^-23 in Float: ties to even (1).
    let tie = ExactRational(1) + ExactRational(1).timesPowerOfTwo(-24)
    #expect(tie.nearestFloat == 1)
    // 1 + 3 * 2^-24 is halfway between 1 + 2^-23 and 1 + 2^-22: even is 1 + 2^-22.
    let tie2 = ExactRational(1) + ExactRational(3).timesPowerOfTwo(-24)
    #expect(tie2.nearestFloat == 1 + 0x1p-22)
    #expect(ExactRational(-5, 2).nearestFloat == -2.5)
    // Beyond Float's range, and below its smallest subnormal.
    #expect(ExactRational(2).timesPowerOfTwo(200).nearestFloat == .infinity)
    #expect(ExactRational(1).timesPowerOfTwo(-200).nearestFloat == 0)
    #expect(ExactRational(3).timesPowerOfTwo(-151).nearestFloat == .leastNonzeroMagnitude)
  }

  @Test("Values free all the GMP memory they allocate")
  func noLeaks() {
    let before = GMPMemory.liveBlocksOnCurrentThread
    do {
      var keep: [ExactRational] = []
      for i in 1...2000 {
        let big = ExactInteger.product(Array(repeating: 255, count: 1 + i % 20))
        let q = ExactRational(big, ExactInteger(i)) * ExactRational(i, 7) - ExactRational(1, i)
        _ = q.description
        _ = big.description
        _ = q.nearestFloat
        if i % 100 == 0 { keep.append(q) }
      }
      #expect(GMPMemory.liveBlocksOnCurrentThread > before)  // the kept values are live
      #expect(keep.count == 20)
    }
    #expect(GMPMemory.liveBlocksOnCurrentThread == before)
  }
}
