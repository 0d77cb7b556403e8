import ArgumentParser
import FP32Reference
import Foundation
import MachineDescription
import ProgramLibrary
import QINSMachine
import QINSSupport
import TensorIO
import Tokenization
import Workloads

/// `qinssim sentences`: sentence embeddings from all-MiniLM-L6-v2 on the machine and in FP32.
struct SentencesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sentences",
    abstract:
      "Embed sentences with all-MiniLM-L6-v2 on a machine and in FP32; compare their similarities.",
    discussion: """
      Tokenizes each sentence with the model's vocab.txt (BERT's uncased WordPiece), embeds \
      the tokens in FP32 (word, position and type embeddings, layer norm), runs the six \
      encoder layers on the chosen machine (or every machine of --machines), on fp32-reference and in the FP32 reference, mean-\
      pools and normalises, and prints every pair's cosine similarity three ways, as a user of \
      sentence embeddings reads them, with each sentence's agreement with the FP32 reference.
      """
  )

  @Argument(help: "Two or more sentences.") var sentences: [String]
  @Option(help: "all-MiniLM-L6-v2's model.safetensors.") var weights: String
  @Option(help: "The vocabulary (default: vocab.txt beside the weights).") var vocab: String?
  @Option(help: ArgumentHelp(MachineOption.help, valueName: "machine")) var machine: String =
    "qins-default"
  @Option(
    help: ArgumentHelp(
      MachineOption.listHelp + "; overrides --machine. fp32-reference is always run.",
      valueName: "list"))
  var machines: String?
  @OptionGroup var programsOption: ProgramsOption

  @OptionGroup var energyTableOption: EnergyTableOption
  @OptionGroup var threadsOption: ThreadsOption
  @Option(help: "Write the figures as JSON to this file.") var json: String?
  @Option(help: ArgumentHelp(CSVOption.help, valueName: "file.csv")) var csv: String?
  @Option(
    help: ArgumentHelp(
      "Write reference.npy and one NAME.npy per machine, [sentences, hidden] float32, into this directory.",
      valueName: "dir"))
  var embeddings: String?

  func validate() throws {
    guard sentences.count >= 2 else { throw ValidationError("Give at least two sentences.") }
    for s in sentences where s.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("A sentence is empty.")
    }
    try OutputPaths.refuseInputs(
      [json, csv], directories: [embeddings],
      inputs: [weights, vocab].compactMap { $0 } + MachineOption.files(machines ?? machine))
  }

  func run() throws {
    // Beside the weights, wherever they are given from (`--weights model.safetensors` in the
    // model's folder reads ./vocab.txt, not /vocab.txt).
    let vocabPath =
      vocab
      ?? URL(fileURLWithPath: weights).deletingLastPathComponent().appendingPathComponent(
        "vocab.txt"
      ).path
    let tokenizer: WordPieceTokenizer
    do { tokenizer = try WordPieceTokenizer(vocabularyFile: vocabPath) } catch {
      throw CommandError("--vocab: \(error)")
    }
    let (bert, layers): (BERTEmbeddings, [EncoderWeights])
    do { (bert, layers) = try SentenceEmbeddingExperiment.miniLMWeights(weights) } catch {
      throw CommandError("--weights: \(error)")
    }
    let list = try energyTableOption.apply(MachineOption.lineup(machines ?? machine))
    let experiment = SentenceEmbeddingExperiment(
      sentences: sentences, machines: list,
      programs: try programsOption.source(holding: "encoder_block.qasm"))
    let result = try experiment.run(
      tokenizer: tokenizer, embeddings: bert, layers: layers,
      progress: ProgressDisplay.standardError(terminalOutput: true),
      parallelism: threadsOption.parallelism)
    var report = result.report
    let (reference, embedded) = (result.reference, result.embeddings)
    let tokenLists = report.tokens
    let figures = report.machines
    let pairs = report.pairs
    if let embeddings {
      let directory = try OutputFiles.prepareDirectory(embeddings)
      func file(_ name: String, _ rows: [[Float]]) -> (path: String, data: Data) {
        let t = FloatTensor(shape: [rows.count, rows[0].count], values: rows.flatMap { $0 })
        return (directory.appendingPathComponent("\(name).npy").path, Data(NPYFile.bytes(of: t)))
      }
      // Machine names are data: the files get safe, distinct names, recorded in the JSON.
      let names = ["reference"] + list.map(\.name)
      let files = FileNames.unique(names)
      report.embeddingsFiles = Dictionary(
        uniqueKeysWithValues: zip(names, files.map { $0 + ".npy" }))
      try OutputFiles.writeSet(
        [file(files[0], reference)] + list.indices.map { file(files[$0 + 1], embedded[$0]) })
    }
    if let json {
      try OutputFiles.write(JSONOutput.encode(report), to: URL(fileURLWithPath: json))
    }
    if let csv { try CSVOption.write(report.operatorTable, to: csv) }
    print("all-MiniLM-L6-v2 (real weights), 6 layers, mean pooling, normalised\n")
    for (i, s) in sentences.enumerated() {
      print(
        "[\(i)] \(PrintableText.escaped(s))\n    "
          + PrintableText.escaped(tokenLists[i].joined(separator: " ")))
    }
    var t = TextTable(["pair", "FP32 reference"] + list.map(\.name))
    for p in pairs {
      t.add(
        ["\(p.a)-\(p.b)", Format.g(Double(p.reference), 4)]
          + list.map { Format.g(Double(p.machines[$0.name]!), 4) })
    }
    print("\nCosine similarity of each pair's embeddings\n" + t.rendered)
    var a = TextTable(["sentence"] + list.map { "\($0.name) vs reference" })
    for i in sentences.indices {
      a.add(["[\(i)]"] + list.map { Format.g(Double(figures[$0.name]!.embeddingCosine[i]), 4) })
    }
    a.add(["mean"] + list.map { Format.g(Double(figures[$0.name]!.embeddingCosineMean), 4) })
    a.add(["min"] + list.map { Format.g(Double(figures[$0.name]!.embeddingCosineMin), 4) })
    print("\nEach embedding against the FP32 reference's (cosine)\n" + a.rendered)
    var c = TextTable(
      "machine", "format", "cycles", "energy (mJ)", "avg power (W)", "DRAM (MB)", "weights (MB)",
      "PE MAC (pJ)", "area (mm2)")
    for m in list {
      let f = figures[m.name]!
      c.add(
        m.name, m.storageName, String(f.cycles), Format.g(f.energyPj * 1e-9, 4),
        Format.g(f.avgPowerW, 4), Format.g(Double(f.dramBytes) / 1e6, 4),
        Format.g(Double(f.weightBytes) / 1e6, 4), Format.g(f.peMultiplyAccumulatePj, 3),
        Format.g(f.areaMm2, 4))
    }
    print("\nCost of embedding all the sentences\n" + c.rendered)
    if let note = LanguageModelMachines.hardwareNote(list) { print(note) }
    var e = TextTable(["layer"] + list.map { "\($0.name) (output rel. RMS / update cosine)" })
    for l in 0..<6 {
      e.add(
        ["\(l)"]
          + list.map {
            let x = figures[$0.name]!.perLayer[l]
            return Format.g(x.output.relRms, 3) + " / " + Format.g(x.update.cosine, 4)
          })
    }
    print("\nEach layer against the FP32 reference, over all the sentences' tokens\n" + e.rendered)
  }
}
