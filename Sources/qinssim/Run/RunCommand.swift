import ArgumentParser
import EnergyModel
import Foundation
import MachineDescription
import QBinary
import QINSAssembler
import QINSMachine
import QINSSupport
import TensorIO
import Traces

/// `qinssim run`: a program on a machine.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract:
      "Run a program on a machine; print cycles, stalls, utilisation, bytes moved, energy and power.",
    discussion: """
      PROGRAM is a .qbin from qinsasm (a .qasm is assembled first, with no flags). Tensors \
      declared with `bind` take --bind files by their binding name; bound tensors without a \
      file get fixed-seed normal values, so every program runs as it is. An architectural \
      fault stops the run with the pc, the source line, the cycle and exit status 1. \
      Docs/simulator.md describes the model and every statistic.
      """
  )

  @Argument(help: "The program: a .qbin (or a .qasm, assembled first).")
  var program: String

  @Option(
    help: ArgumentHelp(MachineOption.help, valueName: "machine"))
  var machine: String = "qins-default"

  @Option(
    help: ArgumentHelp(
      "Bind a tensor: NAME=FILE.npy (float32 or float64, C order) or NAME=FILE.safetensors:TENSOR (F32, F16, BF16, F64).",
      valueName: "name=file"))
  var bind: [String] = []

  @Option(
    help: ArgumentHelp(
      "After the run, write a tensor (by name or binding) as float32 .npy: NAME=OUT.npy.",
      valueName: "name=file"))
  var dump: [String] = []

  @Option(help: "Write the statistics as JSON to this file.")
  var stats: String?
  @Option(help: ArgumentHelp(ReportOption.help, valueName: "file.html")) var report: String?
  @Option(help: ArgumentHelp(CSVOption.help, valueName: "file.csv")) var csv: String?

  @Option(
    help: ArgumentHelp(
      "Stream a cycle trace to this file: .json (Chrome Trace Event, for Perfetto) or .vcd (for GTKWave, Surfer). May be given twice.",
      valueName: "file"))
  var trace: [String] = []

  @OptionGroup var threadsOption: ThreadsOption
  @OptionGroup var hostMemoryOption: HostMemoryOption

  @Flag(
    help: ArgumentHelp(
      "Compute time, stalls, bytes, energy and power only, no values: the same figures as a full run, faster.",
      discussion:
        "Every preset's timing is independent of the values (scale choice is a unit with a fixed cost per row), so the figures equal a full run's. Overflow and underflow counts depend on values and are absent; --dump needs values."
    ))
  var timingOnly = false

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Stop the run as a fault after this many cycles.",
      discussion:
        "The default, 10^10 cycles (10 s of the machine at 1 GHz), is 27 times a Phi-3.5-mini layer at sequence 128; raise it for longer programs."
    ))
  var maxCycles: Int = 10_000_000_000

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Stop the run as a fault when a trace file passes this many bytes.",
      discussion:
        "The default, 2^30 (1 GiB), holds about 40 Phi-3.5-mini layers' Chrome traces; an endless loop with --trace stops within seconds instead of filling the disk."
    ))
  var maxTraceBytes: Int = 1 << 30

  @Option(
    name: .customShort("D", allowingJoined: true),
    help: ArgumentHelp(
      "For a .qasm program: override a constant, NAME=VALUE.", valueName: "name=value"))
  var defines: [String] = []

  @Option(
    name: .customShort("I", allowingJoined: true),
    help: ArgumentHelp("For a .qasm program: an include directory.", valueName: "dir"))
  var includePaths: [String] = []

  func validate() throws {
    guard maxCycles > 0 else { throw ValidationError("--max-cycles must be > 0.") }
    guard maxTraceBytes > 0 else { throw ValidationError("--max-trace-bytes must be > 0.") }
    for t in trace where !TraceFile.isTraceName(t) {
      throw ValidationError("--trace \(t): the file name must end in .json (Chrome trace) or .vcd.")
    }
    if !program.hasSuffix(".qasm") && !(defines.isEmpty && includePaths.isEmpty) {
      throw ValidationError("-D and -I apply to .qasm programs; a .qbin is already assembled.")
    }
    for b in bind + dump + defines where !b.contains("=") {
      throw ValidationError("'\(b)': expected NAME=FILE.")
    }
    if timingOnly && !dump.isEmpty {
      throw ValidationError("--dump needs values, which --timing-only does not compute.")
    }
    // Outputs are checked before anything runs: none may be an input or another output.
    try OutputPaths.refuseInputs(
      dump.map { Binding.split($0).file } + [stats, report, csv] + trace,
      inputs: [program] + bind.map(Binding.inputFile(of:))
        + (MachineOption.isFile(machine) ? [machine] : []))
  }

  func run() throws {
    let (description, table) = try MachineOption.load(machine)
    let image = try loadImage()
    let bindings = try bind.map { b in
      do { return try Binding.read(b) } catch {
        throw CommandError("--bind \(Binding.split(b).name): \(error)")
      }
    }
    for d in dump {
      let name = Binding.split(d).name
      guard image.tensors.contains(where: { $0.name == name || $0.binding == name }) else {
        throw CommandError("--dump \(name): the program has no tensor or binding of that name")
      }
    }
    var simulator: Simulator
    let result: RunStatistics
    var sinks: [TraceSink] = []
    do {
      for t in trace {
        sinks.append(
          try TraceFile.open(
            t, maxBytes: maxTraceBytes, context: [("machine", description.name)]))
      }
    } catch {
      throw CommandError("--trace: \(error)")
    }
    let progress = ProgressDisplay.standardError(terminalOutput: true)
    do {
      simulator = try Simulator(
        image: image, machine: description, bindings: bindings, energyTable: table,
        parallelism: threadsOption.parallelism, timingOnly: timingOnly,
        hostMemory: hostMemoryOption.budget)
    } catch {
      throw CommandError("\(program): \(error)")
    }
    do {
      result = try simulator.run(maxCycles: maxCycles, traces: sinks, progress: progress.update)
      progress.clear()
    } catch let f where f.kind == .interrupted {
      // A signal stopped the run: its statistics so far are written and printed, marked
      // interrupted, and the traces were closed; no dump (the values are unfinished).
      progress.clear()
      let partial = simulator.statisticsSoFar()
      if let stats {
        do {
          try OutputFile.write([UInt8](JSONOutput.encode(partial)), to: stats)
        } catch {
          throw CommandError("--stats: \(error)")
        }
      }
      print(RunSummary.text(partial, program: program))
      throw CommandError("\(program): \(f)")
    } catch {
      progress.clear()
      throw CommandError("\(program): \(error)")
    }
    for d in dump {
      let (name, path) = Binding.split(d)
      let t = simulator.tensor(named: name)!
      do {
        try OutputFile.write(NPYFile.bytes(of: t), to: path)
      } catch {
        throw CommandError("--dump \(name): \(error)")
      }
    }
    if let stats {
      do {
        try OutputFile.write([UInt8](JSONOutput.encode(result)), to: stats)
      } catch {
        throw CommandError("--stats: \(error)")
      }
    }
    if let csv {
      var table = OperatorTable()
      table.add(
        machine: result.machine, scope: "all", operators: result.operators ?? [], whole: result)
      try CSVOption.write(table, to: csv)
    }
    if let report {
      try ReportOption.write(
        JSONOutput.encode(result), name: "run \(program)", traces: trace, to: report)
    }
    print(RunSummary.text(result, program: program))
  }

  func loadImage() throws -> ProgramImage {
    let r = try ProgramFile.load(
      program, options: AssemblyOptions(includePaths: includePaths, defineTexts: defines))
    for d in r.diagnostics { FileHandle.standardError.write(Data((d.description + "\n").utf8)) }
    guard let image = r.image else { throw ExitCode(1) }
    return image
  }
}
