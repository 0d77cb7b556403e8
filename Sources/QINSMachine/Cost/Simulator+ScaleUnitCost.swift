import FPINSISA

extension Simulator {
  /// The scale unit's cost behind `unit`, whose computation and memory accesses take `busy`
  /// cycles: its energy (one conversion's energy per element step, component `scale_unit`)
  /// and, when it takes longer than `busy`, the difference as the unit's `scale_unit` stall.
  /// Returns its cycles, which bound the unit's occupancy from below.
  mutating func chargeScaleUnit(
    _ work: ScaleUnitWork, behind busy: Int, of unit: FunctionalUnit
  ) -> Int {
    guard work.cycles > 0 else { return 0 }
    ledger.charge(
      .scaleUnit, .scaleSearch, count: Double(work.steps), picojoules: costs.convert,
      group: unit == .alu ? .alu : .sfu)
    if work.cycles > busy {
      stats.unitStalls[.unit(unit, .scaleUnit), default: 0] += work.cycles - busy
    }
    return work.cycles
  }
}
