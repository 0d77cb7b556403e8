import Circuits
import Foundation

/// The text `qinssim circuits energy` prints: the calibration, the published figures
/// predicted, and each circuit's energy.
enum CircuitEnergyText {
  static func render(_ r: SynthesizedEnergyFlow.Result) -> String {
    func pj(_ x: Double) -> String { String(format: "%.3g", x) }
    func ratio(_ a: Double, _ b: Double?) -> String {
      guard let b, b > 0 else { return "" }
      return String(format: "%.2f", a / b)
    }
    let c = r.calibration
    var out =
      "One load-weighted toggle: \(String(format: "%.4g", c.picojoulesPerToggle)) pJ (functional), "
      + "\(String(format: "%.4g", c.picojoulesPerGlitchToggle)) pJ (with glitches), fitted on "
      + "\(c.circuit) = \(c.publishedPicojoules) pJ (\(PublishedEnergy.source)); "
      + "\(r.randomVectors) random vectors per circuit; \(r.yosysVersion).\n\n"
    var v = TextTable(
      "operation", "gates", "toggles/op", "predicted pJ", "published pJ", "ratio",
      "with glitches pJ", "ratio")
    for row in r.published {
      v.add(
        "\(row.component) \(row.action)", "\(row.gates)", String(format: "%.1f", row.randomToggles),
        pj(row.randomPicojoules), pj(row.publishedPicojoules ?? 0),
        ratio(row.randomPicojoules, row.publishedPicojoules), pj(row.randomGlitchPicojoules),
        ratio(row.randomGlitchPicojoules, row.publishedPicojoules))
    }
    out += "The published figures predicted from switching\n" + v.rendered + "\n\n"
    let workloads = Array(Set(r.processingElements.flatMap(\.realPicojoules.keys))).sorted()
    var p = TextTable(
      ["PE", "gates", "NAND2 eq.", "random pJ", "random, glitches pJ"]
        + workloads.map { "\($0) pJ" })
    for row in r.processingElements {
      p.add(
        [
          row.component, "\(row.gates)", String(format: "%.0f", row.nand2Equivalents),
          pj(row.randomPicojoules), pj(row.randomGlitchPicojoules),
        ] + workloads.map { row.realPicojoules[$0].map(pj) ?? "" })
    }
    out += "Each PE's multiply-accumulate (no registers)\n" + p.rendered + "\n\n"
    var o = TextTable("circuit", "entry", "gates", "NAND2 eq.", "random pJ", "random, glitches pJ")
    for row in r.others {
      o.add(
        row.circuit, "\(row.component) \(row.action)", "\(row.gates)",
        String(format: "%.0f", row.nand2Equivalents), pj(row.randomPicojoules),
        pj(row.randomGlitchPicojoules))
    }
    out += "The LUT ALU lane, the converters and the edge decoder\n" + o.rendered
    return out
  }
}
