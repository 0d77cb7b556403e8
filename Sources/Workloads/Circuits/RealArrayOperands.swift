import FP32Reference
import MachineDescription
import ProgramLibrary
import QINSSupport
import SystolicArray
import Tokenization

/// The operands real workloads feed a machine's array, recorded from runs with values: what
/// the circuits' switching energy is measured on besides random operands (Docs/circuits.md).
public enum RealArrayOperands {
  /// all-MiniLM-L6-v2's layer 0 on `machine`, once per sentence: the operands of the layer's
  /// first `gemms` GEMMs each time (its encoded activations and weights, attention included).
  public static func miniLM(
    weights: String, vocabulary: String, sentences: [String], machine: MachineDescription,
    programs: ProgramSource, gemms: Int, parallelism: Parallelism
  ) throws(WorkloadError) -> [ArrayOperands] {
    let tokenizer: WordPieceTokenizer
    do { tokenizer = try WordPieceTokenizer(vocabularyFile: vocabulary) } catch {
      throw WorkloadError("\(vocabulary): \(error)")
    }
    let (bert, layers): (BERTEmbeddings, [EncoderWeights])
    do { (bert, layers) = try SentenceEmbeddingExperiment.miniLMWeights(weights) } catch {
      throw WorkloadError("\(weights): \(error)")
    }
    var out: [ArrayOperands] = []
    for sentence in sentences {
      let ids = tokenizer.encode(sentence)
      guard ids.count <= SentenceEmbeddingExperiment.maximumTokens else {
        throw WorkloadError(
          "'\(sentence.prefix(40))...' has \(ids.count) tokens; the model takes \(SentenceEmbeddingExperiment.maximumTokens)"
        )
      }
      let image = try BlockTiling.assemble(
        TransformerBlock.programName(model: .miniLM), from: programs, .miniLM, seq: ids.count,
        machines: [machine])
      let run = try LayerSimulation(image: image, machine: machine)
      out += try run.arrayOperands(
        TransformerBlock.encoder(layers[0]).bindings, bert(ids), gemms: gemms,
        parallelism: parallelism)
    }
    return out
  }

  /// Layer `layer` of a Llama-family GGUF model on `machine`, prefilling `prompt`'s tokens:
  /// the operands of the layer's first `gemms` GEMMs.
  public static func llama(
    model path: String, prompt: String, layer: Int, machine: MachineDescription,
    programs: ProgramSource, gemms: Int, parallelism: Parallelism
  ) throws(WorkloadError) -> [ArrayOperands] {
    let file = try LlamaModelFile.read(
      path, layers: layer + 1, machines: 1, budget: .standard)
    let tokens: [Int]
    do { tokens = try file.tokenizer.encode(prompt) } catch {
      throw WorkloadError("the prompt: \(error)")
    }
    let programs = try LlamaPrograms(
      source: programs, configuration: file.weights.configuration, contextCapacity: tokens.count,
      machines: [machine])
    var model = try LlamaMachineModel(
      machine: machine, weights: file.weights, programs: programs, parallelism: parallelism)
    model.arrayOperandCapture = (layer, gemms)
    _ = try model.layers(tokens)
    return model.capturedArrayOperands
  }
}
