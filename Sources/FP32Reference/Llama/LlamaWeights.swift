import QINSSupport
import TensorIO

/// One Llama decoder layer's weights in PyTorch layout ([out, in]), with the query and key
/// rows in Hugging Face's order (each head's first half of dimensions, then its second half:
/// the rotate-half RoPE of ``ReferenceOperations/rope(_:heads:headDim:base:firstPosition:)``).
public struct LlamaLayerWeights: Sendable {
  public var attentionNorm: [Float]
  /// [heads x headDim, hidden]
  public var query: FloatMatrix
  /// [kvHeads x headDim, hidden]
  public var key: FloatMatrix
  /// [kvHeads x headDim, hidden]
  public var value: FloatMatrix
  /// [hidden, heads x headDim]
  public var output: FloatMatrix
  public var queryBias: [Float]?
  public var keyBias: [Float]?
  public var valueBias: [Float]?
  public var mlpNorm: [Float]
  /// [intermediate, hidden]
  public var gate: FloatMatrix
  /// [intermediate, hidden]
  public var up: FloatMatrix
  /// [hidden, intermediate]
  public var down: FloatMatrix
}

/// A Llama-family model's weights: token embeddings, layers, final norm and output head.
public struct LlamaWeights: Sendable {
  public var configuration: LlamaConfiguration
  /// [vocabulary, hidden]
  public var embeddings: FloatMatrix
  public var layers: [LlamaLayerWeights]
  public var outputNorm: [Float]
  /// [vocabulary, hidden]; the embeddings themselves where the model ties them.
  public var head: FloatMatrix
  public var tiedHead: Bool

  public init(
    configuration: LlamaConfiguration, embeddings: FloatMatrix, layers: [LlamaLayerWeights],
    outputNorm: [Float], head: FloatMatrix?
  ) {
    self.configuration = configuration
    self.embeddings = embeddings
    self.layers = layers
    self.outputNorm = outputNorm
    self.head = head ?? embeddings
    self.tiedHead = head == nil
  }

  /// Reads every tensor of a GGUF Llama model (llama.cpp's names: `token_embd`, `blk.N.attn_q`,
  /// ... `output_norm`, `output`), dequantized to FP32. The query and key rows, which
  /// llama.cpp's converter interleaves for its pairwise RoPE, are put back in Hugging Face's
  /// order (see ``unpermuteRotaryRows(_:heads:)``). A fused `attn_qkv` is split; biases are
  /// read where present; without `output.weight` the head is tied to the embeddings.
  public static func load(_ f: GGUFFile, layers: Int? = nil) throws(TensorFileError)
    -> LlamaWeights
  {
    let c = try LlamaConfiguration(gguf: f)
    let count = min(layers ?? c.layers, c.layers)
    func matrix(_ name: String, _ rows: Int, _ cols: Int) throws(TensorFileError) -> FloatMatrix {
      let t = try f.tensor(name)
      guard t.shape == [rows, cols] else {
        throw TensorFileError(
          "\(f.path): \(name) has shape \(t.shape), expected [\(rows), \(cols)]")
      }
      return FloatMatrix(rows: rows, cols: cols, values: t.values)
    }
    func vector(_ name: String, _ n: Int) throws(TensorFileError) -> [Float] {
      let t = try f.tensor(name)
      guard t.values.count == n else {
        throw TensorFileError("\(f.path): \(name) has shape \(t.shape), expected [\(n)]")
      }
      return t.values
    }
    func optionalVector(_ name: String, _ n: Int) throws(TensorFileError) -> [Float]? {
      f.info(name) == nil ? nil : try vector(name, n)
    }
    let qWidth = c.heads * c.headDim
    var blocks: [LlamaLayerWeights] = []
    for l in 0..<count {
      let p = "blk.\(l)."
      var q: FloatMatrix
      var k: FloatMatrix
      var v: FloatMatrix
      if f.info(p + "attn_qkv.weight") != nil {
        let qkv = try matrix(p + "attn_qkv.weight", qWidth + 2 * c.kvWidth, c.hidden)
        q = qkv.rows(0, qWidth)
        k = qkv.rows(qWidth, c.kvWidth)
        v = qkv.rows(qWidth + c.kvWidth, c.kvWidth)
      } else {
        q = try matrix(p + "attn_q.weight", qWidth, c.hidden)
        k = try matrix(p + "attn_k.weight", c.kvWidth, c.hidden)
        v = try matrix(p + "attn_v.weight", c.kvWidth, c.hidden)
      }
      q = unpermuteRotaryRows(q, heads: c.heads)
      k = unpermuteRotaryRows(k, heads: c.kvHeads)
      let qb = try optionalVector(p + "attn_q.bias", qWidth)
      let kb = try optionalVector(p + "attn_k.bias", c.kvWidth)
      blocks.append(
        LlamaLayerWeights(
          attentionNorm: try vector(p + "attn_norm.weight", c.hidden), query: q, key: k, value: v,
          output: try matrix(p + "attn_output.weight", c.hidden, qWidth),
          queryBias: qb.map {
            unpermuteRotaryRows(FloatMatrix(rows: qWidth, cols: 1, values: $0), heads: c.heads)
              .values
          },
          keyBias: kb.map {
            unpermuteRotaryRows(FloatMatrix(rows: c.kvWidth, cols: 1, values: $0), heads: c.kvHeads)
              .values
          },
          valueBias: try optionalVector(p + "attn_v.bias", c.kvWidth),
          mlpNorm: try vector(p + "ffn_norm.weight", c.hidden),
          gate: try matrix(p + "ffn_gate.weight", c.intermediate, c.hidden),
          up: try matrix(p + "ffn_up.weight", c.intermediate, c.hidden),
          down: try matrix(p + "ffn_down.weight", c.hidden, c.intermediate)))
    }
    let embeddings = try matrix("token_embd.weight", c.vocabulary, c.hidden)
    let head =
      f.info("output.weight") == nil ? nil : try matrix("output.weight", c.vocabulary, c.hidden)
    var config = c
    config.layers = count
    return LlamaWeights(
      configuration: config, embeddings: embeddings, layers: blocks,
      outputNorm: try vector("output_norm.weight", c.hidden), head: head)
  }

  /// Undoes llama.cpp's permutation of query and key rows. Its converter stores, for each head
  /// of `d` rows, Hugging Face's row `j * d/2 + i` (half j, index i) at row `2i + j`, so that
  /// rotating adjacent pairs (GGML's RoPE) equals Hugging Face's rotation of halves. This
  /// returns Hugging Face's order: row `h d + j d/2 + i` is GGUF row `h d + 2i + j`.
  public static func unpermuteRotaryRows(_ m: FloatMatrix, heads: Int) -> FloatMatrix {
    let d = m.rows / heads
    let half = d / 2
    var out = m
    for h in 0..<heads {
      for j in 0..<2 {
        for i in 0..<half {
          let from = h * d + 2 * i + j
          let to = h * d + j * half + i
          for c in 0..<m.cols { out[to, c] = m[from, c] }
        }
      }
    }
    return out
  }
}
