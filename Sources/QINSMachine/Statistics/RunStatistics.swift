import FPINSISA

/// Everything a run measured, under the stable names of `--stats` (Docs/simulator.md).
public struct RunStatistics: Codable, Sendable {
  public struct Energy: Codable, Sendable {
    /// Dynamic plus leakage, pJ.
    public var totalPj: Double
    public var dynamicPj: Double
    public var leakagePj: Double
    public var byComponentPj: [String: Double]
    public var byClassPj: [String: Double]
    /// Every counted action: component, action, count, pJ each.
    public var actions: [Action]
  }

  public struct Action: Codable, Sendable {
    public var component: String
    public var action: String
    public var count: Double
    public var pjEach: Double
  }

  public var machine: String
  public var clockMhz: Double
  public var cycles: Int
  public var seconds: Double
  public var instructions: Int
  public var instructionsByUnit: [String: Int]
  /// Cycles the control core could not issue, by cause.
  public var issueStalls: [String: Int]
  /// Cycles lost inside units, by unit and cause.
  public var unitStalls: [String: Int]
  public var unitBusyCycles: [String: Int]
  /// Busy cycles over total cycles, per unit.
  public var utilization: [String: Double]
  public var bytesRead: [String: Int]
  public var bytesWritten: [String: Int]
  public var multiplyAccumulates: Int
  /// Values that saturated (overflows) or rounded to zero (underflows). Absent (nil, left out
  /// of the JSON) in a timing-only run: they depend on the values.
  public var overflows: Int?
  public var underflows: Int?
  /// True in a timing-only run (left out of the JSON otherwise).
  public var timingOnly: Bool?
  /// True when a signal stopped the run before its `halt`: the figures are those up to there
  /// (left out of the JSON otherwise).
  public var interrupted: Bool?
  public var energy: Energy
  public var averagePowerW: Double
  /// Leakage and area of every component of the machine (`qinssim machine costs`).
  public var leakageMw: [String: Double]
  public var areaMm2: [String: Double]
  public var totalAreaMm2: Double
  /// The run against the machine's bounds (``Roofline``); absent from statistics files
  /// written before it existed.
  public var roofline: Roofline?
  /// The run split among the program's named operators (``OperatorStatistics``), in the order
  /// they ran; absent when the program names none.
  public var operators: [OperatorStatistics]?

  /// Bytes read from `space` (its JSON key is the space's name).
  public func bytesRead(from space: MemorySpace) -> Int { bytesRead[space.rawValue] ?? 0 }
  /// Bytes written to `space`.
  public func bytesWritten(to space: MemorySpace) -> Int { bytesWritten[space.rawValue] ?? 0 }
  /// Bytes moved to and from `space`.
  public func bytesMoved(_ space: MemorySpace) -> Int {
    bytesRead(from: space) + bytesWritten(to: space)
  }

  /// The energy of one PE multiply-accumulate in this run, pJ (0 when the array did none).
  public var peMultiplyAccumulatePj: Double {
    let component = MachinePart.unit(.array).name
    let action = EnergyAction.multiplyAccumulate.rawValue
    return energy.actions.first { $0.component == component && $0.action == action }?.pjEach ?? 0
  }
}

extension Simulator {
  /// The whole run's statistics, with its operators'.
  func statistics() -> RunStatistics {
    var s = statistics(of: snapshot)
    if let ops = operators?.statistics {
      s.operators = ops
      s.roofline?.operatorsInSequence = ops.tightestBoundsInSequence
    }
    return s
  }

  /// The statistics of the counts in `counts` (the whole run, or a part of it).
  func statistics(of counts: CounterSnapshot) -> RunStatistics {
    let cycles = counts.cycle
    let stats = counts.counters
    let ledger = counts.ledger
    let seconds = Double(cycles) / (machine.clockMHz * 1e6)
    var busy: [String: Int] = [:]
    var utilization: [String: Double] = [:]
    for u in units.keys {
      let b = counts.busy[u] ?? 0
      busy[u.rawValue] = b
      utilization[u.rawValue] = cycles == 0 ? 0 : Double(b) / Double(cycles)
    }
    let dynamic = ledger.total
    // mW x s = mJ = 1e9 pJ.
    let leakage = costs.totalLeakageMilliwatts * seconds * 1e9
    var byComponent = ledger.byComponent
    for (component, mw) in costs.leakageMilliwatts {
      byComponent["\(component)_leakage"] = mw * seconds * 1e9
    }
    let actions = zip(ledger.actions, ledger.counts).map {
      RunStatistics.Action(
        component: $0.component.name, action: $0.action.rawValue, count: $1,
        pjEach: $0.picojoulesEach)
    }.sorted { ($0.component, $0.action, $0.pjEach) < ($1.component, $1.action, $1.pjEach) }
    // Typed counters become the JSON's names here, and nowhere else.
    var issue: [String: Int] = [:]
    for cause in IssueStall.allCases { issue[cause.rawValue] = stats.issueStalls[cause] ?? 0 }
    let unitStalls = Dictionary(
      uniqueKeysWithValues: stats.unitStalls.map { ($0.key.name, $0.value) })
    let byUnit = Dictionary(
      uniqueKeysWithValues: stats.instructionsByUnit.map { ($0.key.rawValue, $0.value) })
    let bytesRead = Dictionary(
      uniqueKeysWithValues: stats.bytesRead.map { ($0.key.rawValue, $0.value) })
    let bytesWritten = Dictionary(
      uniqueKeysWithValues: stats.bytesWritten.map { ($0.key.rawValue, $0.value) })
    return RunStatistics(
      machine: machine.name, clockMhz: machine.clockMHz, cycles: cycles, seconds: seconds,
      instructions: stats.instructions, instructionsByUnit: byUnit,
      issueStalls: issue, unitStalls: unitStalls, unitBusyCycles: busy,
      utilization: utilization, bytesRead: bytesRead, bytesWritten: bytesWritten,
      multiplyAccumulates: stats.multiplyAccumulates,
      overflows: timingOnly ? nil : stats.overflows,
      underflows: timingOnly ? nil : stats.underflows,
      timingOnly: timingOnly ? true : nil,
      energy: .init(
        totalPj: dynamic + leakage, dynamicPj: dynamic, leakagePj: leakage,
        byComponentPj: byComponent, byClassPj: ledger.byClass, actions: actions),
      averagePowerW: seconds == 0 ? 0 : (dynamic + leakage) * 1e-12 / seconds,
      leakageMw: costs.leakageMilliwatts, areaMm2: costs.areaSquareMillimetres,
      totalAreaMm2: costs.totalAreaSquareMillimetres,
      roofline: .of(
        machine: machine, cycles: cycles, multiplyAccumulates: stats.multiplyAccumulates,
        arrayFillCycles: stats.arrayFillCycles,
        unitBusy: counts.busy, bytesRead: stats.bytesRead,
        bytesWritten: stats.bytesWritten))
  }
}
