extension TensorValues {
  /// Whether the tensor's scales come from choices to track: element scales, except BF16's,
  /// which are always 1 (every element ``ScaleChoiceID/unit``).
  var tracksScaleChoices: Bool { hasElementScales && grid != .bf16 }

  /// The choice element `i`'s scale came from (``ScaleChoiceID``).
  func scaleChoice(_ i: Int) -> ScaleChoiceID {
    scaleChoices.isEmpty ? boundChoices.choice(i) : scaleChoices[i]
  }

  /// Holds the choices per element from now on (before a write changes some of them).
  mutating func materializeScaleChoices() {
    guard tracksScaleChoices, scaleChoices.isEmpty else { return }
    scaleChoices = [ScaleChoiceID](repeating: .unit, count: count)
    if case .groups = boundChoices {
      let bound = boundChoices
      scaleChoices.withUnsafeMutableBufferPointer { d in
        bound.fill(d.baseAddress!, from: 0, count: count, step: 1)
      }
    }
  }

  /// Gives row r of the `rows x cols` tile whose row r starts at `offset + r * stride` the
  /// choice `choice(r)`.
  mutating func setScaleChoices(
    rows: Int, cols: Int, offset: Int, stride: Int, _ choice: (Int) -> ScaleChoiceID
  ) {
    guard tracksScaleChoices, rows > 0, cols > 0 else { return }
    materializeScaleChoices()
    scaleChoices.withUnsafeMutableBufferPointer { d in
      for r in 0..<rows {
        (d.baseAddress! + offset + r * stride).update(repeating: choice(r), count: cols)
      }
    }
  }

  /// Copies the choices of `other`'s `rows x cols` tile (row r at `from + r * fromStride`) to
  /// this tensor's tile whose row r starts at `to + r * toStride`, as a copy of the values
  /// carries their scales.
  mutating func copyScaleChoices(
    rows: Int, cols: Int, from other: TensorValues, at from: Int, stride fromStride: Int,
    to: Int, stride toStride: Int
  ) {
    guard tracksScaleChoices, other.tracksScaleChoices, rows > 0, cols > 0 else { return }
    materializeScaleChoices()
    scaleChoices.withUnsafeMutableBufferPointer { d in
      let d = d.baseAddress!
      if other.scaleChoices.isEmpty {
        for r in 0..<rows {
          other.boundChoices.fill(
            d + to + r * toStride, from: from + r * fromStride, count: cols, step: 1)
        }
        return
      }
      other.scaleChoices.withUnsafeBufferPointer { s in
        for r in 0..<rows {
          (d + to + r * toStride).update(from: s.baseAddress! + from + r * fromStride, count: cols)
        }
      }
    }
  }

  /// Whether every row of the `rows x cols` tile (row r at `offset + r * stride`) takes its
  /// elements' scales from one choice.
  func rowsShareScaleChoices(rows: Int, cols: Int, offset: Int, stride: Int) -> Bool {
    guard tracksScaleChoices, rows > 0, cols > 1 else { return true }
    if scaleChoices.isEmpty {
      for r in 0..<rows {
        let start = offset + r * stride
        if boundChoices.choice(start) != boundChoices.choice(start + cols - 1) { return false }
      }
      return true
    }
    return scaleChoices.withUnsafeBufferPointer { s in
      for r in 0..<rows {
        let row = s.baseAddress! + offset + r * stride
        let first = row[0]
        for c in 1..<cols where row[c] != first { return false }
      }
      return true
    }
  }

  /// Whether every column of the `rows x cols` tile (row r at `offset + r * stride`) takes its
  /// elements' scales from one choice.
  func columnsShareScaleChoices(rows: Int, cols: Int, offset: Int, stride: Int) -> Bool {
    guard tracksScaleChoices, rows > 1, cols > 0 else { return true }
    if scaleChoices.isEmpty {
      // Group IDs grow with the element index: a column's first and last elements decide.
      let last = offset + (rows - 1) * stride
      for c in 0..<cols where boundChoices.choice(offset + c) != boundChoices.choice(last + c) {
        return false
      }
      return true
    }
    return scaleChoices.withUnsafeBufferPointer { s in
      let first = s.baseAddress! + offset
      for r in 1..<rows {
        let row = first + r * stride
        for c in 0..<cols where row[c] != first[c] { return false }
      }
      return true
    }
  }
}
