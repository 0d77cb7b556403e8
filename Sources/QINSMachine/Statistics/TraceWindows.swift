/// Energy and busy cycles gathered into fixed windows of cycles, for the traces' power and
/// utilisation counters. A window is written once the control core has passed its end: no
/// later operation can start inside it.
struct TraceWindows {
  static let cycles = 1024
  var energy: [Int: Double] = [:]
  var busy: [Int: [String: Int]] = [:]
  /// Windows before this one have been written.
  var nextToWrite = 0

  mutating func addEnergy(_ pj: Double, at cycle: Int) {
    guard pj > 0 else { return }
    energy[cycle / Self.cycles, default: 0] += pj
  }

  mutating func addBusy(_ unit: String, start: Int, duration: Int) {
    var t = start
    let end = start + duration
    while t < end {
      let w = t / Self.cycles
      let stop = min(end, (w + 1) * Self.cycles)
      busy[w, default: [:]][unit, default: 0] += stop - t
      t = stop
    }
  }
}

extension Simulator {
  /// Writes the counters of every window that ends at or before `cycle`.
  mutating func flushWindows(upTo cycle: Int) throws {
    guard !traces.isEmpty else { return }
    let last =
      cycle == .max
      ? max(windows.energy.keys.max() ?? -1, windows.busy.keys.max() ?? -1)
      : cycle / TraceWindows.cycles - 1
    guard windows.nextToWrite <= last else { return }
    let windowSeconds = Double(TraceWindows.cycles) / (machine.clockMHz * 1e6)
    let leakageW = costs.totalLeakageMilliwatts / 1000
    for w in windows.nextToWrite...last {
      let start = w * TraceWindows.cycles
      let power = (windows.energy[w] ?? 0) * 1e-12 / windowSeconds + leakageW
      for t in traces {
        try t.counter(name: "power_w", cycle: start, value: power)
        for u in Self.tracedUnits.map(\.rawValue) {
          try t.counter(
            name: "\(u)_utilization", cycle: start,
            value: Double(windows.busy[w]?[u] ?? 0) / Double(TraceWindows.cycles))
        }
      }
      windows.energy[w] = nil
      windows.busy[w] = nil
    }
    windows.nextToWrite = last + 1
  }
}
