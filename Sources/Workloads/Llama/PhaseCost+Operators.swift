import QINSMachine

extension OperatorTable {
  /// Adds a phase's operators (summed over its layers and runs) under scope `scope`.
  public mutating func add(machine: String, scope: String, phase: PhaseCost?) {
    guard let ops = phase?.operators else { return }
    add(machine: machine, scope: scope, operators: ops)
  }
}

extension GenerationExperiment.Run {
  /// This run's prefill and decode, operator by operator (scopes `prefill` and `decode`).
  public func addOperators(to table: inout OperatorTable) {
    table.add(machine: name, scope: "prefill", phase: prefill)
    table.add(machine: name, scope: "decode", phase: decode)
  }
}

extension PerplexityExperiment.Run {
  /// This run's windows, operator by operator (scope `all`).
  public func addOperators(to table: inout OperatorTable) {
    table.add(machine: name, scope: "all", phase: cost)
  }
}
