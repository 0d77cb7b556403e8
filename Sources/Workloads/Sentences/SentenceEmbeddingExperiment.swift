import FP32Reference
import MachineDescription
import ProgramLibrary
import QBinary
import QINSMachine
import QINSSupport
import TensorIO
import Tokenization

/// Sentence embeddings from all-MiniLM-L6-v2 on machines and in FP32: what `qinssim
/// sentences` runs.
///
/// Each sentence is tokenized (BERT's uncased WordPiece) and embedded in FP32 (word, position
/// and type embeddings, layer norm); the six encoder layers run on every machine (the last
/// being fp32-reference) and in the FP32 reference; the outputs are mean-pooled and
/// normalised. The layers' weights are converted once per machine, not once per sentence.
public struct SentenceEmbeddingExperiment: Sendable {
  public var sentences: [String]
  /// The machines, fp32-reference last (``TransformerExperiment/lineup(_:accumulator:)``).
  public var machines: [MachineDescription]
  /// Where encoder_block.qasm is read from.
  public var programs: ProgramSource
  /// The longest sentence the model takes, in tokens.
  public static let maximumTokens = 512

  public init(sentences: [String], machines: [MachineDescription], programs: ProgramSource) {
    self.sentences = sentences
    self.machines = machines
    self.programs = programs
  }

  /// The figures `qinssim sentences` prints and writes as JSON.
  public struct Report: Encodable, Sendable {
    public struct Pair: Encodable, Sendable {
      public var a: Int
      public var b: Int
      public var reference: Float
      /// Each machine's similarity, by machine name.
      public var machines: [String: Float]
    }
    public struct MachineFigures: Encodable, Sendable {
      /// Each sentence's embedding against the FP32 reference's (cosine).
      public var embeddingCosine: [Float]
      public var embeddingCosineMean: Float
      public var embeddingCosineMin: Float
      public var cycles: Int
      public var energyPj: Double
      public var avgPowerW: Double
      public var dramBytes: Int
      public var weightBytes: Int
      public var peMultiplyAccumulatePj: Double
      public var areaMm2: Double
      /// Each layer's output and update (output minus input) against the reference's, over
      /// all the sentences' tokens together.
      public var perLayer: [TransformerReport.LayerError]
      /// Every sentence's layers against the machine's bounds, summed, and layer by layer.
      public var roofline: Roofline
      public var perLayerRoofline: [TransformerReport.LayerRoofline]
      /// The layers' operators over every sentence, summed by name.
      public var operators: [OperatorStatistics]
    }
    public var sentences: [String]
    public var tokens: [[String]]
    public var machineOrder: [String]
    public var machines: [String: MachineFigures]
    public var pairs: [Pair]
    /// With `--embeddings DIR`: each run's file in DIR, by run name (``FileNames``).
    public var embeddingsFiles: [String: String]?
  }

  public struct Result: Sendable {
    public var report: Report
    /// The FP32 reference's embeddings, one per sentence.
    public var reference: [[Float]]
    /// Each machine's embeddings, in the machines' order.
    public var embeddings: [[[Float]]]
  }

  public func run(
    tokenizer: WordPieceTokenizer, embeddings bert: BERTEmbeddings, layers: [EncoderWeights],
    progress: ProgressDisplay = .disabled, parallelism: Parallelism
  ) throws(WorkloadError) -> Result {
    guard sentences.count >= 2 else { throw WorkloadError("give at least two sentences") }
    let list = machines
    let program = TransformerBlock.programName(model: .miniLM)
    let d = TransformerDimensions.miniLM
    let layerCount = layers.count
    var runs: [Int: [LayerSimulation]] = [:]
    var reference: [[Float]] = []
    var embedded = [[[Float]]](repeating: [], count: list.count)
    var costs = [TransformerReport.MachineFigures](repeating: .init(name: ""), count: list.count)
    // Per machine and layer: outputs and updates of every sentence, with the reference's.
    var layerOutputs = [[[Float]]](
      repeating: .init(repeating: [], count: layerCount), count: list.count)
    var layerUpdates = layerOutputs
    var referenceOutputs = [[Float]](repeating: [], count: layerCount)
    var referenceUpdates = referenceOutputs
    var tokenLists: [[String]] = []
    let converted = ConvertedWeights()
    for (si, sentence) in sentences.enumerated() {
      let ids = tokenizer.encode(sentence)
      guard ids.count <= Self.maximumTokens else {
        throw WorkloadError(
          "'\(sentence.prefix(40))...' has \(ids.count) tokens; the model takes \(Self.maximumTokens)"
        )
      }
      tokenLists.append(tokenizer.decode(ids))
      let n = ids.count
      if runs[n] == nil {
        let image = try BlockTiling.assemble(program, from: programs, d, seq: n, machines: list)
        var r: [LayerSimulation] = []
        for m in list { r.append(try LayerSimulation(image: image, machine: m)) }
        runs[n] = r
      }
      let x0 = bert(ids)
      var xr = x0
      var states = [FloatMatrix](repeating: x0, count: list.count)
      for (l, w) in layers.enumerated() {
        let block = TransformerBlock.encoder(w)
        let bindings = block.bindings
        let xIn = xr
        xr = EncoderBlock.forward(xr, w, d, parallelism: parallelism)
        referenceOutputs[l] += xr.values
        referenceUpdates[l] += zip(xr.values, xIn.values).map { $0 - $1 }
        for (i, m) in list.enumerated() {
          progress.note("sentence \(si), layer \(l): \(m.name)")
          let (y, stats) = try runs[n]![i].run(
            bindings, states[i], progress: progress, converted: converted,
            parallelism: parallelism)
          costs[i].add(
            stats, layer: l,
            weightBytes: block.weightBytes(storageBytesPerValue: m.storageBytesPerValue))
          costs[i].peMultiplyAccumulatePj = stats.peMultiplyAccumulatePj
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
        peMultiplyAccumulatePj: c.peMultiplyAccumulatePj, areaMm2: c.areaMm2,
        perLayer: (0..<layerCount).map { l in
          .init(
            layer: l, output: ErrorMetrics(layerOutputs[k][l], referenceOutputs[l]),
            update: ErrorMetrics(layerUpdates[k][l], referenceUpdates[l]))
        }, roofline: c.roofline, perLayerRoofline: c.perLayerRoofline, operators: c.operators)
    }
    let report = Report(
      sentences: sentences, tokens: tokenLists, machineOrder: list.map(\.name), machines: figures,
      pairs: pairs)
    return Result(report: report, reference: reference, embeddings: embedded)
  }

  /// all-MiniLM-L6-v2's embeddings and six encoder layers from its `model.safetensors`.
  public static func miniLMWeights(_ path: String) throws -> (BERTEmbeddings, [EncoderWeights]) {
    let file = try SafetensorsFile(path: path)
    let embeddings = try BERTEmbeddings.load(file)
    let layers = try (0..<TransformerDimensions.miniLM.layers).map {
      try EncoderWeights.load(file, layer: $0)
    }
    return (embeddings, layers)
  }
}
