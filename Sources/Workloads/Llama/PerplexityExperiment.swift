import FP32Reference
import MachineDescription
import ProgramLibrary
import QINSSupport
import RealModule

/// Perplexity of a text on machines and in the FP32 reference, with how far each machine's
/// next-token distributions are from the reference's.
///
/// The tokens are cut into consecutive windows of `context` tokens (the last may be shorter);
/// each window is one prefill from an empty cache: every layer over the window, then the
/// head over every position, all counted in the cost. Position i of a window predicts token
/// i + 1, so a window of n tokens scores n - 1 of them. Perplexity is `exp` of the mean
/// negative log-likelihood over every scored token; top-1 agreement compares each position's
/// arg-max with the reference's; KL is `KL(reference || machine)` of the softmaxes, in nats,
/// averaged over the scored positions.
public struct PerplexityExperiment: Sendable {
  public var tokens: [Int]
  public var context: Int

  public init(tokens: [Int], context: Int) {
    self.tokens = tokens
    self.context = context
  }

  public struct Run: Codable, Sendable {
    public var name: String
    public var storageFormat: String
    public var tokensScored: Int
    public var perplexity: Double
    public var meanNegativeLogLikelihood: Double
    /// Fraction of positions whose arg-max is the reference's (nil for the reference).
    public var top1Agreement: Double?
    /// Mean `KL(reference || this run)` in nats (nil for the reference).
    public var meanKLDivergence: Double?
    public var cost: PhaseCost?
    public var secondsPerToken: Double?
    public var energyPerTokenPj: Double?
    public var dramBytesPerToken: Double?
  }

  /// The windows: consecutive slices of `context` tokens; a last slice of one token (nothing
  /// to score) is dropped.
  public var windows: [[Int]] {
    stride(from: 0, to: tokens.count, by: context).map {
      Array(tokens[$0..<min(tokens.count, $0 + context)])
    }.filter { $0.count >= 2 }
  }

  public func run(
    weights: LlamaWeights, machines: [MachineDescription], programs source: ProgramSource,
    parallelism: Parallelism, progress: (@Sendable (String) -> Void)? = nil
  ) throws(WorkloadError) -> (reference: Run, machines: [Run]) {
    guard context >= 2 else { throw WorkloadError("the context must be at least 2 tokens") }
    let c = weights.configuration
    if let bad = tokens.first(where: { $0 < 0 || $0 >= c.vocabulary }) {
      throw WorkloadError("token \(bad) is outside the vocabulary of \(c.vocabulary)")
    }
    let windows = self.windows
    guard !windows.isEmpty else { throw WorkloadError("the text has fewer than 2 tokens") }
    let programs = try LlamaPrograms(
      source: source, configuration: c, contextCapacity: context, machines: machines)
    var models: [LlamaMachineModel] = []
    for m in machines {
      models.append(
        try LlamaMachineModel(
          machine: m, weights: weights, programs: programs, parallelism: parallelism))
    }
    progress?("FP32 reference: \(windows.count) windows of up to \(context) tokens")
    let reference = LlamaReference(weights: weights, parallelism: parallelism)
    let referenceLogits = windows.map { w in
      var cache = reference.emptyCache()
      return reference.forward(w, cache: &cache)
    }
    let slots = ConcurrentSlots<Swift.Result<[FloatMatrix], WorkloadError>>(count: models.count)
    var costs = [PhaseCost](repeating: PhaseCost(), count: models.count)
    let costSlots = ConcurrentSlots<PhaseCost>(count: models.count)
    let start = models
    parallelism.forEach(start.count) { i in
      var model = start[i]
      slots[i] = Swift.Result { () throws(WorkloadError) -> [FloatMatrix] in
        var cost = PhaseCost()
        var out: [FloatMatrix] = []
        for (n, w) in windows.enumerated() {
          progress?("\(model.machine.name): window \(n + 1) of \(windows.count)")
          model.reset()
          let (x, lc) = try model.layers(w)
          let (logits, hc) = try model.head(x)
          cost.add(lc)
          cost.add(hc)
          out.append(logits)
        }
        costSlots[i] = cost
        return out
      }
    }
    for i in 0..<models.count { costs[i] = costSlots[i] ?? PhaseCost() }
    let referenceRun = score("reference", "fp32", referenceLogits, against: nil, windows)
    var runs: [Run] = []
    for (i, m) in machines.enumerated() {
      var run = score(m.name, m.storageName, try slots[i]!.get(), against: referenceLogits, windows)
      let scored = Double(run.tokensScored)
      run.cost = costs[i]
      run.secondsPerToken = costs[i].seconds / scored
      run.energyPerTokenPj = costs[i].energyPj / scored
      run.dramBytesPerToken = Double(costs[i].dramBytes) / scored
      runs.append(run)
    }
    return (referenceRun, runs)
  }

  func score(
    _ name: String, _ storage: String, _ logits: [FloatMatrix], against reference: [FloatMatrix]?,
    _ windows: [[Int]]
  ) -> Run {
    var nll = 0.0
    var kl = 0.0
    var agree = 0
    var scored = 0
    for (n, w) in windows.enumerated() {
      for i in 0..<(w.count - 1) {
        nll += LogitStatistics.negativeLogLikelihood(logits[n], row: i, target: w[i + 1])
        if let reference {
          kl += LogitStatistics.klDivergence(reference[n], row: i, logits[n], row: i)
          if LlamaReference.argmax(reference[n], row: i) == LlamaReference.argmax(logits[n], row: i)
          {
            agree += 1
          }
        }
        scored += 1
      }
    }
    let mean = nll / Double(scored)
    return Run(
      name: name, storageFormat: storage, tokensScored: scored, perplexity: Double.exp(mean),
      meanNegativeLogLikelihood: mean,
      top1Agreement: reference == nil ? nil : Double(agree) / Double(scored),
      meanKLDivergence: reference == nil ? nil : kl / Double(scored))
  }
}
