import Foundation

/// The plots of a report, from its inputs.
public enum ReportBuilder {
  /// The longest series drawn: longer ones are averaged into this many buckets.
  static let maximumPoints = 2000

  public static func charts(_ inputs: [ReportInput]) -> [ReportChart] {
    var charts: [ReportChart] = []
    let runs = inputs.flatMap { i -> [(String, [String: Any])] in
      switch i {
      case .runStatistics(let n, let o): [(n, o)]
      case .runStatisticsByMachine(let n, let machines): machines.map { ("\(n) \($0.0)", $0.1) }
      default: []
      }
    }
    if !runs.isEmpty { charts += runCharts(zip(runLabels(runs), runs.map(\.1)).map { ($0, $1) }) }
    let gemms = inputs.compactMap { i -> (String, [String: Any])? in
      if case .gemm(let n, let o) = i { return (n, o) }
      return nil
    }
    if !gemms.isEmpty { charts.append(roofline(gemms)) }
    for i in inputs {
      switch i {
      case .transformer(let n, let o): charts += transformerCharts(n, o)
      case .gemm: break
      case .trace(let n, let c): charts += traceCharts(n, c)
      case .sweep(let n, let t): charts += sweepCharts(n, t)
      case .runStatistics, .runStatisticsByMachine: break
      }
    }
    return charts
  }

  /// A figure read from a file, as text: an integer when it is one, otherwise `%g` (a figure
  /// may be anything a file holds: 1e200, infinity).
  static func number(_ v: Double?) -> String {
    guard let v else { return "?" }
    if let i = Int(exactly: v.rounded()), abs(v) < 1e15 { return String(i) }
    return String(format: "%g", v)
  }

  static func dict(_ o: Any?) -> [String: Double] {
    var out: [String: Double] = [:]
    for (k, v) in (o as? [String: Any]) ?? [:] { if let d = v as? Double { out[k] = d } }
    return out
  }

  /// The legend of each run: its machine's name, with the file it came from where two runs
  /// share a machine (or the file's name alone when the statistics name no machine).
  static func runLabels(_ runs: [(String, [String: Any])]) -> [String] {
    let machines = runs.map { $0.1["machine"] as? String }
    return zip(runs, machines).map { run, machine in
      guard let machine else { return run.0 }
      return machines.filter { $0 == machine }.count > 1 ? "\(machine) (\(run.0))" : machine
    }
  }

  /// Bars of one category set per input: `values(input)` by category.
  static func grouped(
    _ runs: [(String, [String: Any])], _ values: ([String: Any]) -> [String: Double]
  ) -> ([String], [ReportChart.Series]) {
    let all = runs.map { values($0.1) }
    let categories = Array(Set(all.flatMap(\.keys))).sorted()
    let series = zip(runs, all).map { run, v in
      ReportChart.Series(label: run.0, values: categories.map { v[$0] ?? 0 })
    }
    return (categories, series)
  }

  static func runCharts(_ runs: [(String, [String: Any])]) -> [ReportChart] {
    let what =
      runs.map { "\($0.0) (\(number($0.1["cycles"] as? Double)) cycles)" }.joined(separator: "; ")
    var out: [ReportChart] = []
    var (c, s) = grouped(runs) {
      dict(($0["energy"] as? [String: Any])?["by_component_pj"]).mapValues { $0 * 1e-6 }
    }
    out.append(
      ReportChart(
        title: "Energy by component",
        caption: "Dynamic energy per component and leakage, of \(what).",
        kind: .bar, xLabel: "component", yLabel: "energy (uJ)", categories: c, series: s))
    (c, s) = grouped(runs) {
      dict(($0["energy"] as? [String: Any])?["by_class_pj"]).mapValues { $0 * 1e-6 }
    }
    out.append(
      ReportChart(
        title: "Energy by instruction class",
        caption: "Dynamic energy per instruction class, of \(what).",
        kind: .bar, xLabel: "instruction class", yLabel: "energy (uJ)", categories: c, series: s))
    (c, s) = grouped(runs) { o in
      var v: [String: Double] = ["total cycles": (o["cycles"] as? Double) ?? 0]
      for (k, x) in dict(o["issue_stalls"]) where x > 0 { v["issue: " + k] = x }
      for (k, x) in dict(o["unit_stalls"]) where x > 0 { v["unit: " + k] = x }
      return v
    }
    out.append(
      ReportChart(
        title: "Cycles and stalls by cause",
        caption:
          "The run's cycles, issue stalls of the control core and stalls inside units, of \(what).",
        kind: .bar, xLabel: "cause", yLabel: "cycles", categories: c, series: s))
    (c, s) = grouped(runs) { o in
      var v: [String: Double] = [:]
      for (k, x) in dict(o["bytes_read"]) { v[k + " read"] = x / 1e6 }
      for (k, x) in dict(o["bytes_written"]) { v[k + " written"] = x / 1e6 }
      return v
    }
    out.append(
      ReportChart(
        title: "Bytes per memory level",
        caption: "Bytes read and written per memory level, of \(what).",
        kind: .bar, xLabel: "memory level", yLabel: "MB", categories: c, series: s))
    (c, s) = grouped(runs) { dict($0["utilization"]).mapValues { $0 * 100 } }
    out.append(
      ReportChart(
        title: "Unit utilisation", caption: "Busy cycles over all cycles per unit, of \(what).",
        kind: .bar, xLabel: "unit", yLabel: "utilisation (%)", categories: c, series: s))
    if let bounds = boundsChart(runs, what: what) { out.append(bounds) }
    out += operatorCharts(runs, what: what)
    return out
  }

  static func transformerCharts(_ name: String, _ o: [String: Any]) -> [ReportChart] {
    let order = (o["machine_order"] as? [String]) ?? []
    let machines = (o["machines"] as? [String: Any]) ?? [:]
    let what =
      "\(name): \((o["model"] as? String) ?? "?") layers \((o["layers"] as? String) ?? "?"), sequence \(number(o["seq"] as? Double)), weights \((o["weights"] as? String) ?? "?")"
    var out: [ReportChart] = []
    let rows = order.map { ($0, (machines[$0] as? [String: Any]) ?? [:]) }
    let components = ComponentPalette.ordered(
      Array(Set(rows.flatMap { dict($0.1["energy_by_component_pj"]).keys })))
    let colours = ComponentPalette.colours(components)
    out.append(
      ReportChart(
        title: "Energy by component, machine against machine",
        caption:
          "\(what). Components by kind: DRAM (reds), on-chip memories (blues), the array (greens), the other units (oranges, purples), leakage (greys).",
        kind: .bar, xLabel: "machine", yLabel: "energy (mJ)", categories: order,
        series: components.map { c in
          .init(
            label: c,
            values: rows.map { dict($0.1["energy_by_component_pj"])[c].map { $0 * 1e-9 } ?? 0 },
            colour: colours[c])
        }, stacked: true))
    out.append(
      ReportChart(
        title: "Cycles, machine against machine",
        caption: "Cycles of the layers on each machine; \(what).",
        kind: .bar, xLabel: "machine", yLabel: "cycles", categories: order,
        series: [.init(label: "cycles", values: rows.map { $0.1["cycles"] as? Double })]))
    if let bounds = boundsChart(rows, what: what) { out.append(bounds) }
    out += operatorCharts(rows, what: what)
    var errors: [ReportChart.Series] = []
    for (m, r) in rows {
      let layers = (r["per_layer"] as? [[String: Any]]) ?? []
      for part in ["output", "update"] {
        let points = layers.compactMap { l -> (x: Double, y: Double)? in
          guard let x = l["layer"] as? Double,
            let e = (l[part] as? [String: Any])?["rel_rms"] as? Double, e > 0
          else { return nil }
          return (x, e)
        }
        if !points.isEmpty { errors.append(.init(label: "\(m) \(part)", points: points)) }
      }
    }
    if !errors.isEmpty {
      out.append(
        ReportChart(
          title: "Error against the FP32 reference per layer",
          caption:
            "Relative RMS error of each layer's output and of its update (output minus input) against the FP32 numerical reference's; \(what).",
          kind: .line, xLabel: "layer", yLabel: "relative RMS error", series: errors, logY: true,
          integerX: true))
    }
    return out
  }

  /// Each run's cycles and energy split among its program's operators (`operators`, in the
  /// order they ran), stacked; none when no run names operators.
  static func operatorCharts(_ rows: [(String, [String: Any])], what: String) -> [ReportChart] {
    let lists = rows.map { ($0.1["operators"] as? [[String: Any]]) ?? [] }
    var names: [String] = []
    for list in lists {
      for o in list {
        if let n = o["name"] as? String, !names.contains(n) { names.append(n) }
      }
    }
    guard !names.isEmpty else { return [] }
    func series(_ value: @escaping ([String: Any]) -> Double?) -> [ReportChart.Series] {
      names.map { n in
        .init(
          label: n,
          values: lists.map { list in list.first { $0["name"] as? String == n }.flatMap(value) })
      }
    }
    return [
      ReportChart(
        title: "Cycles by operator",
        caption:
          "Each run's cycles split among its program's operators (the cycles the control core spent issuing each operator's instructions, stalls included; Docs/simulator.md, \"Operators\"); \(what).",
        kind: .bar, xLabel: "run", yLabel: "cycles", categories: rows.map(\.0),
        series: series { $0["cycles"] as? Double }, stacked: true),
      ReportChart(
        title: "Energy by operator",
        caption:
          "Each run's energy (dynamic and leakage) split among its program's operators; \(what).",
        kind: .bar, xLabel: "run", yLabel: "energy (uJ)", categories: rows.map(\.0),
        series: series {
          (($0["energy"] as? [String: Any])?["total_pj"] as? Double).map { $0 * 1e-6 }
        },
        stacked: true),
    ]
  }

  /// Each run's cycles beside the bounds of its roofline (the fewest cycles each resource
  /// allows, Docs/simulator.md), one group of bars per run; nil when no run has a roofline.
  static func boundsChart(_ rows: [(String, [String: Any])], what: String) -> ReportChart? {
    let rooflines = rows.map { ($0.1["roofline"] as? [String: Any]) ?? [:] }
    let bounds = Array(Set(rooflines.flatMap { dict($0["bounds"]).filter { $0.value > 0 }.keys }))
      .sorted()
    guard !bounds.isEmpty else { return nil }
    let reached = zip(rows, rooflines).map { row, r in
      let fraction = ((r["fraction_reached"] as? Double) ?? 0) * 100
      return
        "\(row.0) \(number(fraction.rounded())) % of its \((r["tightest"] as? String) ?? "-") bound"
    }
    return ReportChart(
      title: "Cycles against the bounds",
      caption:
        "Each run's cycles beside the fewest cycles each resource allows for its work (compute: multiply-accumulates over the PEs; dram: bytes over DRAM bandwidth; array_weight_fill: one cycle per filled PE row; sfu, alu: the units' busy cycles; spad, lbuf, acc: bytes over each level's port); the tightest is the largest bound. Reached: \(reached.joined(separator: "; ")); \(what).",
      kind: .bar, xLabel: "run", yLabel: "cycles", categories: rows.map(\.0),
      series: [.init(label: "cycles", values: rows.map { $0.1["cycles"] as? Double })]
        + bounds.map { b in
          .init(label: "bound: \(b)", values: rooflines.map { dict($0["bounds"])[b] })
        })
  }

  /// One roofline for every GEMM of the report: a labelled dot per GEMM (its operational
  /// intensity against its achieved throughput) and the ceilings (peak, edge bandwidth) of
  /// each distinct array among them.
  static func roofline(_ gemms: [(String, [String: Any])]) -> ReportChart {
    struct Dot {
      var label: String
      var intensity: Double
      var gops: Double
    }
    var dots: [Dot] = []
    var ceilings: [String: (peak: Double, bandwidth: Double)] = [:]
    var captions: [String] = []
    for (name, o) in gemms {
      let m = (o["m"] as? Double) ?? 0
      let n = (o["n"] as? Double) ?? 0
      let k = (o["k"] as? Double) ?? 0
      let ops = 2 * m * n * k
      let seconds = (o["seconds"] as? Double) ?? 0
      let bytes = dict(o["bytes"]).values.reduce(0, +)
      let array =
        "\(number(o["rows"] as? Double)) x \(number(o["cols"] as? Double)) \((o["dataflow"] as? String) ?? "?") array, \((o["machine"] as? String) ?? "?")"
      ceilings[array] = (
        (o["peak_ops_per_second"] as? Double) ?? 0, (o["edge_bytes_per_second"] as? Double) ?? 0
      )
      let shape = "\(number(m)) x \(number(k)) x \(number(n))"
      dots.append(
        Dot(
          label: gemms.count == 1 ? "this GEMM (\(shape))" : "\(name): \(shape)",
          intensity: bytes > 0 ? ops / bytes : 1, gops: seconds > 0 ? ops / seconds / 1e9 : 0))
      captions.append("\(name): \(shape) (M x K x N) on a \(array)")
    }
    // The ceilings over the GEMMs' intensities and two decades either side, 41 points per
    // array whatever the figures (a figure that is not finite gives no ceiling; the chart
    // says it left it out).
    let finite = dots.map(\.intensity).filter { $0.isFinite && $0 > 0 }
    var series: [ReportChart.Series] = []
    if let lowest = finite.min(), let highest = finite.max() {
      let lo = max(lowest / 100, 1e-3)
      let decades = max(log10(highest * 100 / lo), 1)
      for array in ceilings.keys.sorted() {
        let (peak, bandwidth) = ceilings[array]!
        let points = (0...40).map { i -> (x: Double, y: Double) in
          let x = lo * pow(10, decades * Double(i) / 40)
          return (x, min(peak, bandwidth * x) / 1e9)
        }
        series.append(
          .init(
            label: "ceilings of the \(array) (compute, edge bandwidth)", points: points,
            dashed: true))
      }
    }
    for d in dots { series.append(.init(label: d.label, points: [(d.intensity, d.gops)])) }
    return ReportChart(
      title: gemms.count == 1 ? "Roofline of the GEMM" : "Roofline of the GEMMs",
      caption:
        captions.joined(separator: "; ")
        + "; operations are 2 per multiply-accumulate, bytes those of the array's edges (local buffers and accumulator memory); the ceilings are the array's peak and the edges' bandwidth.",
      kind: .scatter, xLabel: "operational intensity (operations per byte)",
      yLabel: "throughput (Gop/s)", series: series, logX: true, logY: true)
  }

  static func traceCharts(_ name: String, _ counters: [String: [(x: Double, y: Double)]])
    -> [ReportChart]
  {
    func thin(_ p: [(x: Double, y: Double)]) -> [(x: Double, y: Double)] {
      guard p.count > maximumPoints else { return p }
      let size = (p.count + maximumPoints - 1) / maximumPoints
      return stride(from: 0, to: p.count, by: size).map { i in
        let chunk = p[i..<min(p.count, i + size)]
        return (chunk.first!.x, chunk.reduce(0) { $0 + $1.y } / Double(chunk.count))
      }
    }
    var out: [ReportChart] = []
    if let power = counters["power_w"], !power.isEmpty {
      out.append(
        ReportChart(
          title: "Power over time",
          caption:
            "\(name): average power per window of 1,024 cycles (dynamic energy in the window over its time, plus leakage)\(power.count > maximumPoints ? "; \(power.count) windows averaged into \(thin(power).count) points" : "").",
          kind: .line, xLabel: "time (us)", yLabel: "power (W)",
          series: [.init(label: "power", points: thin(power))]))
    }
    let units = counters.keys.filter { $0.hasSuffix("_utilization") }.sorted()
    if !units.isEmpty {
      out.append(
        ReportChart(
          title: "Unit utilisation over time",
          caption: "\(name): busy cycles over the window's 1,024 cycles, per unit.",
          kind: .line, xLabel: "time (us)", yLabel: "utilisation (%)",
          series: units.map { u in
            .init(
              label: String(u.dropLast("_utilization".count)),
              points: thin(counters[u]!).map { ($0.x, $0.y * 100) })
          }))
    }
    return out
  }
}
