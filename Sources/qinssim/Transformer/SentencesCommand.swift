import ArgumentParser
import FP32Reference
import Foundation
import MachineDescription
import QBinary
import QINSAssembler
import QINSMachine
import QINSSupport
import TensorIO
import Tokenization

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
  @Option(help: "The machine: a preset or a description file.") var machine: String = "qins-default"
  @Option(
    help: ArgumentHelp(
      "Several machines side by side, comma-separated presets or files; overrides --machine. fp32-reference is always run.",
      valueName: "list"))
  var machines: String?
  @Option(help: "The directory holding encoder_block.qasm.") var programs: String?

  @OptionGroup var threadsOption: ThreadsOption
  @Option(help: "Write the figures as JSON to this file.") var json: String?
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
    let machineFiles = (machines ?? machine).split(separator: ",").map(String.init).filter(
      MachineOption.isFile)
    try OutputPaths.refuseInputs(
      [json], directories: [embeddings],
      inputs: [weights, vocab].compactMap { $0 } + machineFiles)
  }

  struct Report: Encodable {
    struct Pair: Encodable {
      var a: Int
      var b: Int
      var reference: Float
      /// Each machine's similarity, by machine name.
      var machines: [String: Float]
    }
    struct MachineFigures: Encodable {
      /// Each sentence's embedding against the FP32 reference's (cosine).
      var embeddingCosine: [Float]
      var embeddingCosineMean: Float
      var embeddingCosineMin: Float
      var cycles: Int
      var energyPj: Double
      var avgPowerW: Double
      var dramBytes: Int
      var weightBytes: Int
      var peMultiplyAccumulatePj: Double
      var areaMm2: Double
      /// Each layer's output and update (output minus input) against the reference's, over
      /// all the sentences' tokens together.
      var perLayer: [TransformerReport.LayerError]
    }
    var sentences: [String]
    var tokens: [[String]]
    var machineOrder: [String]
    var machines: [String: MachineFigures]
    var pairs: [Pair]
  }

  func run() throws {
    let vocabPath = vocab ?? (weights as NSString).deletingLastPathComponent + "/vocab.txt"
    let tokenizer: WordPieceTokenizer
    do { tokenizer = try WordPieceTokenizer(vocabularyFile: vocabPath) } catch {
      throw CommandError("--vocab: \(error)")
    }
    let file: SafetensorsFile
    let bert: BERTEmbeddings
    var layers: [EncoderWeights] = []
    do {
      file = try SafetensorsFile(path: weights)
      bert = try BERTEmbeddings.load(file)
      for l in 0..<6 { layers.append(try EncoderWeights.load(file, layer: l)) }
    } catch {
      throw CommandError("--weights: \(error)")
    }
    var list: [MachineDescription] = []
    for n in (machines ?? machine).split(separator: ",", omittingEmptySubsequences: false) {
      let name = n.trimmingCharacters(in: .whitespaces)
      guard !name.isEmpty else {
        throw CommandError("--machines needs a comma-separated list of presets or files")
      }
      let m = try MachineOption.load(name).0
      guard !list.contains(where: { $0.name == m.name }) else {
        throw CommandError("--machines names \(m.name) twice")
      }
      if m.name != Presets.fp32Reference.name { list.append(m) }
    }
    list.append(Presets.fp32Reference)
    let path = try ProgramLocator.find("encoder_block.qasm", in: programs)
    let d = TransformerDimensions.miniLM
    var images: [Int: ProgramImage] = [:]
    var reference: [[Float]] = []
    var embedded = [[[Float]]](repeating: [], count: list.count)
    var costs = [TransformerReport.MachineFigures](repeating: .init(name: ""), count: list.count)
    // Per machine and layer: outputs and updates of every sentence, with the reference's.
    var layerOutputs = [[[Float]]](repeating: .init(repeating: [], count: 6), count: list.count)
    var layerUpdates = [[[Float]]](repeating: .init(repeating: [], count: 6), count: list.count)
    var referenceOutputs = [[Float]](repeating: [], count: 6)
    var referenceUpdates = [[Float]](repeating: [], count: 6)
    var tokenLists: [[String]] = []
    let progress = Progress.standardError(terminalOutput: true)
    // The layers' weights are converted once per machine, not once per sentence.
    let converted = ConvertedWeights()
    for (si, sentence) in sentences.enumerated() {
      let ids = tokenizer.encode(sentence)
      guard ids.count <= 512 else {
        throw CommandError(
          "'\(sentence.prefix(40))...' has \(ids.count) tokens; the model takes 512")
      }
      tokenLists.append(tokenizer.decode(ids))
      let n = ids.count
      if images[n] == nil {
        images[n] = try TransformerCommand.assembleBlock(path, d, seq: n, machines: list)
      }
      let x0 = bert(ids)
      var xr = x0
      var states = [FloatMatrix](repeating: x0, count: list.count)
      for (l, w) in layers.enumerated() {
        let bindings = TransformerBlock.encoder(w).bindings
        let xIn = xr
        xr = EncoderBlock.forward(xr, w, d, parallelism: threadsOption.parallelism)
        referenceOutputs[l] += xr.values
        referenceUpdates[l] += zip(xr.values, xIn.values).map { $0 - $1 }
        for (i, m) in list.enumerated() {
          progress.note("sentence \(si), layer \(l): \(m.name)")
          let (y, stats) = try TransformerCommand.simulate(
            images[n]!, m, bindings, states[i], progress, converted: converted,
            parallelism: threadsOption.parallelism)
          costs[i].add(
            stats,
            weightBytes: TransformerBlock.encoder(w).weightBytes(
              storageBytesPerValue: m.storageBytesPerValue))
          costs[i].peMultiplyAccumulatePj =
            stats.energy.actions.first {
              $0.component == "array" && $0.action == "multiply_accumulate"
            }?.pjEach ?? 0
          layerOutputs[i][l] += y.values
          layerUpdates[i][l] += zip(y.values, states[i].values).map { $0 - $1 }
          states[i] = y
        }
      }
      progress.clear()
      reference.append(SentenceEmbedding.pool(xr))
      for i in list.indices { embedded[i].append(SentenceEmbedding.pool(states[i])) }
    }
    var pairs: [Report.Pair] = []
    for i in 0..<sentences.count {
      for j in (i + 1)..<sentences.count {
        var byMachine: [String: Float] = [:]
        for (k, m) in list.enumerated() {
          byMachine[m.name] = SentenceEmbedding.similarity(embedded[k][i], embedded[k][j])
        }
        pairs.append(
          .init(
            a: i, b: j, reference: SentenceEmbedding.similarity(reference[i], reference[j]),
            machines: byMachine))
      }
    }
    var figures: [String: Report.MachineFigures] = [:]
    for (k, m) in list.enumerated() {
      let cosines = sentences.indices.map {
        SentenceEmbedding.similarity(embedded[k][$0], reference[$0])
      }
      let c = costs[k]
      figures[m.name] = .init(
        embeddingCosine: cosines,
        embeddingCosineMean: cosines.reduce(0, +) / Float(cosines.count),
        embeddingCosineMin: cosines.min()!, cycles: c.cycles, energyPj: c.energyPj,
        avgPowerW: c.avgPowerW, dramBytes: c.dramBytes,
        weightBytes: c.weightBytes / sentences.count,
        peMultiplyAccumulatePj: c.peMultiplyAccumulatePj,
        areaMm2: c.areaMm2,
        perLayer: (0..<6).map { l in
          .init(
            layer: l, output: ErrorMetrics(layerOutputs[k][l], referenceOutputs[l]),
            update: ErrorMetrics(layerUpdates[k][l], referenceUpdates[l]))
        })
    }
    let report = Report(
      sentences: sentences, tokens: tokenLists, machineOrder: list.map(\.name), machines: figures,
      pairs: pairs)
    if let embeddings {
      let directory = try OutputFiles.prepareDirectory(embeddings)
      func file(_ name: String, _ rows: [[Float]]) -> (path: String, data: Data) {
        let t = FloatTensor(shape: [rows.count, rows[0].count], values: rows.flatMap { $0 })
        return (directory.appendingPathComponent("\(name).npy").path, Data(NPYFile.bytes(of: t)))
      }
      try OutputFiles.writeSet(
        [file("reference", reference)] + list.enumerated().map { file($1.name, embedded[$0]) })
    }
    if let json {
      try OutputFiles.write(JSONOutput.encode(report), to: URL(fileURLWithPath: json))
    }
    print("all-MiniLM-L6-v2 (real weights), 6 layers, mean pooling, normalised\n")
    for (i, s) in sentences.enumerated() {
      print("[\(i)] \(s)\n    \(tokenLists[i].joined(separator: " "))")
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
