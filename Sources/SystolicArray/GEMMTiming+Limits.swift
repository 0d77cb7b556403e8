import FPINSISA

extension GEMMTiming {
  /// The most folds a run may have: the timing visits each fold once.
  public static let maximumFolds = 1 << 30
  /// The most multiply-accumulates a GEMM may have, so that its cycles, bytes and
  /// picojoules (at most a few dozen per multiply-accumulate) fit in 64 bits.
  public static let maximumMultiplyAccumulates = 1 << 56

  /// Why a GEMM of `gemm` cannot be timed on a `rows` x `cols` array, or nil when it can: a
  /// dimension below 1, more multiply-accumulates than ``maximumMultiplyAccumulates``, more
  /// folds than ``maximumFolds``, or more cycles than fit in 62 bits. Callers check this
  /// before ``init(gemm:rows:cols:dataflow:convention:overlap:edgeStallCyclesPerFold:tableSlowdown:)``,
  /// which assumes sizes that fit.
  public static func sizeProblem(
    gemm: GEMMShape, rows: Int, cols: Int, dataflow: Dataflow, tableSlowdown: Int = 1
  ) -> String? {
    guard gemm.m >= 1, gemm.n >= 1, gemm.k >= 1, rows >= 1, cols >= 1 else {
      return "every dimension and the array's rows and columns must be at least 1"
    }
    let macs = Double(gemm.m) * Double(gemm.n) * Double(gemm.k)
    guard macs <= Double(maximumMultiplyAccumulates) else {
      return
        "\(gemm.m) x \(gemm.n) x \(gemm.k) is \(macs) multiply-accumulates, more than the 2^56 (\(maximumMultiplyAccumulates)) the timing counts"
    }
    let (sr, sc, t) = mapping(gemm, dataflow)
    let folds = Double((sr + rows - 1) / rows) * Double((sc + cols - 1) / cols)
    guard folds <= Double(maximumFolds) else {
      return
        "\(Int(folds)) folds onto a \(rows) x \(cols) array, more than the 2^30 the timing visits one by one; use a larger array or a smaller GEMM"
    }
    let perFold = Double(t) * Double(max(1, tableSlowdown)) + 3 * Double(rows + cols)
    guard folds * perFold <= Double(1 << 62) else {
      return "about \(folds * perFold) cycles, more than 2^62"
    }
    return nil
  }
}
