/// The two ways to turn a real magnitude into FPINS(L) levels.
public enum FPINSEncoder: String, CaseIterable, Sendable, Codable {
  /// The seed's greedy root-based factoring (chapter 9): each level takes the rounded
  /// `(remaining levels)`-th root of the remaining product.
  case greedy
  /// The nearest representable magnitude: exact for L <= 3, exact over the last four levels
  /// for deeper L (see ``FPINSOptimalEncoder``).
  case optimal

  /// Encodes a finite real value at `depth`.
  public func encode(_ value: Double, depth: Int) -> FPINSValue {
    switch self {
    case .greedy: FPINSGreedyEncoder.encode(value, depth: depth)
    case .optimal: FPINSOptimalEncoder.encode(value, depth: depth)
    }
  }
}
