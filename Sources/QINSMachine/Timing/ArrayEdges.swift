import FPINSISA
import MachineDescription
import SystolicArray

/// What feeds the array's edges, and how long a fold's stream takes when the memories cannot
/// keep up: the one feed model of `qinssim gemm` and of a program's `sa.matmul`.
///
/// Each stream step, the input edge takes one value per row the fold fills (the streamed
/// operand, from the level holding it: the local buffers in a bare GEMM, the A tile's level in
/// a program) and the output edge gives one value per column the fold fills (to the level
/// holding C: the accumulator memory); a fold that accumulates onto earlier partial sums (every
/// row fold after the first along K, or `sa.matmul ..., acc`) also reads one per column from
/// C's level. Levels have separate read and write ports, so a fold's stream takes
///
///     max(steps, ceil(T x max(input demand, output demand)))
///
/// cycles, where T is the streamed length, `steps` the stream's cycles without memory limits
/// (T, or T x the table ports' slowdown) and a demand is bytes wanted a cycle over bytes a
/// cycle the port delivers (the read port's demand adds the partial sums when A and C share a
/// level). Output-stationary folds keep their outputs in the PEs while streaming: only the
/// input edge counts.
public struct ArrayEdges: Sendable {
  /// One side of the array's edges: the level feeding it or taking from it.
  public struct Level: Sendable, Hashable {
    public var space: MemorySpace
    public var bytesPerValue: Int
    public var bytesPerCycle: Double

    public init(space: MemorySpace, bytesPerValue: Int, bytesPerCycle: Double) {
      self.space = space
      self.bytesPerValue = bytesPerValue
      self.bytesPerCycle = bytesPerCycle
    }

    /// `space` of `machine` holding values of `bytesPerValue` bytes.
    public init(_ space: MemorySpace, of machine: MachineDescription, bytesPerValue: Int) {
      self.init(
        space: space, bytesPerValue: bytesPerValue,
        bytesPerCycle: machine.memory(space).map { Double($0.bytesPerCycle) }
          ?? machine.dramBytesPerCycle)
    }
  }

  public let rows: Int
  public let cols: Int
  public let dataflow: Dataflow
  public let gemm: GEMMShape
  public let input: Level
  public let output: Level
  /// Whether the first row fold accumulates too (`sa.matmul ..., acc`).
  public let accumulate: Bool

  public var inputBytes: Int { input.bytesPerValue }
  public var outputBytes: Int { output.bytesPerValue }

  /// The streamed length of a fold: M (ws), N (is), K (os).
  public var streamed: Int { dataflow == .ws ? gemm.m : dataflow == .is ? gemm.n : gemm.k }

  public init(
    rows: Int, cols: Int, dataflow: Dataflow, gemm: GEMMShape, input: Level, output: Level,
    accumulate: Bool = false
  ) {
    self.rows = rows
    self.cols = cols
    self.dataflow = dataflow
    self.gemm = gemm
    self.input = input
    self.output = output
    self.accumulate = accumulate
  }

  /// A bare GEMM's edges (`qinssim gemm`): the streamed operand from the local buffers in
  /// the machine's storage format, the outputs to the accumulator memory.
  public init(
    machine: MachineDescription, rows: Int, cols: Int, dataflow: Dataflow, gemm: GEMMShape
  ) {
    self.init(
      rows: rows, cols: cols, dataflow: dataflow, gemm: gemm,
      input: Level(.lbuf, of: machine, bytesPerValue: machine.storageBytesPerValue),
      output: Level(.acc, of: machine, bytesPerValue: machine.accumulatorFormat.bytesPerValue))
  }

  /// The cycles fold `f` streams for: `steps` when the edges keep up, longer when a port
  /// cannot deliver what each step wants. Folds go column fold by column fold, the row folds
  /// of each in turn (``GEMMTiming/shiftCycles(_:rows:cols:dataflow:convention:)``'s order).
  public func streamCycles(fold f: Int, steps: Int) -> Int {
    let (stationaryRows, stationaryCols) =
      dataflow == .os ? (gemm.m, gemm.n) : (gemm.k, dataflow == .ws ? gemm.n : gemm.m)
    let rowFolds = (stationaryRows + rows - 1) / rows
    let (fr, fc) = (f % rowFolds, f / rowFolds)
    let usedRows = min(rows, stationaryRows - fr * rows)
    let usedCols = min(cols, stationaryCols - fc * cols)
    let inputRead = Double(usedRows * input.bytesPerValue)
    var readDemand = inputRead / input.bytesPerCycle
    var writeDemand = 0.0
    if dataflow != .os {
      let outputs = Double(usedCols * output.bytesPerValue)
      writeDemand = outputs / output.bytesPerCycle
      if fr > 0 || accumulate {
        // The partial sums come back on C's read port: beside A's reads when they share it.
        let partialDemand = outputs / output.bytesPerCycle
        readDemand =
          input.space == output.space
          ? (inputRead + outputs) / input.bytesPerCycle
          : max(readDemand, partialDemand)
      }
    }
    let demand = max(readDemand, writeDemand)
    guard demand > 1 else { return steps }
    return max(steps, Int((Double(streamed) * demand).rounded(.up)))
  }

  /// Bytes read and written per level: the stationary operand once, the streamed operand once
  /// per fold of the other stationary dimension, partial outputs written per fold along K
  /// (and read back to accumulate).
  public func traffic(rowFolds: Int, colFolds: Int) -> [MemorySpace: Int] {
    let a = gemm.m * gemm.k
    let b = gemm.k * gemm.n
    let c = gemm.m * gemm.n
    var streamedIn = 0
    var out = 0
    switch dataflow {
    case .ws:
      streamedIn = (b + a * colFolds) * inputBytes
      out = (c * rowFolds + c * (rowFolds - 1)) * outputBytes
    case .is:
      streamedIn = (a + b * colFolds) * inputBytes
      out = (c * rowFolds + c * (rowFolds - 1)) * outputBytes
    case .os:
      streamedIn = (a * colFolds + b * rowFolds) * inputBytes
      out = c * outputBytes
    }
    var bytes = [input.space: streamedIn]
    bytes[output.space, default: 0] += out
    return bytes
  }
}
