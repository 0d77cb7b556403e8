import ArgumentParser
import FPINSISA
import MachineDescription
import QINSSupport
import SystolicArray
import Workloads

/// `qinssim gemm`: a bare GEMM on the systolic array, comparable with SCALE-Sim's report.
struct GemmCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gemm",
    abstract: "Time a bare GEMM (M x K times K x N) on the systolic array.",
    discussion: """
      Prints total, compute and stall cycles, folds, mapping efficiency and utilisation, and \
      with the machine's clock, memories and energy table, time, bytes and energy. \
      --timing scalesim reproduces SCALE-Sim v3's COMPUTE_REPORT totals (its conventions: \
      output-stationary folds without the output drain, the total as the 0-based index of the \
      last cycle); the default counts the drain and reports cycles as a count. \
      Docs/systolic-array.md derives both.
      """
  )

  @Option(parsing: .unconditional, help: "Rows of A and C.") var m: Int
  @Option(parsing: .unconditional, help: "Columns of B and C.") var n: Int
  @Option(parsing: .unconditional, help: "Columns of A, rows of B.") var k: Int
  @Option(parsing: .unconditional, help: "Array rows (default: the machine's).") var rows: Int?
  @Option(parsing: .unconditional, help: "Array columns (default: the machine's).") var cols: Int?
  @Option(help: "The dataflow (default: the machine's).") var dataflow: Dataflow?
  @Option(help: ArgumentHelp(MachineOption.help, valueName: "machine")) var machine: String =
    "qins-default"
  @Option(help: "default (physically correct) or scalesim (SCALE-Sim's counting).")
  var timing: TimingConvention = .default
  @Flag(
    help:
      "Load the next fold's stationary operand during the current fold, whatever the machine says (every preset does; not under scalesim timing)."
  )
  var doubleBuffer = false
  @Flag(
    help:
      "Start the next fold's stream behind the current one's, whatever the machine says (every preset does; not under scalesim timing)."
  )
  var overlapFolds = false
  @Option(
    help:
      "fast (closed form) or pe (every PE, every cycle; small arrays; the reference timing, with the machine's overlap options off)."
  )
  var model: GemmArrayModel = .fast
  @Flag(
    help:
      "Compute the product on fixed-seed data in the machine's formats and print its error against an FP32 product."
  )
  var functional = false
  @Flag(help: "Print one JSON object instead of text.") var json = false
  @Option(help: ArgumentHelp(ReportOption.help, valueName: "file.html")) var report: String?
  @OptionGroup var hostMemoryOption: HostMemoryOption

  func validate() throws {
    for (name, v) in [("--m", m), ("--n", n), ("--k", k)] where v < 1 {
      throw ValidationError("\(name) must be >= 1, got \(v).")
    }
    let side = MachineDescription.Limits.arraySide
    for (name, v) in [("--rows", rows), ("--cols", cols)] {
      if let v, !side.contains(v) {
        throw ValidationError("\(name) must be 1...\(side.upperBound), got \(v).")
      }
    }

    if model == .pe && (doubleBuffer || overlapFolds) {
      throw ValidationError(
        "--double-buffer and --overlap-folds apply to the fast model; the PE model has the reference timing."
      )
    }
  }

  func run() throws {
    let (desc, table) = try MachineOption.load(machine)
    var experiment = GemmExperiment(
      gemm: GEMMShape(m: m, n: n, k: k), machine: desc, energyTable: table)
    if let rows { experiment.rows = rows }
    if let cols { experiment.cols = cols }
    if let dataflow { experiment.dataflow = dataflow }
    experiment.timing = timing
    experiment.doubleBuffer = doubleBuffer
    experiment.overlapFolds = overlapFolds
    experiment.model = model
    experiment.functional = functional
    if let problem = experiment.sizeProblem { throw CommandError(problem) }
    let (r, c) = (experiment.rows, experiment.cols)
    try hostMemoryOption.check(
      experiment.hostBytes,
      for: model == .pe ? "the GEMM's matrices and PEs" : "the GEMM's matrices")
    let report = try experiment.run()
    if let path = self.report {
      try ReportOption.write(JSONOutput.encode(report), name: "gemm \(m)x\(k)x\(n)", to: path)
    }
    if json {
      print(try JSONOutput.string(report), terminator: "")
      return
    }
    let t = report
    let traffic = report.bytes
    let energy = report.energyByComponentPj
    print(
      "GEMM \(m) x \(k) by \(k) x \(n) on a \(r) x \(c) array, \(report.dataflow), \(timing.rawValue) timing, \(desc.name)\n"
    )
    print("total cycles        \(t.totalCycles)")
    print("compute cycles      \(t.computeCycles)")
    print("stall cycles        \(t.stallCycles)")
    print("folds               \(t.folds) (\(t.rowFolds) x \(t.colFolds))")
    print("mapping efficiency  \(Format.percent(t.mappingEfficiency))")
    print("compute utilisation \(Format.percent(t.computeUtilization)) (SCALE-Sim's definition)")
    print("utilisation         \(Format.percent(t.utilization)) (MACs over PE-cycles)")
    print(
      "time                \(Format.g(report.seconds * 1e6, 6)) us at \(Format.g(desc.clockMHz)) MHz"
    )
    print(
      "bytes               "
        + traffic.keys.sorted().map { "\($0) \(traffic[$0]!)" }.joined(separator: ", "))
    print(
      "energy              \(Format.g(report.energyPj * 1e-6, 5)) uJ ("
        + energy.keys.sorted().map { "\($0) \(Format.g(energy[$0]! * 1e-6, 4))" }.joined(
          separator: ", ") + ")")
    if let f = report.functional {
      print(
        "\nFunctional (\(f.model) model, \(f.format), fixed-seed normal data) against an FP32 product:"
      )
      if let steps = f.peSteps { print("PE steps            \(steps)") }
      print("max |error|         \(Format.g(f.maxAbsError))")
      print("relative RMS error  \(Format.g(f.relativeRmsError))")
      print("cosine similarity   \(Format.g(f.cosine, 6))")
      print("saturated products  \(f.overflowingProducts)")
    }
  }
}
