import TensorIO

/// The shape of a Llama-family decoder model: RMS norm, rotary positions, grouped-query
/// attention (`heads` query heads sharing `kvHeads` key/value heads in equal groups), a gated
/// SiLU MLP, a final norm and an output head over the vocabulary.
public struct LlamaConfiguration: Hashable, Sendable {
  public var hidden: Int
  public var layers: Int
  public var heads: Int
  public var kvHeads: Int
  public var headDim: Int
  public var intermediate: Int
  public var vocabulary: Int
  public var normEps: Float
  public var ropeBase: Float
  /// The longest context the model was trained for.
  public var contextLength: Int

  public init(
    hidden: Int, layers: Int, heads: Int, kvHeads: Int, headDim: Int, intermediate: Int,
    vocabulary: Int, normEps: Float, ropeBase: Float, contextLength: Int
  ) {
    self.hidden = hidden
    self.layers = layers
    self.heads = heads
    self.kvHeads = kvHeads
    self.headDim = headDim
    self.intermediate = intermediate
    self.vocabulary = vocabulary
    self.normEps = normEps
    self.ropeBase = ropeBase
    self.contextLength = contextLength
  }

  /// Query heads per key/value head.
  public var groupSize: Int { heads / kvHeads }
  /// The width of the keys (and of the values) of one position: `kvHeads * headDim`.
  public var kvWidth: Int { kvHeads * headDim }

  /// The configuration a GGUF file's metadata gives (`general.architecture` "llama"; keys
  /// `llama.block_count`, `llama.embedding_length`, `llama.attention.head_count`, ...).
  /// Absent optional keys take llama.cpp's defaults (KV heads = heads, head dimension =
  /// hidden / heads, RoPE base 10000, vocabulary = the token list's length).
  public init(gguf f: GGUFFile) throws(TensorFileError) {
    guard let arch = try f.string("general.architecture") else {
      throw TensorFileError("\(f.path): no general.architecture")
    }
    guard arch == "llama" else {
      throw TensorFileError(
        "\(f.path): architecture '\(arch)' is not modelled (the Llama family, 'llama', is)")
    }
    func integer(_ key: String, default d: Int? = nil) throws(TensorFileError) -> Int {
      guard let v = try f.integer("llama." + key) ?? d else {
        throw TensorFileError("\(f.path): no integer llama.\(key)")
      }
      guard v > 0, v <= 1 << 24 else {
        throw TensorFileError("\(f.path): llama.\(key) is \(v), outside 1...\(1 << 24)")
      }
      return v
    }
    hidden = try integer("embedding_length")
    layers = try integer("block_count")
    heads = try integer("attention.head_count")
    kvHeads = try integer("attention.head_count_kv", default: heads)
    headDim = try integer("attention.key_length", default: hidden / heads)
    intermediate = try integer("feed_forward_length")
    vocabulary = try integer(
      "vocab_size", default: f["tokenizer.ggml.tokens"]?.elements?.count)
    contextLength = try integer("context_length", default: 2048)
    normEps = Float(try f.real("llama.attention.layer_norm_rms_epsilon") ?? 1e-5)
    ropeBase = Float(try f.real("llama.rope.freq_base") ?? 10_000)
    guard heads % kvHeads == 0 else {
      throw TensorFileError(
        "\(f.path): \(heads) query heads do not share \(kvHeads) key/value heads in equal groups")
    }
    guard headDim % 2 == 0 else {
      throw TensorFileError("\(f.path): head dimension \(headDim) is odd (RoPE rotates pairs)")
    }
    if let rot = try f.integer("llama.rope.dimension_count"), rot != headDim {
      throw TensorFileError(
        "\(f.path): RoPE on \(rot) of \(headDim) dimensions per head is not modelled (only on all)")
    }
    if let scaling = try f.string("llama.rope.scaling.type"), scaling != "none" {
      throw TensorFileError("\(f.path): RoPE scaling '\(scaling)' is not modelled")
    }
    guard normEps.isFinite, normEps > 0, ropeBase.isFinite, ropeBase > 1 else {
      throw TensorFileError(
        "\(f.path): RMS norm epsilon \(normEps) or RoPE base \(ropeBase) is out of range")
    }
  }
}
