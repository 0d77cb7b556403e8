import Workloads

/// `qinssim transformer`'s text: the machines side by side, with each one's ratio to the FP32
/// machine, and the error against the FP32 numerical reference per layer.
extension TransformerReport {
  var text: String {
    var out = "\(model), layers \(layers), sequence \(seq); weights: \(weights)\n\n"
    let all = ordered
    let base = all.last!
    let ratioHeader = all.count == 2 ? ["ratio"] : all.dropLast().map { "\($0.name) / fp32" }
    var t = TextTable([""] + all.map(\.name) + ratioHeader)
    func row(_ name: String, digits: Int = 4, _ v: (MachineFigures) -> Double?) {
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
    row("weight footprint (MB)") { Double($0.weightBytes) / 1e6 }
    row("PE multiply-accumulate (pJ)") { $0.peMultiplyAccumulatePj }
    row("area (mm2)") { $0.areaMm2 }
    row("saturated values", digits: 9) { $0.saturatedProducts.map(Double.init) }
    out += t.rendered
    out += "\n"
    for m in all {
      out += "\n\(m.name) \(m.roofline.summary)"
    }
    for m in all {
      guard let parts = m.fp32ReferenceDiffersIn else { continue }
      out += "\n" + LanguageModelMachines.hardwareNote(machine: m.name, parts: parts)
    }
    if timingOnly == true {
      out +=
        "\n\nTiming only: no values were computed, so there is no error against the reference and no count of saturated values."
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
