/// What every point of a sweep runs.
public enum SweepWorkloadKind: String, CaseIterable, Sendable, Codable {
  /// A bare GEMM on the array (`qinssim gemm`): timing, traffic and energy in closed form.
  case gemm
  /// Transformer layers on the machine against the FP32 numerical reference
  /// (`qinssim transformer`): cycles, energy and the error.
  case transformer

  /// The workload fields a spec may set, with what each means (for messages and --help).
  public var fields: [(name: String, meaning: String)] {
    switch self {
    case .gemm:
      [
        ("gemm.m", "rows of A and C"), ("gemm.n", "columns of B and C"),
        ("gemm.k", "columns of A, rows of B"),
        ("gemm.timing", "default or scalesim"),
        ("gemm.functional", "true: also the product's error on fixed-seed data"),
      ]
    case .transformer:
      [
        ("transformer.model", "phi-3.5-mini or minilm-l6"),
        ("transformer.seq", "sequence length, a multiple of 16"),
        ("transformer.layers", "N or A-B"), ("transformer.hidden", "hidden size override"),
        ("transformer.heads", "heads override"), ("transformer.head_dim", "head size override"),
        ("transformer.intermediate", "MLP size override"),
        ("transformer.timing_only", "true: time only (no values, no error)"),
      ]
    }
  }
}
