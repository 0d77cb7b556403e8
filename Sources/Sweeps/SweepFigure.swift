import QINSMachine

/// The figures a sweep records per point, by workload; the CSV's columns, in this order.
/// A transformer point also records its roofline (Docs/simulator.md): the fraction of its
/// tightest bound it reached, the fraction of its operators' bounds in sequence, and each
/// bound in cycles (`bound_dram`, `bound_sfu`, ...); and each of its program's operators'
/// cycles and energy over the layers (`operator_<name>_cycles`, `operator_<name>_energy_pj`),
/// which follow the fixed columns in name order.
public enum SweepFigure {
  public static func names(_ workload: SweepWorkloadKind) -> [String] {
    switch workload {
    case .gemm:
      [
        "cycles", "seconds", "energy_pj", "avg_power_w", "utilization", "mapping_efficiency",
        "lbuf_bytes", "acc_bytes", "area_mm2", "rel_rms_error",
      ]
    case .transformer:
      [
        "cycles", "seconds", "energy_pj", "avg_power_w", "dram_bytes", "weight_bytes",
        "area_mm2", "output_rel_rms", "update_rel_rms", "update_cosine", "roofline_fraction",
        "operators_fraction",
      ] + Roofline.Bound.allCases.map(boundName)
    }
  }

  /// The column of a roofline bound's cycles.
  static func boundName(_ b: Roofline.Bound) -> String { "bound_\(b.rawValue)" }

  /// The columns of an operator's cycles and energy.
  static func operatorCycles(_ name: String) -> String { "operator_\(name)_cycles" }
  static func operatorEnergy(_ name: String) -> String { "operator_\(name)_energy_pj" }

  /// The pairs the Pareto frontiers are drawn over (both minimised): energy against error,
  /// cycles against area.
  public static func frontiers(_ workload: SweepWorkloadKind) -> [(x: String, y: String)] {
    switch workload {
    case .gemm: [("cycles", "area_mm2"), ("energy_pj", "rel_rms_error")]
    case .transformer: [("cycles", "area_mm2"), ("energy_pj", "update_rel_rms")]
    }
  }
}
