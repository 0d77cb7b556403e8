import FPINSISA

/// The array's folds in time, one after another and from one GEMM to the next: when each
/// fold's stationary operand shifts into the PEs, when its stream enters, and when its results
/// leave the array. ``GEMMTiming`` runs one GEMM through a fresh pipeline; the simulator keeps
/// one pipeline for a whole program, so that consecutive `sa.matmul`s overlap as they would on
/// the hardware (the TPU's weight FIFO and back-to-back folds).
///
/// A fold of a weight- or input-stationary dataflow shifts its stationary operand in (one
/// cycle per row it fills, `R` for a full fold), then streams `t` vectors; its last result leaves the array's
/// corner `skew = R + C - 2` cycles after its last vector entered. Output-stationary folds
/// load nothing, stream `K` and drain their outputs for `R` cycles. Fold by fold:
///
/// - shift start = max(the operand staged, the shift registers free); shift end = start + R;
/// - stream start = max(shift end, the previous stream's end (+ skew + drain unless
///   ``ArrayOverlap/overlapFillAndDrain``), the streamed operand ready);
/// - the shift registers are free again at the stream's start with
///   ``ArrayOverlap/doubleBufferedStationary`` (a shadow copy takes the next operand while the
///   PEs hold the current one), when the stream has entered with overlapped folds alone, and
///   when the fold has drained otherwise.
///
/// From an empty pipeline, with full folds, this gives `F (R + t + skew + drain)` with no
/// overlap, `F R + F t + skew + drain` with overlapped folds, `R + F (t + skew + drain)` with
/// double buffering, and `R + (F - 1) max(R, t) + t + skew + drain` with both: a fold
/// streaming fewer than R vectors (a decode step's GEMV) cannot hide the next fold's shift.
public struct ArrayPipeline: Hashable, Sendable {
  /// Cycles to shift a full stationary operand into the PEs: R, or 0 for output-stationary.
  public let loadCycles: Int
  /// Cycles from a fold's last vector entering to its last result leaving, drain included.
  public let tailCycles: Int
  public let overlap: ArrayOverlap

  /// When the shift registers can take the next stationary operand.
  public private(set) var shiftFree = 0
  /// When the next stream may start entering the array.
  public private(set) var streamFree = 0

  /// An empty pipeline, or one that goes on from `previous` (the array reconfigured to
  /// another dataflow between two GEMMs: the new folds wait for the old ones as they would).
  public init(
    rows: Int, cols: Int, dataflow: Dataflow, convention: TimingConvention = .default,
    overlap: ArrayOverlap, after previous: ArrayPipeline? = nil
  ) {
    loadCycles = dataflow == .os ? 0 : rows
    let drain = dataflow == .os && convention == .default ? rows : 0
    tailCycles = rows + cols - 2 + drain
    self.overlap = convention == .scalesim ? ArrayOverlap() : overlap
    if let previous {
      shiftFree = previous.shiftFree
      streamFree = previous.streamFree
    }
  }

  /// What one GEMM's folds did in the pipeline.
  public struct Run: Hashable, Sendable {
    /// When the first fold's stationary operand started shifting in (its stream start for
    /// output-stationary).
    public var firstShiftStart: Int
    public var firstStreamStart: Int
    /// When the last fold's stream has entered: the array can take the next stream.
    public var streamEnd: Int
    /// When the last result has left the array.
    public var finish: Int
  }

  /// Runs `folds` folds, fold `f` shifting its operand in for `shiftCycles(f)` cycles (the
  /// rows it fills; `loadCycles` when nil) and streaming for `streamCycles(f)` cycles (its
  /// vectors, stretched by whatever feeds the array more slowly), after the stationary
  /// operands are staged at `stationaryReady` and the streamed operand is ready at
  /// `streamReady`.
  public mutating func run(
    folds: Int, shiftCycles: ((Int) -> Int)? = nil, streamCycles: (Int) -> Int,
    stationaryReady: Int = 0, streamReady: Int = 0
  ) -> Run {
    var first: (shift: Int, stream: Int)?
    var streamStart = 0
    var t = 0
    for f in 0..<folds {
      t = streamCycles(f)
      let shift = loadCycles == 0 ? 0 : shiftCycles?(f) ?? loadCycles
      let shiftStart = max(shiftFree, stationaryReady)
      streamStart = max(shiftStart + shift, streamFree, streamReady)
      if first == nil { first = (loadCycles == 0 ? streamStart : shiftStart, streamStart) }
      streamFree = streamStart + t + (overlap.overlapFillAndDrain ? 0 : tailCycles)
      shiftFree =
        overlap.doubleBufferedStationary
        ? streamStart
        : overlap.overlapFillAndDrain ? streamStart + t : streamStart + t + tailCycles
    }
    guard let first else {
      return Run(
        firstShiftStart: stationaryReady, firstStreamStart: stationaryReady,
        streamEnd: stationaryReady, finish: stationaryReady)
    }
    return Run(
      firstShiftStart: first.shift, firstStreamStart: first.stream, streamEnd: streamStart + t,
      finish: streamStart + t + tailCycles)
  }
}
