import FP32Reference
import QINSMachine
import QINSSupport
import TensorIO

/// One layer of either model: its program, its bindings and its FP32 reference.
public enum TransformerBlock: Sendable {
  case decoder(DecoderWeights)
  case encoder(EncoderWeights)

  /// The program in the program library (Programs/): the encoder block, or the Llama-family decoder layer's
  /// prefill (Phi-3 is of that family: RMS norm, rotate-half RoPE, gated SiLU MLP; its fused
  /// projections are bound split, its heads as their own KV heads).
  public static func programName(model: TransformerModel) -> String {
    model == .miniLM ? "encoder_block.qasm" : "llama_prefill.qasm"
  }

  /// The constants the program needs beyond the shared ones, for a prefill of `seq` tokens.
  public static func programDefines(model: TransformerModel, _ d: TransformerDimensions, seq: Int)
    -> [(
      String, String
    )]
  {
    model == .miniLM
      ? []
      : [
        ("POS", "0"), ("CTX", "\(seq)"), ("KV_HEADS", "\(d.heads)"),
        ("ROPE_BASE", "\(d.ropeBase)"),
      ]
  }

  /// The layer's weights: from a safetensors file (MiniLM) or synthetic.
  public static func weights(
    model: TransformerModel, dimensions d: TransformerDimensions, layer: Int,
    file: SafetensorsFile?,
    parallelism: Parallelism
  ) throws(WorkloadError) -> TransformerBlock {
    if model == .miniLM {
      if let file {
        do { return .encoder(try EncoderWeights.load(file, layer: layer)) } catch {
          throw WorkloadError("weights: \(error)")
        }
      }
      return .encoder(SyntheticWeights.encoder(d, layer: layer, parallelism: parallelism))
    }
    return .decoder(SyntheticWeights.decoder(d, layer: layer, parallelism: parallelism))
  }

  public var bindings: [Binding] {
    func m(_ name: String, _ v: FloatMatrix) -> Binding {
      Binding(
        name: name, tensor: FloatTensor(shape: [v.rows, v.cols], values: v.values), source: name)
    }
    func b(_ name: String, _ v: [Float]) -> Binding {
      Binding(name: name, tensor: FloatTensor(shape: [1, v.count], values: v), source: name)
    }
    switch self {
    case .decoder(let w):
      // Phi-3's fused projections, split: qkv rows are q, k, v; gate_up rows gate, up.
      let width = w.qkv.rows / 3
      let inter = w.gateUp.rows / 2
      return [
        b("attn_norm", w.inputNorm), b("ffn_norm", w.postAttentionNorm),
        m("attn_q", w.qkv.rows(0, width)), m("attn_k", w.qkv.rows(width, width)),
        m("attn_v", w.qkv.rows(2 * width, width)), m("attn_output", w.output),
        m("ffn_gate", w.gateUp.rows(0, inter)), m("ffn_up", w.gateUp.rows(inter, inter)),
        m("ffn_down", w.down),
      ]
    case .encoder(let w):
      return [
        m("query", w.query), m("key", w.key), m("value", w.value),
        m("attention_output", w.attentionOutput),
        m("intermediate", w.intermediate), m("output", w.output), b("query_bias", w.queryBias),
        b("key_bias", w.keyBias), b("value_bias", w.valueBias),
        b("attention_output_bias", w.attentionOutputBias),
        b("intermediate_bias", w.intermediateBias), b("output_bias", w.outputBias),
        b("attention_norm_gamma", w.attentionNormGamma),
        b("attention_norm_beta", w.attentionNormBeta),
        b("output_norm_gamma", w.outputNormGamma), b("output_norm_beta", w.outputNormBeta),
      ]
    }
  }

  public func reference(_ x: FloatMatrix, _ d: TransformerDimensions, parallelism: Parallelism)
    -> FloatMatrix
  {
    switch self {
    case .decoder(let w): DecoderBlock.forward(x, w, d, parallelism: parallelism)
    case .encoder(let w): EncoderBlock.forward(x, w, d, parallelism: parallelism)
    }
  }

  /// Bytes of the layer's weights as a machine stores them: matrices in the storage format,
  /// vectors (norms, biases) in FP32. (From the weights' sizes, without building the
  /// bindings, which copy the decoder's split projections.)
  public func weightBytes(storageBytesPerValue b: Int) -> Int {
    switch self {
    case .decoder(let w):
      let matrices = [w.qkv, w.output, w.gateUp, w.down].reduce(0) { $0 + $1.values.count }
      return matrices * b + (w.inputNorm.count + w.postAttentionNorm.count) * 4
    case .encoder:
      let bound = bindings
      let matrices = bound.filter { $0.tensor.shape[0] > 1 }.reduce(0) {
        $0 + $1.tensor.values.count
      }
      let vectors = bound.filter { $0.tensor.shape[0] == 1 }.reduce(0) {
        $0 + $1.tensor.values.count
      }
      return matrices * b + vectors * 4
    }
  }
}
