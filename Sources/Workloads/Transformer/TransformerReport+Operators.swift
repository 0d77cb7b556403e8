import QINSMachine

extension TransformerReport {
  /// Every machine's operators, layer by layer (scope `layer N`) and summed over the layers
  /// (scope `all`), for `--csv`.
  public var operatorTable: OperatorTable {
    var table = OperatorTable()
    for m in ordered {
      for l in m.perLayerRoofline {
        table.add(machine: m.name, scope: "layer \(l.layer)", operators: l.operators)
      }
      table.add(machine: m.name, scope: "all", operators: m.operators, whole: m.statistics)
    }
    return table
  }
}
