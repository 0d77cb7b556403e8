/// Counted actions and their energies: the total is the sum over actions of count times
/// energy per action.
///
/// Actions are kept in the order they were first charged, and every sum runs in that order,
/// so the same run gives the same bits (a `Dictionary`'s order changes from process to
/// process, and floating-point sums depend on order).
public struct EnergyLedger: Sendable {
  public struct Action: Hashable, Sendable, Codable {
    public var component: String
    public var action: String
    public var picojoulesEach: Double
  }

  /// Actions in first-charged order, with their counts.
  public private(set) var actions: [Action] = []
  public private(set) var counts: [Double] = []
  private var index: [Action: Int] = [:]
  /// Energy per instruction class (the ISA group), in first-charged order.
  public private(set) var classes: [(name: String, picojoules: Double)] = []
  /// Dynamic energy charged so far, pJ, summed as it was charged.
  public private(set) var runningTotal = 0.0

  mutating func charge(
    _ component: String, _ action: String, count: Double, picojoules: Double, group: String
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
    if let c = classes.firstIndex(where: { $0.name == group }) {
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

  /// Dynamic energy per component, pJ.
  public var byComponent: [String: Double] {
    var out: [String: Double] = [:]
    for (a, n) in zip(actions, counts) { out[a.component, default: 0] += a.picojoulesEach * n }
    return out
  }

  /// Dynamic energy per instruction class, pJ.
  public var byClass: [String: Double] {
    Dictionary(uniqueKeysWithValues: classes.map { ($0.name, $0.picojoules) })
  }
}
