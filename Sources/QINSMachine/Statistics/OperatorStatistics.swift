/// What one named operator of a program (`.operator NAME`, Docs/assembly.md) cost in a run:
/// the share of the run's statistics that its instructions account for.
///
/// Attribution follows the control core's issue: an instruction belongs to the operator whose
/// range holds it, and the operator is charged
/// - the cycles the core spent issuing its instructions, stalls included (a wait for an earlier
///   operator's result is charged to the operator that waits; `halt`'s wait for the units to
///   drain goes to the last operator), so the operators' cycles add up to the run's;
/// - the work its instructions gave the units, whenever the units do it: busy cycles, bytes,
///   multiply-accumulates, array weight fill, dynamic energy, unit stalls;
/// - leakage over its cycles.
///
/// Because an overlapped program's units keep working on one operator's instructions while
/// the core issues the next operator's, an operator's bounds can exceed its cycles
/// (`fraction_reached` above 1): its work ran partly in its neighbours' time.
public struct OperatorStatistics: Codable, Sendable, Hashable {
  public struct Energy: Codable, Sendable, Hashable {
    public var totalPj: Double
    public var dynamicPj: Double
    public var leakagePj: Double
    /// Dynamic energy per component and each component's leakage (`<component>_leakage`).
    public var byComponentPj: [String: Double]
  }

  /// The operator's name; ``outsideOperators`` for instructions before the first operator.
  public var name: String
  /// Times the core entered the operator's range from another.
  public var entries: Int
  public var cycles: Int
  public var instructions: Int
  public var multiplyAccumulates: Int
  public var bytesRead: [String: Int]
  public var bytesWritten: [String: Int]
  /// Issue stalls by cause (non-zero causes only).
  public var issueStalls: [String: Int]
  public var unitStalls: [String: Int]
  public var unitBusyCycles: [String: Int]
  public var energy: Energy
  public var roofline: Roofline?

  /// The name given to instructions that precede the program's first operator.
  public static let outsideOperators = "(before the first operator)"

  /// The share of a run's statistics: `run` holds only this operator's counts.
  init(name: String, segment run: RunStatistics) {
    self.name = name
    entries = 1
    cycles = run.cycles
    instructions = run.instructions
    multiplyAccumulates = run.multiplyAccumulates
    bytesRead = run.bytesRead.filter { $0.value != 0 }
    bytesWritten = run.bytesWritten.filter { $0.value != 0 }
    issueStalls = run.issueStalls.filter { $0.value != 0 }
    unitStalls = run.unitStalls.filter { $0.value != 0 }
    unitBusyCycles = run.unitBusyCycles.filter { $0.value != 0 }
    energy = Energy(
      totalPj: run.energy.totalPj, dynamicPj: run.energy.dynamicPj,
      leakagePj: run.energy.leakagePj,
      byComponentPj: run.energy.byComponentPj.filter { $0.value != 0 })
    roofline = run.roofline
  }

  /// DRAM bytes read and written.
  public var dramBytes: Int { (bytesRead["dram"] ?? 0) + (bytesWritten["dram"] ?? 0) }

  /// This operator's figures with `other`'s added (the same operator entered again, or in
  /// another layer).
  public func adding(_ other: OperatorStatistics) -> OperatorStatistics {
    var s = self
    s.entries += other.entries
    s.cycles += other.cycles
    s.instructions += other.instructions
    s.multiplyAccumulates += other.multiplyAccumulates
    s.bytesRead = bytesRead.plus(other.bytesRead)
    s.bytesWritten = bytesWritten.plus(other.bytesWritten)
    s.issueStalls = issueStalls.plus(other.issueStalls)
    s.unitStalls = unitStalls.plus(other.unitStalls)
    s.unitBusyCycles = unitBusyCycles.plus(other.unitBusyCycles)
    s.energy.totalPj += other.energy.totalPj
    s.energy.dynamicPj += other.energy.dynamicPj
    s.energy.leakagePj += other.energy.leakagePj
    s.energy.byComponentPj = energy.byComponentPj.plus(other.energy.byComponentPj)
    s.roofline = .sum(roofline, other.roofline)
    return s
  }
}

extension [OperatorStatistics] {
  /// The sum of the operators' tightest bounds: their cycles run one after another, each at
  /// its own limit (``Roofline/operatorsInSequence``).
  public var tightestBoundsInSequence: Int {
    reduce(0) { sum, o in sum + (o.roofline.flatMap { r in r.tightest.map { r.bounds[$0]! } } ?? 0)
    }
  }

  /// The operators of `other` added to these by name; operators new to this list follow in
  /// `other`'s order.
  public func adding(_ other: [OperatorStatistics]) -> [OperatorStatistics] {
    var out = self
    for o in other {
      if let i = out.firstIndex(where: { $0.name == o.name }) {
        out[i] = out[i].adding(o)
      } else {
        out.append(o)
      }
    }
    return out
  }
}
