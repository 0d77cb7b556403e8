import QINSSupport

/// One Phi-3 decoder layer's weights, PyTorch layout ([out, in]), with Phi-3's fused
/// projections: `qkv` is [3 hidden, hidden], `gateUp` is [2 intermediate, hidden].
public struct DecoderWeights: Sendable {
  public var inputNorm: [Float]
  public var qkv: FloatMatrix
  public var output: FloatMatrix
  public var postAttentionNorm: [Float]
  public var gateUp: FloatMatrix
  public var down: FloatMatrix

  public init(
    inputNorm: [Float], qkv: FloatMatrix, output: FloatMatrix, postAttentionNorm: [Float],
    gateUp: FloatMatrix, down: FloatMatrix
  ) {
    self.inputNorm = inputNorm
    self.qkv = qkv
    self.output = output
    self.postAttentionNorm = postAttentionNorm
    self.gateUp = gateUp
    self.down = down
  }
}

/// The Phi-3 decoder layer in FP32: RMS norm, fused QKV projection, RoPE on q and k, causal
/// attention, output projection and residual; RMS norm, gated SiLU MLP (`silu(gate) * up`),
/// down projection and residual. No biases. Positions start at `firstPosition`.
public enum DecoderBlock {
  public static func forward(
    _ x: FloatMatrix, _ w: DecoderWeights, _ d: TransformerDimensions, firstPosition: Int = 0,
    parallelism: Parallelism = .allCores
  ) -> FloatMatrix {
    typealias Op = ReferenceOperations
    let width = d.heads * d.headDim
    let h = Op.rmsNorm(x, gamma: w.inputNorm, eps: d.normEps)
    let qkv = Op.linear(h, weight: w.qkv, parallelism: parallelism)
    let q = Op.rope(
      qkv.columns(0, width), heads: d.heads, headDim: d.headDim, base: d.ropeBase,
      firstPosition: firstPosition)
    let k = Op.rope(
      qkv.columns(width, width), heads: d.heads, headDim: d.headDim, base: d.ropeBase,
      firstPosition: firstPosition)
    let v = qkv.columns(2 * width, width)
    let context = Op.attention(q: q, k: k, v: v, heads: d.heads, headDim: d.headDim, causal: true)
    let x1 = Op.add(x, Op.linear(context, weight: w.output, parallelism: parallelism))
    let h2 = Op.rmsNorm(x1, gamma: w.postAttentionNorm, eps: d.normEps)
    let gu = Op.linear(h2, weight: w.gateUp, parallelism: parallelism)
    var act = FloatMatrix(rows: x.rows, cols: d.intermediate)
    for r in 0..<x.rows {
      for c in 0..<d.intermediate { act[r, c] = Op.silu(gu[r, c]) * gu[r, d.intermediate + c] }
    }
    return Op.add(x1, Op.linear(act, weight: w.down, parallelism: parallelism))
  }
}
