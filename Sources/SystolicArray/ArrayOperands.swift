import QINSNumbers

/// The operands one GEMM fed the array, as its PEs see them: A (m x k, the moving operand)
/// and the stationary B (k x n), row-major, in the machine's storage format at unit scale
/// (element scales are applied outside the PEs; the seed's per-tensor exponents go with the
/// QINS8 codes as one product exponent). What a simulator records for the circuits' switching
/// energy (Docs/circuits.md).
public struct ArrayOperands: Sendable {
  public enum Values: Sendable {
    /// FP32, BF16, FP8 or INT8 values on their unit grid.
    case unitGrid(a: [Float], b: [Float])
    /// QINS8 codes; `productExponent` is the sum of the operands' power-of-two exponents (0
    /// with element scales).
    case qins8(a: [QINS8], b: [QINS8], productExponent: Int)
  }

  public var m: Int
  public var k: Int
  public var n: Int
  public var values: Values

  public init(m: Int, k: Int, n: Int, values: Values) {
    self.m = m
    self.k = k
    self.n = n
    self.values = values
  }
}
