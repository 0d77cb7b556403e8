import FPINSISA

/// Counted actions and their energies: the total is the sum over actions of count times
/// energy per action.
///
/// Actions are kept in the order they were first charged, and every sum runs in that order,
/// so the same run gives the same bits (a `Dictionary`'s order changes from process to
/// process, and floating-point sums depend on order).
public struct EnergyLedger: Sendable {
  struct Action: Hashable, Sendable {
    var component: MachinePart
    var action: EnergyAction
    var picojoulesEach: Double
  }

  /// Actions in first-charged order, with their counts.
  private(set) var actions: [Action] = []
  private(set) var counts: [Double] = []
  private var index: [Action: Int] = [:]
  /// Energy per instruction class (the ISA group), in first-charged order.
  private(set) var classes: [(group: InstructionGroup, picojoules: Double)] = []
  /// Dynamic energy charged so far, pJ, summed as it was charged.
  public private(set) var runningTotal = 0.0

  /// Counts `count` actions of `picojoules` each, done by `component` for an instruction of
  /// `group`.
  mutating func charge(
    _ component: MachinePart, _ action: EnergyAction, count: Double, picojoules: Double,
    group: InstructionGroup
  ) {
    guard count > 0 else { return }
    let key = Action(component: component, action: action, picojoulesEach: picojoules)
    if let i = index[key] {
      counts[i] += count
    } else {
      index[key] = actions.count
      actions.append(key)
      counts.append(count)
    }
    if let c = classes.firstIndex(where: { $0.group == group }) {
      classes[c].picojoules += count * picojoules
    } else {
      classes.append((group, count * picojoules))
    }
    runningTotal += count * picojoules
  }

  /// Dynamic energy, pJ: count x energy summed over the actions in order.
  public var total: Double {
    var sum = 0.0
    for (a, n) in zip(actions, counts) { sum += a.picojoulesEach * n }
    return sum
  }

  /// Dynamic energy per component, pJ, under the component's `--stats` name.
  var byComponent: [String: Double] {
    var out: [String: Double] = [:]
    for (a, n) in zip(actions, counts) {
      out[a.component.name, default: 0] += a.picojoulesEach * n
    }
    return out
  }

  /// Dynamic energy per instruction class, pJ, under the class's `--stats` name.
  var byClass: [String: Double] {
    Dictionary(uniqueKeysWithValues: classes.map { ($0.group.rawValue, $0.picojoules) })
  }

  /// The actions charged since `earlier`, a copy of this ledger taken before: a ledger only
  /// grows, so `earlier`'s actions and classes are a prefix of this one's.
  func since(_ earlier: EnergyLedger) -> EnergyLedger {
    var d = self
    for i in earlier.counts.indices { d.counts[i] -= earlier.counts[i] }
    for i in earlier.classes.indices { d.classes[i].picojoules -= earlier.classes[i].picojoules }
    d.runningTotal -= earlier.runningTotal
    return d
  }
}
