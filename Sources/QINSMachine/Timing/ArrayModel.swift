import FPINSISA
import MachineDescription
import SystolicArray

/// The systolic array of a machine, as both the simulator's `sa.matmul` and `qinssim gemm`
/// see it: its size, its overlap options and the slowdown its shared table ports impose,
/// built from one machine description, and the timing of a GEMM on it (``GEMMTiming``: fold by
/// fold, the stationary operand's loading, the stream, fill and drain).
///
/// What feeds the array is one model too (``ArrayEdges``): each fold's stream lasts as long as
/// the levels feeding its edges need, the local buffers and the accumulator memory in a bare
/// GEMM (`qinssim gemm`), the A and C tiles' levels in a program. `sa.load` only stages the
/// operand from memory: the PE loading is paid fold by fold in the matmul.
public struct ArrayModel: Sendable {
  public let rows: Int
  public let cols: Int
  /// Double-buffered stationary operands and overlapped fill and drain.
  public let overlap: ArrayOverlap
  /// How much shared table ports stretch each stream step (``TablePorts``); 1 for none.
  public let tableSlowdown: Int

  /// The machine's array, optionally resized (a design-space point) or with overlap options
  /// forced on.
  public init(
    machine: MachineDescription, rows: Int? = nil, cols: Int? = nil,
    doubleBufferedStationary: Bool = false, overlapFolds: Bool = false
  ) {
    let rows = rows ?? machine.array.rows
    let cols = cols ?? machine.array.cols
    self.rows = rows
    self.cols = cols
    overlap = ArrayOverlap(
      doubleBufferedStationary: doubleBufferedStationary || machine.array.doubleBufferedStationary,
      overlapFillAndDrain: overlapFolds || machine.array.overlapFolds)
    tableSlowdown = TablePorts.slowdown(
      cols: cols, ports: machine.array.tablePorts, shared: machine.array.tables == .sharedSRAM,
      qinsOperands: machine.storageFormat != .fp32,
      qinsAccumulator: machine.accumulatorFormat != .fp32)
  }

  /// An m x k by k x n product on the array.
  public func timing(
    m: Int, k: Int, n: Int, dataflow: Dataflow, convention: TimingConvention = .default,
    edges: ArrayEdges? = nil
  ) -> GEMMTiming {
    GEMMTiming(
      gemm: GEMMShape(m: m, n: n, k: k), rows: rows, cols: cols, dataflow: dataflow,
      convention: convention, overlap: overlap,
      feed: { f, steps in edges?.streamCycles(fold: f, steps: steps) ?? steps },
      tableSlowdown: tableSlowdown)
  }

  /// An empty pipeline of this array's folds for `dataflow`, or one going on from `previous`
  /// (``ArrayPipeline``): what a program's consecutive `sa.matmul`s run through.
  public func pipeline(dataflow: Dataflow, after previous: ArrayPipeline? = nil) -> ArrayPipeline {
    ArrayPipeline(rows: rows, cols: cols, dataflow: dataflow, overlap: overlap, after: previous)
  }

  /// Why the product cannot be timed on this array (too many folds or cycles), or nil.
  public func sizeProblem(m: Int, k: Int, n: Int, dataflow: Dataflow) -> String? {
    GEMMTiming.sizeProblem(
      gemm: GEMMShape(m: m, n: n, k: k), rows: rows, cols: cols, dataflow: dataflow,
      tableSlowdown: tableSlowdown)
  }
}
