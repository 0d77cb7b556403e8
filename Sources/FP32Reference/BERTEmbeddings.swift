import TensorIO

/// BERT's input embeddings: word, position and token-type (type 0) embeddings summed, then
/// layer norm (eps 1e-12). Computed in FP32 on the host before the layers run: the boundary
/// of the seed's Pattern B.
public struct BERTEmbeddings: Sendable {
  public var words: FloatMatrix
  public var positions: FloatMatrix
  public var tokenType: [Float]
  public var normGamma: [Float]
  public var normBeta: [Float]

  public static func load(_ file: SafetensorsFile) throws(TensorFileError) -> BERTEmbeddings {
    let prefix = file.entries["bert.embeddings.word_embeddings.weight"] != nil ? "bert." : ""
    func matrix(_ name: String) throws(TensorFileError) -> FloatMatrix {
      let t = try file.tensor(prefix + name)
      return FloatMatrix(rows: t.shape[0], cols: t.shape[1], values: t.values)
    }
    let types = try matrix("embeddings.token_type_embeddings.weight")
    return BERTEmbeddings(
      words: try matrix("embeddings.word_embeddings.weight"),
      positions: try matrix("embeddings.position_embeddings.weight"),
      tokenType: Array(types.values[0..<types.cols]),
      normGamma: try file.tensor(prefix + "embeddings.LayerNorm.weight").values,
      normBeta: try file.tensor(prefix + "embeddings.LayerNorm.bias").values)
  }

  /// The hidden states [ids.count, hidden] for token ids at positions 0, 1, ...
  public func callAsFunction(_ ids: [Int]) -> FloatMatrix {
    let h = words.cols
    var x = FloatMatrix(rows: ids.count, cols: h)
    for (p, id) in ids.enumerated() {
      for c in 0..<h { x[p, c] = words[id, c] + positions[p, c] + tokenType[c] }
    }
    return ReferenceOperations.layerNorm(x, gamma: normGamma, beta: normBeta, eps: 1e-12)
  }
}

/// Mean pooling over the tokens and L2 normalisation: a sentence-transformers embedding.
public enum SentenceEmbedding {
  public static func pool(_ x: FloatMatrix) -> [Float] {
    var mean = [Float](repeating: 0, count: x.cols)
    for r in 0..<x.rows { for c in 0..<x.cols { mean[c] += x[r, c] } }
    let n = Float(x.rows)
    mean = mean.map { $0 / n }
    let norm = mean.reduce(0) { $0 + $1 * $1 }.squareRoot()
    return norm == 0 ? mean : mean.map { $0 / norm }
  }

  /// The cosine similarity of two normalised embeddings (their dot product).
  public static func similarity(_ a: [Float], _ b: [Float]) -> Float {
    zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
  }
}
