extension TensorValues {
  /// The choice element `i`'s scale came from (``ScaleChoiceID``).
  func scaleChoice(_ i: Int) -> ScaleChoiceID {
    scaleChoices.isEmpty ? boundChoices.choice(i) : scaleChoices[i]
  }

  /// Holds the choices per element from now on (before a write changes some of them).
  mutating func materializeScaleChoices() {
    guard hasElementScales, scaleChoices.isEmpty else { return }
    let bound = boundChoices
    scaleChoices = (0..<count).map { bound.choice($0) }
  }

  /// Gives row r of the `rows x cols` tile whose row r starts at `offset + r * stride` the
  /// choice `choice(r)`.
  mutating func setScaleChoices(
    rows: Int, cols: Int, offset: Int, stride: Int, _ choice: (Int) -> ScaleChoiceID
  ) {
    guard hasElementScales, rows > 0, cols > 0 else { return }
    materializeScaleChoices()
    scaleChoices.withUnsafeMutableBufferPointer { d in
      for r in 0..<rows {
        let id = choice(r)
        let start = offset + r * stride
        for c in 0..<cols { d[start + c] = id }
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
    guard hasElementScales, other.hasElementScales, rows > 0, cols > 0 else { return }
    materializeScaleChoices()
    scaleChoices.withUnsafeMutableBufferPointer { d in
      for r in 0..<rows {
        let (s, t) = (from + r * fromStride, to + r * toStride)
        for c in 0..<cols { d[t + c] = other.scaleChoice(s + c) }
      }
    }
  }

  /// Copies the choices of the transpose of `other`'s `cols x rows` tile at `from` (row
  /// stride `fromStride`) into this tensor's first `rows x cols` elements: element (r, c) here
  /// takes element (c, r)'s.
  mutating func copyTransposedScaleChoices(
    rows: Int, cols: Int, from other: TensorValues, at from: Int, stride fromStride: Int
  ) {
    guard hasElementScales, other.hasElementScales, rows > 0, cols > 0 else { return }
    materializeScaleChoices()
    scaleChoices.withUnsafeMutableBufferPointer { d in
      for c in 0..<cols {
        let s = from + c * fromStride
        for r in 0..<rows { d[r * cols + c] = other.scaleChoice(s + r) }
      }
    }
  }

  /// Whether every row of the `rows x cols` tile (row r at `offset + r * stride`) takes its
  /// elements' scales from one choice.
  func rowsShareScaleChoices(rows: Int, cols: Int, offset: Int, stride: Int) -> Bool {
    for r in 0..<rows {
      let start = offset + r * stride
      let first = scaleChoice(start)
      for c in 1..<max(1, cols) where scaleChoice(start + c) != first { return false }
    }
    return true
  }

  /// Whether every column of the `rows x cols` tensor held row-major from element 0 takes its
  /// elements' scales from one choice.
  func columnsShareScaleChoices(rows: Int, cols: Int) -> Bool {
    for r in 1..<max(1, rows) {
      for c in 0..<cols where scaleChoice(r * cols + c) != scaleChoice(c) { return false }
    }
    return true
  }
}
