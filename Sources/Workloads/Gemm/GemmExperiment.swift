import EnergyModel
import FPINSISA
import MachineDescription
import QINSMachine
import QINSSupport
import SystolicArray

/// A bare GEMM (M x K times K x N) on a machine's systolic array: what `qinssim gemm` runs.
///
/// The timing is ``GEMMTiming``'s closed form (SCALE-Sim's conventions with `.scalesim`), with
/// the stalls of edges the local buffers or the accumulator memory cannot feed every cycle
/// (``ArrayEdges``, not under `.scalesim`) and of shared table ports; the energy is the PEs'
/// multiply-accumulates and the bytes each level moves. With `functional` (or the PE model)
/// the product is also computed on fixed-seed data in the machine's formats
/// (``GemmFunctional``).
public struct GemmExperiment: Sendable {
  public var gemm: GEMMShape
  public var machine: MachineDescription
  public var energyTable: EnergyTable
  /// The array's size and dataflow (default: the machine's).
  public var rows: Int
  public var cols: Int
  public var dataflow: Dataflow
  public var timing: TimingConvention = .default
  /// Load the next fold's stationary operand during the current fold.
  public var doubleBuffer = false
  /// Start the next fold's stream behind the current one's.
  public var overlapFolds = false
  public var model: GemmArrayModel = .fast
  public var functional = false

  public init(gemm: GEMMShape, machine: MachineDescription, energyTable: EnergyTable) {
    self.gemm = gemm
    self.machine = machine
    self.energyTable = energyTable
    rows = machine.array.rows
    cols = machine.array.cols
    dataflow = machine.array.dataflow
  }

  /// What `qinssim gemm` prints, as JSON and as text.
  public struct Report: Encodable, Sendable {
    public var m: Int, n: Int, k: Int, rows: Int, cols: Int
    public var dataflow: String
    public var timing: String
    public var totalCycles: Int
    public var computeCycles: Int
    public var stallCycles: Int
    public var tablePortStallCycles: Int
    public var folds: Int
    public var rowFolds: Int
    public var colFolds: Int
    public var mappingEfficiency: Double
    public var computeUtilization: Double
    public var utilization: Double
    public var machine: String
    public var clockMhz: Double
    public var seconds: Double
    public var bytes: [String: Int]
    public var energyPj: Double
    public var energyByComponentPj: [String: Double]
    public var model: String
    public var functional: GemmFunctional.Result?
    /// The roofline's ceilings: the array's peak (2 operations per PE a cycle) and the
    /// bandwidth of its edges (local buffers and accumulator memory).
    public var peakOpsPerSecond: Double
    public var edgeBytesPerSecond: Double

    enum CodingKeys: String, CodingKey {
      case m, n, k, rows, cols, dataflow, timing, totalCycles, computeCycles, stallCycles
      case tablePortStallCycles, folds, rowFolds, colFolds, mappingEfficiency
      case computeUtilization, utilization, machine, seconds, bytes, energyPj
      case energyByComponentPj, model, functional, peakOpsPerSecond, edgeBytesPerSecond
    }
  }

  /// Whether the array and the GEMM can be timed; the reason when not.
  public var sizeProblem: String? {
    guard rows * cols <= MachineDescription.Limits.arrayPEs else {
      return
        "the array must have at most \(MachineDescription.Limits.arrayPEs) PEs, not \(rows) x \(cols)"
    }
    return array.sizeProblem(m: gemm.m, k: gemm.k, n: gemm.n, dataflow: dataflow)
      .map { "cannot time this GEMM: \($0)" }
  }

  /// Host bytes the values need when they are computed (`functional` or the PE model): A, B
  /// and C in FP32 and in the machine's formats, and with the PE model every PE's registers;
  /// 0 when no values are computed; nil when the size overflows.
  public var hostBytes: Int? {
    guard functional || model == .pe else { return 0 }
    let matrices = HostMemoryBudget.sum([
      HostMemoryBudget.product(gemm.m, gemm.k), HostMemoryBudget.product(gemm.k, gemm.n),
      HostMemoryBudget.product(gemm.m, gemm.n),
    ])
    return HostMemoryBudget.sum([
      matrices.flatMap { HostMemoryBudget.product($0, 24) },
      model == .pe ? HostMemoryBudget.product(rows, cols, 64) : 0,
    ])
  }

  /// The machine's array at this point's size and options: the model the simulator's
  /// `sa.matmul` uses too.
  /// The PE-level model steps the reference timing (no overlap), so with it the machine's
  /// overlap options are off.
  var array: ArrayModel {
    var m = machine
    if model == .pe {
      m.array.doubleBufferedStationary = false
      m.array.overlapFolds = false
    }
    return ArrayModel(
      machine: m, rows: rows, cols: cols, doubleBufferedStationary: doubleBuffer,
      overlapFolds: overlapFolds)
  }

  public func run() throws(WorkloadError) -> Report {
    if let sizeProblem { throw WorkloadError(sizeProblem) }
    let costs = MachineCosts(machine: machine, table: energyTable)
    let edges = ArrayEdges(machine: machine, rows: rows, cols: cols, dataflow: dataflow, gemm: gemm)
    let convention = timing
    let t = array.timing(
      m: gemm.m, k: gemm.k, n: gemm.n, dataflow: dataflow, convention: convention,
      edges: convention == .scalesim ? nil : edges)
    var functionalResult: GemmFunctional.Result?
    if functional || model == .pe {
      functionalResult = try GemmFunctional.run(
        gemm: gemm, rows: rows, cols: cols, dataflow: dataflow, machine: machine,
        peModel: model == .pe)
      if let peCycles = functionalResult?.cycles {
        // The PE model counts the reference timing; it must equal the fast model's.
        let reference = GEMMTiming(gemm: gemm, rows: rows, cols: cols, dataflow: dataflow)
        guard peCycles == reference.totalCycles else {
          throw WorkloadError(
            "internal error: the PE model counted \(peCycles) cycles, the fast model \(reference.totalCycles)"
          )
        }
      }
    }
    let traffic = edges.traffic(rowFolds: t.rowFolds, colFolds: t.colFolds)
    var energy: [String: Double] = ["array": Double(gemm.macs) * costs.peMultiplyAccumulate]
    for (level, bytes) in traffic {
      energy[level.rawValue, default: 0] += Double(bytes) * costs.bytePicojoules[level]!
    }
    let seconds = Double(t.totalCycles) / (machine.clockMHz * 1e6)
    return Report(
      m: gemm.m, n: gemm.n, k: gemm.k, rows: rows, cols: cols, dataflow: dataflow.rawValue,
      timing: timing.rawValue, totalCycles: t.totalCycles, computeCycles: t.computeCycles,
      stallCycles: t.stallCycles, tablePortStallCycles: t.tablePortStallCycles,
      folds: t.folds, rowFolds: t.rowFolds, colFolds: t.colFolds,
      mappingEfficiency: t.mappingEfficiency, computeUtilization: t.computeUtilization,
      utilization: t.utilization, machine: machine.name, clockMhz: machine.clockMHz,
      seconds: seconds,
      bytes: Dictionary(uniqueKeysWithValues: traffic.map { ($0.key.rawValue, $0.value) }),
      energyPj: energy.keys.sorted().reduce(0) { $0 + energy[$1]! }, energyByComponentPj: energy,
      model: model.rawValue, functional: functionalResult,
      peakOpsPerSecond: 2 * Double(rows * cols) * machine.clockMHz * 1e6,
      edgeBytesPerSecond: Double(machine.lbuf.bytesPerCycle + machine.acc.bytesPerCycle)
        * machine.clockMHz * 1e6)
  }
}
