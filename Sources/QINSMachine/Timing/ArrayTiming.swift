import FPINSISA

/// How long the systolic array takes: the interface the machine uses, so that the PE-level
/// and fast models of the systolic-array issue can replace the simple one here.
protocol ArrayTimingModel {
  /// Cycles to load a k x n stationary operand.
  func loadCycles(k: Int, n: Int) -> Int
  /// Cycles to stream an m x k tile against the loaded k x n operand, drain included.
  func computeCycles(m: Int, k: Int, n: Int, dataflow: Dataflow) -> Int
}

/// A closed-form weight-stationary model: the operand is folded onto the R x C array in
/// `ceil(k/R) x ceil(n/C)` folds; each fold streams m rows with the skew of R rows and C
/// columns (m + R + C - 2 cycles, SCALE-Sim's weight-stationary compute term) and every fold
/// after the first reloads its R rows of weights. The same formula serves all dataflows until
/// the detailed model lands.
struct SimpleArrayTiming: ArrayTimingModel {
  let rows: Int
  let cols: Int

  func folds(k: Int, n: Int) -> Int { ((k + rows - 1) / rows) * ((n + cols - 1) / cols) }

  func loadCycles(k: Int, n: Int) -> Int { rows }

  func computeCycles(m: Int, k: Int, n: Int, dataflow: Dataflow) -> Int {
    let f = folds(k: k, n: n)
    return f * (m + rows + cols - 2) + (f - 1) * rows
  }
}
