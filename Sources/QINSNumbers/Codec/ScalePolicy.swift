/// How a tensor's power-of-two scale exponent `e` is chosen (stored value = x * 2^-e).
///
/// The scale is per tensor, not per block, and a power of two, because of how QINS
/// arithmetic consumes it: a dot product multiplies weight and activation codes through the
/// MUL table and sums the products through the ADD table. With one exponent per operand
/// tensor, every product of a dot product carries the same exponent `e_w + e_x`, so the ADD
/// table can sum the codes directly. Per-block exponents would need alignment before each
/// harmonic addition, which a table indexed by two codes cannot do.
public enum ScalePolicy: Hashable, Sendable {
  /// The smallest `e` at which the largest magnitude does not saturate (maps to <= 256).
  case fitMaximum
  /// The `e`, among a window of exponents at and above ``fitMaximum``'s, that minimises the
  /// squared error over an evenly strided sample of at most 4,096 elements. Both QINS8 and
  /// FPINS are finer at small magnitudes (the relative step is `1 / s`, or `1 / P`), so
  /// moving a tensor's values down by raising `e` makes them more precise, until the
  /// smallest ones underflow to zero; the search finds the balance. Saturating the largest
  /// values never helps, so exponents below the fitting one are not tried. The error falls
  /// and then rises with `e`, so the search stops after six exponents in a row without an
  /// improvement. Ties go to the smaller `e`.
  case minimumSquaredError
  /// A given exponent.
  case fixed(Int)

  /// The exponent at which `maxMagnitude` maps exactly to, or just below, `topMagnitude`
  /// (a power of two): the smallest `e` with `maxMagnitude * 2^-e <= topMagnitude`.
  public static func fitExponent(maxMagnitude: Double, topMagnitude: Double = 256) -> Int {
    guard maxMagnitude > 0, maxMagnitude.isFinite else { return 0 }
    let top = Int(topMagnitude.exponent)
    let e = Int(maxMagnitude.exponent) - top
    return maxMagnitude.significand == 1 ? e : e + 1
  }

  /// Chooses the exponent for `values`, given the format's round trip at an exponent and the
  /// width of the search window above the fitting exponent. Non-finite values (an overflowed
  /// exp, a NaN) do not take part: they neither set the scale nor count in the error.
  public func exponent(
    for values: [Float],
    window: Int,
    roundTrip: (Float, Int) -> Double
  ) -> Int {
    if values.contains(where: { !$0.isFinite }) {
      return exponent(for: values.filter(\.isFinite), window: window, roundTrip: roundTrip)
    }
    var maxMagnitude: Float = 0
    for v in values { maxMagnitude = max(maxMagnitude, v.magnitude) }
    let fit = ScalePolicy.fitExponent(maxMagnitude: Double(maxMagnitude))
    switch self {
    case .fixed(let e): return e
    case .fitMaximum: return fit
    case .minimumSquaredError:
      if maxMagnitude == 0 { return fit }
      let step = max(1, values.count / 4096)
      let sample = stride(from: 0, to: values.count, by: step).map { values[$0] }
      var best = fit
      var bestError = Double.infinity
      var sinceImprovement = 0
      for e in fit...(fit + window) where sinceImprovement < 6 {
        var error: Double = 0
        for v in sample {
          let d: Double = roundTrip(v, e) - Double(v)
          error += d * d
        }
        if error < bestError {
          bestError = error
          best = e
          sinceImprovement = 0
        } else {
          sinceImprovement += 1
        }
      }
      return best
    }
  }
}
