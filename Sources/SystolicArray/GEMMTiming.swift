import FPINSISA

/// A GEMM: an M x K matrix times a K x N matrix.
public struct GEMMShape: Hashable, Sendable, Codable {
  public var m: Int
  public var n: Int
  public var k: Int
  public init(m: Int, n: Int, k: Int) {
    self.m = m
    self.n = n
    self.k = k
  }
  /// Multiply-accumulates.
  public var macs: Int { m * n * k }
}

/// How cycles are counted.
public enum TimingConvention: String, CaseIterable, Sendable, Codable {
  /// Physically correct: every fold pays its fill and its drain (output-stationary included),
  /// and a run of N cycles is reported as N.
  case `default`
  /// SCALE-Sim v3's conventions, reproduced exactly: output-stationary folds omit the R-cycle
  /// drain of the outputs, and the reported total is the 0-based index of the last cycle.
  case scalesim
}

/// Options beyond the reference timing. Both are off under ``TimingConvention/scalesim``.
public struct ArrayOverlap: Hashable, Sendable, Codable {
  /// The next fold's stationary operand loads while the current fold streams (double
  /// buffering in the PEs): only the first fold's R-cycle load is exposed.
  public var doubleBufferedStationary = false
  /// The next fold's stream starts behind the current one instead of after its drain: the
  /// array's fill and drain are paid once, not per fold.
  public var overlapFillAndDrain = false
  public init(doubleBufferedStationary: Bool = false, overlapFillAndDrain: Bool = false) {
    self.doubleBufferedStationary = doubleBufferedStationary
    self.overlapFillAndDrain = overlapFillAndDrain
  }
}

/// The fast, closed-form timing of a GEMM on an R x C array.
///
/// The GEMM is folded onto the array: weight-stationary maps K onto the rows and N onto the
/// columns and streams the M rows of A; input-stationary maps K and M and streams N;
/// output-stationary maps M and N and streams K. A fold of the stationary dimensions costs:
///
/// - weight- and input-stationary: a cycle per row the stationary operand fills (R for a
///   full fold; always R under SCALE-Sim's convention) to load it, then `T + R + C - 2` to
///   stream T vectors through with the skew of the rows and columns (the last product leaves
///   the array's corner at that cycle);
/// - output-stationary: `K + R + C - 2` cycles to stream both operands, then R cycles to
///   shift the finished outputs out of the array (the drain SCALE-Sim leaves out).
///
/// Docs/systolic-array.md derives these and compares them with SCALE-Sim.
public struct GEMMTiming: Hashable, Sendable, Codable {
  public var dataflow: String
  public var rows: Int
  public var cols: Int
  public var gemm: GEMMShape
  public var convention: TimingConvention
  /// The streamed length of a fold: M (weight-stationary), N (input-), K (output-stationary).
  public var streamedLength: Int { Self.mapping(gemm, Dataflow(rawValue: dataflow)!).streamed }
  /// Folds of the stationary dimensions onto the rows and onto the columns.
  public var rowFolds: Int
  public var colFolds: Int
  public var folds: Int { rowFolds * colFolds }
  /// Total cycles as the convention reports them.
  public var totalCycles: Int
  /// Cycles in which the array computes or moves data, stalls excluded.
  public var computeCycles: Int
  /// Cycles lost waiting: for the buffers that feed the array's edges, and for shared table
  /// ports (``tablePortStallCycles``).
  public var stallCycles: Int
  /// Of the stalls, cycles a fold's stream waited because PEs share table ports.
  public var tablePortStallCycles: Int
  /// Mean over folds of the fraction of PEs mapped (SCALE-Sim's mapping efficiency).
  public var mappingEfficiency: Double
  /// Mean over folds of MACs over PE-cycles of the fold (SCALE-Sim's compute utilisation).
  public var computeUtilization: Double
  /// MACs over PE-cycles of the whole run.
  public var utilization: Double

  public init(
    gemm: GEMMShape, rows: Int, cols: Int, dataflow: Dataflow,
    convention: TimingConvention = .default,
    overlap: ArrayOverlap = ArrayOverlap(),
    feed: (_ fold: Int, _ steps: Int) -> Int = { _, steps in steps }, tableSlowdown: Int = 1
  ) {
    self.gemm = gemm
    self.rows = rows
    self.cols = cols
    self.dataflow = dataflow.rawValue
    self.convention = convention
    // The stationary dimensions (onto rows, onto columns) and the streamed one.
    let (sr, sc, t) = Self.mapping(gemm, dataflow)
    rowFolds = (sr + rows - 1) / rows
    colFolds = (sc + cols - 1) / cols
    let folds = rowFolds * colFolds
    let skew = rows + cols - 2
    // The folds through a fresh pipeline (``ArrayPipeline``): as they are, stretched by the
    // shared table ports (not under SCALE-Sim), and as long as what feeds the edges lets
    // them be (`feed`: a fold's stream cycles from its index and its steps).
    let shift = Self.shiftCycles(
      gemm, rows: rows, cols: cols, dataflow: dataflow, convention: convention)
    func total(_ streamCycles: (Int) -> Int) -> Int {
      var pipeline = ArrayPipeline(
        rows: rows, cols: cols, dataflow: dataflow, convention: convention, overlap: overlap)
      return pipeline.run(folds: folds, shiftCycles: shift, streamCycles: streamCycles).finish
    }
    let slowdown = convention == .scalesim ? 1 : max(1, tableSlowdown)
    computeCycles = total { _ in t }
    let withTables = slowdown == 1 ? computeCycles : total { _ in t * slowdown }
    tablePortStallCycles = withTables - computeCycles
    let count = total { feed($0, t * slowdown) }
    stallCycles = count - computeCycles
    totalCycles = convention == .scalesim ? count - 1 : count
    // Mapping efficiency and SCALE-Sim's compute utilisation, fold by fold.
    var mapped = 0.0
    var utilization = 0.0
    let foldCycles = dataflow == .os ? t + skew : t + 2 * rows + 2 * cols - 3
    for fr in 0..<rowFolds {
      for fc in 0..<colFolds {
        let used = min(rows, sr - fr * rows) * min(cols, sc - fc * cols)
        mapped += Double(used) / Double(rows * cols)
        utilization += Double(used * t) / Double(rows * cols * foldCycles)
      }
    }
    mappingEfficiency = mapped / Double(folds)
    computeUtilization = utilization / Double(folds)
    self.utilization = Double(gemm.macs) / (Double(rows * cols) * Double(totalCycles))
  }

  /// The cycles fold `f` takes to shift its stationary operand in: one per row it fills (the
  /// last fold along the rows may fill fewer than R), R for every fold under SCALE-Sim's
  /// convention, none for output-stationary. Folds go column fold by column fold, the row
  /// folds of each in turn (the PE-level model's order).
  public static func shiftCycles(
    _ gemm: GEMMShape, rows: Int, cols: Int, dataflow: Dataflow, convention: TimingConvention
  ) -> (Int) -> Int {
    let stationaryRows = mapping(gemm, dataflow).rows
    let rowFolds = (stationaryRows + rows - 1) / rows
    return { f in
      if dataflow == .os { return 0 }
      if convention == .scalesim { return rows }
      return min(rows, stationaryRows - (f % rowFolds) * rows)
    }
  }

  /// The dimensions `dataflow` holds stationary onto the rows and onto the columns, and the
  /// one it streams.
  static func mapping(_ gemm: GEMMShape, _ dataflow: Dataflow) -> (
    rows: Int, cols: Int, streamed: Int
  ) {
    switch dataflow {
    case .ws: (gemm.k, gemm.n, gemm.m)
    case .is: (gemm.k, gemm.m, gemm.n)
    case .os: (gemm.m, gemm.n, gemm.k)
    }
  }
}
