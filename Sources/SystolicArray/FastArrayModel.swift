import FPINSISA

/// The array's results without stepping its PEs: the same arithmetic in the order the
/// hardware performs it.
///
/// Weight- and input-stationary arrays sum K in folds of R: each fold's partial sum starts
/// from ``PEArithmetic/zero`` at the top of a column and collects its R products in order; the
/// folds' partial sums are then added to the accumulator in fold order (the first fold writes
/// it unless accumulating). Output-stationary PEs sum all of K in place, in order, from the
/// accumulator's starting value.
public enum FastArrayModel {
  /// C (M x N) from A (M x K) and B (K x N), row-major. `initial` is C's previous content
  /// when accumulating (`acc`), nil to overwrite (`set`).
  @inlinable
  public static func multiply<P: PEArithmetic>(
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
