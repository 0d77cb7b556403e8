import Foundation

/// The error of a result against a reference, element by element, summed in `Double` in
/// order (so the figures do not depend on threads).
///
/// - `maxAbs`: the largest `|got - want|`.
/// - `relRms`: `||got - want|| / ||want||`; 0 when the reference is all zeros.
/// - `cosine`: the cosine of the angle between `got` and `want`; 0 when either is all zeros.
/// - `snrDb`: `10 log10(||want||^2 / ||got - want||^2)`; infinite when they are equal.
///
/// Elements past the shorter array's end are not compared.
public struct ErrorMetrics: Codable, Sendable, Equatable {
  public var maxAbs: Double
  public var relRms: Double
  public var cosine: Double
  public var snrDb: Double

  public init(_ got: [Float], _ want: [Float]) {
    var maxAbs = 0.0
    var num = 0.0
    var den = 0.0
    var dot = 0.0
    var gg = 0.0
    for (a, b) in zip(got, want) {
      let d = Double(a) - Double(b)
      maxAbs = max(maxAbs, abs(d))
      num += d * d
      den += Double(b) * Double(b)
      dot += Double(a) * Double(b)
      gg += Double(a) * Double(a)
    }
    self.maxAbs = maxAbs
    relRms = den == 0 ? 0 : (num / den).squareRoot()
    cosine = gg == 0 || den == 0 ? 0 : dot / (gg.squareRoot() * den.squareRoot())
    snrDb = num == 0 ? .infinity : 10 * log10(den / num)
  }
}
