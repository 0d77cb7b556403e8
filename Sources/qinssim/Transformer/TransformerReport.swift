import QINSMachine

/// Error of a result against the FP32 reference.
struct ErrorMetrics: Codable {
  var maxAbs: Double
  var relRms: Double
  var cosine: Double
  var snrDb: Double

  init(_ got: [Float], _ want: [Float]) {
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
    snrDb = num == 0 ? .infinity : 10 * _log10(den / num)
  }
}

/// What `qinssim transformer` reports, as text and as JSON: every machine side by side, with
/// its costs and its error against the FP32 numerical reference per layer.
struct TransformerReport: Encodable {
  struct LayerError: Encodable {
    var layer: Int
    /// The output hidden states against the reference's.
    var output: ErrorMetrics
    /// The layer's update (output minus its input) against the reference's update: the
    /// residual stream, carried in FP32, does not hide the error of the layer's own work.
    var update: ErrorMetrics
  }

  struct MachineFigures: Encodable {
    var name: String
    var storageFormat = ""
    var cycles = 0
    var seconds = 0.0
    var energyPj = 0.0
    var avgPowerW = 0.0
    var dramBytes = 0
    var weightBytes = 0
    var multiplyAccumulates = 0
    /// Absent in a timing-only run.
    var saturatedProducts: Int? = 0
    /// One PE multiply-accumulate's energy on this machine, pJ.
    var peMultiplyAccumulatePj = 0.0
    var areaMm2 = 0.0
    var energyByComponentPj: [String: Double] = [:]
    /// Why the run figures are absent (a timing-only run of a machine whose timing depends
    /// on values); nil when they are present.
    var absent: String?
    /// The last layer's output error.
    var error: ErrorMetrics?
    var perLayer: [LayerError] = []

    init(name: String) { self.name = name }

    enum CodingKeys: String, CodingKey {
      case name, storageFormat, cycles, seconds, energyPj, avgPowerW, dramBytes, weightBytes
      case multiplyAccumulates, saturatedProducts, peMultiplyAccumulatePj, areaMm2
      case energyByComponentPj, absent, error, perLayer
    }

    /// Every figure; a machine whose figures are absent keeps only its name, storage,
    /// weight footprint and the reason.
    func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(name, forKey: .name)
      try c.encode(storageFormat, forKey: .storageFormat)
      try c.encode(weightBytes, forKey: .weightBytes)
      if let absent {
        try c.encode(absent, forKey: .absent)
        return
      }
      try c.encode(cycles, forKey: .cycles)
      try c.encode(seconds, forKey: .seconds)
      try c.encode(energyPj, forKey: .energyPj)
      try c.encode(avgPowerW, forKey: .avgPowerW)
      try c.encode(dramBytes, forKey: .dramBytes)
      try c.encode(multiplyAccumulates, forKey: .multiplyAccumulates)
      try c.encodeIfPresent(saturatedProducts, forKey: .saturatedProducts)
      try c.encode(peMultiplyAccumulatePj, forKey: .peMultiplyAccumulatePj)
      try c.encode(areaMm2, forKey: .areaMm2)
      try c.encode(energyByComponentPj, forKey: .energyByComponentPj)
      try c.encodeIfPresent(error, forKey: .error)
      try c.encode(perLayer, forKey: .perLayer)
    }

    mutating func add(_ s: RunStatistics, weightBytes w: Int) {
      cycles += s.cycles
      seconds += s.seconds
      energyPj += s.energy.totalPj
      avgPowerW = seconds == 0 ? 0 : energyPj * 1e-12 / seconds
      dramBytes += (s.bytesRead["dram"] ?? 0) + (s.bytesWritten["dram"] ?? 0)
      weightBytes += w
      multiplyAccumulates += s.multiplyAccumulates
      saturatedProducts = s.overflows.map { (saturatedProducts ?? 0) + $0 }
      areaMm2 = s.totalAreaMm2
      for (k, v) in s.energy.byComponentPj { energyByComponentPj[k, default: 0] += v }
    }
  }

  var model: String
  var weights: String
  var seq: Int
  var layers: String
  var hidden: Int
  var heads: Int
  var headDim: Int
  var intermediate: Int
  /// The machines in the order given, the FP32 machine last.
  var machineOrder: [String]
  var machines: [String: MachineFigures]
  /// True for `--timing-only` (no values, no error; left out of the JSON otherwise).
  var timingOnly: Bool?

  var ordered: [MachineFigures] { machineOrder.map { machines[$0]! } }

  var text: String {
    var out = "\(model), layers \(layers), sequence \(seq); weights: \(weights)\n\n"
    let all = ordered
    let base = all.last!
    let ratioHeader = all.count == 2 ? ["ratio"] : all.dropLast().map { "\($0.name) / fp32" }
    var t = TextTable([""] + all.map(\.name) + ratioHeader)
    func row(
      _ name: String, digits: Int = 4, run: Bool = true, _ value: (MachineFigures) -> Double?
    ) {
      func v(_ m: MachineFigures) -> Double? { run && m.absent != nil ? nil : value(m) }
      let b = v(base)
      t.add(
        [name] + all.map { v($0).map { Format.g($0, digits) } ?? "-" }
          + all.dropLast().map { m in
            guard let b, b != 0, let x = v(m) else { return "-" }
            return Format.g(x / b, 3)
          })
    }
    row("cycles", digits: 9) { Double($0.cycles) }
    row("time (ms)") { $0.seconds * 1e3 }
    row("energy (mJ)") { $0.energyPj * 1e-9 }
    row("average power (W)") { $0.avgPowerW }
    row("DRAM bytes (MB)") { Double($0.dramBytes) / 1e6 }
    row("weight footprint (MB)", run: false) { Double($0.weightBytes) / 1e6 }
    row("PE multiply-accumulate (pJ)") { $0.peMultiplyAccumulatePj }
    row("area (mm2)") { $0.areaMm2 }
    row("saturated values", digits: 9) { $0.saturatedProducts.map(Double.init) }
    out += t.rendered
    if timingOnly == true {
      out +=
        "\n\nTiming only: no values were computed, so there is no error against the reference and no count of saturated values."
      for m in all { if let why = m.absent { out += "\n\(m.name): no figures; \(why)." } }
      return out
    }
    out += "\n\nError against the FP32 numerical reference (per layer)\n"
    var e = TextTable(
      "layer", "machine", "rel. RMS", "cosine", "max |err|", "SNR dB", "update rel. RMS",
      "update cosine")
    for (i, l) in base.perLayer.enumerated() {
      for m in all {
        let x = m.perLayer[i]
        e.add(
          String(l.layer), m.name, Format.g(x.output.relRms, 3), Format.g(x.output.cosine, 6),
          Format.g(x.output.maxAbs, 3), Format.g(x.output.snrDb, 3), Format.g(x.update.relRms, 3),
          Format.g(x.update.cosine, 6))
      }
    }
    out += e.rendered
    out +=
      "\n(update: the layer's output minus its input, against the reference's; the FP32 residual stream dominates the output)"
    return out
  }
}

#if canImport(Glibc)
  import Glibc
  func _log10(_ x: Double) -> Double { Glibc.log10(x) }
#elseif canImport(Darwin)
  import Darwin
  func _log10(_ x: Double) -> Double { Darwin.log10(x) }
#endif
