/// A row-major matrix of `Float`s: the FP32 reference's only data structure.
public struct FloatMatrix: Hashable, Sendable {
  public var rows: Int
  public var cols: Int
  public var values: [Float]

  public init(rows: Int, cols: Int, values: [Float]) {
    precondition(values.count == rows * cols, "\(values.count) values for \(rows) x \(cols)")
    self.rows = rows
    self.cols = cols
    self.values = values
  }

  public init(rows: Int, cols: Int, repeating v: Float = 0) {
    self.init(rows: rows, cols: cols, values: [Float](repeating: v, count: rows * cols))
  }

  @inlinable public subscript(r: Int, c: Int) -> Float {
    get { values[r * cols + c] }
    set { values[r * cols + c] = newValue }
  }

  /// Columns `start ..< start + count` as a new matrix.
  public func columns(_ start: Int, _ count: Int) -> FloatMatrix {
    var out = FloatMatrix(rows: rows, cols: count)
    for r in 0..<rows { for c in 0..<count { out[r, c] = self[r, start + c] } }
    return out
  }

  /// Rows `start ..< start + count` as a new matrix.
  public func rows(_ start: Int, _ count: Int) -> FloatMatrix {
    FloatMatrix(
      rows: count, cols: cols, values: Array(values[(start * cols)..<((start + count) * cols)]))
  }

  /// The transpose, `cols x rows`, copied in square blocks so that both matrices are walked
  /// along cache lines.
  public func transposed() -> FloatMatrix {
    var t = FloatMatrix(rows: cols, cols: rows)
    let tile = 32
    values.withUnsafeBufferPointer { src in
      t.values.withUnsafeMutableBufferPointer { dst in
        for r0 in stride(from: 0, to: rows, by: tile) {
          for c0 in stride(from: 0, to: cols, by: tile) {
            for r in r0..<Swift.min(rows, r0 + tile) {
              for c in c0..<Swift.min(cols, c0 + tile) { dst[c * rows + r] = src[r * cols + c] }
            }
          }
        }
      }
    }
    return t
  }
}

extension FloatMatrix {
  /// The rows of `other` appended.
  public mutating func append(rows other: FloatMatrix) {
    precondition(other.cols == cols, "append: \(other.cols) columns onto \(cols)")
    values += other.values
    rows += other.rows
  }
}
