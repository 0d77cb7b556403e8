import QINSSupport
import TensorIO

extension EncoderWeights {
  /// Layer `layer` of a BERT/MiniLM safetensors file (Hugging Face names, with or without a
  /// `bert.` prefix).
  public static func load(_ file: SafetensorsFile, layer: Int) throws(TensorFileError)
    -> EncoderWeights
  {
    let prefix =
      file.entries["bert.encoder.layer.0.attention.self.query.weight"] != nil ? "bert." : ""
    let base = "\(prefix)encoder.layer.\(layer)."
    func matrix(_ name: String) throws(TensorFileError) -> FloatMatrix {
      let t = try file.tensor(base + name)
      guard t.shape.count == 2 else {
        throw TensorFileError("\(file.path): \(base + name) is not a matrix")
      }
      return FloatMatrix(rows: t.shape[0], cols: t.shape[1], values: t.values)
    }
    func vector(_ name: String) throws(TensorFileError) -> [Float] {
      try file.tensor(base + name).values
    }
    return EncoderWeights(
      query: try matrix("attention.self.query.weight"),
      key: try matrix("attention.self.key.weight"),
      value: try matrix("attention.self.value.weight"),
      attentionOutput: try matrix("attention.output.dense.weight"),
      intermediate: try matrix("intermediate.dense.weight"),
      output: try matrix("output.dense.weight"),
      queryBias: try vector("attention.self.query.bias"),
      keyBias: try vector("attention.self.key.bias"),
      valueBias: try vector("attention.self.value.bias"),
      attentionOutputBias: try vector("attention.output.dense.bias"),
      intermediateBias: try vector("intermediate.dense.bias"),
      outputBias: try vector("output.dense.bias"),
      attentionNormGamma: try vector("attention.output.LayerNorm.weight"),
      attentionNormBeta: try vector("attention.output.LayerNorm.bias"),
      outputNormGamma: try vector("output.LayerNorm.weight"),
      outputNormBeta: try vector("output.LayerNorm.bias"))
  }
}

/// Fixed-seed weights with a realistic distribution, for models whose weights are not
/// available here (Phi-3.5-mini): projection weights normal with standard deviation 0.02 (the
/// initialisation of BERT, GPT-2 and Phi; trained projections stay near it), norm gains near 1
/// (1 + N(0, 0.02)), biases small (N(0, 0.02)). Every report that uses them says "synthetic".
public enum SyntheticWeights {
  public static let projectionSigma = 0.02

  static func matrix(
    _ g: inout SeededGenerator, _ rows: Int, _ cols: Int, sigma: Double = projectionSigma,
    _ parallelism: Parallelism
  ) -> FloatMatrix {
    FloatMatrix(
      rows: rows, cols: cols,
      values: g.normalFloats(count: rows * cols, sigma: sigma, parallelism: parallelism))
  }

  static func gains(_ g: inout SeededGenerator, _ n: Int) -> [Float] {
    g.normalFloats(count: n, sigma: 0.02).map { 1 + $0 }
  }

  /// The same weights whatever `parallelism` (see ``SeededGenerator``).
  public static func decoder(
    _ d: TransformerDimensions, layer: Int, seed: UInt64 = 35,
    parallelism: Parallelism = .allCores
  ) -> DecoderWeights {
    let p = parallelism
    var g = SeededGenerator(seed: seed &* 1000 &+ UInt64(layer))
    let width = d.heads * d.headDim
    return DecoderWeights(
      inputNorm: gains(&g, d.hidden), qkv: matrix(&g, 3 * width, d.hidden, p),
      output: matrix(&g, d.hidden, width, p),
      postAttentionNorm: gains(&g, d.hidden), gateUp: matrix(&g, 2 * d.intermediate, d.hidden, p),
      down: matrix(&g, d.hidden, d.intermediate, p))
  }

  /// The same weights whatever `parallelism` (see ``SeededGenerator``).
  public static func encoder(
    _ d: TransformerDimensions, layer: Int, seed: UInt64 = 6, parallelism: Parallelism = .allCores
  ) -> EncoderWeights {
    let p = parallelism
    var g = SeededGenerator(seed: seed &* 1000 &+ UInt64(layer))
    let width = d.heads * d.headDim
    return EncoderWeights(
      query: matrix(&g, width, d.hidden, p), key: matrix(&g, width, d.hidden, p),
      value: matrix(&g, width, d.hidden, p),
      attentionOutput: matrix(&g, d.hidden, width, p),
      intermediate: matrix(&g, d.intermediate, d.hidden, p),
      output: matrix(&g, d.hidden, d.intermediate, p),
      queryBias: g.normalFloats(count: width, sigma: 0.02),
      keyBias: g.normalFloats(count: width, sigma: 0.02),
      valueBias: g.normalFloats(count: width, sigma: 0.02),
      attentionOutputBias: g.normalFloats(count: d.hidden, sigma: 0.02),
      intermediateBias: g.normalFloats(count: d.intermediate, sigma: 0.02),
      outputBias: g.normalFloats(count: d.hidden, sigma: 0.02),
      attentionNormGamma: gains(&g, d.hidden),
      attentionNormBeta: g.normalFloats(count: d.hidden, sigma: 0.02),
      outputNormGamma: gains(&g, d.hidden),
      outputNormBeta: g.normalFloats(count: d.hidden, sigma: 0.02))
  }
}

extension SyntheticWeights {
  /// A fixed-seed Llama-family model of configuration `c` (for tests and for shapes whose
  /// weights are not at hand), with the same distributions as the other synthetic weights;
  /// embeddings normal with sigma 1 so that the first norm sees realistic magnitudes.
  public static func llama(
    _ c: LlamaConfiguration, seed: UInt64 = 135, tiedHead: Bool = true,
    parallelism: Parallelism = .allCores
  ) -> LlamaWeights {
    let p = parallelism
    var g = SeededGenerator(seed: seed)
    let qWidth = c.heads * c.headDim
    let layers = (0..<c.layers).map { _ in
      LlamaLayerWeights(
        attentionNorm: gains(&g, c.hidden), query: matrix(&g, qWidth, c.hidden, p),
        key: matrix(&g, c.kvWidth, c.hidden, p), value: matrix(&g, c.kvWidth, c.hidden, p),
        output: matrix(&g, c.hidden, qWidth, p), queryBias: nil, keyBias: nil, valueBias: nil,
        mlpNorm: gains(&g, c.hidden), gate: matrix(&g, c.intermediate, c.hidden, p),
        up: matrix(&g, c.intermediate, c.hidden, p), down: matrix(&g, c.hidden, c.intermediate, p))
    }
    let embeddings = matrix(&g, c.vocabulary, c.hidden, sigma: 1, p)
    return LlamaWeights(
      configuration: c, embeddings: embeddings, layers: layers, outputNorm: gains(&g, c.hidden),
      head: tiedHead ? nil : matrix(&g, c.vocabulary, c.hidden, p))
  }
}
