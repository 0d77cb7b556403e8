/// How `qinssim gemm` models the array.
public enum GemmArrayModel: String, CaseIterable, Sendable, Codable {
  /// Closed-form timing (and the fast functional model with `--functional`).
  case fast
  /// Every PE, every cycle: the reference the fast model is checked against (small arrays).
  case pe
}
