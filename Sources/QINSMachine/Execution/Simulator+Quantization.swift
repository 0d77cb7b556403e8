import MachineDescription
import QINSNumbers

extension Simulator {
  /// The work ``storeScaled(_:into:refit:)`` reports for writing `dst`, in a timing-only run:
  /// one step per element for each scale chosen (a row's, the tile's, or a first write's),
  /// none where the tensor's first-write scale stands. Exact whenever the machine's timing
  /// does not depend on values (``MachineDescription/valueDependentTiming``), the only case a
  /// timing-only run accepts.
  mutating func scaleWorkWithoutValues(_ dst: Tile, refit: Bool) -> Int {
    switch machine.quantization.activations {
    case .row, .tile:
      return dst.elements
    case .firstWrite:
      if program.values[dst.tensor].fixedScale != nil && !refit { return 0 }
      program.values[dst.tensor].fixedScale = 1  // chosen; its value is not known here
      return dst.elements
    }
  }

  /// Writes real values into a tile of a tensor with element scales, by the machine's
  /// activation rule: one scale per row of the tile (`row`), one for the tile (`tile`), or the
  /// tensor's first write's (`first_write`; `refit`, from `v.cvt ... fit`, chooses again).
  /// Saturated values are counted as overflows.
  ///
  /// Returns the conversion unit's work in element steps: one pass for the largest magnitude
  /// (a comparison per element), plus, for `mse`, one quantize-and-compare per sampled element
  /// per candidate scale. The writing unit charges it in cycles and energy.
  mutating func storeScaled(_ values: [Double], into dst: Tile, refit: Bool) -> Int {
    var out = takeValues(dst.tensor)
    defer { program.values[dst.tensor] = out }
    let chooser = ScaleChoice(
      format: out.grid!,
      type: machine.quantization.scaleType, calibration: machine.quantization.activationCalibration,
      maxShiftOctaves: machine.quantization.activationMaxShiftOctaves)
    let floats = values.map { Float($0) }
    var work = 0
    func choose(_ slice: ArraySlice<Float>) -> Float {
      let (scale, candidates) = chooser.scale(for: slice)
      let step = max(1, slice.count / ScaleChoice.sampleLimit)
      work += slice.count + (candidates > 1 ? candidates * ((slice.count + step - 1) / step) : 0)
      return scale
    }
    var rowScales = [Float](repeating: 1, count: dst.rows)
    switch machine.quantization.activations {
    case .row:
      for r in 0..<dst.rows {
        rowScales[r] = choose(floats[(r * dst.cols)..<((r + 1) * dst.cols)])
      }
    case .tile:
      let s = choose(floats[...])
      for r in 0..<dst.rows { rowScales[r] = s }
    case .firstWrite:
      let s: Float
      if let fixed = out.fixedScale, !refit {
        s = fixed
      } else {
        s = choose(floats[...])
        out.fixedScale = s
      }
      for r in 0..<dst.rows { rowScales[r] = s }
    }
    floats.withUnsafeBufferPointer { row in
      for r in 0..<dst.rows {
        stats.overflows += out.store(
          UnsafeBufferPointer(rebasing: row[(r * dst.cols)..<((r + 1) * dst.cols)]),
          at: dst.index(r, 0), scale: rowScales[r], rounding: machine.rounding)
      }
    }
    return work
  }
}
