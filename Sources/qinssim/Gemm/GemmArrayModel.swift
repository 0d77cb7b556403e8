import ArgumentParser

/// `qinssim gemm --model`: how the array is modelled.
enum GemmArrayModel: String, CaseIterable, ExpressibleByArgument {
  /// Closed-form timing (and the fast functional model with `--functional`).
  case fast
  /// Every PE, every cycle: the reference the fast model is checked against (small arrays).
  case pe
}
