import ArgumentParser
import FP32Reference
import Foundation
import MachineDescription
import ProgramLibrary
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
      the chosen machine (or every machine of --machines) and on fp32-reference (the \
      built-in FP32 machine: the presets' array, memories and clock with FP32 PEs and 4-byte \
      storage; a machine file on other hardware is named in a note, with what differs, and \
      in the JSON as fp32_reference_differs_in), runs the independent FP32 reference, and prints cycles, time, energy, \
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
  @Option(help: ArgumentHelp(MachineOption.help, valueName: "machine")) var machine: String =
    "qins-default"
  @Option(
    help: ArgumentHelp(
      MachineOption.listHelp
        + " (for example qins-default,qins-seed,int8,fp8-e4m3,bf16); overrides --machine. fp32-reference is always run, last.",
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
      "Write each machine's run statistics, summed over the layers, as JSON to this file: stalls by cause, busy cycles, bytes per level, energy by component, class and action, the roofline (as run --stats writes them; qinssim report plots them).",
      valueName: "file"))
  var stats: String?
  @Option(help: ArgumentHelp(ReportOption.help, valueName: "file.html")) var report: String?
  @Option(help: ArgumentHelp(CSVOption.help, valueName: "file.csv")) var csv: String?
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
  @OptionGroup var programsOption: ProgramsOption
  @Option(
    parsing: .unconditional, help: "Override the hidden size (for quick experiments and tests).")
  var hidden: Int?
  @Option(parsing: .unconditional, help: "Override the number of heads.") var heads: Int?
  @Option(parsing: .unconditional, help: "Override the head dimension.") var headDim: Int?
  @Option(parsing: .unconditional, help: "Override the MLP's intermediate size.") var intermediate:
    Int?

  @OptionGroup var energyTableOption: EnergyTableOption
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
    if let problem = TransformerExperiment.dimensionProblem(dimensions, seq: seq) {
      throw ValidationError(problem)
    }
    let d = dimensions
    _ = try layerRange()
    for t in trace where !TraceFile.isTraceName(t) {
      throw ValidationError("--trace \(t): the file name must end in .json (Chrome trace) or .vcd.")
    }
    if timingOnly && (output != nil || input != nil || weights != nil) {
      throw ValidationError(
        "--output, --input and --weights need values, which --timing-only does not compute.")
    }
    guard maxTraceBytes > 0 else { throw ValidationError("--max-trace-bytes must be > 0.") }
    if !timingOnly {
      do {
        try hostMemoryOption.budget.check(
          TransformerExperiment.hostBytes(
            d, seq: seq, machines: (machines ?? machine).split(separator: ",").count),
          for: "a layer of hidden \(d.hidden), intermediate \(d.intermediate), sequence \(seq)")
      } catch {
        throw ValidationError(error.description + ".")
      }
    }
    // Outputs are checked before anything runs: none may be an input or another output.
    let range = try layerRange()
    try OutputPaths.refuseInputs(
      [output, json, report, stats, csv]
        + range.flatMap { l in
          trace.map { TransformerExperiment.traceName($0, layer: l, several: range.count > 1) }
        },
      inputs: [weights, input].compactMap { $0 } + MachineOption.files(machines ?? machine))
  }

  func layerRange() throws -> ClosedRange<Int> {
    do { return try TransformerExperiment.layerRange(layers, layerCount: dimensions.layers) } catch
    {
      throw ValidationError(error.description)
    }
  }

  func run() throws {
    let d = dimensions
    var experiment = TransformerExperiment(
      model: model, dimensions: d, layers: try layerRange(), seq: seq,
      machines: try energyTableOption.apply(
        MachineOption.lineup(machines ?? machine, accumulator: accumulator)),
      programs: try programsOption.source(holding: TransformerBlock.programName(model: model)))
    if let input {
      let t: FloatTensor
      do { t = try NPYFile.read(path: input) } catch { throw CommandError("--input: \(error)") }
      guard t.shape == [seq, d.hidden] else {
        throw CommandError(
          "--input \(input) has shape \(t.shape); expected [\(seq), \(d.hidden)] (--seq by hidden)")
      }
      experiment.input = FloatMatrix(rows: seq, cols: d.hidden, values: t.values)
    }
    experiment.weightsFile = weights
    experiment.timingOnly = timingOnly
    experiment.traces = trace
    experiment.maxTraceBytes = maxTraceBytes
    let result = try experiment.run(
      progress: ProgressDisplay.standardError(terminalOutput: true), parallelism: parallelism)
    if let output, let y = result.output {
      let t = FloatTensor(shape: [seq, d.hidden], values: y.values)
      try OutputFiles.write(Data(NPYFile.bytes(of: t)), to: URL(fileURLWithPath: output))
    }
    if let json {
      try OutputFiles.write(JSONOutput.encode(result.report), to: URL(fileURLWithPath: json))
    }
    if let stats {
      try OutputFiles.write(
        JSONOutput.encode(TransformerStatistics(result.report)), to: URL(fileURLWithPath: stats))
    }
    if let csv { try CSVOption.write(result.report.operatorTable, to: csv) }
    if let report {
      try ReportOption.write(
        JSONOutput.encode(result.report), name: "transformer \(model.rawValue)",
        traces: trace.count == 1 && layers.count == 1 ? trace : [], to: report)
    }
    print(result.report.text)
  }
}
