import FP32Reference
import MachineDescription
import ProgramLibrary
import QBinary
import QINSMachine
import QINSSupport
import TensorIO
import Traces

/// Transformer layers on machines, on the FP32 reference machine and in the FP32 numerical
/// reference, side by side: what `qinssim transformer` runs.
///
/// The block program (``TransformerBlock/programName(model:)``) is assembled once, tiled for
/// all the machines; each layer's weights are bound on every machine (converted to its
/// formats at load); the machines and the reference run concurrently, each on its own copy of
/// the hidden states, so the figures do not depend on the order they finish. Each machine
/// carries its own output into the next layer; the reference carries its own.
public struct TransformerExperiment: Sendable {
  public var model: TransformerModel
  public var dimensions: TransformerDimensions
  public var layers: ClosedRange<Int>
  public var seq: Int
  /// The machines in the order given, ``Presets/fp32Reference`` last (see ``lineup(_:accumulator:)``).
  public var machines: [MachineDescription]
  /// Where the block programs are read from.
  public var programs: ProgramSource
  /// The input hidden states [seq, hidden]; nil for fixed-seed normal values.
  public var input: FloatMatrix?
  /// Where the weights come from: nil for synthetic weights.
  public var weightsFile: String?
  /// Time the layers only: no values, no reference, no error.
  public var timingOnly = false
  /// Trace files of the first machine's runs (`.json` Chrome, `.vcd`), one set per layer.
  public var traces: [String] = []
  /// A trace file's limit, bytes.
  public var maxTraceBytes = Int.max

  public init(
    model: TransformerModel, dimensions: TransformerDimensions, layers: ClosedRange<Int>,
    seq: Int, machines: [MachineDescription], programs: ProgramSource
  ) {
    self.model = model
    self.dimensions = dimensions
    self.layers = layers
    self.seq = seq
    self.machines = machines
    self.programs = programs
  }

  /// The report, and the first machine's output hidden states after the last layer (nil in a
  /// timing-only run).
  public struct Result: Sendable {
    public var report: TransformerReport
    public var output: FloatMatrix?
  }

  /// Host bytes a full run of one layer needs: the FP32 weights, each machine's converted
  /// copy and the activations (the attention scores are heads x seq x seq), for `machines`
  /// machines, fp32-reference and the FP32 reference at once; nil when the product overflows.
  public static func hostBytes(_ d: TransformerDimensions, seq: Int, machines: Int) -> Int? {
    let weights = 4 * d.hidden * d.hidden + 3 * d.hidden * d.intermediate
    let activations = seq * (8 * d.hidden + 4 * d.intermediate + 2 * d.heads * seq)
    return HostMemoryBudget.product(weights + activations, 4 * (machines + 2))
  }

  /// The machines to run, in the order given, with every machine's accumulator replaced by
  /// `accumulator` when one is given, and fp32-reference last. A machine named twice, or one
  /// that cannot take the accumulator, is refused before any layer runs.
  public static func lineup(_ machines: [MachineDescription], accumulator: AccumulatorChoice?)
    throws(WorkloadError) -> [MachineDescription]
  {
    var list: [MachineDescription] = []
    for var m in machines {
      if let accumulator { m.accumulatorFormat = accumulator.format }
      guard !list.contains(where: { $0.name == m.name }) else {
        throw WorkloadError("--machines names \(m.name) twice")
      }
      if let problem = m.configurationProblem {
        throw WorkloadError(
          problem + (accumulator != nil ? " (--accumulator \(accumulator!.rawValue))" : ""))
      }
      if m.name != Presets.fp32Reference.name { list.append(m) }
    }
    return list + [Presets.fp32Reference]
  }

  /// The trace file of layer `layer` for a trace path: `NAME-layerN.EXT` when several layers
  /// run, the path itself otherwise.
  public static func traceName(_ path: String, layer: Int, several: Bool) -> String {
    guard several, let dot = path.lastIndex(of: ".") else { return path }
    return String(path[..<dot]) + "-layer\(layer)" + String(path[dot...])
  }

  /// What the weights are, as the report says it.
  var weightsDescription: String {
    if timingOnly { return "none (timing only: no values are computed)" }
    if let weightsFile { return "\(weightsFile) (real)" }
    return model == .miniLM
      ? "synthetic (fixed seed, normal, sigma 0.02; pass --weights for all-MiniLM-L6-v2's)"
      : "synthetic (fixed seed, normal, sigma 0.02; Phi-3.5-mini's weights are not available here)"
  }

  /// Runs every layer on every machine and the reference.
  public func run(progress: ProgressDisplay = .disabled, parallelism: Parallelism)
    throws(WorkloadError)
    -> Result
  {
    let d = dimensions
    let image = try BlockTiling.assemble(
      TransformerBlock.programName(model: model), from: programs, d, seq: seq,
      machines: machines,
      defines: TransformerBlock.programDefines(model: model, d, seq: seq))
    var runs: [LayerSimulation] = []
    for m in machines { runs.append(try LayerSimulation(image: image, machine: m)) }
    // The FP32 machine the lineup compares with (the preset, or as --energy-table priced it).
    let fp32 = machines.last { $0.name == Presets.fp32Reference.name } ?? Presets.fp32Reference
    var totals = machines.map { m in
      var f = TransformerReport.MachineFigures(name: m.name)
      f.storageFormat = m.storageName
      let differs = m.platformDifferences(from: fp32)
      f.fp32ReferenceDiffersIn = differs.isEmpty ? nil : differs
      return f
    }
    if timingOnly {
      try timeLayers(image, runs, &totals, progress, parallelism)
      return Result(report: report(totals), output: nil)
    }
    var file: SafetensorsFile?
    if let weightsFile {
      do { file = try SafetensorsFile(path: weightsFile) } catch {
        throw WorkloadError("--weights: \(error)")
      }
    }
    let x: FloatMatrix
    if let input {
      x = input
    } else {
      var g = SeededGenerator(seed: 128)
      x = FloatMatrix(rows: seq, cols: d.hidden, values: g.normalFloats(count: seq * d.hidden))
    }
    var states = [FloatMatrix](repeating: x, count: machines.count)
    var xRef = x
    for layer in layers {
      let block = try TransformerBlock.weights(
        model: model, dimensions: d, layer: layer, file: file, parallelism: parallelism)
      let bindings = block.bindings
      progress.note("layer \(layer): \(machines.count) machines and the FP32 reference")
      // nonisolated(unsafe): the trace sinks (not Sendable) go to the first machine's run
      // only (index 0 below); no other worker touches them.
      nonisolated(unsafe) let sinks = try traceSinks(layer: layer)
      let results = ConcurrentSlots<Swift.Result<(FloatMatrix, RunStatistics), WorkloadError>>(
        count: machines.count)
      let inputs = states
      let referenceInput = xRef
      let referenceBox = ConcurrentSlots<FloatMatrix>(count: 1)
      let machineRuns = runs
      let machineList = machines
      parallelism.forEach(machineList.count + 1) { i in
        if i == machineList.count {
          referenceBox[0] = block.reference(referenceInput, d, parallelism: parallelism)
          return
        }
        results[i] = Swift.Result { () throws(WorkloadError) in
          try machineRuns[i].run(
            bindings, inputs[i],
            progress: i == 0 ? progress.machine(machineList[i].name, layer: layer) : .disabled,
            traces: i == 0 ? sinks : [], parallelism: parallelism)
        }
      }
      var outputs: [(FloatMatrix, RunStatistics)] = []
      for i in machines.indices { outputs.append(try results[i]!.get()) }
      let yRef = referenceBox[0]!
      progress.clear()
      func update(_ y: FloatMatrix, _ x: FloatMatrix) -> [Float] {
        zip(y.values, x.values).map { $0 - $1 }
      }
      let refUpdate = update(yRef, xRef)
      for (i, m) in machines.enumerated() {
        let (y, stats) = outputs[i]
        let error = ErrorMetrics(y.values, yRef.values)
        totals[i].perLayer.append(
          .init(
            layer: layer, output: error,
            update: ErrorMetrics(update(y, states[i]), refUpdate)))
        totals[i].add(
          stats, layer: layer,
          weightBytes: block.weightBytes(storageBytesPerValue: m.storageBytesPerValue))
        totals[i].error = error
        totals[i].peMultiplyAccumulatePj = stats.peMultiplyAccumulatePj
        states[i] = y
      }
      xRef = yRef
    }
    return Result(report: report(totals), output: states[0])
  }

  func report(_ totals: [TransformerReport.MachineFigures]) -> TransformerReport {
    let d = dimensions
    return TransformerReport(
      model: model.rawValue, weights: weightsDescription,
      seq: seq, layers: "\(layers.lowerBound)-\(layers.upperBound)", hidden: d.hidden,
      heads: d.heads, headDim: d.headDim, intermediate: d.intermediate,
      machineOrder: totals.map(\.name),
      machines: Dictionary(uniqueKeysWithValues: totals.map { ($0.name, $0) }),
      timingOnly: timingOnly ? true : nil)
  }

  /// The trace files of one layer's run on the first machine.
  func traceSinks(layer: Int) throws(WorkloadError) -> [TraceSink] {
    var sinks: [TraceSink] = []
    for path in traces {
      let name = Self.traceName(path, layer: layer, several: layers.count > 1)
      let context = [("layer", String(layer)), ("machine", machines.first?.name ?? "")]
      do {
        sinks.append(try TraceFile.open(name, maxBytes: maxTraceBytes, context: context))
      } catch {
        throw WorkloadError("--trace: \(error)")
      }
    }
    return sinks
  }

  /// Every layer on every machine whose timing does not depend on values, with no weights,
  /// no values and no reference. Without values every layer is the same program on the same
  /// machine, so its statistics are the same: one layer is simulated and counted for each
  /// (each is simulated when traces are asked for, one file a layer). A layer's machines run
  /// on all cores.
  func timeLayers(
    _ image: ProgramImage, _ runs: [LayerSimulation],
    _ totals: inout [TransformerReport.MachineFigures], _ progress: ProgressDisplay,
    _ parallelism: Parallelism
  ) throws(WorkloadError) {
    let weightTensors = image.tensors.filter {
      $0.binding != nil && !["x", "y", "k_cache", "v_cache"].contains($0.binding!)
    }
    var previous: [RunStatistics]?
    for layer in layers {
      var layerStats: [RunStatistics]
      if let previous, traces.isEmpty {
        layerStats = previous
      } else {
        progress.note("layer \(layer): timing \(runs.count) machines")
        // nonisolated(unsafe): only run 0 below writes to the sinks (not Sendable).
        nonisolated(unsafe) let sinks = try traceSinks(layer: layer)
        let results = ConcurrentSlots<Swift.Result<RunStatistics, WorkloadError>>(
          count: runs.count)
        let x = FloatMatrix(rows: 0, cols: 0)
        parallelism.forEach(runs.count) { i in
          results[i] = Swift.Result { () throws(WorkloadError) in
            try runs[i].run(
              [], x,
              progress: i == 0 ? progress.machine(runs[i].machine.name, layer: layer) : .disabled,
              traces: i == 0 ? sinks : [], parallelism: parallelism, timingOnly: true
            ).1
          }
        }
        progress.clear()
        layerStats = []
        for i in runs.indices { layerStats.append(try results[i]!.get()) }
        previous = layerStats
      }
      for (i, r) in runs.enumerated() {
        let m = r.machine
        // Bound matrices in the storage format, bound vectors (norms, biases) in FP32.
        let weightBytes = weightTensors.reduce(0) {
          $0 + $1.elementCount * ($1.shape[0] > 1 ? m.storageBytesPerValue : 4)
        }
        let stats = layerStats[i]
        totals[i].add(stats, layer: layer, weightBytes: weightBytes)
        totals[i].peMultiplyAccumulatePj = stats.peMultiplyAccumulatePj
      }
    }
  }
}
