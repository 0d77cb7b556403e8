import QINSMachine

extension SentenceEmbeddingExperiment.Report {
  /// Every machine's operators over all the sentences, layer by layer (scope `layer N`) and
  /// summed over the layers (scope `all`), for `--csv`.
  public var operatorTable: OperatorTable {
    var table = OperatorTable()
    for name in machineOrder {
      let m = machines[name]!
      for l in m.perLayerRoofline {
        table.add(machine: name, scope: "layer \(l.layer)", operators: l.operators)
      }
      table.add(machine: name, scope: "all", operators: m.operators)
    }
    return table
  }
}
