import RealModule

/// The seed's logarithmic converter (chapter 3 of the seed), called QINS-L here.
///
/// Per tensor: `log|w|` (with `|w|` clamped to at least 1e-8) is normalised over the
/// tensor's range `[log_min, log_max]` and mapped in inverse order onto the levels 1...255
/// (`stored = round(255 - normalised * 254)`, the largest magnitude at level 1), with the
/// sign kept in a second byte. All arithmetic is `Float`, as the seed's PyTorch code does,
/// and rounding is half to even, as `torch.round` does.
///
/// QINS-L levels are not QINS8 codes: level `k` does not mean `256 / k`. A machine cannot
/// feed them to the QINS8 tables; it must decode them first. The codec is here so that its
/// error can be compared with QINS8's and FPINS's.
public struct LogCodedTensor: Hashable, Sendable {
  /// -1, 0 or +1 per element (`torch.sign`).
  public var signs: [Int8]
  /// Levels 1...255 per element; 1 is the largest magnitude.
  public var levels: [UInt8]
  /// The natural logarithm of the smallest clamped magnitude.
  public var logMin: Float
  /// The natural logarithm of the largest magnitude.
  public var logMax: Float

  /// Bytes as stored: a level byte and a sign byte per element, plus two `Float`s.
  public var storedBytes: Int { 2 * levels.count + 8 }

  /// Encodes `values` as the seed does. Throws for NaN or infinity.
  public static func encode(_ values: [Float]) throws(NumberFormatError) -> LogCodedTensor {
    if let bad = values.firstIndex(where: { !$0.isFinite }) {
      throw .nonFinite(index: bad, value: Double(values[bad]))
    }
    let logs = values.map { Float.log(max($0.magnitude, 1e-8)) }
    let logMin = logs.min() ?? 0
    let logMax = logs.max() ?? 0
    let span: Float = logMax - logMin + 1e-8
    var levels = [UInt8](repeating: 0, count: values.count)
    for (i, l) in logs.enumerated() {
      let normalised = (l - logMin) / span
      let stored = (255 - normalised * 254).rounded(.toNearestOrEven)
      levels[i] = UInt8(min(max(stored, 1), 255))
    }
    let signs: [Int8] = values.map { $0 > 0 ? 1 : $0 < 0 ? -1 : 0 }
    return LogCodedTensor(signs: signs, levels: levels, logMin: logMin, logMax: logMax)
  }

  /// Decodes: `sign * exp(log_min + (255 - level) / 254 * (log_max - log_min))`.
  public func decoded() -> [Float] {
    (0..<levels.count).map { i in
      let normalised = Float(255 - Int(levels[i])) / 254
      return Float(signs[i]) * Float.exp(logMin + normalised * (logMax - logMin))
    }
  }
}
