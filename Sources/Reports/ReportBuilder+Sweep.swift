import Sweeps

extension ReportBuilder {
  /// A sweep's plots: each Pareto frontier over every point (the frontier's points, within
  /// the same work, drawn apart), and how much each figure moves with each field.
  public static func sweepCharts(_ name: String, _ table: SweepTable) -> [ReportChart] {
    var out: [ReportChart] = []
    let figured = table.points.filter { $0.error == nil }
    for (x, y) in SweepFigure.frontiers(table.workload) {
      let all = figured.compactMap { p -> (x: Double, y: Double)? in
        guard let a = p.figures[x], let b = p.figures[y], a > 0, b > 0 else { return nil }
        return (a, b)
      }
      guard !all.isEmpty else { continue }
      let on = table.frontier(x: x, y: y)
      let front = figured.filter { on.contains($0.index) }.compactMap {
        p -> (x: Double, y: Double)? in
        guard let a = p.figures[x], let b = p.figures[y], a > 0, b > 0 else { return nil }
        return (a, b)
      }.sorted { $0.x < $1.x }
      func spread(_ v: [Double]) -> Bool { (v.max() ?? 1) / max(v.min() ?? 1, 1e-300) > 100 }
      // The frontier first: Chart.js draws the first dataset on top.
      var series: [ReportChart.Series] = [
        .init(label: "Pareto frontier", points: front, emphasised: true),
        .init(label: "points", points: all),
      ]
      if table.fields.contains("machine") {
        // A colour per machine: its frontier points large, its other points small.
        func points(_ machine: String, frontier: Bool) -> [(x: Double, y: Double)] {
          figured.filter {
            $0.fields["machine"]?.description == machine && on.contains($0.index) == frontier
          }.compactMap { p in
            guard let a = p.figures[x], let b = p.figures[y], a > 0, b > 0 else { return nil }
            return (a, b)
          }
        }
        let machines = Array(Set(figured.compactMap { $0.fields["machine"]?.description }))
          .sorted()
        series = []
        for (i, m) in machines.enumerated() {
          let colour = ReportChart.palette[i % ReportChart.palette.count]
          series.append(
            .init(
              label: "\(m): on the frontier", points: points(m, frontier: true), emphasised: true,
              colour: colour))
        }
        for (i, m) in machines.enumerated() {
          series.append(
            .init(
              label: m, points: points(m, frontier: false),
              colour: ReportChart.palette[i % ReportChart.palette.count]))
        }
      }
      out.append(
        ReportChart(
          title: "Pareto frontier: \(x) against \(y)",
          caption:
            "\(name): \(all.count) points of a \(table.workload.rawValue) sweep over \(table.fields.joined(separator: ", ")); the frontier's points (no point of the same work at least as good in both and better in one, both lowest) are drawn large\(table.fields.contains("machine") ? ", a colour per machine" : "").",
          kind: .scatter, xLabel: x, yLabel: y, series: series,
          logX: spread(all.map(\.x)), logY: spread(all.map(\.y))))
    }
    let strongest = table.strongestFields
    if !strongest.isEmpty {
      out.append(
        ReportChart(
          title: "Sensitivity: the field each figure moves most with",
          caption:
            "\(name): for each figure, the field whose values change its mean most, and the spread (largest mean over smallest); sensitivity.csv has every pair.",
          kind: .bar, xLabel: "figure", yLabel: "spread (largest mean / smallest)",
          categories: strongest.map { "\($0.figure) (\($0.field))" },
          series: [.init(label: "spread", values: strongest.map(\.spread))], logY: true))
    }
    return out
  }
}
