import Foundation
import TensorIO
import Tokenization

/// A Llama-family model small enough to build for every fuzz case: hidden 64, one layer, four
/// query heads sharing two key/value heads of 16, an MLP of 96 (every size a multiple of 32,
/// as the machines' programs need), and a byte-level BPE tokenizer
/// of 288 tokens (the 256 byte symbols, a few merges, `<|endoftext|>` as a control token and
/// unused tokens up to a multiple of 32). Weights are deterministic and small; the file is
/// what `qinssim generate --weights` reads, built with ``GGUFWriter``.
///
/// The model surfaces change it structurally (``mutated(_:)``): metadata values of another
/// type or range, keys removed or repeated, hostile tokens, merges and ids, tensors missing
/// or of another shape, so that every check between the file and the model is reached.
public struct TinyLlamaModel: Sendable {
  public var metadata: [(key: String, value: GGUFValue)]
  public var tensors: [GGUFWriter.Tensor]

  public static let hidden = 64
  public static let heads = 4
  public static let kvHeads = 2
  public static let headDim = 16
  public static let intermediate = 96
  public static let merges = ["Ġ t", "h e", "Ġ a", "i n", "Ġt he", "e r", "o n", "Ġ s"]

  /// The model as built, before any mutation.
  public static let standard: TinyLlamaModel = {
    var tokens = ByteLevelAlphabet.scalars.map { String(Character($0)) }
    for m in merges {
      let joined = m.replacingOccurrences(of: " ", with: "")
      if !tokens.contains(joined) { tokens.append(joined) }
    }
    tokens.append("<|endoftext|>")
    let control = tokens.count - 1
    while tokens.count % 32 != 0 { tokens.append("<|unused\(tokens.count)|>") }
    let types: [GGUFValue] = tokens.indices.map {
      .int32($0 == control ? 3 : $0 > control ? 5 : 1)
    }
    let metadata: [(key: String, value: GGUFValue)] = [
      ("general.architecture", .string("llama")),
      ("llama.block_count", .uint32(1)),
      ("llama.context_length", .uint32(128)),
      ("llama.embedding_length", .uint32(UInt32(hidden))),
      ("llama.feed_forward_length", .uint32(UInt32(intermediate))),
      ("llama.attention.head_count", .uint32(UInt32(heads))),
      ("llama.attention.head_count_kv", .uint32(UInt32(kvHeads))),
      ("llama.attention.layer_norm_rms_epsilon", .float32(1e-5)),
      ("llama.rope.freq_base", .float32(10_000)),
      ("llama.rope.dimension_count", .uint32(UInt32(headDim))),
      ("llama.vocab_size", .uint32(UInt32(tokens.count))),
      ("tokenizer.ggml.model", .string("gpt2")),
      ("tokenizer.ggml.pre", .string("smollm")),
      ("tokenizer.ggml.tokens", .array(.string, tokens.map { .string($0) })),
      ("tokenizer.ggml.token_type", .array(.int32, types)),
      ("tokenizer.ggml.merges", .array(.string, merges.map { .string($0) })),
      ("tokenizer.ggml.bos_token_id", .uint32(UInt32(control))),
      ("tokenizer.ggml.eos_token_id", .uint32(UInt32(control))),
      ("tokenizer.ggml.add_bos_token", .bool(false)),
    ]
    var tensors: [GGUFWriter.Tensor] = []
    func add(_ name: String, _ shape: [Int], sigma: Float = 0.05, offset: Float = 0) {
      let n = shape.reduce(1, *)
      let phase = Float(tensors.count) * 0.37
      tensors.append(
        .init(
          name: name, shape: shape,
          values: (0..<n).map { offset + sigma * sin(Float($0) * 0.618 + phase) }))
    }
    let kv = kvHeads * headDim
    add("token_embd.weight", [tokens.count, hidden], sigma: 1)
    add("output_norm.weight", [hidden], offset: 1)
    add("blk.0.attn_norm.weight", [hidden], offset: 1)
    add("blk.0.ffn_norm.weight", [hidden], offset: 1)
    add("blk.0.attn_q.weight", [heads * headDim, hidden])
    add("blk.0.attn_k.weight", [kv, hidden])
    add("blk.0.attn_v.weight", [kv, hidden])
    add("blk.0.attn_output.weight", [hidden, heads * headDim])
    add("blk.0.ffn_gate.weight", [intermediate, hidden])
    add("blk.0.ffn_up.weight", [intermediate, hidden])
    add("blk.0.ffn_down.weight", [hidden, intermediate])
    return TinyLlamaModel(metadata: metadata, tensors: tensors)
  }()

  /// The GGUF file's bytes.
  public var bytes: [UInt8] { GGUFWriter.bytes(metadata: metadata, tensors: tensors) }

  /// Values of every GGUF type at the edges of what a reader might trust.
  static let hostileValues: [GGUFValue] = [
    .uint8(0), .int8(-1), .uint16(65_535), .int16(-32_768), .uint32(0), .uint32(1 << 24 + 1),
    .uint32(.max), .int32(-1), .int32(.min), .float32(.nan), .float32(.infinity), .float32(-1),
    .float32(0), .float32(.leastNonzeroMagnitude), .bool(true), .bool(false), .string(""),
    .string("1e-5"),
    .string("llama\u{1B}[31m"), .string(String(repeating: "x", count: 4096)),
    .uint64(1 << 63), .uint64(.max), .int64(.min), .int64(1 << 40), .float64(.nan),
    .float64(1e300), .float64(-0.0), .array(.uint32, []), .array(.string, [.string("a")]),
    .array(.array, [.array(.int8, [.int8(1)])]), .array(.float32, [.float32(1), .float32(2)]),
  ]

  /// A text every merge applies to.
  public static let text = "the cat sat on the mat, and then he ran in the sun"

  /// Hostile texts for a token, a merge, a prompt or a text to score.
  static let hostileTexts = [
    "", " ", "Ġ", "ĠĠ", "a b c", "ab", "Ġt he", "<|endoftext|>", "\u{0}", "\u{1B}[2J",
    "\u{FFFD}", String(repeating: "é", count: 3000), "<|unused260|>", "h e",
  ]

  /// The model with one to four structural edits chosen by `m`.
  public func mutated(_ m: inout Mutator) -> TinyLlamaModel {
    var model = self
    for _ in 0..<(1 + m.below(4)) { model.edit(&m) }
    return model
  }

  mutating func edit(_ m: inout Mutator) {
    switch m.below(12) {
    case 0, 1:  // A value of another type or range.
      guard !metadata.isEmpty else { return }
      metadata[m.below(metadata.count)].value = m.pick(Self.hostileValues)
    case 2:  // A key removed.
      guard !metadata.isEmpty else { return }
      metadata.remove(at: m.below(metadata.count))
    case 3:  // A key repeated with another value.
      guard !metadata.isEmpty else { return }
      let k = metadata[m.below(metadata.count)].key
      metadata.append((k, m.pick(Self.hostileValues)))
    case 4:  // An integer field moved to an edge.
      let keys = metadata.indices.filter { metadata[$0].value.integer != nil }
      guard !keys.isEmpty else { return }
      let v = m.pick(HostileValues.integers)
      metadata[m.pick(keys)].value = v >= 0 ? .uint64(UInt64(v)) : .int64(v)
    case 5, 6:  // A token, a merge or a token type replaced.
      editArray(&m)
    case 7:  // A named choice changed.
      let choices: [(String, [String])] = [
        ("general.architecture", ["llama", "gemma3", "qwen2", "LLAMA", ""]),
        ("tokenizer.ggml.model", ["gpt2", "llama", "bert", ""]),
        ("tokenizer.ggml.pre", ["default", "gpt2", "starcoder", "qwen2", "../x"]),
        ("llama.rope.scaling.type", ["none", "linear", "yarn"]),
      ]
      let (key, values) = m.pick(choices)
      set(key, .string(m.pick(values)))
    case 8:  // A tensor removed.
      guard !tensors.isEmpty else { return }
      tensors.remove(at: m.below(tensors.count))
    case 9:  // A tensor of another shape (its values follow the shape, or not).
      guard !tensors.isEmpty else { return }
      let i = m.below(tensors.count)
      var shape = tensors[i].shape
      switch m.below(4) {
      case 0: shape.reverse()
      case 1: shape[m.below(shape.count)] += m.oneIn(2) ? 1 : -1
      case 2: shape.append(1)
      default: shape = [shape.reduce(1, *)]
      }
      tensors[i].shape = shape
      if !m.oneIn(3), shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) < 1 << 20 {
        tensors[i].values = Array(
          tensors[i].values.prefix(shape.reduce(1, *))
            + repeatElement(0, count: max(0, shape.reduce(1, *) - tensors[i].values.count)))
      }
    case 10:  // Non-finite weights.
      guard !tensors.isEmpty else { return }
      let i = m.below(tensors.count)
      guard !tensors[i].values.isEmpty else { return }
      tensors[i].values[m.below(tensors[i].values.count)] = m.pick([.nan, .infinity, -.infinity])
    default:  // A sizing key the reader knows set to a value that contradicts the tensors.
      let keys = [
        "llama.embedding_length", "llama.block_count", "llama.attention.head_count",
        "llama.attention.head_count_kv", "llama.attention.key_length", "llama.feed_forward_length",
        "llama.vocab_size", "llama.context_length", "general.alignment",
      ]
      set(m.pick(keys), .uint32(m.pick([0, 1, 2, 3, 8, 16, 31, 33, 64, 1000, 1 << 20])))
    }
  }

  mutating func set(_ key: String, _ value: GGUFValue) {
    if let i = metadata.firstIndex(where: { $0.key == key }) {
      metadata[i].value = value
    } else {
      metadata.append((key, value))
    }
  }

  mutating func editArray(_ m: inout Mutator) {
    let keys = [
      "tokenizer.ggml.tokens", "tokenizer.ggml.merges", "tokenizer.ggml.token_type",
    ]
    let key = m.pick(keys)
    guard let i = metadata.firstIndex(where: { $0.key == key }),
      case .array(let type, var elements) = metadata[i].value
    else { return }
    switch m.below(5) {
    case 0 where !elements.isEmpty:
      elements[m.below(elements.count)] =
        type == .string ? .string(m.pick(Self.hostileTexts)) : m.pick(Self.hostileValues)
    case 1 where !elements.isEmpty: elements.removeLast(1 + m.below(min(elements.count, 40)))
    case 2: elements.append(type == .string ? .string(m.pick(Self.hostileTexts)) : .int32(3))
    case 3: elements = []
    default:
      // An element of another type inside the array.
      if !elements.isEmpty { elements[m.below(elements.count)] = m.pick(Self.hostileValues) }
    }
    metadata[i].value = .array(type, elements)
  }
}
