import FPINSISA
import MachineDescription
import QINSNumbers

extension Simulator {
  var arrayTiming: ArrayTimingModel {
    SimpleArrayTiming(rows: machine.array.rows, cols: machine.array.cols)
  }

  /// The systolic array: configuration, loading the stationary operand, and GEMM tiles.
  mutating func arrayOperation(_ m: String, _ ops: [OperandValue]) throws(Fault) {
    switch m {
    case "sa.config":
      guard case .keyword(let k) = ops[0] else { return }
      dataflow = Dataflow.allCases[Int(k)]
      chargeScalar()
      cycle += 1
    case "sa.shape":
      waitForRegisters(ops)
      let (a, b, c) = (reg(ops[0]), reg(ops[1]), reg(ops[2]))
      guard a >= 1, b >= 1, c >= 1, a <= 1 << 31, b <= 1 << 31, c <= 1 << 31 else {
        throw fault(.invalidInstruction, "sa.shape needs positive m, k, n; got \(a), \(b), \(c)")
      }
      arrayShape = (Int(a), Int(b), Int(c))
      chargeScalar()
      cycle += 1
    case "sa.load", "sa.load.t":
      waitForRegisters(ops)
      let (k, n) = (arrayShape.k, arrayShape.n)
      let transposed = m == "sa.load.t"
      let b = try tile(ops[0], rows: transposed ? n : k, cols: transposed ? k : n, what: m)
      let source = program.values[b.tensor]
      var operand = TensorValues(format: source.format, count: k * n)
      operand.exponent = source.exponent
      operand.exponentSet = source.exponentSet
      for r in 0..<k {
        for c in 0..<n {
          operand.copyElement(r * n + c, from: source, transposed ? b.index(c, r) : b.index(r, c))
        }
      }
      stationary = operand
      stationaryShape = (k, n)
      let memory = memoryCycles(reads: [b], writes: [], group: "array")
      let load = arrayTiming.loadCycles(k: k, n: n)
      schedule(
        .array, reads: [b.tensor], writes: [], occupancy: max(load, memory), latency: 0,
        memoryBound: memory > load)
    case "sa.matmul":
      waitForRegisters(ops)
      let (mm, k, n) = arrayShape
      guard let b = stationary, stationaryShape == (k, n) else {
        throw fault(
          .invalidInstruction,
          "sa.matmul needs a \(k) x \(n) operand loaded by sa.load with the same sa.shape")
      }
      let c = try tile(ops[0], rows: mm, cols: n, what: "sa.matmul C")
      let a = try tile(ops[1], rows: mm, cols: k, what: "sa.matmul A")
      guard case .keyword(let modeIndex) = ops[2] else { return }
      let accumulate = modeIndex == 1
      try multiply(c: c, a: a, b: b, m: mm, k: k, n: n, accumulate: accumulate)
      let macs = mm * k * n
      stats.multiplyAccumulates += macs
      ledger.charge(
        "array", "multiply_accumulate", count: Double(macs), picojoules: costs.peMultiplyAccumulate,
        group: "array")
      let memory = memoryCycles(reads: accumulate ? [a, c] : [a], writes: [c], group: "array")
      let compute = arrayTiming.computeCycles(m: mm, k: k, n: n, dataflow: dataflow)
      if memory > compute {
        stats.unitStalls["array_memory_bandwidth", default: 0] += memory - compute
      }
      schedule(
        .array, reads: accumulate ? [a.tensor, c.tensor] : [a.tensor], writes: [c.tensor],
        occupancy: max(compute, memory), latency: 0, memoryBound: memory > compute)
    default:
      throw fault(.invalidInstruction, "\(m) is not an array operation")
    }
  }

  /// C (=|+=) A B, summing over k in order; products and sums in the PE's formats.
  ///
  /// QINS8 operands multiply through the MUL table (the product's exponent is the sum of the
  /// operands'). An FP32 accumulator adds each product decoded to FP32; a QINS8 accumulator
  /// adds through the ADD/SUB tables, as the seed's pure pattern does; an FPINS(L)
  /// accumulator rounds every partial sum to the nearest FPINS(L) value. FP32 operands
  /// multiply and add in FP32, rounding after each operation (no fused multiply-add).
  mutating func multiply(
    c: Tile, a: Tile, b: TensorValues, m: Int, k: Int, n: Int, accumulate: Bool
  ) throws(Fault) {
    let va = program.values[a.tensor]
    var vc = program.values[c.tensor]
    guard va.format == b.format else {
      throw fault(
        .formatMismatch,
        "sa.matmul: A (\(name(a.tensor))) is \(va.format) but the loaded B is \(b.format)")
    }
    let productExponent = va.exponent + b.exponent
    if va.isQINS8 {
      if vc.isQINS8 {
        if accumulate && vc.exponentSet && vc.exponent != productExponent {
          throw fault(
            .formatMismatch,
            "sa.matmul acc: C (\(name(c.tensor))) has scale 2^\(vc.exponent) but the products have 2^\(productExponent)"
          )
        }
        vc.exponent = productExponent
        vc.exponentSet = true
      }
      for i in 0..<m {
        for j in 0..<n {
          let ci = c.index(i, j)
          switch vc.format {
          case .fp32:
            var sum: Float = accumulate ? vc.floats[ci] : 0
            for kk in 0..<k {
              let p = tables.multiply(va.qins8(a.index(i, kk)), b.qins8(kk * n + j))
              count(p.flags)
              sum += QINS8Codec.decode(p.value, scaleExponent: productExponent)
            }
            vc.floats[ci] = sum
          case .fpins(0):
            var sum: QINS8 = accumulate ? vc.qins8(ci) : .zero
            for kk in 0..<k {
              let p = tables.multiply(va.qins8(a.index(i, kk)), b.qins8(kk * n + j))
              count(p.flags)
              let s = tables.add(sum, p.value)
              count(s.flags)
              sum = s.value
            }
            vc.setQINS8(ci, sum)
          case .fpins:
            var sum = accumulate ? vc.value(ci) : 0
            if !vc.exponentSet {
              vc.exponent = productExponent
              vc.exponentSet = true
            }
            for kk in 0..<k {
              let p = tables.multiply(va.qins8(a.index(i, kk)), b.qins8(kk * n + j))
              count(p.flags)
              sum += Double(QINS8Codec.decode(p.value, scaleExponent: productExponent))
              vc.store(ci, sum, rounding: machine.rounding)
              sum = vc.value(ci)
            }
          }
        }
      }
    } else {
      for i in 0..<m {
        for j in 0..<n {
          let ci = c.index(i, j)
          var sum = accumulate ? vc.value(ci) : 0
          for kk in 0..<k {
            let x = va.value(a.index(i, kk))
            let y = b.value(kk * n + j)
            if va.format == .fp32 {
              sum = Double(Float(sum) + Float(x) * Float(y))
            } else {
              sum += x * y
            }
          }
          if !vc.exponentSet && vc.format != .fp32 {
            vc.exponent = productExponent
            vc.exponentSet = true
          }
          count(vc.store(ci, sum, rounding: machine.rounding))
        }
      }
    }
    program.values[c.tensor] = vc
  }
}
