import QINSMachine

/// What `qinssim transformer --stats FILE` writes: each machine's run statistics over the
/// layers it ran, summed (``RunStatistics/adding(_:)``), in the form `qinssim run --stats`
/// writes (Docs/simulator.md): cycles, issue and unit stalls by cause, busy cycles, bytes per
/// level, energy by component, class and action, and the roofline. `qinssim report` plots it
/// as it plots several runs' statistics.
public struct TransformerStatistics: Encodable, Sendable {
  public var machineOrder: [String]
  public var statisticsByMachine: [String: RunStatistics]

  public init(_ report: TransformerReport) {
    machineOrder = report.machineOrder.filter { report.machines[$0]?.statistics != nil }
    statisticsByMachine = report.machines.compactMapValues(\.statistics)
  }
}
