/// The shape of a transformer layer.
public struct TransformerDimensions: Hashable, Sendable {
  public var hidden: Int
  public var heads: Int
  public var headDim: Int
  public var intermediate: Int
  public var layers: Int
  public var normEps: Float
  public var ropeBase: Float

  public init(
    hidden: Int, heads: Int, headDim: Int, intermediate: Int, layers: Int, normEps: Float,
    ropeBase: Float = 10_000
  ) {
    self.hidden = hidden
    self.heads = heads
    self.headDim = headDim
    self.intermediate = intermediate
    self.layers = layers
    self.normEps = normEps
    self.ropeBase = ropeBase
  }

  /// all-MiniLM-L6-v2 (BERT encoder): hidden 384, 12 heads of 32, GELU MLP of 1536, layer
  /// norm with eps 1e-12, 6 layers.
  public static let miniLM = TransformerDimensions(
    hidden: 384, heads: 12, headDim: 32, intermediate: 1536, layers: 6, normEps: 1e-12)

  /// Phi-3.5-mini (decoder): hidden 3072, 32 heads of 96, gated SiLU MLP of 8192, RMS norm
  /// with eps 1e-5, RoPE base 10000, 32 layers (vocabulary 32064).
  public static let phi35Mini = TransformerDimensions(
    hidden: 3072, heads: 32, headDim: 96, intermediate: 8192, layers: 32, normEps: 1e-5)
}
