import FPINSISA
import MachineDescription
import QINSNumbers
import QINSSupport
import SystolicArray

extension Simulator {
  /// The systolic array: configuration, loading the stationary operand, and GEMM tiles; each
  /// operation's value step, then its cost step (`Cost/Simulator+ArrayCost.swift`).
  mutating func arrayOperation(_ m: InstructionOperation, _ ops: [OperandValue]) throws(Fault) {
    switch m {
    case .saConfig:
      guard case .keyword(let k) = ops[0] else { return }
      dataflow = Dataflow.allCases[Int(k)]
      arrayPipeline = arrayModel.pipeline(dataflow: dataflow, after: arrayPipeline)
      chargeScalar()
      cycle += 1
    case .saShape:
      waitForRegisters(ops)
      let (a, b, c) = (reg(ops[0]), reg(ops[1]), reg(ops[2]))
      guard a >= 1, b >= 1, c >= 1, a <= 1 << 31, b <= 1 << 31, c <= 1 << 31 else {
        throw fault(.invalidInstruction, "sa.shape needs positive m, k, n; got \(a), \(b), \(c)")
      }
      arrayShape = (Int(a), Int(b), Int(c))
      chargeScalar()
      cycle += 1
    case .saLoad, .saLoadT:
      waitForRegisters(ops)
      let b = try loadStationary(ops[0], transposed: m == .saLoadT)
      chargeStationaryLoad(b)
    case .saMatmul:
      waitForRegisters(ops)
      guard let work = try matmulValues(ops) else { return }
      chargeMatmul(work)
    default:
      throw fault(.invalidInstruction, "\(m) is not an array operation")
    }
  }

  /// `sa.load` / `sa.load.t`: copies the k x n operand (transposed from n x k) into the
  /// array's stationary buffer (only its format and scales in a timing-only run). Returns the
  /// tile read.
  mutating func loadStationary(_ operand: OperandValue, transposed: Bool) throws(Fault) -> Tile {
    let (k, n) = (arrayShape.k, arrayShape.n)
    let b = try tile(
      operand, rows: transposed ? n : k, cols: transposed ? k : n,
      what: transposed ? "sa.load.t" : "sa.load")
    let source = program.values[b.tensor]
    var stationaryValues = TensorValues(
      format: source.format, count: k * n, elementScales: source.hasElementScales,
      grid: source.grid, storage: !timingOnly)
    stationaryValues.fixedScale = source.fixedScale
    stationaryValues.exponent = source.exponent
    stationaryValues.exponentSet = source.exponentSet
    if timingOnly {
      // No values to copy.
    } else if transposed {
      stationaryValues.copyTransposedTile(
        rows: k, cols: n, from: source, at: b.offset, stride: b.rowLength)
    } else {
      stationaryValues.copyTile(
        rows: k, cols: n, from: source, at: b.offset, stride: b.rowLength, to: 0, stride: n)
    }
    // A column of B is a row of the tile read when transposed, a column of it otherwise.
    stationaryColumnsShareScales =
      transposed
      ? source.rowsShareScaleChoices(rows: n, cols: k, offset: b.offset, stride: b.rowLength)
      : source.columnsShareScaleChoices(rows: k, cols: n, offset: b.offset, stride: b.rowLength)
    stationary = stationaryValues
    stationaryShape = (k, n)
    return b
  }

  /// `sa.matmul C, A, mode`: C (=|+=) A B with the loaded B; returns the work, or nil for an
  /// operand the decoder cannot have produced.
  mutating func matmulValues(_ ops: [OperandValue]) throws(Fault) -> MatmulWork? {
    let (mm, k, n) = arrayShape
    guard let b = stationary, stationaryShape == (k, n) else {
      throw fault(
        .invalidInstruction,
        "sa.matmul needs a \(k) x \(n) operand loaded by sa.load with the same sa.shape")
    }
    let c = try tile(ops[0], rows: mm, cols: n, what: "sa.matmul C")
    let a = try tile(ops[1], rows: mm, cols: k, what: "sa.matmul A")
    guard case .keyword(let modeIndex) = ops[2] else { return nil }
    let accumulate = modeIndex == 1
    if arrayOperandsToCapture > 0 && !timingOnly {
      arrayOperandsToCapture -= 1
      capturedArrayOperands.append(operands(a: a, b: b, m: mm, k: k, n: n))
    }
    let scaling = try multiply(c: c, a: a, b: b, m: mm, k: k, n: n, accumulate: accumulate)
    return MatmulWork(a: a, c: c, m: mm, k: k, n: n, accumulate: accumulate, scaling: scaling)
  }

  /// The operands a GEMM feeds the PEs: A's tile and the stationary B, as unit-grid values
  /// or QINS8 codes (``ArrayOperands``).
  func operands(a: Tile, b: TensorValues, m: Int, k: Int, n: Int) -> ArrayOperands {
    let va = program.values[a.tensor]
    var indices: [Int] = []
    indices.reserveCapacity(m * k)
    for i in 0..<m { for kk in 0..<k { indices.append(a.index(i, kk)) } }
    if va.isQINS8 {
      return ArrayOperands(
        m: m, k: k, n: n,
        values: .qins8(
          a: indices.map { va.qins8($0) }, b: (0..<(k * n)).map { b.qins8($0) },
          productExponent: va.hasElementScales ? 0 : va.exponent + b.exponent))
    }
    // FP32, and INT8, FP8 and BF16 on their unit grids (FPINS(L >= 1) as its values).
    let unit = { (t: TensorValues, i: Int) -> Float in
      t.floats.isEmpty ? Float(t.value(i)) : t.floats[i]
    }
    return ArrayOperands(
      m: m, k: k, n: n,
      values: .unitGrid(a: indices.map { unit(va, $0) }, b: (0..<(k * n)).map { unit(b, $0) }))
  }

  /// C (=|+=) A B through the array's functional model (`FastArrayModel`, the order each
  /// dataflow sums in), with the PE arithmetic of the formats: QINS8 operands through the MUL
  /// table into an FP32 accumulator (the hybrid) or through the ADD/SUB tables into a QINS8
  /// accumulator (the seed's pure pattern); FP32 operands in FP32. The product exponent is the
  /// sum of the operands'. Saturated products are counted. Other combinations (FPINS
  /// accumulators or operands) sum k in order, rounding every partial sum to the format.
  ///
  /// Returns where element scales were applied (nil without element scales).
  mutating func multiply(
    c: Tile, a: Tile, b: TensorValues, m: Int, k: Int, n: Int, accumulate: Bool
  ) throws(Fault) -> ProductScaling? {
    let va = program.values[a.tensor]
    guard va.format == b.format else {
      throw fault(
        .formatMismatch,
        "sa.matmul: A (\(name(a.tensor))) is \(va.format) but the loaded B is \(b.format)")
    }
    if va.hasElementScales {
      return try multiplyScaled(c: c, a: a, b: b, m: m, k: k, n: n, accumulate: accumulate)
    }
    if timingOnly { return nil }
    var vc = takeValues(c.tensor)
    defer { program.values[c.tensor] = vc }
    let productExponent = va.exponent + b.exponent
    let gemm = GEMMShape(m: m, n: n, k: k)
    let rows = machine.array.rows
    func gather<T>(_ t: Tile, _ r: Int, _ cols: Int, _ get: (Int) -> T) -> [T] {
      var out: [T] = []
      out.reserveCapacity(r * cols)
      for i in 0..<r { for j in 0..<cols { out.append(get(t.index(i, j))) } }
      return out
    }
    switch (va.format, vc.format) {
    case (.fpins(0), .fp32), (.fpins(0), .fpins(0)):
      let ea = gather(a, m, k) { va.qins8($0) }
      let eb = (0..<(k * n)).map { b.qins8($0) }
      if machine.array.product == .table8 || vc.format != .fp32 {
        stats.overflows += saturatedProducts(ea, eb, m: m, k: k, n: n)
      }
      if vc.format == .fp32, let table = productTable {
        // Another product path with the seed's per-tensor exponents: the operands' powers of
        // two scale each product exactly.
        let sa = Float(sign: .plus, exponent: va.exponent, significand: 1)
        let sb = Float(sign: .plus, exponent: b.exponent, significand: 1)
        let oa = ea.map { ScaledCode(sign: Float($0.sign), code: $0.code, scale: sa) }
        let ob = eb.map { ScaledCode(sign: Float($0.sign), code: $0.code, scale: sb) }
        let initial = accumulate ? gather(c, m, n) { vc.floats[$0] } : nil
        let result = FastArrayModel.multiply(
          ScaledQINS8Arithmetic(table: table), a: oa, b: ob, gemm: gemm, rows: rows,
          dataflow: dataflow, initial: initial, parallelism: parallelism)
        for i in 0..<m { for j in 0..<n { vc.floats[c.index(i, j)] = result[i * n + j] } }
      } else if vc.format == .fp32 {
        let p = QINS8HybridArithmetic(tables: tables, productExponent: productExponent)
        let initial = accumulate ? gather(c, m, n) { vc.floats[$0] } : nil
        let result = FastArrayModel.multiply(
          p, a: ea, b: eb, gemm: gemm, rows: rows, dataflow: dataflow, initial: initial,
          parallelism: parallelism)
        for i in 0..<m { for j in 0..<n { vc.floats[c.index(i, j)] = result[i * n + j] } }
      } else {
        if accumulate && vc.exponentSet && vc.exponent != productExponent {
          throw fault(
            .formatMismatch,
            "sa.matmul acc: C (\(name(c.tensor))) has scale 2^\(vc.exponent) but the products have 2^\(productExponent)"
          )
        }
        vc.exponent = productExponent
        vc.exponentSet = true
        let p = QINS8PureArithmetic(tables: tables)
        let initial = accumulate ? gather(c, m, n) { vc.qins8($0) } : nil
        let result = FastArrayModel.multiply(
          p, a: ea, b: eb, gemm: gemm, rows: rows, dataflow: dataflow, initial: initial,
          parallelism: parallelism)
        for i in 0..<m { for j in 0..<n { vc.setQINS8(c.index(i, j), result[i * n + j]) } }
      }
    case (.fp32, .fp32):
      let ea = gather(a, m, k) { va.floats[$0] }
      let initial = accumulate ? gather(c, m, n) { vc.floats[$0] } : nil
      let result = FastArrayModel.multiply(
        FP32Arithmetic(), a: ea, b: b.floats, gemm: gemm, rows: rows, dataflow: dataflow,
        initial: initial, parallelism: parallelism)
      for i in 0..<m { for j in 0..<n { vc.floats[c.index(i, j)] = result[i * n + j] } }
    default:
      for i in 0..<m {
        for j in 0..<n {
          let ci = c.index(i, j)
          if !vc.exponentSet && vc.format != .fp32 {
            // Headroom so that K products of up to 256 fit under FPINS's largest magnitude.
            vc.exponent = productExponent + QINS8FPINSArithmetic.headroom(k: k)
            vc.exponentSet = true
          }
          var sum = accumulate ? vc.value(ci) : 0
          for kk in 0..<k {
            sum += va.value(a.index(i, kk)) * b.value(kk * n + j)
            count(vc.store(ci, sum, rounding: machine.rounding))
            sum = vc.value(ci)
          }
          if k == 0 { count(vc.store(ci, sum, rounding: machine.rounding)) }
        }
      }
    }
    return nil
  }

  /// How many of the m x k x n products saturate the MUL table, counted from the codes that
  /// meet at each k (histograms), without forming the products.
  func saturatedProducts(_ a: [QINS8], _ b: [QINS8], m: Int, k: Int, n: Int) -> Int {
    let flags = tables.mul.flags
    var total = 0
    var ha = [Int](repeating: 0, count: 256)
    var hb = [Int](repeating: 0, count: 256)
    for kk in 0..<k {
      for x in 0..<256 {
        ha[x] = 0
        hb[x] = 0
      }
      for i in 0..<m where !a[i * k + kk].isZero { ha[Int(a[i * k + kk].code)] += 1 }
      for j in 0..<n where !b[kk * n + j].isZero { hb[Int(b[kk * n + j].code)] += 1 }
      // Only large codes can overflow (mu_a mu_b > 256 needs s_a s_b < 256).
      for x in 0..<256 where ha[x] > 0 {
        for y in 0..<256 where hb[y] > 0 && flags[x << 8 | y] & 1 != 0 { total += ha[x] * hb[y] }
      }
    }
    return total
  }
}
