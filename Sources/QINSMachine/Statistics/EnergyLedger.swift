/// Counted actions and their energies: the total is exactly the sum over actions of count
/// times energy per action.
public struct EnergyLedger: Sendable {
  public struct Action: Hashable, Sendable, Codable {
    public var component: String
    public var action: String
    public var picojoulesEach: Double
  }

  /// Count per action.
  public private(set) var counts: [Action: Double] = [:]
  /// Energy per instruction class (the ISA group: control, dma, alu, array, sfu).
  public private(set) var byClass: [String: Double] = [:]

  mutating func charge(
    _ component: String, _ action: String, count: Double, picojoules: Double, group: String
  ) {
    guard count > 0 else { return }
    counts[Action(component: component, action: action, picojoulesEach: picojoules), default: 0] +=
      count
    byClass[group, default: 0] += count * picojoules
  }

  /// Dynamic energy, pJ.
  public var total: Double { counts.reduce(0) { $0 + $1.key.picojoulesEach * $1.value } }

  /// Dynamic energy per component, pJ.
  public var byComponent: [String: Double] {
    var out: [String: Double] = [:]
    for (a, n) in counts { out[a.component, default: 0] += a.picojoulesEach * n }
    return out
  }
}
