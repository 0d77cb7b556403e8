import FPINSISA
import SystolicArray

/// How long the systolic array takes: the interface the machine uses, so that array models
/// can be swapped.
protocol ArrayTimingModel {
  /// Cycles `sa.load` keeps the array busy beyond reading the operand from memory.
  func loadCycles(k: Int, n: Int) -> Int
  /// Cycles to compute an m x k by k x n tile, every fold's loading, fill and drain included.
  func computeCycles(m: Int, k: Int, n: Int, dataflow: Dataflow) -> Int
}

/// The array's fast model (``GEMMTiming``, default timing): `sa.load` only stages the
/// operand from memory, and `sa.matmul` pays, fold by fold, the loading of the stationary
/// operand into the PEs, the stream (stretched by shared table ports), and the fill and drain
/// (Docs/systolic-array.md).
struct FastArrayTiming: ArrayTimingModel {
  let rows: Int
  let cols: Int
  /// The machine's overlap options.
  var overlap = ArrayOverlap()
  /// The stream's slowdown from shared table ports (``TablePorts``).
  var tableSlowdown = 1

  func loadCycles(k: Int, n: Int) -> Int { 0 }

  func computeCycles(m: Int, k: Int, n: Int, dataflow: Dataflow) -> Int {
    timing(m: m, k: k, n: n, dataflow: dataflow).totalCycles
  }

  func timing(m: Int, k: Int, n: Int, dataflow: Dataflow) -> GEMMTiming {
    GEMMTiming(
      gemm: GEMMShape(m: m, n: n, k: k), rows: rows, cols: cols, dataflow: dataflow,
      overlap: overlap, tableSlowdown: tableSlowdown)
  }
}
