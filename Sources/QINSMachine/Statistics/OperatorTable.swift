import QINSSupport

/// Operators' figures as one table, for `--csv`: a row per machine, scope and operator.
///
/// A scope says what the row sums: a layer (`layer 3`), a phase (`prefill`, `decode`,
/// `head`), or `all` (every layer or phase of the machine's run). Operator `(all)` is the
/// scope's whole run. Columns: `machine`, `scope`, `operator`, `entries`, `cycles`,
/// `instructions`, `multiply_accumulates`, the bytes moved to and from each memory level
/// (`<level>_bytes`), `energy_pj`, `dynamic_pj`, `leakage_pj`, every bound (`bound_<name>`),
/// `tightest`, `fraction_reached`, `operators_in_sequence` and `operators_fraction_reached`
/// (rows `(all)` only: ``Roofline/operatorsInSequence``), then the energy per component (`energy_<component>_pj`),
/// the issue stalls (`stall_<cause>`) and the unit stalls (`unit_stall_<unit_cause>`) that
/// some row has, in name order.
public struct OperatorTable: Sendable {
  public struct Row: Sendable {
    public var machine: String
    public var scope: String
    public var figures: OperatorStatistics

    public init(machine: String, scope: String, figures: OperatorStatistics) {
      self.machine = machine
      self.scope = scope
      self.figures = figures
    }
  }

  public var rows: [Row] = []

  public init() {}

  /// The operator name of a row that stands for a scope's whole run.
  public static let wholeRun = "(all)"

  /// Adds a row per operator of `operators`, then one for the scope's whole run
  /// (``wholeRun``): `whole`'s figures, or without it the operators' sum (which differs from
  /// the whole run's only in the bounds, rounded up operator by operator).
  public mutating func add(
    machine: String, scope: String, operators: [OperatorStatistics], whole: RunStatistics? = nil
  ) {
    for o in operators { rows.append(Row(machine: machine, scope: scope, figures: o)) }
    var all: OperatorStatistics
    if let whole {
      all = OperatorStatistics(name: Self.wholeRun, segment: whole)
    } else {
      guard var sum = operators.first else { return }
      for o in operators.dropFirst() { sum = sum.adding(o) }
      sum.name = Self.wholeRun
      sum.entries = 1
      sum.roofline?.operatorsInSequence = operators.tightestBoundsInSequence
      all = sum
    }
    rows.append(Row(machine: machine, scope: scope, figures: all))
  }

  public var csv: String {
    let levels = ["dram", "spad", "lbuf", "acc"]
    let components = Set(rows.flatMap { $0.figures.energy.byComponentPj.keys }).sorted()
    let stalls = Set(rows.flatMap { $0.figures.issueStalls.keys }).sorted()
    let unitStalls = Set(rows.flatMap { $0.figures.unitStalls.keys }).sorted()
    var header = [
      "machine", "scope", "operator", "entries", "cycles", "instructions",
      "multiply_accumulates",
    ]
    header += levels.map { "\($0)_bytes" }
    header += ["energy_pj", "dynamic_pj", "leakage_pj"]
    header += Roofline.Bound.allCases.map { "bound_\($0.rawValue)" }
    header += [
      "tightest", "fraction_reached", "operators_in_sequence", "operators_fraction_reached",
    ]
    header += components.map { "energy_\($0)_pj" }
    header += stalls.map { "stall_\($0)" }
    header += unitStalls.map { "unit_stall_\($0)" }
    var out = CSV.line(header)
    for r in rows {
      let f = r.figures
      var cells = [
        r.machine, r.scope, f.name, String(f.entries), String(f.cycles), String(f.instructions),
        String(f.multiplyAccumulates),
      ]
      cells += levels.map { String((f.bytesRead[$0] ?? 0) + (f.bytesWritten[$0] ?? 0)) }
      cells += [f.energy.totalPj, f.energy.dynamicPj, f.energy.leakagePj].map { String($0) }
      cells += Roofline.Bound.allCases.map { b in f.roofline.map { String($0.bounds[b] ?? 0) } ?? ""
      }
      cells.append(f.roofline?.tightest?.rawValue ?? "")
      cells.append(f.roofline.map { String($0.fractionReached) } ?? "")
      cells.append(f.roofline?.operatorsInSequence.map { String($0) } ?? "")
      cells.append(f.roofline?.operatorsFractionReached.map { String($0) } ?? "")
      cells += components.map { String(f.energy.byComponentPj[$0] ?? 0) }
      cells += stalls.map { String(f.issueStalls[$0] ?? 0) }
      cells += unitStalls.map { String(f.unitStalls[$0] ?? 0) }
      out += CSV.line(cells)
    }
    return out
  }
}
