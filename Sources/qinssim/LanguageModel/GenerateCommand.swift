import ArgumentParser
import FP32Reference
import Foundation
import MachineDescription
import ProgramLibrary
import QINSMachine
import QINSSupport
import TensorIO
import Workloads

/// `qinssim generate`: greedy generation of a real language model on a machine, on the FP32
/// machine and in the FP32 reference, side by side.
struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract:
      "Generate text greedily with a Llama-family GGUF model on a machine, on fp32-reference and in the FP32 reference.",
    discussion: """
      The prompt is tokenized with the model's own byte-level BPE tokenizer. The FP32 \
      reference (independent plain code) generates first. Each machine runs \
      Programs/llama_prefill.qasm over the prompt (every layer; the KV cache is written to \
      DRAM in the storage format) and Programs/llama_head.qasm over the last position: the \
      time to the first token. Each further token runs Programs/llama_decode.qasm (one \
      token against the cache) in every layer and the head: the decode latency, energy and \
      DRAM bytes per token. Agreement is teacher-forced: at each position the machine has \
      seen the reference's tokens, so one disagreement does not derail the rest. Weights \
      are converted to each machine's formats before the runs (not counted); token \
      embeddings are gathered on the host in FP32.
      """
  )

  @OptionGroup var model: ModelFileOptions
  @Option(help: "The prompt text.") var prompt: String
  @Option(parsing: .unconditional, help: "Tokens to generate.") var tokens: Int = 16
  @Option(help: ArgumentHelp(MachineOption.help, valueName: "machine")) var machine: String =
    "qins-default"
  @Option(help: "Write every figure and the token ids as JSON to this file.") var json: String?
  @Option(help: ArgumentHelp(CSVOption.help, valueName: "file.csv")) var csv: String?
  @Option(
    help: ArgumentHelp(
      "Write each run's logits for every position as float32 .npy [positions, vocab] into this directory (reference.npy and one file per machine).",
      valueName: "dir"))
  var logits: String?
  @OptionGroup var programsOption: ProgramsOption
  @OptionGroup var energyTableOption: EnergyTableOption
  @OptionGroup var threadsOption: ThreadsOption

  func validate() throws {
    guard (1...4096).contains(tokens) else {
      throw ValidationError("--tokens must be from 1 to 4096, not \(tokens).")
    }
    try OutputPaths.refuseInputs([json, csv], directories: [logits], inputs: [model.weights])
  }

  func run() throws {
    let list = try energyTableOption.apply(LanguageModelMachines.list(machine))
    let source = try programsOption.source(holding: "llama_decode.qasm")
    let logitsDirectory = try logits.map { try OutputFiles.prepareDirectory($0) }
    let (weights, tokenizer) = try model.load(machines: list.count)
    let ids = try tokenizer.encode(prompt)
    guard !ids.isEmpty else { throw CommandError("--prompt: the prompt has no tokens") }
    let progress = ProgressDisplay.standardError()
    var experiment = GenerationExperiment(prompt: ids, count: tokens)
    experiment.promptLogits = logits != nil
    let result = try experiment.run(
      weights: weights, tokenizer: tokenizer, machines: list, programs: source,
      parallelism: threadsOption.parallelism, progress: { progress.note($0) })
    progress.clear()
    var report = LanguageModelReport.Generation(
      model: model.weights, layers: weights.configuration.layers, prompt: prompt,
      promptTokens: ids, reference: result.reference, machines: result.machines)
    if let logitsDirectory {
      // Machine names are data: the files get safe, distinct names, recorded in the JSON.
      let files = FileNames.unique(result.logits.map(\.name)).map { $0 + ".npy" }
      report.logitsFiles = Dictionary(
        uniqueKeysWithValues: zip(result.logits.map(\.name), files))
      try OutputFiles.writeSet(
        zip(result.logits, files).map { run, file in
          let m = run.values
          return (
            logitsDirectory.appendingPathComponent(file).path,
            Data(NPYFile.bytes(of: FloatTensor(shape: [m.rows, m.cols], values: m.values)))
          )
        })
    }
    if let json { try OutputFiles.write(JSONOutput.encode(report), to: URL(fileURLWithPath: json)) }
    if let csv {
      var table = OperatorTable()
      for m in result.machines { m.addOperators(to: &table) }
      try CSVOption.write(table, to: csv)
    }
    print(report.text)
    if let note = LanguageModelMachines.hardwareNote(list) { print(note) }
  }
}
