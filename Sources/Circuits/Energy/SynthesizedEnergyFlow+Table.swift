import EnergyModel
import Foundation

extension SynthesizedEnergyFlow.Result {
  /// Transistors of a flip-flop in Yosys's static CMOS count (`$_DFF_P_`): a PE's registers
  /// are priced at this, like its logic.
  public static let flipFlopTransistors = 16

  /// The result as an energy table (the text format of `DefaultEnergyTable`): the logic's
  /// entries from the flow, every other entry (memories, leakage, the control units' area,
  /// the SFU's transcendental) as `base` has it, with its source marked so.
  ///
  /// A PE kind's `mac` is the mean over the recorded workloads' operands where there are any,
  /// else random operands; the other logic entries are on random operands. Energies are from
  /// functional toggles (the check against the published figures favours them; see
  /// Docs/circuits.md). Areas are cells only, a PE's with its registers.
  public func energyTable(base: EnergyTable, command: String, toolVersion: String) -> String {
    let k = calibration.picojoulesPerToggle
    var lines = [
      "# qins action-energy table \"synthesized\": made by the circuit flow (Docs/circuits.md).",
      "# Command: \(command)",
      "# Tools: \(yosysVersion); \(toolVersion)",
      "# Energy = load-weighted functional toggles of a gate-level simulation of the Yosys",
      "# netlist x \(String(format: "%.6g", k)) pJ per pin-toggle, fitted on \(calibration.circuit)",
      "# (\(calibration.publishedPicojoules) pJ, \(PublishedEnergy.source)). Random operands: "
        + "\(randomVectors) vectors per circuit.",
      "# Area = transistors / 4 NAND2 x 0.798 um2 (Nangate 45 nm NAND2_X1), cells only.",
      "# component      action       value    unit         source",
    ]
    func number(_ x: Double) -> String { String(format: "%.4g", x) }
    var written: Set<EnergyTable.Key> = []
    // The first line of a key stands (the FP32 PE's kind entry is also the table's
    // `pe_fp32 area`).
    func line(_ c: String, _ a: String, _ v: Double, _ unit: String, _ source: String) {
      guard written.insert(EnergyTable.Key(c, a)).inserted else { return }
      lines.append(
        [
          c.padding(toLength: max(16, c.count), withPad: " ", startingAt: 0),
          a.padding(toLength: max(12, a.count), withPad: " ", startingAt: 0),
          number(v).padding(toLength: 8, withPad: " ", startingAt: 0),
          unit.padding(toLength: 12, withPad: " ", startingAt: 0), source,
        ].joined(separator: " "))
    }
    func describe(_ r: SynthesizedEnergyFlow.Row, toggles: Double, operands: String) -> String {
      let parameters = r.parameters.keys.sorted().map { "\($0)=\(r.parameters[$0]!)" }
      return "synthesized: \(([r.module] + parameters).joined(separator: " ")), \(r.gates) gates, "
        + "\(String(format: "%.1f", toggles)) toggles/op, \(operands)"
    }
    func area(_ r: SynthesizedEnergyFlow.Row) -> Double {
      (r.nand2Equivalents + Double(r.registerBits * Self.flipFlopTransistors) / 4)
        * SynthesisReport.nand2SquareMicrometres45nm / 1e6
    }
    let defined = Set(
      (published + others + processingElements).map { EnergyTable.Key($0.component, $0.action) })
    let fromFlow: Set<EnergyTable.Key> = [
      .init("fp32", "convert"), .init("pe", "area"), .init("pe_fp32", "area"),
      .init("pe_fp32_adder", "area"),
    ]
    for r in published {
      line(
        r.component, r.action, r.randomPicojoules, "pJ",
        describe(r, toggles: r.randomToggles, operands: "random operands")
          + " (published: \(number(r.publishedPicojoules ?? 0)) pJ)")
    }
    let converters = others.filter { $0.action == "convert" }
    line(
      "fp32", "convert", converters.map(\.randomPicojoules).reduce(0, +) / Double(converters.count),
      "pJ",
      "synthesized: mean of \(converters.map(\.circuit).joined(separator: " and ")), random operands"
    )
    for r in others where r.action != "convert" {
      line(
        r.component, r.action, r.randomPicojoules, "pJ",
        describe(r, toggles: r.randomToggles, operands: "random operands"))
    }
    for r in others where r.component == "qins_edge_decoder" {
      line(r.component, "area", area(r), "mm2_per_unit", "synthesized: \(r.module), cells only")
    }
    for r in processingElements {
      let real = r.realPicojoules.keys.sorted()
      let value =
        real.isEmpty
        ? r.randomPicojoules : real.map { r.realPicojoules[$0]! }.reduce(0, +) / Double(real.count)
      let toggles =
        real.isEmpty
        ? r.randomToggles : real.map { r.realToggles[$0]! }.reduce(0, +) / Double(real.count)
      line(
        r.component, "mac", value, "pJ",
        describe(
          r, toggles: toggles,
          operands: real.isEmpty
            ? "random operands" : "operands of \(real.joined(separator: " and "))"))
      line(
        r.component, "area", area(r), "mm2_per_pe",
        "synthesized: \(r.module) cells and \(r.registerBits) register bits")
    }
    let pe = processingElements
    if let int8 = pe.first(where: { $0.component == "pe_int8" }) {
      line("pe", "area", area(int8), "mm2_per_pe", "synthesized: as pe_int8 area")
    }
    if let fp32 = pe.first(where: { $0.component == "pe_fp32" }) {
      line("pe_fp32", "area", area(fp32), "mm2_per_pe", "synthesized: as pe_fp32 area")
    }
    if var adder = published.first(where: { $0.component == "fp32" && $0.action == "add" }) {
      adder.registerBits = 32
      line(
        "pe_fp32_adder", "area", area(adder), "mm2_per_pe",
        "synthesized: fp32_add cells and a 32-bit accumulator register")
    }
    for key in base.order where !defined.contains(key) && !fromFlow.contains(key) {
      let e = base.entries[key]!
      line(key.component, key.action, e.value, e.unit, "as the default table: \(e.source)")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
