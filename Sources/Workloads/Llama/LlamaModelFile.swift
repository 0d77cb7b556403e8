import FP32Reference
import Foundation
import QINSSupport
import TensorIO
import Tokenization

/// A Llama-family model read from a GGUF file, as `generate` and `perplexity` use it: its
/// weights dequantized to FP32 and its tokenizer, each checked against the other and against
/// the host memory the run may take before anything is dequantized.
public struct LlamaModelFile: Sendable {
  public var weights: LlamaWeights
  public var tokenizer: ByteLevelBPETokenizer

  /// Reads the file at `path` (into memory, not mapped: its size is checked against `budget`
  /// first) and loads it as ``load(_:layers:machines:budget:)`` does.
  public static func read(
    _ path: String, layers: Int?, machines: Int, budget: HostMemoryBudget
  ) throws(WorkloadError) -> LlamaModelFile {
    if let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber {
      do { try budget.check(size.intValue, for: "reading the model file (\(path))") } catch {
        throw WorkloadError(error.description)
      }
    }
    let file: GGUFFile
    do { file = try GGUFFile(path: path) } catch { throw WorkloadError(error.description) }
    return try load(file, layers: layers, machines: machines, budget: budget)
  }

  /// The model in `file`, its first `layers` decoder layers only when given.
  ///
  /// The host memory the run needs is checked against `budget` before anything is
  /// dequantized: the file's bytes, every tensor loaded as FP32, and one copy of them per
  /// machine in its formats (`machines`, the FP32 machine included), about 4 bytes per weight
  /// each (SmolLM2-135M on two machines: 1.6 GB estimated, 1.5 GiB measured at its peak).
  /// A tokenizer that can produce ids beyond the model's vocabulary (the embedding's rows) is
  /// refused, and so is `layers` beyond the model's.
  public static func load(
    _ file: GGUFFile, layers: Int?, machines: Int, budget: HostMemoryBudget
  ) throws(WorkloadError) -> LlamaModelFile {
    do {
      try budget.check(
        HostMemoryBudget.sum([file.byteCount, hostBytes(file, layers: layers, machines: machines)]),
        for:
          "the model's weights (\(file.path)) as FP32 and on \(machines) machine\(machines == 1 ? "" : "s")"
      )
    } catch { throw WorkloadError(error.description) }
    let tokenizer: ByteLevelBPETokenizer
    do { tokenizer = try ByteLevelBPETokenizer(gguf: file) } catch {
      throw WorkloadError(error.description)
    }
    let weights: LlamaWeights
    do { weights = try LlamaWeights.load(file, layers: layers) } catch {
      throw WorkloadError(error.description)
    }
    let c = weights.configuration
    if let layers, layers > c.layers {
      throw WorkloadError("--layers \(layers): the model has \(c.layers) layers")
    }
    guard tokenizer.tokens.count <= c.vocabulary else {
      throw WorkloadError(
        "\(file.path): the tokenizer has \(tokenizer.tokens.count) tokens, more than the model's vocabulary of \(c.vocabulary) (token_embd's rows)"
      )
    }
    return LlamaModelFile(weights: weights, tokenizer: tokenizer)
  }

  /// The host bytes a run of the model on `machines` machines needs: 4 bytes per weight it
  /// loads, once as FP32 and once per machine; nil when that overflows.
  public static func hostBytes(_ file: GGUFFile, layers: Int?, machines: Int) -> Int? {
    var elements: Int? = 0
    for t in file.tensors {
      if let layers, t.name.hasPrefix("blk."),
        let n = Int(t.name.dropFirst(4).prefix { $0 != "." }), n >= layers
      {
        continue
      }
      elements = HostMemoryBudget.sum([
        elements,
        t.dimensions.reduce(Int?(1)) { p, d in
          p.flatMap { HostMemoryBudget.product($0, d) }
        },
      ])
    }
    return elements.flatMap { HostMemoryBudget.product($0, 4, 1 + machines) }
  }
}
