/// What happens when a QINS8 accumulator adds the same small term again and again: the
/// central numerical risk of a pure-QINS8 multiply-accumulate.
///
/// The sum starts at the first addend and each step adds one more through the ADD table. The
/// spacing between QINS8 magnitudes grows as `mu^2 / 256`, so once it exceeds twice the
/// addend (nearest) or the addend itself (seed), the sum stops growing: every further term
/// is lost.
public struct AccumulationStatistics: Codable, Hashable, Sendable {
  public var rounding: RoundingMode
  /// The magnitude of each addend.
  public var addend: Double
  /// How many addends the sum holds when it first stops growing.
  public var termsWhenStalled: Int
  /// The stuck sum's magnitude, and its code byte.
  public var stalledValue: Double
  public var stalledCode: UInt8
  /// The exact sum of that many terms.
  public var exactValueWhenStalled: Double
  /// Whether the sum saturated at 256 rather than stalling below it.
  public var saturated: Bool
  /// The sum after `referenceTerms` terms, against the exact `referenceTerms * addend`.
  public var referenceTerms: Int
  public var valueAfterReferenceTerms: Double
  /// The magnitude after each of the first terms (index 0 is one term).
  public var trajectory: [Double]

  /// Adds `addendCode` repeatedly through `tables.add`.
  public init(tables: QINS8Tables, addendCode: UInt8 = 0, referenceTerms: Int = 3072) {
    rounding = tables.rounding
    addend = QINS8.magnitude(addendCode)
    self.referenceTerms = referenceTerms
    var sum = addendCode
    var terms = 1
    var trajectory = [QINS8.magnitude(sum)]
    var stall: (terms: Int, code: UInt8)?
    var afterReference = 0.0
    var saturatedFlag = false
    while terms < referenceTerms {
      let r = tables.add.lookup(sum, addendCode)
      terms += 1
      if r.flags.contains(.overflow) { saturatedFlag = true }
      if r.code == sum && stall == nil { stall = (terms - 1, sum) }
      sum = r.code
      if trajectory.count < 64 { trajectory.append(QINS8.magnitude(sum)) }
    }
    afterReference = QINS8.magnitude(sum)
    let s = stall ?? (referenceTerms, sum)
    termsWhenStalled = s.terms
    stalledCode = s.code
    stalledValue = QINS8.magnitude(s.code)
    exactValueWhenStalled = Double(s.terms) * addend
    saturated = saturatedFlag
    valueAfterReferenceTerms = afterReference
    self.trajectory = trajectory
  }
}
