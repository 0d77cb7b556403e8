import EnergyModel
import FP32Reference
import MachineDescription
import QBinary
import QINSMachine
import QINSSupport
import SystolicArray
import TensorIO

/// A Llama-family model on one simulated machine: each forward step runs the decoder layer
/// program once per layer and the head program once, one after another, with the weights and
/// the KV cache resident in the machine's DRAM between runs.
///
/// Weights are converted to the machine's storage format when a layer first runs (the seed's
/// Pattern B: before the run, not charged) and stay resident; each layer's KV cache
/// (`k_cache`, `v_cache`, [CTX, kvHeads x headDim], storage format) starts as zeros and is
/// written by the programs themselves, so its DRAM traffic and energy are in the figures.
/// The token embeddings are gathered on the host in FP32 (a row copy per token, not charged).
public struct LlamaMachineModel: Sendable {
  public let machine: MachineDescription
  let energyTable: EnergyTable
  let weights: LlamaWeights
  let programs: LlamaPrograms
  let parallelism: Parallelism
  var residentWeights: [[String: ResidentTensor]]
  var residentHead: [String: ResidentTensor] = [:]
  var caches: [[String: ResidentTensor]]
  /// Positions in the cache.
  public private(set) var position = 0
  /// With a layer: the next ``layers(_:)`` records up to `gemms` of that layer's array
  /// operands in ``capturedArrayOperands`` (for the circuits' switching energy).
  public var arrayOperandCapture: (layer: Int, gemms: Int)?
  public private(set) var capturedArrayOperands: [ArrayOperands] = []

  public init(
    machine: MachineDescription, weights: LlamaWeights, programs: LlamaPrograms,
    parallelism: Parallelism
  ) throws(WorkloadError) {
    self.machine = machine
    do { energyTable = try EnergyTable.load(machine.energyTable) } catch {
      throw WorkloadError("\(machine.name): \(error)")
    }
    self.weights = weights
    self.programs = programs
    self.parallelism = parallelism
    residentWeights = [[String: ResidentTensor]](repeating: [:], count: weights.layers.count)
    caches = residentWeights
    let need = Self.dramBytes(weights.configuration, machine, context: programs.contextCapacity)
    guard need.total <= machine.dram.capacityBytes else {
      throw WorkloadError(
        "\(machine.name): the model needs \(need.total) bytes of DRAM (weights \(need.weights), KV cache of \(programs.contextCapacity) positions \(need.cache)), the machine has \(machine.dram.capacityBytes); use a shorter context or a machine with more DRAM"
      )
    }
  }

  /// DRAM the model takes on machine `m`: weight matrices in the storage format, norms in FP32,
  /// the KV cache of `context` positions in the storage format.
  public static func dramBytes(_ c: LlamaConfiguration, _ m: MachineDescription, context: Int)
    -> (weights: Int, cache: Int, total: Int)
  {
    let b = m.storageBytesPerValue
    let qWidth = c.heads * c.headDim
    let perLayer =
      (qWidth * c.hidden + 2 * c.kvWidth * c.hidden + c.hidden * qWidth + 3 * c.intermediate
        * c.hidden) * b + 2 * c.hidden * 4
    let weights = c.layers * perLayer + c.vocabulary * c.hidden * b + c.hidden * 4
    let cache = cacheBytes(c, m, context: context)
    return (weights, cache, weights + cache)
  }

  /// The KV cache of `context` positions in the storage format, every layer.
  public static func cacheBytes(_ c: LlamaConfiguration, _ m: MachineDescription, context: Int)
    -> Int
  {
    c.layers * 2 * context * c.kvWidth * m.storageBytesPerValue
  }

  /// Empties the cache (weights stay resident).
  public mutating func reset() {
    caches = [[String: ResidentTensor]](repeating: [:], count: weights.layers.count)
    position = 0
  }

  /// The new tokens through every layer; returns the last hidden states [tokens, hidden] and
  /// the layers' cost. The cache grows by the tokens.
  public mutating func layers(_ tokens: [Int]) throws(WorkloadError) -> (FloatMatrix, PhaseCost) {
    let c = weights.configuration
    guard position + tokens.count <= programs.contextCapacity else {
      throw WorkloadError(
        "\(position + tokens.count) positions exceed the KV cache's \(programs.contextCapacity)")
    }
    let image = try programs.layer(seq: tokens.count, position: position)
    var x = FloatMatrix(rows: tokens.count, cols: c.hidden)
    for (r, t) in tokens.enumerated() {
      for j in 0..<c.hidden { x[r, j] = weights.embeddings[t, j] }
    }
    var cost = PhaseCost()
    for l in 0..<weights.layers.count {
      var bindings = [binding("x", x)]
      if residentWeights[l].isEmpty { bindings += layerBindings(l) }
      if caches[l].isEmpty {
        let zeros = FloatTensor(
          shape: [programs.contextCapacity, c.kvWidth],
          values: [Float](repeating: 0, count: programs.contextCapacity * c.kvWidth))
        bindings += [
          Binding(name: "k_cache", tensor: zeros, source: "k_cache"),
          Binding(name: "v_cache", tensor: zeros, source: "v_cache"),
        ]
      }
      var sim = try simulator(
        image, bindings, resident: residentWeights[l].merging(caches[l]) { a, _ in a })
      if let capture = arrayOperandCapture, capture.layer == l {
        sim.arrayOperandsToCapture = capture.gemms
      }
      let stats = try run(&sim, "layer \(l)")
      capturedArrayOperands += sim.capturedArrayOperands
      cost.add(stats)
      guard let y = sim.tensor(named: "y") else { throw WorkloadError("layer \(l): no output") }
      x = FloatMatrix(rows: x.rows, cols: x.cols, values: y.values)
      if residentWeights[l].isEmpty {
        for name in Self.layerWeightNames {
          residentWeights[l][name] = sim.takeResident(named: name)
        }
      }
      for name in ["k_cache", "v_cache"] { caches[l][name] = sim.takeResident(named: name) }
    }
    position += tokens.count
    return (x, cost)
  }

  /// The final norm and the output head on hidden states [rows, hidden]: logits and cost.
  public mutating func head(_ x: FloatMatrix) throws(WorkloadError) -> (FloatMatrix, PhaseCost) {
    let image = try programs.head(seq: x.rows)
    var bindings = [binding("x", x)]
    if residentHead.isEmpty {
      bindings += [
        binding("output_norm", FloatMatrix(rows: 1, cols: x.cols, values: weights.outputNorm)),
        binding("head", weights.head),
      ]
    }
    var sim = try simulator(image, bindings, resident: residentHead)
    var cost = PhaseCost()
    cost.add(try run(&sim, "head"))
    guard let logits = sim.tensor(named: "logits") else { throw WorkloadError("head: no logits") }
    if residentHead.isEmpty {
      for name in ["output_norm", "head"] { residentHead[name] = sim.takeResident(named: name) }
    }
    return (
      FloatMatrix(rows: x.rows, cols: weights.configuration.vocabulary, values: logits.values), cost
    )
  }

  static let layerWeightNames = [
    "attn_norm", "ffn_norm", "attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up",
    "ffn_down",
  ]

  func layerBindings(_ l: Int) -> [Binding] {
    let w = weights.layers[l]
    let h = weights.configuration.hidden
    return [
      binding("attn_norm", FloatMatrix(rows: 1, cols: h, values: w.attentionNorm)),
      binding("ffn_norm", FloatMatrix(rows: 1, cols: h, values: w.mlpNorm)),
      binding("attn_q", w.query), binding("attn_k", w.key), binding("attn_v", w.value),
      binding("attn_output", w.output), binding("ffn_gate", w.gate), binding("ffn_up", w.up),
      binding("ffn_down", w.down),
    ]
  }

  func binding(_ name: String, _ m: FloatMatrix) -> Binding {
    Binding(
      name: name, tensor: FloatTensor(shape: [m.rows, m.cols], values: m.values), source: name)
  }

  func simulator(
    _ image: ProgramImage, _ bindings: [Binding], resident: [String: ResidentTensor]
  ) throws(WorkloadError) -> Simulator {
    do {
      return try Simulator(
        image: image, machine: machine, bindings: bindings, energyTable: energyTable,
        resident: resident, parallelism: parallelism)
    } catch { throw WorkloadError("\(machine.name): \(error)") }
  }

  func run(_ sim: inout Simulator, _ what: String) throws(WorkloadError) -> RunStatistics {
    do { return try sim.run() } catch { throw WorkloadError("\(machine.name), \(what): \(error)") }
  }
}
