import QINSSupport

/// A Llama-family model in plain FP32, independent of the simulator: token embeddings, the
/// decoder layers (RMS norm, query/key/value projections, rotate-half RoPE, causal
/// grouped-query attention against the KV cache, output projection, residual; RMS norm,
/// `silu(gate) * up`, down projection, residual), the final RMS norm and the output head.
///
/// ``forward(_:cache:)`` takes any number of new tokens after the cache's positions: the
/// prompt at once (prefill) or one token at a time (decode). Every output row is computed by
/// the same sums in the same order either way, so a prefill followed by decodes gives the
/// same bits as one prefill of all the tokens.
public struct LlamaReference: Sendable {
  public let weights: LlamaWeights
  public let parallelism: Parallelism
  /// Each layer's matrices transposed to [in, out] once (query, key, value, output, gate, up,
  /// down), and the head.
  let transposed: [[FloatMatrix]]
  let transposedHead: FloatMatrix

  public init(weights: LlamaWeights, parallelism: Parallelism = .allCores) {
    self.weights = weights
    self.parallelism = parallelism
    transposed = weights.layers.map { w in
      [w.query, w.key, w.value, w.output, w.gate, w.up, w.down].map { $0.transposed() }
    }
    transposedHead = weights.head.transposed()
  }

  public var configuration: LlamaConfiguration { weights.configuration }

  /// An empty cache for this model.
  public func emptyCache() -> LlamaKVCache {
    LlamaKVCache(layers: weights.layers.count, width: configuration.kvWidth)
  }

  /// The embeddings of some tokens, [tokens, hidden].
  public func embed(_ tokens: [Int]) -> FloatMatrix {
    let h = configuration.hidden
    var x = FloatMatrix(rows: tokens.count, cols: h)
    for (r, t) in tokens.enumerated() {
      precondition(weights.embeddings.rows > t && t >= 0, "token \(t) outside the vocabulary")
      for c in 0..<h { x[r, c] = weights.embeddings[t, c] }
    }
    return x
  }

  /// One decoder layer on hidden states `x` of the positions after those in the cache; appends
  /// their keys and values to the cache.
  public func layer(_ l: Int, _ x: FloatMatrix, cache: inout LlamaKVCache) -> FloatMatrix {
    typealias Op = ReferenceOperations
    let c = configuration
    let w = weights.layers[l]
    let t = transposed[l]
    let first = cache.keys[l].rows
    func linear(_ x: FloatMatrix, _ i: Int, _ bias: [Float]? = nil) -> FloatMatrix {
      Op.linear(x, transposedWeight: t[i], bias: bias, parallelism: parallelism)
    }
    let h = Op.rmsNorm(x, gamma: w.attentionNorm, eps: c.normEps)
    let q = Op.rope(
      linear(h, 0, w.queryBias), heads: c.heads,
      headDim: c.headDim, base: c.ropeBase, firstPosition: first)
    let k = Op.rope(
      linear(h, 1, w.keyBias), heads: c.kvHeads,
      headDim: c.headDim, base: c.ropeBase, firstPosition: first)
    let v = linear(h, 2, w.valueBias)
    cache.keys[l].append(rows: k)
    cache.values[l].append(rows: v)
    let context = Op.attention(
      q: q, k: cache.keys[l], v: cache.values[l], heads: c.heads, kvHeads: c.kvHeads,
      headDim: c.headDim, causalOffset: first)
    let x1 = Op.add(x, linear(context, 3))
    let h2 = Op.rmsNorm(x1, gamma: w.mlpNorm, eps: c.normEps)
    let gate = linear(h2, 4)
    let up = linear(h2, 5)
    var act = FloatMatrix(rows: x.rows, cols: c.intermediate)
    for i in 0..<act.values.count { act.values[i] = Op.silu(gate.values[i]) * up.values[i] }
    return Op.add(x1, linear(act, 6))
  }

  /// The final norm and the output head: logits [rows, vocabulary].
  public func head(_ x: FloatMatrix) -> FloatMatrix {
    let n = ReferenceOperations.rmsNorm(x, gamma: weights.outputNorm, eps: configuration.normEps)
    return ReferenceOperations.linear(
      n, transposedWeight: transposedHead, parallelism: parallelism)
  }

  /// The logits of every new token, [tokens, vocabulary]; the cache grows by the tokens.
  public func forward(_ tokens: [Int], cache: inout LlamaKVCache) -> FloatMatrix {
    var x = embed(tokens)
    for l in 0..<weights.layers.count { x = layer(l, x, cache: &cache) }
    return head(x)
  }

  /// Greedy decoding: the prompt in one prefill, then `count` tokens, each the arg-max of the
  /// previous logits (the lowest id among equal maxima). Returns the new tokens and the logits
  /// of every position, [prompt + count - 1, vocabulary] (the last new token is not fed back).
  public func generate(prompt: [Int], count: Int) -> (tokens: [Int], logits: FloatMatrix) {
    var cache = emptyCache()
    var logits = forward(prompt, cache: &cache)
    var out: [Int] = []
    for step in 0..<count {
      let next = Self.argmax(logits, row: logits.rows - 1)
      out.append(next)
      if step + 1 < count { logits.append(rows: forward([next], cache: &cache)) }
    }
    return (out, logits)
  }

  /// The column of the largest value of a row (the first of equal maxima; NaN never wins).
  public static func argmax(_ m: FloatMatrix, row: Int) -> Int {
    var best = 0
    var value = -Float.infinity
    for c in 0..<m.cols where m[row, c] > value {
      best = c
      value = m[row, c]
    }
    return best
  }
}
