import FPINSISA
import QINSSupport

/// The array's results without stepping its PEs: the same arithmetic in the order the
/// hardware performs it.
///
/// Weight- and input-stationary arrays sum K in folds of R: each fold's partial sum starts
/// from ``PEArithmetic/zero`` at the top of a column and collects its R products in order; the
/// folds' partial sums are then added to the accumulator in fold order (the first fold writes
/// it unless accumulating). Output-stationary PEs sum all of K in place, in order, from the
/// accumulator's starting value.
///
/// ``multiply(_:a:b:gemm:rows:dataflow:initial:parallelism:)`` computes C in blocks of
/// ``rowBlock`` rows by ``columnBlock`` columns, so that a block's partial sums stay in the
/// caches while K streams past, and the column loop is contiguous and independent across
/// columns (the compiler vectorises it for plain arithmetic; plain FP32 goes through the
/// register-blocked ``FP32MatrixKernel``). Column blocks run on the
/// threads `parallelism` allows. Each output still collects its products in the order above,
/// so the result is bit-identical to ``multiplyInOrder(_:a:b:gemm:rows:dataflow:initial:)``,
/// the plain loop kept as the definition and test oracle, whatever the thread count.
public enum FastArrayModel {
  /// Output rows whose partial sums a block keeps.
  public static let rowBlock = 128
  /// Output columns a block spans (and the unit of work handed to a thread).
  public static let columnBlock = 64

  /// C (M x N) from A (M x K) and B (K x N), row-major. `initial` is C's previous content
  /// when accumulating (`acc`), nil to overwrite (`set`).
  @inlinable
  public static func multiply<P: PEArithmetic>(
    _ p: P, a: [P.Operand], b: [P.Operand], gemm g: GEMMShape, rows: Int, dataflow: Dataflow,
    initial: [P.Accumulator]? = nil, parallelism: Parallelism = .serial
  ) -> [P.Accumulator] {
    precondition(a.count >= g.m * g.k && b.count >= g.k * g.n, "operands smaller than the GEMM")
    var c = initial ?? [P.Accumulator](repeating: p.zero, count: g.m * g.n)
    if g.m == 0 || g.n == 0 { return c }
    let accumulating = initial != nil
    let fold = dataflow == .os ? Swift.max(1, g.k) : Swift.max(1, rows)
    let blocks = (g.n + columnBlock - 1) / columnBlock
    c.withUnsafeMutableBufferPointer { cBuffer in
      a.withUnsafeBufferPointer { aBuffer in
        b.withUnsafeBufferPointer { bBuffer in
          let out = SharedPointer(cBuffer)
          let (ap, bp) = (SharedPointer(reading: aBuffer), SharedPointer(reading: bBuffer))
          let (aCount, bCount) = (aBuffer.count, bBuffer.count)
          parallelism.forEach(blocks) { block in
            let j0 = block * columnBlock
            multiplyColumns(
              p, a: UnsafeBufferPointer(start: ap.base, count: aCount),
              b: UnsafeBufferPointer(start: bp.base, count: bCount), c: out.base, gemm: g,
              fold: fold,
              outputStationary: dataflow == .os, accumulating: accumulating,
              columns: j0..<Swift.min(g.n, j0 + columnBlock))
          }
        }
      }
    }
    return c
  }

  /// The columns `columns` of C, in blocks of ``rowBlock`` rows. `outputStationary`: every
  /// output sums all of K from C's content. Otherwise K is summed in folds of `fold`, each
  /// from zero, and each fold's sum is added to C in order (the first written to C unless
  /// `accumulating`).
  @inlinable
  static func multiplyColumns<P: PEArithmetic>(
    _ p: P, a: UnsafeBufferPointer<P.Operand>, b: UnsafeBufferPointer<P.Operand>,
    c: UnsafeMutablePointer<P.Accumulator>, gemm g: GEMMShape, fold: Int,
    outputStationary: Bool, accumulating: Bool, columns: Range<Int>
  ) {
    let width = columns.count
    let j0 = columns.lowerBound
    withUnsafeTemporaryAllocation(of: P.Accumulator.self, capacity: rowBlock * width) { part in
      let part = part.baseAddress!
      part.initialize(repeating: p.zero, count: rowBlock * width)
      defer { part.deinitialize(count: rowBlock * width) }
      var i0 = 0
      while i0 < g.m {
        let height = Swift.min(rowBlock, g.m - i0)
        if outputStationary {
          for r in 0..<height {
            (part + r * width).update(from: c + (i0 + r) * g.n + j0, count: width)
          }
          accumulate(
            p, a: a, b: b, part: part, gemm: g, rows: i0..<(i0 + height), k: 0..<g.k, j0: j0,
            width: width)
          for r in 0..<height {
            (c + (i0 + r) * g.n + j0).update(from: part + r * width, count: width)
          }
        } else {
          var k0 = 0
          while k0 < g.k {
            let k1 = Swift.min(g.k, k0 + fold)
            part.update(repeating: p.zero, count: height * width)
            accumulate(
              p, a: a, b: b, part: part, gemm: g, rows: i0..<(i0 + height), k: k0..<k1, j0: j0,
              width: width)
            let overwrite = k0 == 0 && !accumulating
            for r in 0..<height {
              let row = c + (i0 + r) * g.n + j0
              let sums = part + r * width
              if overwrite {
                row.update(from: sums, count: width)
              } else {
                for j in 0..<width { row[j] = p.add(row[j], sums[j]) }
              }
            }
            k0 = k1
          }
        }
        i0 += height
      }
    }
  }

  /// `part[r][j] = add(part[r][j], multiply(a[i][k], b[k][j0 + j]))` for the rows `rows`, each
  /// k of `k` in order, and `width` columns.
  @inlinable @inline(__always)
  static func accumulate<P: PEArithmetic>(
    _ p: P, a: UnsafeBufferPointer<P.Operand>, b: UnsafeBufferPointer<P.Operand>,
    part: UnsafeMutablePointer<P.Accumulator>, gemm g: GEMMShape, rows: Range<Int>,
    k: Range<Int>, j0: Int, width: Int
  ) {
    let aBase = a.baseAddress!
    let bBase = b.baseAddress!
    if P.self == FP32Arithmetic.self {
      // Plain FP32: the register-blocked kernel, same order.
      FP32MatrixKernel.accumulate(
        a: UnsafeRawPointer(aBase + rows.lowerBound * g.k).assumingMemoryBound(to: Float.self),
        aStride: g.k, b: UnsafeRawPointer(bBase + j0).assumingMemoryBound(to: Float.self),
        bStride: g.n, c: UnsafeMutableRawPointer(part).assumingMemoryBound(to: Float.self),
        cStride: width, rows: rows.count, k: k, columns: width)
      return
    }
    if P.self == ScaledFloatArithmetic.self && MemoryLayout<ScaledFloat>.stride == 8
      && MemoryLayout<ScaledFloat>.offset(of: \.scale) == 4
    {
      // Unit values with element scales, interleaved: the vectorised kernel, same order.
      FP32MatrixKernel.accumulateScaled(
        a: UnsafeRawPointer(aBase + rows.lowerBound * g.k).assumingMemoryBound(to: Float.self),
        aStride: 2 * g.k, b: UnsafeRawPointer(bBase + j0).assumingMemoryBound(to: Float.self),
        bStride: 2 * g.n, c: UnsafeMutableRawPointer(part).assumingMemoryBound(to: Float.self),
        cStride: width, rows: rows.count, k: k, columns: width)
      return
    }
    for kk in k {
      let bRow = bBase + kk * g.n + j0
      for (r, i) in rows.enumerated() {
        let x = aBase[i * g.k + kk]
        let sums = part + r * width
        for j in 0..<width { sums[j] = p.add(sums[j], p.multiply(x, bRow[j])) }
      }
    }
  }

  /// The definition: C from A and B in one plain loop per output row, in the hardware's
  /// summation order. Slow; kept as the oracle that ``multiply`` is tested against.
  @inlinable
  public static func multiplyInOrder<P: PEArithmetic>(
    _ p: P, a: [P.Operand], b: [P.Operand], gemm g: GEMMShape, rows: Int, dataflow: Dataflow,
    initial: [P.Accumulator]? = nil
  ) -> [P.Accumulator] {
    var c = initial ?? [P.Accumulator](repeating: p.zero, count: g.m * g.n)
    // Loops run i, (fold), k, j so that B is read along its rows; every output still sums its
    // products in the order the hardware does.
    var part = [P.Accumulator](repeating: p.zero, count: g.n)
    for i in 0..<g.m {
      if dataflow == .os {
        for j in 0..<g.n { part[j] = initial?[i * g.n + j] ?? p.zero }
        for k in 0..<g.k {
          let x = a[i * g.k + k]
          for j in 0..<g.n { part[j] = p.add(part[j], p.multiply(x, b[k * g.n + j])) }
        }
        for j in 0..<g.n { c[i * g.n + j] = part[j] }
      } else {
        var k0 = 0
        while k0 < g.k {
          for j in 0..<g.n { part[j] = p.zero }
          for k in k0..<min(k0 + rows, g.k) {
            let x = a[i * g.k + k]
            for j in 0..<g.n { part[j] = p.add(part[j], p.multiply(x, b[k * g.n + j])) }
          }
          for j in 0..<g.n {
            c[i * g.n + j] = k0 == 0 && initial == nil ? part[j] : p.add(c[i * g.n + j], part[j])
          }
          k0 += rows
        }
      }
    }
    return c
  }
}
