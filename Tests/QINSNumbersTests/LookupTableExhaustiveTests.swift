import QINSNumbers
import QINSReference
import Testing

/// Every entry of every table, in both rounding modes, against the GMP reference.
@Suite("Lookup tables, exhaustively against GMP")
struct LookupTableExhaustiveTests {
  @Test(
    "All 65,536 operand pairs (256 for RCP) match the exact reference, bit for bit",
    arguments: TableOperation.allCases, RoundingMode.allCases)
  func tableMatchesReference(operation: TableOperation, mode: RoundingMode) {
    let table = LookupTable(operation, rounding: mode)
    #expect(table.codes.count == operation.entryCount)
    var mismatches: [String] = []
    let bRange = operation == .rcp ? 0...0 : 0...255
    for a in 0...255 {
      for b in bRange {
        let expected = QINS8Reference.evaluate(operation, UInt8(a), UInt8(b), mode: mode)
        let got = operation == .rcp ? table.lookup(UInt8(a)) : table.lookup(UInt8(a), UInt8(b))
        let expectedCode = expected.isZero ? 0 : expected.code
        if got.code != expectedCode || got.flags != expected.flags || got.isZero != expected.isZero
        {
          if mismatches.count < 5 {
            mismatches.append("\(operation)[\(a)][\(b)]: got \(got), expected \(expected)")
          }
        }
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches)")
  }

  @Test("Hand-checked entries: 1 + 1 = 2, 2 * 2 = 4, 128 + 128 = 256, overflow, reciprocal")
  func handCheckedEntries() {
    let t = QINS8Tables(rounding: .nearest)
    // mu = 1 is code 0 (s = 256); 1 + 1 = 2 is s = 128, code 128.
    #expect(t.add.lookup(0, 0) == .init(isZero: false, code: 128, flags: []))
    // 2 * 2 = 4: s = 64, code 192.
    #expect(t.mul.lookup(128, 128) == .init(isZero: false, code: 192, flags: []))
    // 128 + 128 = 256: code 254 is s = 2 (mu 128); the sum is s = 1, code 255, exact.
    #expect(t.add.lookup(254, 254) == .init(isZero: false, code: 255, flags: []))
    // 256 + 1 overflows: saturated to code 255 with the flag.
    #expect(t.add.lookup(255, 0) == .init(isZero: false, code: 255, flags: [.overflow, .inexact]))
    // 2 - 2 = 0 exactly.
    #expect(t.sub.lookup(128, 128) == .init(isZero: true, code: 0, flags: .zero))
    // 256/255 - 1 = 1/255 < 1/2 rounds to zero: underflow.
    #expect(
      t.sub.lookup(1, 0) == .init(isZero: true, code: 0, flags: [.zero, .underflow, .inexact]))
    // rcp(mu = 2) = 256 / 2 = 128: code 254.
    #expect(t.rcp.lookup(128) == .init(isZero: false, code: 254, flags: []))
    // 1 + 2 = 3: s* = 85.33; candidates s = 85 (3.0118) and 86 (2.9767); nearest is 85,
    // code 171. Seed truncates s up to 86, code 170.
    #expect(t.add.lookup(0, 128).code == 171)
    #expect(QINS8Tables(rounding: .seed).add.lookup(0, 128).code == 170)
  }

  @Test("The table sizes: three 64 KiB planes and a 256-byte reciprocal")
  func sizes() {
    let t = QINS8Tables(rounding: .nearest)
    #expect(t.codeBytes == 3 * 65_536 + 256)
    #expect(t.hardwareBits == 3 * 65_536 * 9 + 256 * 8)
  }

  @Test("Signed operations through the tables equal the kernels, for all sign combinations")
  func signedOperationsThroughTables() {
    for mode in RoundingMode.allCases {
      let t = QINS8Tables(rounding: mode)
      var values: [QINS8] = [.zero]
      for c in stride(from: 0, through: 255, by: 3) {
        values.append(QINS8(sign: 1, code: UInt8(c)))
        values.append(QINS8(sign: -1, code: UInt8(c)))
      }
      for a in values {
        #expect(t.reciprocal(a) == QINS8.reciprocal(a, mode: mode))
        for b in values {
          let viaTable = t.add(a, b)
          let direct = QINS8.add(a, b, mode: mode)
          #expect(viaTable == direct, "\(a) + \(b)")
          #expect(t.multiply(a, b) == QINS8.multiply(a, b, mode: mode), "\(a) * \(b)")
        }
      }
    }
  }
}
