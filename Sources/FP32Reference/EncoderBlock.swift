import QINSSupport

/// One BERT/MiniLM encoder layer's weights, PyTorch layout ([out, in]).
public struct EncoderWeights: Sendable {
  public var query, key, value, attentionOutput, intermediate, output: FloatMatrix
  public var queryBias, keyBias, valueBias, attentionOutputBias, intermediateBias,
    outputBias: [Float]
  public var attentionNormGamma, attentionNormBeta, outputNormGamma, outputNormBeta: [Float]

  public init(
    query: FloatMatrix, key: FloatMatrix, value: FloatMatrix, attentionOutput: FloatMatrix,
    intermediate: FloatMatrix, output: FloatMatrix, queryBias: [Float], keyBias: [Float],
    valueBias: [Float], attentionOutputBias: [Float], intermediateBias: [Float],
    outputBias: [Float],
    attentionNormGamma: [Float], attentionNormBeta: [Float], outputNormGamma: [Float],
    outputNormBeta: [Float]
  ) {
    self.query = query
    self.key = key
    self.value = value
    self.attentionOutput = attentionOutput
    self.intermediate = intermediate
    self.output = output
    self.queryBias = queryBias
    self.keyBias = keyBias
    self.valueBias = valueBias
    self.attentionOutputBias = attentionOutputBias
    self.intermediateBias = intermediateBias
    self.outputBias = outputBias
    self.attentionNormGamma = attentionNormGamma
    self.attentionNormBeta = attentionNormBeta
    self.outputNormGamma = outputNormGamma
    self.outputNormBeta = outputNormBeta
  }
}

/// The BERT encoder layer in FP32: self-attention with biases, add and layer norm, a GELU MLP,
/// add and layer norm (post-norm), as Hugging Face's `BertLayer` computes it (no mask).
public enum EncoderBlock {
  public static func forward(
    _ x: FloatMatrix, _ w: EncoderWeights, _ d: TransformerDimensions,
    parallelism: Parallelism = .allCores
  ) -> FloatMatrix {
    typealias Op = ReferenceOperations
    let q = Op.linear(x, weight: w.query, bias: w.queryBias, parallelism: parallelism)
    let k = Op.linear(x, weight: w.key, bias: w.keyBias, parallelism: parallelism)
    let v = Op.linear(x, weight: w.value, bias: w.valueBias, parallelism: parallelism)
    let context = Op.attention(q: q, k: k, v: v, heads: d.heads, headDim: d.headDim, causal: false)
    let attended = Op.linear(
      context, weight: w.attentionOutput, bias: w.attentionOutputBias, parallelism: parallelism)
    let x1 = Op.layerNorm(
      Op.add(attended, x), gamma: w.attentionNormGamma, beta: w.attentionNormBeta, eps: d.normEps)
    var inner = Op.linear(
      x1, weight: w.intermediate, bias: w.intermediateBias, parallelism: parallelism)
    inner.values = inner.values.map(Op.gelu)
    let out = Op.linear(inner, weight: w.output, bias: w.outputBias, parallelism: parallelism)
    return Op.layerNorm(
      Op.add(out, x1), gamma: w.outputNormGamma, beta: w.outputNormBeta, eps: d.normEps)
  }
}
