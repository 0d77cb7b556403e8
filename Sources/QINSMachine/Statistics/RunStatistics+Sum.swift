extension RunStatistics {
  /// The statistics of this run followed by `other` on the same machine (layers one after
  /// another): counts, cycles, bytes, stalls and energy add; utilisation and average power are
  /// recomputed over the sum; overflow counts add while both runs have them; the machine's
  /// leakage and area are this run's; operators add by name.
  public func adding(_ other: RunStatistics) -> RunStatistics {
    var s = self
    s.cycles += other.cycles
    s.seconds += other.seconds
    s.instructions += other.instructions
    s.instructionsByUnit = instructionsByUnit.plus(other.instructionsByUnit)
    s.issueStalls = issueStalls.plus(other.issueStalls)
    s.unitStalls = unitStalls.plus(other.unitStalls)
    s.unitBusyCycles = unitBusyCycles.plus(other.unitBusyCycles)
    s.utilization = s.unitBusyCycles.mapValues { s.cycles == 0 ? 0 : Double($0) / Double(s.cycles) }
    s.bytesRead = bytesRead.plus(other.bytesRead)
    s.bytesWritten = bytesWritten.plus(other.bytesWritten)
    s.multiplyAccumulates += other.multiplyAccumulates
    s.overflows = overflows.flatMap { a in other.overflows.map { a + $0 } }
    s.underflows = underflows.flatMap { a in other.underflows.map { a + $0 } }
    s.energy.totalPj += other.energy.totalPj
    s.energy.dynamicPj += other.energy.dynamicPj
    s.energy.leakagePj += other.energy.leakagePj
    s.energy.byComponentPj = energy.byComponentPj.plus(other.energy.byComponentPj)
    s.energy.byClassPj = energy.byClassPj.plus(other.energy.byClassPj)
    var counts: [ActionKey: Double] = [:]
    for a in energy.actions + other.energy.actions {
      counts[ActionKey(component: a.component, action: a.action, pjEach: a.pjEach), default: 0] +=
        a.count
    }
    s.energy.actions = counts.map {
      Action(
        component: $0.key.component, action: $0.key.action, count: $0.value, pjEach: $0.key.pjEach)
    }.sorted { ($0.component, $0.action, $0.pjEach) < ($1.component, $1.action, $1.pjEach) }
    s.averagePowerW = s.seconds == 0 ? 0 : s.energy.totalPj * 1e-12 / s.seconds
    if let o = other.operators {
      s.operators = (operators ?? []).adding(o)
    }
    s.roofline = .sum(roofline, other.roofline)
    return s
  }

  private struct ActionKey: Hashable {
    var component: String
    var action: String
    var pjEach: Double
  }
}
