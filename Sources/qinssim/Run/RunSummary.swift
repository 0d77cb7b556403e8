import QINSMachine

/// The text summary `qinssim run` prints.
enum RunSummary {
  static func text(_ s: RunStatistics, program: String) -> String {
    var out = "\(program) on \(s.machine) at \(Format.g(s.clockMhz)) MHz\n\n"
    out += "cycles          \(s.cycles)\n"
    out += "time            \(Format.g(s.seconds * 1e6, 6)) us\n"
    out += "instructions    \(s.instructions)\n"
    out += "MACs            \(s.multiplyAccumulates)\n"
    out +=
      "energy          \(Format.g(s.energy.totalPj * 1e-6, 5)) uJ (dynamic \(Format.g(s.energy.dynamicPj * 1e-6, 5)), leakage \(Format.g(s.energy.leakagePj * 1e-6, 5)))\n"
    out += "average power   \(Format.g(s.averagePowerW, 4)) W\n"
    out +=
      "area            \(Format.g(s.totalAreaMm2, 4)) mm2 (by component: qinssim machine costs)\n"
    if let r = s.roofline { out += "roofline        \(r.summary)\n" }
    if let over = s.overflows, let under = s.underflows, over + under > 0 {
      out +=
        "QINS rounding   \(over) overflows (saturated), \(under) underflows (to zero)\n"
    }
    if s.interrupted == true {
      out +=
        "interrupted     a signal stopped the run: the figures are those up to its last instruction\n"
    }
    if s.timingOnly == true {
      out +=
        "timing only     no values computed; overflow and underflow counts depend on them and are absent\n"
    }
    var stalls = TextTable("issue stall", "cycles")
    for k in s.issueStalls.keys.sorted() { stalls.add(k, String(s.issueStalls[k]!)) }
    out += "\n" + stalls.rendered + "\n"
    if !s.unitStalls.isEmpty {
      var u = TextTable("unit stall", "cycles")
      for k in s.unitStalls.keys.sorted() { u.add(k, String(s.unitStalls[k]!)) }
      out += "\n" + u.rendered + "\n"
    }
    if let r = s.roofline {
      var b = TextTable("bound", "cycles", "of the run")
      for (bound, c) in r.bounds.sorted(by: { $0.key < $1.key }) where c > 0 {
        b.add(bound.rawValue, String(c), Format.percent(Double(c) / Double(max(1, s.cycles)), 1))
      }
      out += "\n" + b.rendered + "\n"
    }
    if let ops = s.operators, !ops.isEmpty {
      out += "\n" + OperatorText.table(ops, runCycles: s.cycles) + "\n"
    }
    var units = TextTable("unit", "busy cycles", "utilisation")
    for k in s.unitBusyCycles.keys.sorted() {
      units.add(k, String(s.unitBusyCycles[k]!), Format.percent(s.utilization[k] ?? 0, 1))
    }
    out += "\n" + units.rendered + "\n"
    var bytes = TextTable("memory", "bytes read", "bytes written")
    for k in Set(s.bytesRead.keys).union(s.bytesWritten.keys).sorted() {
      bytes.add(k, String(s.bytesRead[k] ?? 0), String(s.bytesWritten[k] ?? 0))
    }
    out += "\n" + bytes.rendered + "\n"
    var energy = TextTable("energy by component", "uJ")
    for (k, v) in s.energy.byComponentPj.sorted(by: Self.largestFirst) where v > 0 {
      energy.add(k, Format.g(v * 1e-6, 4))
    }
    out += "\n" + energy.rendered + "\n"
    var byClass = TextTable("energy by instruction class", "uJ")
    for (k, v) in s.energy.byClassPj.sorted(by: Self.largestFirst) {
      byClass.add(k, Format.g(v * 1e-6, 4))
    }
    out += "\n" + byClass.rendered
    return out
  }

  /// Largest first; equal values by name, so that the order is the same on every run.
  static func largestFirst(_ a: (key: String, value: Double), _ b: (key: String, value: Double))
    -> Bool
  { a.value != b.value ? a.value > b.value : a.key < b.key }
}
