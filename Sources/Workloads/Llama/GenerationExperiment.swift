import FP32Reference
import MachineDescription
import ProgramLibrary
import QINSSupport
import Tokenization

/// Greedy generation on machines and in the FP32 reference, side by side.
///
/// The reference generates `count` tokens after the prompt. Each machine generates freely (its
/// own tokens fed back), which gives its text and its costs: the prefill (every layer over the
/// prompt, then the head over the last position: the time to the first token) and the decode
/// steps (every layer and the head for one token, against the KV cache). Agreement is
/// teacher-forced: position i compares the machine's arg-max with the reference's token i
/// when both have seen the reference's tokens before it, so one disagreement does not derail
/// the rest. Until the free run first disagrees it is the teacher-forced run; from then on, a copy of its state (weights and KV cache) is
/// stepped alongside with the reference's tokens (not counted in the costs).
public struct GenerationExperiment: Sendable {
  public var prompt: [Int]
  public var count: Int
  /// Also the logits of the prompt's positions (a head over every prompt row, run apart and
  /// not counted in the costs).
  public var promptLogits = false

  public init(prompt: [Int], count: Int) {
    self.prompt = prompt
    self.count = count
  }

  /// One run's tokens, text and costs.
  public struct Run: Codable, Sendable {
    public var name: String
    public var storageFormat: String
    public var generatedTokens: [Int]
    public var text: String
    /// Per generated position, teacher-forced: the machine's arg-max equals the reference's
    /// token (nil for the reference itself).
    public var agreesWithReference: [Bool]?
    public var agreement: Double?
    /// The largest relative RMS difference of this run's logits from the reference's over the
    /// teacher-forced positions.
    public var maxLogitsRelativeRMS: Double?
    public var prefill: PhaseCost?
    public var decode: PhaseCost?
    public var timeToFirstTokenSeconds: Double?
    public var decodeSecondsPerToken: Double?
    public var tokensPerSecond: Double?
    public var decodeEnergyPerTokenPj: Double?
    public var decodeDramBytesPerToken: Double?
    public var kvCacheBytes: Int?
    public var weightBytes: Int?
  }

  public struct Result: Sendable {
    public var reference: Run
    public var machines: [Run]
    /// Logits per run (reference first, then the machines): [positions, vocabulary], the
    /// prompt's positions first when asked for, then one row per generated token but the
    /// last (the machines' teacher-forced rows).
    public var logits: [(name: String, values: FloatMatrix)]
  }

  /// Runs the reference and every machine (concurrently, each on its own state).
  public func run(
    weights: LlamaWeights, tokenizer: ByteLevelBPETokenizer, machines: [MachineDescription],
    programs source: ProgramSource, parallelism: Parallelism,
    progress: (@Sendable (String) -> Void)? = nil
  ) throws(WorkloadError) -> Result {
    guard !prompt.isEmpty, count >= 1 else {
      throw WorkloadError("the prompt needs at least one token and at least one token to generate")
    }
    let c = weights.configuration
    if let bad = prompt.first(where: { $0 < 0 || $0 >= c.vocabulary }) {
      throw WorkloadError("prompt token \(bad) is outside the vocabulary of \(c.vocabulary)")
    }
    let context = prompt.count + count
    let programs = try LlamaPrograms(
      source: source, configuration: c, contextCapacity: context, machines: machines)
    var models: [LlamaMachineModel] = []
    for m in machines {
      models.append(
        try LlamaMachineModel(
          machine: m, weights: weights, programs: programs, parallelism: parallelism))
    }
    for (i, l) in weights.layers.enumerated()
    where l.queryBias != nil || l.keyBias != nil || l.valueBias != nil {
      throw WorkloadError(
        "layer \(i) has query, key or value biases, which the machine's llama programs do not add (the FP32 reference does)"
      )
    }
    // The reference first: the machines are teacher-forced on its tokens.
    progress?("FP32 reference: \(prompt.count) prompt tokens, \(count) new")
    let reference = LlamaReference(weights: weights, parallelism: parallelism)
    var referenceCache = reference.emptyCache()
    var referenceLogits = reference.forward(prompt, cache: &referenceCache)
    var referenceTokens: [Int] = []
    for step in 0..<count {
      let next = LlamaReference.argmax(referenceLogits, row: referenceLogits.rows - 1)
      referenceTokens.append(next)
      if step + 1 < count {
        referenceLogits.append(rows: reference.forward([next], cache: &referenceCache))
      }
    }
    if !promptLogits {
      referenceLogits = referenceLogits.rows(prompt.count - 1, count)
    }
    let slots = ConcurrentSlots<Swift.Result<(Run, FloatMatrix), WorkloadError>>(
      count: models.count)
    let tokens = referenceTokens
    let refLogits = referenceLogits
    let experiment = self
    let start = models
    parallelism.forEach(start.count) { i in
      var model = start[i]
      progress?("\(model.machine.name): generating")
      slots[i] = Swift.Result { () throws(WorkloadError) -> (Run, FloatMatrix) in
        try experiment.runMachine(
          &model, referenceTokens: tokens, referenceLogits: refLogits, tokenizer: tokenizer,
          parallelism: parallelism)
      }
    }
    var runs: [Run] = []
    var logits: [(String, FloatMatrix)] = [
      ("reference", referenceLogits)
    ]
    for i in 0..<models.count {
      let (run, l) = try slots[i]!.get()
      runs.append(run)
      logits.append((run.name, l))
    }
    let referenceRun = Run(
      name: "reference", storageFormat: "fp32", generatedTokens: referenceTokens,
      text: tokenizer.displayText(referenceTokens))
    return Result(reference: referenceRun, machines: runs, logits: logits)
  }

  /// One machine: the free run and, from its first disagreement with the reference on, a
  /// teacher-forced copy of it stepped alongside (the two steps of a position run
  /// concurrently).
  func runMachine(
    _ model: inout LlamaMachineModel, referenceTokens: [Int], referenceLogits: FloatMatrix,
    tokenizer: ByteLevelBPETokenizer, parallelism: Parallelism
  ) throws(WorkloadError) -> (Run, FloatMatrix) {
    let c = model.weights.configuration
    model.reset()
    var prefill = PhaseCost()
    let (x, layerCost) = try model.layers(prompt)
    prefill.add(layerCost)
    let (firstLogits, headCost) = try model.head(x.rows(x.rows - 1, 1))
    prefill.add(headCost)
    var promptRows: FloatMatrix? = nil
    if promptLogits { promptRows = try model.head(x).0 }
    var decode = PhaseCost()
    var generated = [LlamaReference.argmax(firstLogits, row: 0)]
    var freeLogits = firstLogits
    // The teacher-forced copy and its logits, once the free run has disagreed.
    var forced: LlamaMachineModel? = nil
    var forcedLogits = firstLogits
    for step in 1..<max(1, count) {
      if forced == nil && generated[step - 1] != referenceTokens[step - 1] {
        forced = model
        forcedLogits = freeLogits
      }
      let pair = forced
      let slots = ConcurrentSlots<
        Swift.Result<(LlamaMachineModel, FloatMatrix, PhaseCost), WorkloadError>
      >(
        count: 2)
      let freeModel = model
      let tokens = [generated[step - 1], referenceTokens[step - 1]]
      parallelism.forEach(pair == nil ? 1 : 2) { i in
        var m = i == 0 ? freeModel : pair!
        slots[i] = Swift.Result {
          () throws(WorkloadError) -> (LlamaMachineModel, FloatMatrix, PhaseCost) in
          let (h, lc) = try m.layers([tokens[i]])
          var (lg, hc) = try m.head(h)
          hc.add(lc)
          return (m, lg, hc)
        }
      }
      let (m0, lg, cost) = try slots[0]!.get()
      model = m0
      decode.add(cost)
      freeLogits.append(rows: lg)
      generated.append(LlamaReference.argmax(lg, row: 0))
      if pair != nil {
        let (m1, lf, _) = try slots[1]!.get()
        forced = m1
        forcedLogits.append(rows: lf)
      }
    }
    let forcedRows = forced == nil ? freeLogits : forcedLogits
    let agrees = (0..<count).map {
      LlamaReference.argmax(forcedRows, row: $0) == referenceTokens[$0]
    }
    let offset = promptLogits ? prompt.count - 1 : 0
    let worst =
      (0..<count).map {
        LogitStatistics.relativeRMS(forcedRows, row: $0, referenceLogits, row: offset + $0)
      }.max() ?? 0
    let steps = count - 1
    let m = model.machine
    var run = Run(
      name: m.name, storageFormat: m.storageName, generatedTokens: generated,
      text: tokenizer.displayText(generated), agreesWithReference: agrees,
      agreement: Double(agrees.filter { $0 }.count) / Double(count),
      maxLogitsRelativeRMS: worst, prefill: prefill, decode: decode,
      timeToFirstTokenSeconds: prefill.seconds)
    if steps > 0 {
      run.decodeSecondsPerToken = decode.seconds / Double(steps)
      run.tokensPerSecond = Double(steps) / decode.seconds
      run.decodeEnergyPerTokenPj = decode.energyPj / Double(steps)
      run.decodeDramBytesPerToken = Double(decode.dramBytes) / Double(steps)
    }
    let bytes = LlamaMachineModel.dramBytes(c, m, context: prompt.count + count)
    run.kvCacheBytes = bytes.cache
    run.weightBytes = bytes.weights
    var all = forcedRows
    if let promptRows {
      all = promptRows.rows(0, prompt.count - 1)
      all.append(rows: forcedRows)
    }
    return (run, all)
  }
}
