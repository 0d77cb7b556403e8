import ArgumentParser
import FP32Reference
import Foundation
import MachineDescription
import ProgramLibrary
import QINSMachine
import QINSSupport
import Workloads

/// `qinssim perplexity`: a text's perplexity on a machine, on the FP32 machine and in the FP32
/// reference, with agreement and KL divergence against the reference.
struct PerplexityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "perplexity",
    abstract:
      "Perplexity of a text under a Llama-family GGUF model on a machine, on fp32-reference and in the FP32 reference.",
    discussion: """
      The text (a few paragraphs shipped with the tool unless --text is given) is tokenized \
      and cut into consecutive windows of --context tokens; each window is one prefill from \
      an empty KV cache (Programs/llama_prefill.qasm in every layer, then \
      Programs/llama_head.qasm over every position), and position i predicts token i + 1. \
      Printed per run: perplexity, mean negative log-likelihood, top-1 agreement with the \
      reference and the mean KL divergence KL(reference || machine) in nats, and the cost \
      per scored token (time at the machine's clock, energy, DRAM bytes).
      """
  )

  @OptionGroup var model: ModelFileOptions
  @Option(help: "A UTF-8 text file (default: the text shipped with the tool).") var text: String?
  @Option(parsing: .unconditional, help: "Tokens per window (each a prefill from an empty cache).")
  var context: Int = 64
  @Option(
    parsing: .unconditional, help: "Score at most this many tokens of the text (its beginning).")
  var maxTokens: Int?
  @Option(help: ArgumentHelp(MachineOption.help, valueName: "machine")) var machine: String =
    "qins-default"
  @Option(help: "Write every figure as JSON to this file.") var json: String?
  @Option(help: ArgumentHelp(CSVOption.help, valueName: "file.csv")) var csv: String?
  @OptionGroup var programsOption: ProgramsOption
  @OptionGroup var energyTableOption: EnergyTableOption
  @OptionGroup var threadsOption: ThreadsOption

  func validate() throws {
    guard (2...4096).contains(context) else {
      throw ValidationError("--context must be from 2 to 4096, not \(context).")
    }
    if let maxTokens, maxTokens < 2 {
      throw ValidationError("--max-tokens must be at least 2 (got \(maxTokens)).")
    }
    try OutputPaths.refuseInputs([json, csv], inputs: [model.weights, text].compactMap { $0 })
  }

  func run() throws {
    let list = try energyTableOption.apply(LanguageModelMachines.list(machine))
    let source = try programsOption.source(holding: "llama_prefill.qasm")
    var body = DefaultText.paragraphs
    if let text {
      guard let data = FileManager.default.contents(atPath: text) else {
        throw CommandError("--text \(text): \(InputFile.whyUnreadable(text))")
      }
      guard let s = String(data: data, encoding: .utf8) else {
        throw CommandError("--text \(text): not UTF-8 text")
      }
      body = s
    }
    let (weights, tokenizer) = try model.load(machines: list.count)
    var ids = try tokenizer.encode(body)
    if let maxTokens { ids = Array(ids.prefix(maxTokens)) }
    guard ids.count >= 2 else { throw CommandError("the text has fewer than 2 tokens") }
    let progress = ProgressDisplay.standardError()
    let experiment = PerplexityExperiment(tokens: ids, context: context)
    let result = try experiment.run(
      weights: weights, machines: list, programs: source,
      parallelism: threadsOption.parallelism, progress: { progress.note($0) })
    progress.clear()
    let report = LanguageModelReport.Perplexity(
      model: model.weights, layers: weights.configuration.layers,
      text: text ?? "the default text", tokens: ids.count, context: context,
      windows: experiment.windows.count, reference: result.reference, machines: result.machines)
    if let json { try OutputFiles.write(JSONOutput.encode(report), to: URL(fileURLWithPath: json)) }
    if let csv {
      var table = OperatorTable()
      for m in result.machines { m.addOperators(to: &table) }
      try CSVOption.write(table, to: csv)
    }
    print(report.rendered)
    if let note = LanguageModelMachines.hardwareNote(list) { print(note) }
  }
}
