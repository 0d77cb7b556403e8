import FPINSISA
import QBinary

/// The counters of a run at one moment, to take differences of.
struct CounterSnapshot {
  var cycle = 0
  var counters = Counters()
  var busy: [FunctionalUnit: Int] = [:]
  var ledger = EnergyLedger()
}

/// Splits a run's statistics among the program's named operators (``OperatorStatistics``):
/// each time the core moves into another operator's instructions, the counts since the last
/// move go to the operator it leaves.
struct OperatorAttribution {
  /// Operator names: the program's operators in code order, then
  /// ``OperatorStatistics/outsideOperators``.
  let names: [String]
  /// Each instruction's operator: an index into `names`.
  let operatorOf: [Int32]
  /// The operator being issued (an index into `names`), -1 before the first instruction.
  var current: Int32 = -1
  /// The counters when the core entered the current operator.
  var entered = CounterSnapshot()
  /// Each operator's figures so far (by index into `names`), and the order operators were
  /// first entered.
  var figures: [OperatorStatistics?]
  var firstEntered: [Int] = []

  /// Nil when the program names no operators.
  init?(image: ProgramImage) {
    let ranges = image.operatorRanges
    guard !ranges.isEmpty else { return nil }
    names = ranges.map(\.name) + [OperatorStatistics.outsideOperators]
    var of = [Int32](repeating: Int32(ranges.count), count: image.code.count)
    for (i, r) in ranges.enumerated() {
      for pc in r.instructions { of[pc] = Int32(i) }
    }
    operatorOf = of
    figures = Array(repeating: nil, count: names.count)
  }

  /// The operators' figures in the order they were first entered.
  var statistics: [OperatorStatistics] { firstEntered.compactMap { figures[$0] } }
}

extension Simulator {
  /// The counters now.
  var snapshot: CounterSnapshot {
    CounterSnapshot(
      cycle: cycle, counters: stats, busy: units.mapValues(\.busyCycles), ledger: ledger)
  }

  /// Charges the counts since the current operator was entered to it, and enters `next`
  /// (nil: the run has ended).
  mutating func leaveOperator(entering next: Int32?) {
    guard var a = operators else { return }
    let now = snapshot
    if a.current >= 0 {
      let i = Int(a.current)
      let segment = OperatorStatistics(
        name: a.names[i], segment: statistics(of: now.subtracting(a.entered)))
      if let f = a.figures[i] {
        a.figures[i] = f.adding(segment)
      } else {
        a.figures[i] = segment
        a.firstEntered.append(i)
      }
    }
    if let next {
      a.current = next
      a.entered = now
    }
    operators = a
  }
}

extension CounterSnapshot {
  /// The counts since `earlier`, a snapshot of the same run.
  func subtracting(_ earlier: CounterSnapshot) -> CounterSnapshot {
    var c = counters
    let e = earlier.counters
    c.instructions -= e.instructions
    c.instructionsByUnit = c.instructionsByUnit.minus(e.instructionsByUnit)
    c.issueStalls = c.issueStalls.minus(e.issueStalls)
    c.unitStalls = c.unitStalls.minus(e.unitStalls)
    c.bytesRead = c.bytesRead.minus(e.bytesRead)
    c.bytesWritten = c.bytesWritten.minus(e.bytesWritten)
    c.multiplyAccumulates -= e.multiplyAccumulates
    c.arrayFillCycles -= e.arrayFillCycles
    c.overflows -= e.overflows
    c.underflows -= e.underflows
    return CounterSnapshot(
      cycle: cycle - earlier.cycle, counters: c, busy: busy.minus(earlier.busy),
      ledger: ledger.since(earlier.ledger))
  }
}
