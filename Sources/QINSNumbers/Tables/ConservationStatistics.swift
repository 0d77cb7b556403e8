/// How far a binary table's results are from the exact magnitudes, over all 65,536 pairs.
///
/// The seed's metric is `|mu(result) - (mu(a) + mu(b))|` for ADD; for MUL the exact value is
/// `mu(a) * mu(b)`. Pairs whose exact result exceeds 256 saturate, and their error (up to 256
/// for ADD, 65,280 for MUL) dominates the maximum, so the statistics are given both over all
/// pairs and over the pairs that do not overflow.
public struct ConservationStatistics: Codable, Hashable, Sendable {
  public var operation: TableOperation
  public var rounding: RoundingMode
  public var pairs: Int
  /// Mean, median and maximum of the absolute error over all pairs.
  public var meanAbsoluteError: Double
  public var medianAbsoluteError: Double
  public var maxAbsoluteError: Double
  /// The 99.9th percentile of the absolute error over all pairs (the seed claims < 10).
  public var p999AbsoluteError: Double
  /// The same over the pairs that do not overflow.
  public var meanAbsoluteErrorInRange: Double
  public var maxAbsoluteErrorInRange: Double
  /// Mean and maximum of |error| / exact over the pairs that do not overflow.
  public var meanRelativeErrorInRange: Double
  public var maxRelativeErrorInRange: Double
  /// Pairs whose result is exact.
  public var exactPairs: Int
  /// Pairs whose exact result exceeds 256 and saturates.
  public var overflowPairs: Int
  /// Pairs whose result equals one operand although the other operand should have changed
  /// it (for ADD: the sum rounded back to the larger addend, the smaller one lost; for MUL:
  /// the product equals an operand whose partner is not 1).
  public var unchangedOperandPairs: Int

  /// Measures `table` (ADD or MUL).
  public init(_ table: LookupTable) {
    precondition(table.operation == .add || table.operation == .mul, "ADD or MUL only")
    operation = table.operation
    rounding = table.rounding
    var errors: [Double] = []
    errors.reserveCapacity(65_536)
    var inRangeSum = 0.0
    var inRangeMax = 0.0
    var relSum = 0.0
    var relMax = 0.0
    var inRange = 0
    var exact = 0
    var overflow = 0
    var unchanged = 0
    for a in 0...255 {
      for b in 0...255 {
        let r = table.lookup(UInt8(a), UInt8(b))
        let ma = QINS8.magnitude(UInt8(a))
        let mb = QINS8.magnitude(UInt8(b))
        let want = table.operation == .add ? ma + mb : ma * mb
        let got = QINS8.magnitude(r.code)
        let error = abs(got - want)
        errors.append(error)
        if !r.flags.contains(.inexact) { exact += 1 }
        if r.flags.contains(.overflow) {
          overflow += 1
        } else {
          inRange += 1
          inRangeSum += error
          inRangeMax = max(inRangeMax, error)
          relSum += error / want
          relMax = max(relMax, error / want)
        }
        switch table.operation {
        case .add:
          if r.code == max(a, b) { unchanged += 1 }
        default:
          if (r.code == a && b != 0) || (r.code == b && a != 0) { unchanged += 1 }
        }
      }
    }
    pairs = errors.count
    meanAbsoluteError = errors.reduce(0, +) / Double(errors.count)
    let sorted = errors.sorted()
    medianAbsoluteError = (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    maxAbsoluteError = sorted.last ?? 0
    p999AbsoluteError = sorted[Int((Double(sorted.count) * 0.999).rounded(.up)) - 1]
    meanAbsoluteErrorInRange = inRange == 0 ? 0 : inRangeSum / Double(inRange)
    maxAbsoluteErrorInRange = inRangeMax
    meanRelativeErrorInRange = inRange == 0 ? 0 : relSum / Double(inRange)
    maxRelativeErrorInRange = relMax
    exactPairs = exact
    overflowPairs = overflow
    unchangedOperandPairs = unchanged
  }
}
