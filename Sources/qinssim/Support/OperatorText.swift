import QINSMachine

/// The operators of a run as a text table: where the cycles, the energy and the DRAM bytes
/// went, and how close each operator came to its tightest bound.
enum OperatorText {
  static func table(_ operators: [OperatorStatistics], runCycles: Int) -> String {
    var t = TextTable(
      "operator", "cycles", "of the run", "energy uJ", "DRAM bytes", "tightest bound", "reached")
    for o in operators {
      t.add(
        o.name, String(o.cycles), Format.percent(Double(o.cycles) / Double(max(1, runCycles)), 1),
        Format.g(o.energy.totalPj * 1e-6, 4), String(o.dramBytes),
        o.roofline?.tightest?.rawValue ?? "-",
        o.roofline.map { Format.percent($0.fractionReached, 0) } ?? "-")
    }
    return t.rendered
  }
}
