import FP32Reference
import Foundation
import MachineDescription
import QBinary
import QINSAssembler
import QINSSupport
import Sweeps
import TensorIO
import Workloads

/// Runs the reader surfaces in this process: each case must end in a value or a thrown
/// error. A trap ends the process, and with it the campaign, naming the surface and case
/// (printed to standard error before each case when `announce` is set).
public struct InProcessFuzzer: Sendable {
  let generator: CaseGenerator

  public init(generator: CaseGenerator) { self.generator = generator }

  /// Runs case `index` of `surface`; returns whether the input was accepted.
  public func run(_ surface: FuzzSurface, _ index: Int) -> Bool {
    var m = generator.mutator(surface, index)
    switch surface {
    case .assemblerSource:
      let text =
        m.oneIn(4)
        ? (0..<(1 + m.below(12))).map { _ in m.pick(FuzzSeeds.fragments) }.joined(separator: "\n")
        : m.mutate(text: m.pick(FuzzSeeds.programs), fragments: FuzzSeeds.fragments)
      return Assembler.assemble(source: text, name: "case.qasm").image != nil
    case .qbinReader:
      let bytes = CaseGenerator.mutateBinary(m.pick(generator.binaries), &m)
      return (try? BinaryReader.image(from: bytes)) != nil
    case .npyReader:
      return (try? NPYFile.parse(m.mutate(FuzzSeeds.input))) != nil
    case .safetensorsReader:
      guard
        let file = try? SafetensorsFile(
          data: Data(m.mutate(FuzzSeeds.safetensors)), name: "case.safetensors")
      else { return false }
      var all = true
      for name in file.entries.keys.sorted() where (try? file.tensor(name)) == nil { all = false }
      return all
    case .ggufReader:
      guard let file = try? GGUFFile(data: Data(m.mutate(FuzzSeeds.gguf)), name: "case.gguf")
      else { return false }
      var all = true
      for t in file.tensors where (try? file.tensor(t.name)) == nil { all = false }
      return all
    case .machineReader:
      let text = CaseGenerator.mutateJSON(m.pick(generator.machines), &m)
      return (try? MachineDescription(json: Data(text.utf8))) != nil
    case .machineTOMLReader:
      let text = m.mutate(text: m.pick(generator.machineTOMLs), fragments: FuzzSeeds.tomlFragments)
      return (try? MachineDescription(toml: text)) != nil
    case .sweepSpecReader:
      let text = m.mutate(text: m.pick(FuzzSeeds.sweepSpecs), fragments: FuzzSeeds.tomlFragments)
      return (try? SweepSpecification(toml: text)) != nil
    case .ggufModels:
      let bytes =
        m.oneIn(8)
        ? m.mutate(TinyLlamaModel.standard.bytes) : TinyLlamaModel.standard.mutated(&m).bytes
      guard let file = try? GGUFFile(data: Data(bytes), name: "case.gguf"),
        let model = try? LlamaModelFile.load(
          file, layers: m.oneIn(4) ? 1 + m.below(2) : nil, machines: 2,
          budget: HostMemoryBudget(limitBytes: 1 << 30))
      else { return false }
      // A text through the tokenizer, its first tokens through the FP32 reference, and the
      // next token back to text.
      let text = m.oneIn(3) ? m.pick(TinyLlamaModel.hostileTexts) : TinyLlamaModel.text
      guard let ids = try? model.tokenizer.encode(text), !ids.isEmpty else { return true }
      let reference = LlamaReference(weights: model.weights, parallelism: .serial)
      var cache = reference.emptyCache()
      let logits = reference.forward(Array(ids.prefix(6)), cache: &cache)
      let next = LlamaReference.argmax(logits, row: logits.rows - 1)
      _ = model.tokenizer.displayText(ids + [next])
      return true
    default:
      preconditionFailure("\(surface) runs through the commands")
    }
  }
}
