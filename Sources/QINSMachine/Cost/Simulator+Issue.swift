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
    _ unit: FunctionalUnit, reads: [ElementSpan], writes: [ElementSpan], occupancy: Int,
    latency: Int,
    memoryBound: Bool
  ) -> Int {
    var timeline = units[unit]!
    let accept = timeline.acceptTime(from: cycle)
    stall(timeline.boundByMemory ? .memoryBandwidth : .structural, accept - cycle)
    cycle = accept
    let ready = readyTime(reads: reads, writes: writes)
    let start = max(timeline.free, ready)
    if ready > max(timeline.free, cycle) {
      stats.unitStalls[.unit(unit, .dataDependency), default: 0] +=
        ready - max(timeline.free, cycle)
    }
    let finish = timeline.schedule(
      start: start, occupancy: occupancy, latency: latency, memoryBound: memoryBound)
    units[unit] = timeline
    traceBusy(unit, start: start, duration: occupancy)
    record(reads: reads, until: start + occupancy, writes: writes, until: finish)
    cycle += 1
    return finish
  }

  /// When the scoreboard lets an operation start: its sources written, its destinations'
  /// earlier reads and writes done (never before the current cycle).
  func readyTime(reads: [ElementSpan], writes: [ElementSpan], byArray: Bool = false) -> Int {
    var ready = cycle
    for s in reads { ready = max(ready, scoreboard.written(s, byArray: byArray)) }
    for s in writes { ready = max(ready, scoreboard.free(s, byArray: byArray)) }
    return ready
  }

  /// Enters an operation's reads and writes in the scoreboard.
  mutating func record(
    reads: [ElementSpan], until readDone: Int, writes: [ElementSpan], until writeDone: Int,
    byArray: Bool = false
  ) {
    for s in reads { scoreboard.recordRead(s, done: readDone, now: cycle) }
    for s in writes { scoreboard.recordWrite(s, done: writeDone, now: cycle, byArray: byArray) }
  }

  /// A unit's busy interval in the traces.
  mutating func traceBusy(_ unit: FunctionalUnit, start: Int, duration: Int) {
    guard !traces.isEmpty else { return }
    lastIssueCycle = cycle
    lastStart = start
    let mnemonic = program.instructions[tracedPC].spec.mnemonic
    let source = program.image.sourceDescription(ofInstruction: tracedPC)
    let operatorName = tracedOperatorName
    for t in traces {
      try? t.busy(
        unit: unit.rawValue, start: start, duration: duration, pc: tracedPC, mnemonic: mnemonic,
        source: source, operatorName: operatorName)
    }
    windows.addBusy(unit.rawValue, start: start, duration: duration)
  }

  /// The operator of the instruction being traced, nil when the program names none.
  var tracedOperatorName: String? {
    guard let operators, tracedPC < operators.operatorOf.count else { return nil }
    return operators.names[Int(operators.operatorOf[tracedPC])]
  }
}
