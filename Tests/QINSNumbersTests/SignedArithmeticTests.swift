import ExactArithmetic
import QINSNumbers
import QINSReference
import Testing

@Suite("Signed QINS8 arithmetic")
struct SignedArithmeticTests {
  /// The exact signed result rounded by the reference, as a QINS8 value.
  func reference(_ exact: ExactRational, mode: RoundingMode) -> QINS8 {
    let r = QINS8Reference.round(exact.magnitude, mode: mode)
    return r.isZero ? .zero : QINS8(sign: exact.signum < 0 ? -1 : 1, code: r.code)
  }

  @Test("add, subtract and multiply of every sign and every 5th code agree with GMP")
  func signedAgainstReference() {
    var values: [QINS8] = [.zero]
    for c in stride(from: 0, through: 255, by: 5) {
      values += [QINS8(sign: 1, code: UInt8(c)), QINS8(sign: -1, code: UInt8(c))]
    }
    for mode in RoundingMode.allCases {
      for a in values {
        for b in values {
          let va = QINS8Reference.value(a)
          let vb = QINS8Reference.value(b)
          #expect(QINS8.add(a, b, mode: mode).value == reference(va + vb, mode: mode))
          #expect(QINS8.subtract(a, b, mode: mode).value == reference(va - vb, mode: mode))
          #expect(QINS8.multiply(a, b, mode: mode).value == reference(va * vb, mode: mode))
        }
      }
    }
  }

  @Test("Opposite signs: the result takes the sign of the larger magnitude")
  func oppositeSigns() {
    // -2 + 1 = -1 exactly.
    let r = QINS8.add(QINS8(sign: -1, code: 128), QINS8(sign: 1, code: 0), mode: .nearest)
    #expect(r.value == QINS8(sign: -1, code: 0))
    #expect(r.flags == [])
  }

  @Test("The reciprocal of zero is zero, flagged invalid")
  func reciprocalOfZero() {
    #expect(QINS8.reciprocal(.zero, mode: .nearest) == (.zero, [.zero, .invalid]))
  }
}

@Suite("Exponent alignment")
struct AlignmentTests {
  @Test("scaleDown by 0...20 for every code matches GMP: exact while s * 2^shift <= 256")
  func scaleDownAgainstReference() {
    for mode in RoundingMode.allCases {
      for code in 0...255 {
        for shift in 0...20 {
          let exact = QINS8Reference.magnitude(UInt8(code)) / ExactRational(1 << shift)
          let want = QINS8Reference.round(exact, mode: mode)
          let got = QINS8Kernels.scaleDown(UInt8(code), by: shift, mode: mode)
          #expect(
            got.isZero == want.isZero && (got.isZero || got.code == want.code)
              && got.flags == want.flags, "code \(code) shift \(shift)")
          if (256 - code) << shift <= 256 { #expect(got.flags == []) }
        }
      }
    }
  }
}
