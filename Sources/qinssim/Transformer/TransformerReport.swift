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

/// What `qinssim transformer` reports, as text and as JSON.
struct TransformerReport: Encodable {
  struct MachineFigures: Encodable {
    var name: String
    var cycles = 0
    var seconds = 0.0
    var energyPj = 0.0
    var avgPowerW = 0.0
    var dramBytes = 0
    var weightBytes = 0
    var multiplyAccumulates = 0
    var saturatedProducts = 0
    var energyByComponentPj: [String: Double] = [:]
    var error: ErrorMetrics?

    init(name: String) { self.name = name }

    mutating func add(_ s: RunStatistics, weightBytes w: Int) {
      cycles += s.cycles
      seconds += s.seconds
      energyPj += s.energy.totalPj
      avgPowerW = seconds == 0 ? 0 : energyPj * 1e-12 / seconds
      dramBytes += (s.bytesRead["dram"] ?? 0) + (s.bytesWritten["dram"] ?? 0)
      weightBytes += w
      multiplyAccumulates += s.multiplyAccumulates
      saturatedProducts += s.overflows
      for (k, v) in s.energy.byComponentPj { energyByComponentPj[k, default: 0] += v }
    }
  }

  struct Layer: Encodable {
    var layer: Int
    /// The output hidden states against the reference's.
    var machine: ErrorMetrics
    var fp32Machine: ErrorMetrics
    /// The layer's update (output minus its input) against the reference's update: the
    /// residual stream, carried in FP32, does not hide the error of the layer's own work.
    var machineUpdate: ErrorMetrics
    var fp32MachineUpdate: ErrorMetrics
  }

  var model: String
  var weights: String
  var seq: Int
  var layers: String
  var hidden: Int
  var heads: Int
  var headDim: Int
  var intermediate: Int
  var qins: MachineFigures
  var fp32: MachineFigures
  var perLayer: [Layer]

  var text: String {
    var out = "\(model), layers \(layers), sequence \(seq); weights: \(weights)\n\n"
    var t = TextTable("", qins.name, fp32.name, "ratio")
    func row(_ name: String, _ a: Double, _ b: Double, digits: Int = 4) {
      t.add(name, Format.g(a, digits), Format.g(b, digits), b == 0 ? "-" : Format.g(a / b, 3))
    }
    row("cycles", Double(qins.cycles), Double(fp32.cycles), digits: 9)
    row("time (ms)", qins.seconds * 1e3, fp32.seconds * 1e3)
    row("energy (mJ)", qins.energyPj * 1e-9, fp32.energyPj * 1e-9)
    row("average power (W)", qins.avgPowerW, fp32.avgPowerW)
    row("DRAM bytes (MB)", Double(qins.dramBytes) / 1e6, Double(fp32.dramBytes) / 1e6)
    row("weight footprint (MB)", Double(qins.weightBytes) / 1e6, Double(fp32.weightBytes) / 1e6)
    row(
      "QINS overflows (saturated)", Double(qins.saturatedProducts), Double(fp32.saturatedProducts),
      digits: 9)
    out += t.rendered + "\n\nError against the FP32 numerical reference (per layer)\n"
    var e = TextTable(
      "layer", "machine", "rel. RMS", "cosine", "max |err|", "SNR dB", "update rel. RMS",
      "update cosine")
    for l in perLayer {
      for (name, m, u) in [
        (qins.name, l.machine, l.machineUpdate), (fp32.name, l.fp32Machine, l.fp32MachineUpdate),
      ] {
        e.add(
          String(l.layer), name, Format.g(m.relRms, 3), Format.g(m.cosine, 6),
          Format.g(m.maxAbs, 3),
          Format.g(m.snrDb, 3), Format.g(u.relRms, 3), Format.g(u.cosine, 6))
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
