import QINSNumbers
import Testing

@Suite("Table statistics")
struct TableStatisticsTests {
  @Test("ADD: 511 pairs overflow in either mode, and the seed's max of 256 is the 256 + 256 pair")
  func addOverflow() {
    for mode in RoundingMode.allCases {
      let stats = ConservationStatistics(QINS8Tables(rounding: mode).add)
      // mu_a + mu_b > 256 needs one operand at 256 (code 255): 256 pairs with a = 255,
      // 256 with b = 255, one counted twice.
      #expect(stats.overflowPairs == 511)
      #expect(stats.maxAbsoluteError == 256)
      #expect(stats.pairs == 65_536)
    }
  }

  @Test("Statistics recomputed by brute force from the table agree")
  func recomputed() {
    let t = QINS8Tables(rounding: .nearest)
    let stats = ConservationStatistics(t.add)
    var sum = 0.0
    var unchanged = 0
    for a in 0...255 {
      for b in 0...255 {
        let got = 256.0 / Double(256 - Int(t.add.codes[a << 8 | b]))
        sum += abs(got - (256.0 / Double(256 - a) + 256.0 / Double(256 - b)))
        if t.add.codes[a << 8 | b] == UInt8(max(a, b)) { unchanged += 1 }
      }
    }
    #expect(abs(stats.meanAbsoluteError - sum / 65_536) < 1e-9)
    #expect(stats.unchangedOperandPairs == unchanged)
  }

  @Test("Accumulating 1s stalls where the spacing outgrows the addend")
  func accumulationStalls() {
    for mode in RoundingMode.allCases {
      let acc = AccumulationStatistics(tables: QINS8Tables(rounding: mode))
      // At the stall the gap to the next magnitude exceeds what rounding lets 1 bridge:
      // nearest needs gap > 2 (x + 1 rounds back to x), seed gap > 1.
      let s = 256 - Int(acc.stalledCode)
      let gap = 256.0 / Double(s - 1) - 256.0 / Double(s)
      #expect(gap > (mode == .nearest ? 2 : 1))
      #expect(acc.termsWhenStalled < 40)
      #expect(!acc.saturated)
      #expect(acc.valueAfterReferenceTerms == acc.stalledValue)
      #expect(acc.trajectory[0] == 1 && acc.trajectory[1] == 2)
    }
  }
}
