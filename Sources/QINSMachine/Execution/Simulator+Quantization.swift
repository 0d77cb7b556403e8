import MachineDescription
import QINSNumbers

extension Simulator {
  /// The scale unit's work for writing `dst` in a timing-only run: what
  /// ``storeScaled(_:into:refit:)`` reports, which depends on the tile's shape only.
  mutating func scaleWorkWithoutValues(_ dst: Tile, refit: Bool) -> ScaleUnitWork {
    var out = takeValues(dst.tensor)
    defer { program.values[dst.tensor] = out }
    let grid = out.grid!
    let chosen = recordScaleChoices(dst, in: &out, refit: refit)
    if chosen && machine.quantization.activations == .firstWrite {
      out.fixedScale = 1  // chosen; its value is not known here
    }
    return scaleUnitWork(dst, grid: grid, chosen: chosen)
  }

  /// The scale unit's work for a write of `dst` that chose new scales (`chosen`) or kept a
  /// first write's.
  func scaleUnitWork(_ dst: Tile, grid: ElementFormat, chosen: Bool) -> ScaleUnitWork {
    guard chosen else { return ScaleUnitWork() }
    if machine.quantization.activations == .row {
      return ScaleUnitWork(groups: dst.rows, elements: dst.cols, machine: machine, format: grid)
    }
    return ScaleUnitWork(groups: 1, elements: dst.elements, machine: machine, format: grid)
  }

  /// Records which choice the scales of `dst` come from (``ScaleChoiceID``), by the machine's
  /// activation rule: a new one per row (`row`), one for the tile (`tile`), or the tensor's
  /// first write's (`first_write`, a new one when there is none yet or `refit`); none for BF16,
  /// whose scale is always 1. Returns whether new scales are chosen (false when a first
  /// write's stands).
  func recordScaleChoices(_ dst: Tile, in out: inout TensorValues, refit: Bool) -> Bool {
    let rows = dst.rows
    func set(_ choice: (Int) -> ScaleChoiceID) {
      // A no-op for BF16 (``TensorValues/tracksScaleChoices``).
      out.setScaleChoices(
        rows: rows, cols: dst.cols, offset: dst.offset, stride: dst.rowLength, choice)
    }
    switch machine.quantization.activations {
    case .row:
      let first = ScaleChoiceID.reserve(rows)
      set { first.advanced(by: $0) }
      return true
    case .tile:
      let id = ScaleChoiceID.next()
      set { _ in id }
      return true
    case .firstWrite:
      let keep = out.fixedScale != nil && !refit
      if !keep || out.fixedChoice == nil { out.fixedChoice = ScaleChoiceID.next() }
      let id = out.fixedChoice!
      set { _ in id }
      return !keep
    }
  }

  /// Writes real values into a tile of a tensor with element scales, by the machine's
  /// activation rule: one scale per row of the tile (`row`), one for the tile (`tile`), or the
  /// tensor's first write's (`first_write`; `refit`, from `v.cvt ... fit`, chooses again).
  /// Saturated values are counted as overflows.
  ///
  /// Returns the scale unit's work (``ScaleUnitWork``): fixed by the tile's shape and the
  /// machine, whatever the values. The writing unit charges it in cycles and energy.
  mutating func storeScaled(_ values: [Double], into dst: Tile, refit: Bool) -> ScaleUnitWork {
    var out = takeValues(dst.tensor)
    defer { program.values[dst.tensor] = out }
    let chooser = ScaleChoice(
      format: out.grid!,
      type: machine.quantization.scaleType, calibration: machine.quantization.activationCalibration,
      maxShiftOctaves: machine.quantization.activationMaxShiftOctaves)
    let floats = values.map { Float($0) }
    func choose(_ slice: ArraySlice<Float>) -> Float { chooser.scale(for: slice).scale }
    let grid = out.grid!
    let chosen = recordScaleChoices(dst, in: &out, refit: refit)
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
    return scaleUnitWork(dst, grid: grid, chosen: chosen)
  }
}
