import ArgumentParser
import EnergyModel
import FP32Reference
import Foundation
import MachineDescription
import QBinary
import QINSAssembler
import QINSMachine
import QINSSupport
import TensorIO
import Traces
import Workloads

/// `qinssim transformer`: transformer layers on the machine, on the FP32 reference machine and
/// in the FP32 numerical reference, side by side.
struct TransformerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "transformer",
    abstract:
      "Run transformer layers on a machine against the FP32 reference machine and the FP32 numerical reference.",
    discussion: """
      Assembles Programs/llama_prefill.qasm (phi-3.5-mini: a Llama-family decoder layer, \
      its fused projections bound split) or Programs/encoder_block.qasm (minilm-l6) for the \
      model's dimensions, binds the weights \
      (converted to each machine's formats at load: the seed's Pattern B), runs the layers on \
      the chosen machine (or every machine of --machines) and on fp32-reference (same array, memories and clock; FP32 PEs and \
      4-byte storage), runs the independent FP32 reference, and prints cycles, time, energy, \
      power, DRAM bytes, weight footprint and the error against the reference per layer. \
      Phi-3.5-mini's weights are not reachable here: its layers use synthetic weights \
      (fixed seed, normal, sigma 0.02), and every report says so.
      """
  )

  @Option(help: "The model: phi-3.5-mini (decoder layers) or minilm-l6 (encoder layers).")
  var model: TransformerModel = .phi35Mini
  @Option(help: "minilm-l6: the all-MiniLM-L6-v2 safetensors file (default: synthetic weights).")
  var weights: String?
  @Option(help: "Layers: 0, 0-3, or all.") var layers: String = "0"
  @Option(parsing: .unconditional, help: "Sequence length (a multiple of 16).") var seq: Int = 128
  @Option(help: "The machine: a preset or a description file.") var machine: String = "qins-default"
  @Option(
    help: ArgumentHelp(
      "Several machines side by side, comma-separated presets or files (for example qins-default,qins-seed,int8,fp8-e4m3,bf16); overrides --machine. fp32-reference is always run, last.",
      valueName: "list"))
  var machines: String?
  @Option(help: "Override every machine's accumulator format.")
  var accumulator: AccumulatorChoice?
  @Option(help: "Hidden states [seq, hidden] as float32 .npy (default: fixed-seed normal).")
  var input: String?
  @Option(help: "Write the machine's output hidden states as float32 .npy.") var output: String?
  @Option(help: "Write the figures as JSON to this file.") var json: String?
  @Option(
    help: ArgumentHelp(
      "Trace the chosen machine's run (the first of --machines): .json (Chrome) or .vcd; with several layers, one file per layer (NAME-layerN.json).",
      valueName: "file"))
  var trace: [String] = []
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Stop the run as a fault when a trace file passes this many bytes.",
      discussion: "The default, 2^30 (1 GiB), holds about 40 Phi-3.5-mini layers' Chrome traces."
    ))
  var maxTraceBytes: Int = 1 << 30
  @Option(
    help:
      "The directory holding the block programs (default: ./Programs, then beside the executable's checkout)."
  )
  var programs: String?
  @Option(
    parsing: .unconditional, help: "Override the hidden size (for quick experiments and tests).")
  var hidden: Int?
  @Option(parsing: .unconditional, help: "Override the number of heads.") var heads: Int?
  @Option(parsing: .unconditional, help: "Override the head dimension.") var headDim: Int?
  @Option(parsing: .unconditional, help: "Override the MLP's intermediate size.") var intermediate:
    Int?

  @OptionGroup var threadsOption: ThreadsOption
  @OptionGroup var hostMemoryOption: HostMemoryOption

  @Flag(
    help: ArgumentHelp(
      "Time the layers only: no values, no reference, no error; the same cycles, bytes, energy and power as a full run.",
      discussion:
        "Machines whose timing depends on the values (activation scales searched for the least squared error, as in qins-default) get no figures; qins-fast, the rivals and fp32-reference are timed exactly. Saturation counts are absent. No weights are generated or converted."
    ))
  var timingOnly = false
  var parallelism: Parallelism { threadsOption.parallelism }

  var dimensions: TransformerDimensions {
    var d = model.dimensions
    if let hidden { d.hidden = hidden }
    if let heads { d.heads = heads }
    if let headDim { d.headDim = headDim }
    if let intermediate { d.intermediate = intermediate }
    return d
  }

  func validate() throws {
    if weights != nil && model != .miniLM {
      throw ValidationError(
        "--weights applies to minilm-l6; Phi-3.5-mini's weights are not available here, so its layers are synthetic."
      )
    }
    guard seq >= 16, seq % 16 == 0, seq <= 4096 else {
      throw ValidationError("--seq must be a multiple of 16 from 16 to 4096, not \(seq).")
    }
    let d = dimensions
    for (name, v, limit) in [
      ("--hidden", d.hidden, 1 << 16), ("--heads", d.heads, 1 << 12),
      ("--head-dim", d.headDim, 1 << 12), ("--intermediate", d.intermediate, 1 << 18),
    ] where !(1...limit).contains(v) {
      throw ValidationError("\(name) must be 1...\(limit), not \(v).")
    }
    guard d.heads * d.headDim == d.hidden else {
      throw ValidationError(
        "heads x head dimension (\(d.heads) x \(d.headDim)) must equal the hidden size \(d.hidden)."
      )
    }
    for (name, v) in [("hidden", d.hidden), ("intermediate", d.intermediate)]
    where v % 32 != 0 || v < 32 {
      throw ValidationError("the \(name) size must be a positive multiple of 32, not \(v).")
    }
    guard d.headDim % 2 == 0 else {
      throw ValidationError("the head dimension must be even (RoPE).")
    }
    _ = try layerRange()
    for t in trace where !(t.hasSuffix(".json") || t.hasSuffix(".vcd")) {
      throw ValidationError("--trace \(t): the file name must end in .json (Chrome trace) or .vcd.")
    }
    if timingOnly && (output != nil || input != nil || weights != nil) {
      throw ValidationError(
        "--output, --input and --weights need values, which --timing-only does not compute.")
    }
    guard maxTraceBytes > 0 else { throw ValidationError("--max-trace-bytes must be > 0.") }
    if !timingOnly {
      // A layer's FP32 weights, each machine's converted copy and the activations (the
      // attention scores are heads x seq x seq), for the machines and the reference at once.
      let machineCount = (machines ?? machine).split(separator: ",").count + 2
      let weights = 4 * d.hidden * d.hidden + 3 * d.hidden * d.intermediate
      let activations = seq * (8 * d.hidden + 4 * d.intermediate + 2 * d.heads * seq)
      do {
        try hostMemoryOption.budget.check(
          HostMemoryBudget.product(weights + activations, 4 * machineCount),
          for: "a layer of hidden \(d.hidden), intermediate \(d.intermediate), sequence \(seq)")
      } catch {
        throw ValidationError(error.description + ".")
      }
    }
    // Outputs are checked before anything runs: none may be an input or another output.
    let range = try layerRange()
    let machineFiles = (machines ?? machine).split(separator: ",").map(String.init).filter(
      MachineOption.isFile)
    try OutputPaths.refuseInputs(
      [output, json]
        + range.flatMap { l in trace.map { traceName($0, layer: l, several: range.count > 1) } },
      inputs: [weights, input].compactMap { $0 } + machineFiles)
  }

  /// The trace file of layer `layer` for the path given as `--trace`.
  func traceName(_ path: String, layer: Int, several: Bool) -> String {
    guard several, let dot = path.lastIndex(of: ".") else { return path }
    return String(path[..<dot]) + "-layer\(layer)" + String(path[dot...])
  }

  /// The trace files of one layer's run on the chosen machine.
  func traceSinks(layer: Int, several: Bool) throws -> [TraceSink] {
    try trace.map { path in
      let name = traceName(path, layer: layer, several: several)
      do {
        return name.hasSuffix(".vcd")
          ? try VCDWriter(path: name, maxBytes: maxTraceBytes) as TraceSink
          : try ChromeTraceWriter(path: name, maxBytes: maxTraceBytes)
      } catch {
        throw CommandError("--trace: \(error)")
      }
    }
  }

  func layerRange() throws -> ClosedRange<Int> {
    let n = dimensions.layers
    if layers == "all" { return 0...(n - 1) }
    let parts = layers.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
    guard parts.count == 1 || parts.count == 2, parts.allSatisfy({ $0 != nil }) else {
      throw ValidationError("--layers must be N, A-B or all, not '\(layers)'.")
    }
    let a = parts[0]!
    let b = parts.count == 2 ? parts[1]! : a
    guard a >= 0, b >= a, b < n else {
      throw ValidationError("--layers \(layers) is outside 0...\(n - 1).")
    }
    return a...b
  }

  func programPath() throws -> String {
    try ProgramLocator.find(TransformerBlock.programName(model: model), in: programs)
  }

  /// The machines to run, in order, with fp32-reference last.
  func machineList() throws -> [MachineDescription] {
    let names = (machines ?? machine).split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    guard !names.isEmpty, names.allSatisfy({ !$0.isEmpty }) else {
      throw CommandError("--machines needs a comma-separated list of presets or files")
    }
    var list: [MachineDescription] = []
    for n in names {
      var m = try MachineOption.load(n).0
      if let accumulator {
        m.accumulatorFormat = accumulator.format
      }
      guard !list.contains(where: { $0.name == m.name }) else {
        throw CommandError("--machines names \(m.name) twice")
      }
      // Refused before any layer runs, rather than after the other machines' runs.
      if let problem = m.configurationProblem {
        throw CommandError(
          problem + (accumulator != nil ? " (--accumulator \(accumulator!.rawValue))" : ""))
      }
      if m.name != Presets.fp32Reference.name { list.append(m) }
    }
    return list + [Presets.fp32Reference]
  }

  func run() throws {
    let d = dimensions
    let range = try layerRange()
    let list = try machineList()
    let path = try programPath()
    // Tiling follows the machines' array and on-chip memories.
    let image = try Self.assembleBlock(
      path, d, seq: seq, machines: list,
      defines: TransformerBlock.programDefines(model: model, d, seq: seq))
    var x: FloatMatrix
    if let input {
      let t: FloatTensor
      do { t = try NPYFile.read(path: input) } catch { throw CommandError("--input: \(error)") }
      guard t.shape == [seq, d.hidden] else {
        throw CommandError(
          "--input \(input) has shape \(t.shape); expected [\(seq), \(d.hidden)] (--seq by hidden)")
      }
      x = FloatMatrix(rows: seq, cols: d.hidden, values: t.values)
    } else {
      var g = SeededGenerator(seed: 128)
      x = FloatMatrix(rows: seq, cols: d.hidden, values: g.normalFloats(count: seq * d.hidden))
    }
    let progress = Progress.standardError(terminalOutput: true)
    var states = [FloatMatrix](repeating: x, count: list.count)
    var xRef = x
    var totals = list.map { m in
      var f = TransformerReport.MachineFigures(name: m.name)
      f.storageFormat = m.storageName
      return f
    }
    var file: SafetensorsFile?
    if let weights {
      do { file = try SafetensorsFile(path: weights) } catch {
        throw CommandError("--weights: \(error)")
      }
    }
    if timingOnly {
      try timeLayers(image, list, range, &totals, progress)
      return try finish(totals, timingOnly: true)
    }
    for layer in range {
      let block = try TransformerBlock.weights(
        model: model, dimensions: d, layer: layer, file: file, parallelism: parallelism)
      let bindings = block.bindings
      // The machines' runs and the reference are independent: they run on all cores, each
      // on its own copy of the state, so the results do not depend on the order they finish.
      progress.note("layer \(layer): \(list.count) machines and the FP32 reference")
      nonisolated(unsafe) let sinks = try traceSinks(layer: layer, several: range.count > 1)
      let results = ConcurrentSlots<Result<(FloatMatrix, RunStatistics), Error>>(
        count: list.count)
      let inputs = states
      let referenceInput = xRef
      let referenceBox = ConcurrentSlots<FloatMatrix>(count: 1)
      parallelism.forEach(list.count + 1) { i in
        if i == list.count {
          referenceBox[0] = block.reference(referenceInput, d, parallelism: parallelism)
          return
        }
        results[i] = Result {
          try Self.simulate(
            image, list[i], bindings, inputs[i],
            i == 0 ? progress.machine(list[i].name, layer: layer) : .disabled,
            traces: i == 0 ? sinks : [], parallelism: parallelism)
        }
      }
      let outputs = try (0..<list.count).map { try results[$0]!.get() }
      let yRef = referenceBox[0]!
      progress.clear()
      func update(_ y: FloatMatrix, _ x: FloatMatrix) -> [Float] {
        zip(y.values, x.values).map { $0 - $1 }
      }
      let refUpdate = update(yRef, xRef)
      for (i, m) in list.enumerated() {
        let (y, stats) = outputs[i]
        let error = ErrorMetrics(y.values, yRef.values)
        totals[i].perLayer.append(
          .init(
            layer: layer, output: error,
            update: ErrorMetrics(update(y, states[i]), refUpdate)))
        totals[i].add(
          stats, weightBytes: block.weightBytes(storageBytesPerValue: m.storageBytesPerValue))
        totals[i].error = error
        totals[i].peMultiplyAccumulatePj =
          stats.energy.actions.first {
            $0.component == "array" && $0.action == "multiply_accumulate"
          }?
          .pjEach ?? 0
        states[i] = y
      }
      xRef = yRef
    }
    if let output {
      let t = FloatTensor(shape: [seq, d.hidden], values: states[0].values)
      try OutputFiles.write(Data(NPYFile.bytes(of: t)), to: URL(fileURLWithPath: output))
    }
    try finish(totals, timingOnly: false)
  }

  /// Writes the report (JSON if asked) and prints it.
  func finish(_ totals: [TransformerReport.MachineFigures], timingOnly: Bool) throws {
    let d = dimensions
    let range = try layerRange()
    let report = TransformerReport(
      model: model.rawValue,
      weights: timingOnly
        ? "none (timing only: no values are computed)"
        : weights.map { "\($0) (real)" }
          ?? (model == .miniLM
            ? "synthetic (fixed seed, normal, sigma 0.02; pass --weights for all-MiniLM-L6-v2's)"
            : "synthetic (fixed seed, normal, sigma 0.02; Phi-3.5-mini's weights are not available here)"),
      seq: seq, layers: "\(range.lowerBound)-\(range.upperBound)", hidden: d.hidden, heads: d.heads,
      headDim: d.headDim, intermediate: d.intermediate, machineOrder: totals.map(\.name),
      machines: Dictionary(uniqueKeysWithValues: totals.map { ($0.name, $0) }),
      timingOnly: timingOnly ? true : nil)
    if let json {
      try OutputFiles.write(JSONOutput.encode(report), to: URL(fileURLWithPath: json))
    }
    print(report.text)
  }

  /// `--timing-only`: every layer on every machine whose timing does not depend on values, with
  /// no weights, no values and no reference. Without values every layer is the same program
  /// on the same machine, so its statistics are the same: one layer is simulated and counted
  /// for each (each is simulated when traces are asked for, one file a layer). A layer's
  /// machines run on all cores.
  func timeLayers(
    _ image: ProgramImage, _ list: [MachineDescription], _ range: ClosedRange<Int>,
    _ totals: inout [TransformerReport.MachineFigures], _ progress: Progress
  ) throws {
    let weightTensors = image.tensors.filter {
      $0.binding != nil && !["x", "y", "k_cache", "v_cache"].contains($0.binding!)
    }
    var previous: [RunStatistics?]?
    for layer in range {
      var layerStats: [RunStatistics?]
      if let previous, trace.isEmpty {
        layerStats = previous
      } else {
        progress.note("layer \(layer): timing \(list.count) machines")
        nonisolated(unsafe) let sinks = try traceSinks(layer: layer, several: range.count > 1)
        let results = ConcurrentSlots<Result<RunStatistics, Error>>(count: list.count)
        let x = FloatMatrix(rows: 0, cols: 0)
        parallelism.forEach(list.count) { i in
          guard list[i].valueDependentTiming == nil else { return }
          results[i] = Result {
            try Self.simulate(
              image, list[i], [], x, Progress.disabled, traces: i == 0 ? sinks : [],
              parallelism: parallelism, timingOnly: true
            ).1
          }
        }
        progress.clear()
        layerStats = try (0..<list.count).map { try results[$0]?.get() }
        previous = layerStats
      }
      for (i, m) in list.enumerated() {
        // Bound matrices in the storage format, bound vectors (norms, biases) in FP32.
        let weightBytes = weightTensors.reduce(0) {
          $0 + $1.elementCount * ($1.shape[0] > 1 ? m.storageBytesPerValue : 4)
        }
        guard let stats = layerStats[i] else {
          totals[i].absent = m.valueDependentTiming
          totals[i].weightBytes += weightBytes
          totals[i].saturatedProducts = nil
          continue
        }
        totals[i].add(stats, weightBytes: weightBytes)
        totals[i].peMultiplyAccumulatePj =
          stats.energy.actions.first {
            $0.component == "array" && $0.action == "multiply_accumulate"
          }?
          .pjEach ?? 0
      }
    }
  }

  static func simulate(
    _ image: ProgramImage, _ m: MachineDescription, _ weights: [Binding], _ x: FloatMatrix,
    _ progress: Progress, traces: [TraceSink] = [], converted: ConvertedWeights? = nil,
    parallelism: Parallelism, timingOnly: Bool = false
  ) throws -> (FloatMatrix, RunStatistics) {
    let bindings =
      timingOnly
      ? []
      : weights + [
        Binding(
          name: "x", tensor: FloatTensor(shape: [x.rows, x.cols], values: x.values), source: "x")
      ]
    do {
      let table = try EnergyTable.load(m.energyTable)
      var sim = try Simulator(
        image: image, machine: m, bindings: bindings, energyTable: table, converted: converted,
        parallelism: parallelism, timingOnly: timingOnly)
      let stats = try sim.run(traces: traces, progress: progress.update)
      guard let y = sim.tensor(named: "y") else { return (x, stats) }
      return (FloatMatrix(rows: x.rows, cols: x.cols, values: y.values), stats)
    } catch {
      throw CommandError("\(m.name): \(error)")
    }
  }

  /// Assembles a block program with tiling that follows the machines: GEMM tiles the largest of
  /// the array's size, 128, 64 or 32 that divides the model's sizes; rows per SFU tile the
  /// largest of 16, 8, 4, 2, 1 that divides the sequence and whose buffers fit every machine's
  /// scratchpad and accumulator memory (checked with the machines' own layout).
  static func assembleBlock(
    _ path: String, _ d: TransformerDimensions, seq: Int, machines: [MachineDescription],
    defines: [(String, String)] = []
  ) throws -> ProgramImage {
    let arrayLimit = machines.map { min($0.array.rows, $0.array.cols) }.min()!
    let tile = ([arrayLimit, 128, 64, 32].filter { $0 <= arrayLimit } + [32]).first {
      d.hidden % $0 == 0 && d.intermediate % $0 == 0
    }!
    var failures: [String] = []
    for rows in [16, 8, 4, 2, 1] where seq % rows == 0 {
      var options = AssemblyOptions()
      options.defines =
        [
          ("SEQ", "\(seq)"), ("HIDDEN", "\(d.hidden)"), ("HEADS", "\(d.heads)"),
          ("HEAD_DIM", "\(d.headDim)"),
          ("INTER", "\(d.intermediate)"), ("EPS", "\(d.normEps)"), ("TN", "\(tile)"),
          ("TK", "\(tile)"),
          ("TR", "\(rows)"),
        ] + defines
      let assembled = Assembler.assemble(file: path, options: options)
      guard let image = assembled.image else {
        throw CommandError(
          "\(path) did not assemble: "
            + assembled.diagnostics.map(\.description).joined(separator: "; "))
      }
      let fits = OnChipFit.fits(image, on: machines)
      if fits { return image }
      failures.append("\(rows)")
    }
    throw CommandError(
      "the block's buffers do not fit the machine's scratchpad or accumulator memory with \(failures.joined(separator: ", ")) rows per tile; use a machine with more on-chip memory or a shorter --seq"
    )
  }
}
