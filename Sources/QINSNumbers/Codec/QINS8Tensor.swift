/// A tensor in QINS8: the seed's layout of a sign plane and a code plane, plus one
/// power-of-two scale exponent. Element `i` is `signs[i] * 256 / (256 - codes[i]) * 2^e`.
public struct QINS8Tensor: Hashable, Sendable {
  /// -1, 0 or +1 per element.
  public var signs: [Int8]
  /// Code bytes per element (0 where the sign is 0).
  public var codes: [UInt8]
  /// The tensor's scale exponent `e`.
  public var scaleExponent: Int

  public init(signs: [Int8], codes: [UInt8], scaleExponent: Int) {
    precondition(signs.count == codes.count, "sign and code planes differ in length")
    self.signs = signs
    self.codes = codes
    self.scaleExponent = scaleExponent
  }

  /// Elements in the tensor.
  public var count: Int { codes.count }

  /// Bytes as stored: a sign byte and a code byte per element, as the seed stores them.
  public var storedBytes: Int { 2 * count }

  /// Element `i`.
  public subscript(i: Int) -> QINS8 { QINS8(sign: signs[i], code: codes[i]) }

  /// What encoding a tensor did, for the simulator and reports to count.
  public struct Report: Hashable, Sendable {
    public var overflows = 0
    public var underflows = 0
    public var inexact = 0
  }

  /// Encodes `values`, choosing the scale by `scale`. Throws for NaN or infinity, naming the
  /// first such element.
  public static func encode(
    _ values: [Float], mode: RoundingMode, scale: ScalePolicy = .minimumSquaredError
  ) throws(NumberFormatError) -> (tensor: QINS8Tensor, report: Report) {
    if let bad = values.firstIndex(where: { !$0.isFinite }) {
      throw .nonFinite(index: bad, value: Double(values[bad]))
    }
    let e = scale.exponent(for: values, window: 16) { v, e in
      Double(
        QINS8Codec.decode(
          QINS8Codec.encode(v, scaleExponent: e, mode: mode).value, scaleExponent: e))
    }
    var signs = [Int8](repeating: 0, count: values.count)
    var codes = [UInt8](repeating: 0, count: values.count)
    var report = Report()
    for (i, v) in values.enumerated() {
      let (q, flags) = QINS8Codec.encode(v, scaleExponent: e, mode: mode)
      signs[i] = q.sign
      codes[i] = q.code
      if flags.contains(.overflow) { report.overflows += 1 }
      if flags.contains(.underflow) { report.underflows += 1 }
      if flags.contains(.inexact) { report.inexact += 1 }
    }
    return (QINS8Tensor(signs: signs, codes: codes, scaleExponent: e), report)
  }

  /// Decodes every element to `Float`.
  public func decoded() -> [Float] {
    (0..<count).map { QINS8Codec.decode(self[$0], scaleExponent: scaleExponent) }
  }
}
