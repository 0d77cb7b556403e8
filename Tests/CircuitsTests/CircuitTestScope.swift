import Foundation

/// How much of the circuit checks a run does. The README's test command runs the 8-bit
/// circuits exhaustively, 100,000 random and edge operands of the wide ones and the arrays
/// with INT8 and QINS PEs; `QINS_RTL_FULL=1` (Benchmarks/circuits.sh) raises the wide ones to
/// a million operands and adds the decoded path at 3 and 11 fraction bits and every PE kind on
/// both array sizes.
enum CircuitTestScope {
  static let full = ProcessInfo.processInfo.environment["QINS_RTL_FULL"] == "1"
  /// Random operands of the wide (FP32, BF16) circuits and of the encoder.
  static let randomOperands = full ? 1_000_000 : 100_000
}
