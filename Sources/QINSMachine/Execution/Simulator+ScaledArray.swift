import MachineDescription
import QINSNumbers
import QINSSupport
import SystolicArray

extension Simulator {
  /// C (=|+=) A B for operands with element scales (QINS8 through the machine's product path;
  /// INT8, FP8, BF16), summed in the dataflow's order (``FastArrayModel``).
  ///
  /// Where the scales can be factored out of every dot product (each row of A takes its scales
  /// from one choice along K, and so does each column of B: per-token activations against
  /// per-channel weights; ``ScaleChoiceID``, so that a timing-only run decides alike), the PEs
  /// sum unscaled products (INT8 in INT32, exactly; the others in FP32) and the array's output
  /// multiplies each sum by `scale_a x scale_b` once, then adds it to C when accumulating.
  /// Otherwise (a stationary operand whose scales vary along K, such as per-token V in
  /// attention) every product is scaled on its way into the FP32 accumulator,
  /// `(scale_a x scale_b) x product`, and the folds add to C as in the seed's hybrid. Both
  /// extra multiplies are charged: an FP32 multiply each with FP32 scales, an exponent add each
  /// with powers of two.
  ///
  /// Returns where the scales were applied; the cost step charges the multiplies.
  mutating func multiplyScaled(
    c: Tile, a: Tile, b: TensorValues, m: Int, k: Int, n: Int, accumulate: Bool
  ) throws(Fault) -> ProductScaling {
    let va = program.values[a.tensor]
    var vc = takeValues(c.tensor)
    defer { program.values[c.tensor] = vc }
    guard vc.format == .fp32 else {
      throw fault(
        .formatMismatch,
        "sa.matmul: with element scales C (\(name(c.tensor))) must be FP32, not \(vc.format)")
    }
    // Whether every row of A and every column of B take their scales from one choice along K.
    let uniform =
      va.rowsShareScaleChoices(rows: m, cols: k, offset: a.offset, stride: a.rowLength)
      && stationaryColumnsShareScales
    if timingOnly { return uniform ? .perOutput : .perProduct }
    let gemm = GEMMShape(m: m, n: n, k: k)
    let rows = machine.array.rows
    // Per-row scales of A and per-column scales of B: one choice set each, so constant along K.
    let rowScale = uniform ? (0..<m).map { va.scales[a.index($0, 0)] } : []
    let colScale = uniform ? Array(b.scales[0..<n]) : []
    func scaleA(_ i: Int, _ kk: Int) -> Float { uniform ? 1 : va.scales[a.index(i, kk)] }
    func scaleB(_ e: Int) -> Float { uniform ? 1 : b.scales[e] }
    let initial: [Float]? =
      accumulate && !uniform
      ? (0..<(m * n)).map { vc.floats[c.index($0 / n, $0 % n)] } : nil
    var result: [Float]
    switch va.format {
    case .fpins(0)
    where uniform && machine.array.product != .table8 && productTable!.factors != nil:
      // Unit-scale operands whose products are FP32 products of their decoded values: the
      // same bits as the table (a zero operand's product may be -0 instead of +0, which
      // leaves sums that start from +0 unchanged). The scales are applied at the output.
      let f = productTable!.factors!
      let da = va.decodedQINS8(rows: m, cols: k, offset: a.offset, stride: a.rowLength, factors: f)
      let db = b.decodedQINS8(rows: k, cols: n, offset: 0, stride: n, factors: f)
      result = FastArrayModel.multiply(
        FP32Arithmetic(), a: da, b: db, gemm: gemm, rows: rows, dataflow: dataflow,
        parallelism: parallelism)
    case .fpins(0):
      var qa: [QINS8] = []
      qa.reserveCapacity(m * k)
      for i in 0..<m { for kk in 0..<k { qa.append(va.qins8(a.index(i, kk))) } }
      let qb = (0..<(k * n)).map { b.qins8($0) }
      if machine.array.product == .table8 {
        stats.overflows += saturatedProducts(qa, qb, m: m, k: k, n: n)
      }
      if uniform {
        // Unit-scale operands; the scales are applied at the output below.
        result = FastArrayModel.multiply(
          UnitQINS8Arithmetic(table: productTable!), a: qa, b: qb, gemm: gemm, rows: rows,
          dataflow: dataflow, parallelism: parallelism)
      } else if let f = productTable!.factors,
        dataflow != .os || !(initial ?? []).contains(where: { $0 == 0 && $0.sign == .minus })
      {
        // Decoded operands times their scales: `(sa sb)(da db)` is the table's product, the
        // same bits up to the sign of a zero product, which cannot matter to sums that start
        // from +0 (every fold) or from an initial C without -0.
        let oa = qa.indices.map {
          ScaledFloat(unit: Float(qa[$0].sign) * f[Int(qa[$0].code)], scale: scaleA($0 / k, $0 % k))
        }
        let ob = qb.indices.map {
          ScaledFloat(unit: Float(qb[$0].sign) * f[Int(qb[$0].code)], scale: scaleB($0))
        }
        result = FastArrayModel.multiply(
          ScaledFloatArithmetic(), a: oa, b: ob, gemm: gemm, rows: rows, dataflow: dataflow,
          initial: initial, parallelism: parallelism)
      } else {
        let oa = qa.indices.map {
          ScaledCode(sign: Float(qa[$0].sign), code: qa[$0].code, scale: scaleA($0 / k, $0 % k))
        }
        let ob = qb.indices.map {
          ScaledCode(sign: Float(qb[$0].sign), code: qb[$0].code, scale: scaleB($0))
        }
        result = FastArrayModel.multiply(
          ScaledQINS8Arithmetic(table: productTable!), a: oa, b: ob, gemm: gemm, rows: rows,
          dataflow: dataflow, initial: initial, parallelism: parallelism)
      }
    case .int8 where uniform:
      var oa: [Int32] = []
      oa.reserveCapacity(m * k)
      for i in 0..<m { for kk in 0..<k { oa.append(Int32(va.floats[a.index(i, kk)])) } }
      let ob = b.floats.map { Int32($0) }
      result = FastArrayModel.multiply(
        Int8Arithmetic(), a: oa, b: ob, gemm: gemm, rows: rows, dataflow: dataflow,
        parallelism: parallelism
      ).map { Float($0) }
    case _ where uniform:
      // FP8, BF16 at unit scale: exact products summed in FP32.
      var oa: [Float] = []
      oa.reserveCapacity(m * k)
      for i in 0..<m { for kk in 0..<k { oa.append(va.floats[a.index(i, kk)]) } }
      result = FastArrayModel.multiply(
        FP32Arithmetic(), a: oa, b: b.floats, gemm: gemm, rows: rows, dataflow: dataflow,
        parallelism: parallelism)
    default:
      var oa: [ScaledFloat] = []
      oa.reserveCapacity(m * k)
      for i in 0..<m {
        for kk in 0..<k {
          oa.append(ScaledFloat(unit: va.floats[a.index(i, kk)], scale: scaleA(i, kk)))
        }
      }
      let ob = (0..<(k * n)).map { ScaledFloat(unit: b.floats[$0], scale: scaleB($0)) }
      result = FastArrayModel.multiply(
        ScaledFloatArithmetic(), a: oa, b: ob, gemm: gemm, rows: rows, dataflow: dataflow,
        initial: initial, parallelism: parallelism)
    }
    if uniform {
      for i in 0..<m {
        for j in 0..<n {
          let ci = c.index(i, j)
          let y = result[i * n + j] * (rowScale[i] * colScale[j])
          vc.floats[ci] = accumulate ? vc.floats[ci] + y : y
        }
      }
    } else {
      for i in 0..<m { for j in 0..<n { vc.floats[c.index(i, j)] = result[i * n + j] } }
    }
    return uniform ? .perOutput : .perProduct
  }
}
