import FPINSISA

/// The array PE by PE, cycle by cycle: every PE's operand and partial-sum registers are
/// updated each cycle from the previous cycle's registers, as the hardware shifts them.
///
/// - Weight-stationary: B's fold shifts down into the PEs' weight registers, one row a
///   cycle, R cycles. Row r of A enters row r of the array at column 0, skewed by r cycles,
///   and moves right one PE a cycle; partial sums enter each column's top as zero and move
///   down one PE a cycle, each PE adding its product. A column's bottom delivers a partial sum
///   to the accumulator; the fold ends when the last one leaves (T + R + C - 2 cycles).
/// - Input-stationary: the same with A's fold (transposed) stationary and B streaming.
/// - Output-stationary: A moves right and B moves down, both skewed; each PE adds its
///   products in place; after the last product the outputs shift down and out, R cycles.
///
/// PEs outside a fold's mapped region pass values on without computing. The cycle counts
/// equal ``GEMMTiming``'s default timing; the results equal ``FastArrayModel``'s, bit for bit
/// (tested).
public struct PEArrayModel<P: PEArithmetic> {
  public let arithmetic: P
  public let rows: Int
  public let cols: Int
  /// PE register updates performed (PEs x cycles), for the speed benchmark.
  @usableFromInline var steps = 0
  /// PE register updates performed.
  public var peSteps: Int { steps }

  @inlinable
  public init(_ arithmetic: P, rows: Int, cols: Int) {
    self.arithmetic = arithmetic
    self.rows = rows
    self.cols = cols
  }

  /// Runs C (=|+=) A B and returns the cycles and C.
  @inlinable
  public mutating func run(
    a: [P.Operand], b: [P.Operand], gemm g: GEMMShape, dataflow: Dataflow,
    initial: [P.Accumulator]? = nil
  ) -> (cycles: Int, c: [P.Accumulator]) {
    var c = initial ?? [P.Accumulator](repeating: arithmetic.zero, count: g.m * g.n)
    var written = [Bool](repeating: initial != nil, count: g.m * g.n)
    var cycles = 0
    let p = arithmetic
    switch dataflow {
    case .ws:
      // Stationary B: rows over K, columns over N; A streams M rows.
      for n0 in stride(from: 0, to: g.n, by: cols) {
        for k0 in stride(from: 0, to: g.k, by: rows) {
          cycles += foldStationary(
            k0: k0, j0: n0, usedRows: min(rows, g.k - k0), usedCols: min(cols, g.n - n0),
            streamed: g.m,
            stationary: { r, col in b[(k0 + r) * g.n + n0 + col] },
            stream: { r, t in a[t * g.k + k0 + r] },
            deliver: { col, t, part in
              let index = t * g.n + n0 + col
              c[index] = written[index] ? p.add(c[index], part) : part
              written[index] = true
            }, weightFirst: false)
        }
      }
    case .is:
      // Stationary A transposed: rows over K, columns over M; B streams N columns.
      for i0 in stride(from: 0, to: g.m, by: cols) {
        for k0 in stride(from: 0, to: g.k, by: rows) {
          cycles += foldStationary(
            k0: k0, j0: i0, usedRows: min(rows, g.k - k0), usedCols: min(cols, g.m - i0),
            streamed: g.n,
            stationary: { r, col in a[(i0 + col) * g.k + k0 + r] },
            stream: { r, t in b[(k0 + r) * g.n + t] },
            deliver: { col, t, part in
              let index = (i0 + col) * g.n + t
              c[index] = written[index] ? p.add(c[index], part) : part
              written[index] = true
            }, weightFirst: true)
        }
      }
    case .os:
      for i0 in stride(from: 0, to: g.m, by: rows) {
        for j0 in stride(from: 0, to: g.n, by: cols) {
          cycles += foldOutputStationary(i0: i0, j0: j0, a: a, b: b, gemm: g, c: &c)
        }
      }
    }
    return (cycles, c)
  }

  /// One weight- or input-stationary fold. `stationary(r, col)` is the operand PE (r, col)
  /// holds; `stream(r, t)` the value entering row r for stream step t; `deliver(col, t, part)`
  /// receives a column's partial sum. Returns the fold's cycles.
  @inlinable
  mutating func foldStationary(
    k0: Int, j0: Int, usedRows: Int, usedCols: Int, streamed: Int,
    stationary: (Int, Int) -> P.Operand, stream: (Int, Int) -> P.Operand,
    deliver: (Int, Int, P.Accumulator) -> Void, weightFirst: Bool
  ) -> Int {
    let n = rows * cols
    // Load: one cycle per used row; row 0 takes the operand for row usedRows - 1 - cycle,
    // every row shifts down, so the operand reaches rows 0 ..< usedRows and the rows below
    // stay empty.
    var weight = [P.Operand?](repeating: nil, count: n)
    for t in 0..<usedRows {
      for r in stride(from: rows - 1, to: 0, by: -1) {
        for col in 0..<cols { weight[r * cols + col] = weight[(r - 1) * cols + col] }
      }
      let source = usedRows - 1 - t
      for col in 0..<cols {
        weight[col] = source < usedRows && col < usedCols ? stationary(source, col) : nil
      }
      steps += n
    }
    // Stream: operand registers move right, partial sums down, each with a validity flag
    // (a value and a flag per PE).
    // The weight registers hold still while the fold streams.
    let w = RegisterPlane(weight.map { $0 ?? stationaryFill(weight) })
    let wv = RegisterPlane(weight.map { $0 != nil })
    var operand = RegisterPlane(repeating: stationaryFill(weight), count: n)
    var valid = RegisterPlane(repeating: false, count: n)
    var psum = RegisterPlane(repeating: arithmetic.zero, count: n)
    // The stream step each partial sum belongs to; -1 for none.
    var step = RegisterPlane(repeating: Int32(-1), count: n)
    defer {
      operand.deallocate()
      valid.deallocate()
      psum.deallocate()
      step.deallocate()
      w.deallocate()
      wv.deallocate()
    }
    let edge = (0..<rows).map { r in
      (0..<streamed).map { t in r < usedRows ? stream(r, t) : w[0] }
    }
    let p = arithmetic
    let length = streamed + rows + cols - 2
    for t in 0..<length {
      for r in 0..<rows {
        let s = t - r
        let edgeValid = r < usedRows && s >= 0 && s < streamed
        for col in 0..<cols {
          let here = r * cols + col
          let input: P.Operand
          let inputValid: Bool
          if col == 0 {
            inputValid = edgeValid
            input = edgeValid ? edge[r][s] : w[0]
          } else {
            inputValid = valid[here - 1]
            input = operand[here - 1]
          }
          var incoming: P.Accumulator
          var tag: Int32
          if r == 0 {
            let u = t - col
            incoming = p.zero
            tag = u >= 0 && u < streamed ? Int32(u) : -1
          } else {
            incoming = psum[here - cols]
            tag = step[here - cols]
          }
          if tag >= 0 && inputValid && wv[here] {
            incoming = p.add(
              incoming, weightFirst ? p.multiply(w[here], input) : p.multiply(input, w[here]))
          }
          operand.set(here, input)
          valid.set(here, inputValid)
          psum.set(here, incoming)
          step.set(here, tag)
        }
      }
      operand.advance()
      valid.advance()
      psum.advance()
      step.advance()
      steps += n
      // The bottom row's partial sums leave the array.
      for col in 0..<usedCols {
        let here = (rows - 1) * cols + col
        if step[here] >= 0 { deliver(col, Int(step[here]), psum[here]) }
      }
    }
    return usedRows + length
  }

  /// A placeholder operand for registers that hold nothing (their valid flag is false).
  @inlinable
  func stationaryFill(_ weight: [P.Operand?]) -> P.Operand {
    weight.first(where: { $0 != nil })!!
  }

  /// One output-stationary fold; returns its cycles (stream, then the R-cycle drain).
  @inlinable
  mutating func foldOutputStationary(
    i0: Int, j0: Int, a: [P.Operand], b: [P.Operand], gemm g: GEMMShape, c: inout [P.Accumulator]
  ) -> Int {
    let n = rows * cols
    let usedRows = min(rows, g.m - i0)
    let usedCols = min(cols, g.n - j0)
    // The accumulators stay in place: one register per PE, changed where it is.
    let acc = RegisterPlane(repeating: arithmetic.zero, count: n)
    for r in 0..<usedRows {
      for col in 0..<usedCols { acc.update(r * cols + col, c[(i0 + r) * g.n + j0 + col]) }
    }
    // Operands move right (A) and down (B) through double-buffered registers with validity
    // flags; the accumulators stay in place.
    let fill = a.isEmpty ? b[0] : a[0]
    var left = RegisterPlane(repeating: fill, count: n)
    var leftValid = RegisterPlane(repeating: false, count: n)
    var down = RegisterPlane(repeating: fill, count: n)
    var downValid = RegisterPlane(repeating: false, count: n)
    defer {
      left.deallocate()
      leftValid.deallocate()
      down.deallocate()
      downValid.deallocate()
      acc.deallocate()
    }
    let p = arithmetic
    let length = g.k + rows + cols - 2
    for t in 0..<length {
      for r in 0..<rows {
        let ka = t - r
        let edgeA = r < usedRows && ka >= 0 && ka < g.k
        for col in 0..<cols {
          let here = r * cols + col
          let x: P.Operand
          let xv: Bool
          if col == 0 {
            xv = edgeA
            x = edgeA ? a[(i0 + r) * g.k + ka] : fill
          } else {
            xv = leftValid[here - 1]
            x = left[here - 1]
          }
          let y: P.Operand
          let yv: Bool
          if r == 0 {
            let kb = t - col
            yv = col < usedCols && kb >= 0 && kb < g.k
            y = yv ? b[kb * g.n + j0 + col] : fill
          } else {
            yv = downValid[here - cols]
            y = down[here - cols]
          }
          if xv && yv && r < usedRows && col < usedCols {
            acc.update(here, p.add(acc[here], p.multiply(x, y)))
          }
          left.set(here, x)
          leftValid.set(here, xv)
          down.set(here, y)
          downValid.set(here, yv)
        }
      }
      left.advance()
      leftValid.advance()
      down.advance()
      downValid.advance()
      steps += n
    }
    // Drain: the outputs shift down and out of the bottom row, one row a cycle.
    for t in 0..<rows {
      let r = rows - 1 - t  // the row leaving now, after t shifts
      if r < usedRows {
        for col in 0..<usedCols { c[(i0 + r) * g.n + j0 + col] = acc[r * cols + col] }
      }
      steps += n
    }
    return length + rows
  }
}
