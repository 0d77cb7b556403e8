import Sweeps

/// The text a sweep prints at the end: the frontiers' points and the strongest field of
/// each figure.
enum SweepSummary {
  static func print(_ table: SweepTable) {
    for (x, y) in SweepFigureNames.frontiers(table) {
      let on = table.frontier(x: x, y: y)
      guard !on.isEmpty else { continue }
      Swift.print("\nPareto frontier of \(x) against \(y) (both lowest): \(on.count) points")
      var t = TextTable(["index"] + table.fields + [x, y])
      for p in table.points where on.contains(p.index) {
        t.add(
          [String(p.index)] + table.fields.map { p.fields[$0]?.description ?? "" }
            + [Format.g(p.figures[x]!, 5), Format.g(p.figures[y]!, 4)])
      }
      Swift.print(t.rendered)
    }
    let strongest = table.strongestFields
    guard !strongest.isEmpty else { return }
    Swift.print("\nThe field each figure moves most with (largest mean over smallest mean)")
    var t = TextTable("figure", "field", "spread")
    for s in strongest { t.add(s.figure, s.field, Format.g(s.spread, 4)) }
    Swift.print(t.rendered)
  }
}

/// The frontiers of a table's workload.
enum SweepFigureNames {
  static func frontiers(_ table: SweepTable) -> [(String, String)] {
    SweepFigure.frontiers(table.workload).map { ($0.x, $0.y) }
  }
}
