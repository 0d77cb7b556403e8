import CKernels

/// `C += A B` in `Float` where every element of C adds its products one at a time in k order:
/// `c = c + a[i][k] * b[k][j]` for k ascending, an IEEE multiply then an IEEE add, never
/// fused. The summation order is the contract: the results are those of the plain triple
/// loop, bit for bit, for any blocking and any vector width.
///
/// The loops are C (`CKernels`), compiled for SSE2, AVX2 and AVX-512 and chosen at run time
/// (``vectorWidth``): each strip of B's columns (two vectors wide) is packed contiguously,
/// then a micro-tile of 4 rows keeps its sums in vector registers while k streams past.
/// Columns beyond the last whole strip take a scalar loop in the same order. The callers
/// block for the caches and the threads: the systolic array's functional model (one fold of K
/// at a time) and the FP32 reference's linear layers.
public enum FP32MatrixKernel {
  /// `c[i][j] += sum over kk in k of a[i][kk] * b[kk][j]`, in order, for `i < rows` and
  /// `j < columns`. Row i of A starts at `a + i * aStride` (indexed by kk), row kk of B at
  /// `b + kk * bStride`, row i of C at `c + i * cStride`.
  @inlinable
  public static func accumulate(
    a: UnsafePointer<Float>, aStride: Int, b: UnsafePointer<Float>, bStride: Int,
    c: UnsafeMutablePointer<Float>, cStride: Int, rows: Int, k: Range<Int>, columns: Int
  ) {
    qins_fp32_accumulate(
      a, aStride, b, bStride, c, cStride, rows, k.lowerBound, k.upperBound, columns)
  }

  /// `c[i][j] += (sa * sb) * (ua * ub)` for each kk of `k` in order, where A's element (i, kk)
  /// is the pair `(ua, sa)` at `a + i * aStride + 2 * kk` and B's element (kk, j) the pair
  /// `(ub, sb)` at `b + kk * bStride + 2 * j` (a unit value and its scale, interleaved): the
  /// sums of PEs whose operands carry element scales that vary along K. Three multiplies
  /// and an add per product, in that association, never fused.
  @inlinable
  public static func accumulateScaled(
    a: UnsafePointer<Float>, aStride: Int, b: UnsafePointer<Float>, bStride: Int,
    c: UnsafeMutablePointer<Float>, cStride: Int, rows: Int, k: Range<Int>, columns: Int
  ) {
    qins_fp32_accumulate_scaled(
      a, aStride, b, bStride, c, cStride, rows, k.lowerBound, k.upperBound, columns)
  }

  /// The floats per vector the kernels use on this CPU (4, 8 or 16), within any limit set by
  /// ``limitVectorWidth(_:)``.
  public static var vectorWidth: Int { Int(qins_vector_width()) }

  /// Limits the kernels to vectors of at most `lanes` floats (4 or 8; nil lifts the limit):
  /// the results do not change, which the tests check.
  public static func limitVectorWidth(_ lanes: Int?) { qins_limit_vector_width(Int32(lanes ?? 0)) }
}
