import FPINSISA

extension Simulator {
  /// One scalar operation's energy in the control core (every issue-only instruction).
  mutating func chargeScalar() {
    ledger.charge(
      .unit(.control), .scalar, count: 1, picojoules: costs.scalarOperation, group: .control)
  }

  /// Issues an asynchronous operation to `unit`: waits for queue room, then schedules it to
  /// start once its sources are written and its destinations are free. Returns the finish.
  @discardableResult
  mutating func schedule(
    _ unit: FunctionalUnit, reads: [Int], writes: [Int], occupancy: Int, latency: Int,
    memoryBound: Bool
  ) -> Int {
    var timeline = units[unit]!
    let accept = timeline.acceptTime(from: cycle)
    stall(timeline.boundByMemory ? .memoryBandwidth : .structural, accept - cycle)
    cycle = accept
    var ready = cycle
    for t in reads { ready = max(ready, tensorWritten[t]) }
    for t in writes { ready = max(ready, tensorWritten[t], tensorRead[t]) }
    let start = max(timeline.free, ready)
    if ready > max(timeline.free, cycle) {
      stats.unitStalls[.unit(unit, .dataDependency), default: 0] +=
        ready - max(timeline.free, cycle)
    }
    let finish = timeline.schedule(
      start: start, occupancy: occupancy, latency: latency, memoryBound: memoryBound)
    units[unit] = timeline
    if !traces.isEmpty {
      lastIssueCycle = cycle
      lastStart = start
      let mnemonic = program.instructions[tracedPC].spec.mnemonic
      let source = program.image.sourceDescription(ofInstruction: tracedPC)
      for t in traces {
        try? t.busy(
          unit: unit.rawValue, start: start, duration: occupancy, pc: tracedPC, mnemonic: mnemonic,
          source: source)
      }
      windows.addBusy(unit.rawValue, start: start, duration: occupancy)
    }
    for t in reads { tensorRead[t] = max(tensorRead[t], start + occupancy) }
    for t in writes { tensorWritten[t] = max(tensorWritten[t], finish) }
    cycle += 1
    return finish
  }
}
