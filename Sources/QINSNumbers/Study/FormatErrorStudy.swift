import QINSSupport

/// Measures every number format's conversion error on the seed's test values and on a
/// normally distributed sample: the figures behind Docs/number-formats.md.
public struct FormatErrorStudy: Codable, Sendable {
  /// One format's error on the seed's six test values, unscaled, as the seed ran them.
  public struct SeedValueRow: Codable, Sendable {
    public var depth: Int
    public var encoder: FPINSEncoder
    public var decoded: [Double]
    public var relativeErrors: [Double]
    public var levels: [[Int]]
  }

  /// One format's error on the normal sample.
  public struct SampleRow: Codable, Sendable {
    /// For example `QINS8 nearest`, `QINS-L`, `FPINS(2) optimal`.
    public var format: String
    public var bytesPerValue: Double
    public var scaleExponent: Int?
    /// `||x' - x|| / ||x||`.
    public var relativeRMSError: Double
    /// Mean and max of `|x' - x| / |x|` over non-zero inputs.
    public var meanRelativeError: Double
    public var maxRelativeError: Double
    /// Inputs decoded as zero, and inputs that saturated.
    public var zeros: Int
    public var saturated: Int
  }

  /// The seed's test values (chapter 9).
  public static let seedValues: [Double] = [0.5, 0.1, -0.25, 0.003, 1.0, 0.0001]

  public var sampleCount: Int
  public var sampleSigma: Double
  public var sampleSeed: UInt64
  public var seedValueRows: [SeedValueRow]
  public var sampleRows: [SampleRow]

  /// Runs the study. `depths` are the FPINS depths; `progress` is told each row's name.
  public init(
    sampleCount: Int = 20_000, sigma: Double = 0.02, seed: UInt64 = 2024,
    depths: ClosedRange<Int> = 0...7, progress: (String) -> Void = { _ in }
  ) throws {
    self.sampleCount = max(1, sampleCount)
    sampleSigma = sigma
    sampleSeed = seed
    var seedRows: [SeedValueRow] = []
    for depth in depths {
      for encoder in FPINSEncoder.allCases {
        let encoded = Self.seedValues.map { encoder.encode($0, depth: depth) }
        let decoded = encoded.map { Double($0.sign) * $0.exactMagnitude }
        seedRows.append(
          SeedValueRow(
            depth: depth, encoder: encoder, decoded: decoded,
            relativeErrors: zip(decoded, Self.seedValues).map { abs($0 - $1) / abs($1) },
            levels: encoded.map(\.factors)))
      }
    }
    seedValueRows = seedRows

    var g = SeededGenerator(seed: seed)
    let xs = g.normalFloats(count: self.sampleCount, sigma: sigma)
    var rows: [SampleRow] = []
    for mode in RoundingMode.allCases {
      for (policy, name) in [
        (ScalePolicy.minimumSquaredError, "min-MSE"), (.fitMaximum, "fit-max"),
      ] {
        let label = "QINS8 \(mode.rawValue), \(name) scale"
        progress(label)
        let (t, report) = try QINS8Tensor.encode(xs, mode: mode, scale: policy)
        rows.append(
          Self.row(
            label, xs, t.decoded(), bytes: 2, scale: t.scaleExponent,
            saturated: report.overflows))
      }
    }
    progress("QINS-L")
    let log = try LogCodedTensor.encode(xs)
    rows.append(
      Self.row("QINS-L (seed log codec)", xs, log.decoded(), bytes: 2, scale: nil, saturated: 0))
    for depth in depths {
      for encoder in FPINSEncoder.allCases {
        let label = "FPINS(\(depth)) \(encoder.rawValue)"
        progress(label)
        let t = try FPINSTensor.encode(xs, depth: depth, encoder: encoder)
        var saturated = 0
        for i in 0..<t.count where t.signs[i] != 0 && t.element(i).factors.allSatisfy({ $0 == 1 }) {
          saturated += 1
        }
        rows.append(
          Self.row(
            label, xs, t.decoded(), bytes: Double(depth + 2), scale: t.scaleExponent,
            saturated: saturated))
      }
    }
    sampleRows = rows
  }

  static func row(
    _ format: String, _ xs: [Float], _ ys: [Float], bytes: Double, scale: Int?, saturated: Int
  ) -> SampleRow {
    var num = 0.0
    var den = 0.0
    var relSum = 0.0
    var relMax = 0.0
    var nonzero = 0
    var zeros = 0
    for (x, y) in zip(xs, ys) {
      let d = Double(y) - Double(x)
      num += d * d
      den += Double(x) * Double(x)
      if y == 0 { zeros += 1 }
      if x != 0 {
        let r = abs(d) / abs(Double(x))
        relSum += r
        relMax = max(relMax, r)
        nonzero += 1
      }
    }
    return SampleRow(
      format: format, bytesPerValue: bytes, scaleExponent: scale,
      relativeRMSError: den == 0 ? 0 : (num / den).squareRoot(),
      meanRelativeError: nonzero == 0 ? 0 : relSum / Double(nonzero),
      maxRelativeError: relMax, zeros: zeros, saturated: saturated)
  }
}
