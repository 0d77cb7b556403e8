import FPINSISA
import MachineDescription
import QINSNumbers

extension Simulator {
  /// The LUT vector ALU's element-wise operations and conversions: the value step, then the
  /// cost step (``chargeALU(_:)``).
  mutating func aluOperation(_ m: InstructionOperation, _ ops: [OperandValue]) throws(Fault) {
    waitForRegisters(ops)
    guard let work = try aluValues(m, ops) else { return }
    chargeALU(work)
  }

  /// Computes an ALU operation's values (none in a timing-only run) and returns its work;
  /// nil for an operand the decoder cannot have produced.
  mutating func aluValues(_ m: InstructionOperation, _ ops: [OperandValue]) throws(Fault)
    -> ALUWork?
  {
    let (rows, cols) = aluShape
    let dst = try tile(ops[0], rows: rows, cols: cols, what: "\(m) destination")
    let n = rows * cols
    var work = ALUWork(operation: m, reads: [], write: dst)
    scaleWork = ScaleUnitWork()
    switch m {
    case .vAdd, .vSub, .vMul, .vMax, .vMin:
      let a = try tile(ops[1], rows: rows, cols: cols, what: "\(m) operand a")
      let b = try tile(ops[2], rows: rows, cols: cols, what: "\(m) operand b")
      work.reads = [a, b]
      try binary(m, dst, a, b)
      work.lookups = n
      work.tableBound = m != .vMax && m != .vMin
    case .vRcp, .vNeg:
      let a = try tile(ops[1], rows: rows, cols: cols, what: "\(m) operand")
      work.reads = [a]
      try unary(m, dst, a)
      work.lookups = n
      work.tableBound = m == .vRcp
    case .vCvt:
      let a = try tile(ops[1], rows: rows, cols: cols, what: "v.cvt source")
      work.reads = [a]
      guard case .keyword(let k) = ops[2] else { return nil }
      convert(dst, from: a, fit: k == 1)
    case .vFill:
      guard case .float(let bits) = ops[1] else { return nil }
      let x = Double(Float(bitPattern: bits))
      let values = [Double](repeating: x, count: n)
      store(values, into: dst, fitIfUnset: true)
    default:
      throw fault(.invalidInstruction, "\(m) is not an ALU operation")
    }
    work.scaleUnit = scaleWork
    return work
  }

  /// Element-wise binary operations, in the operands' format.
  mutating func binary(_ m: InstructionOperation, _ dst: Tile, _ a: Tile, _ b: Tile) throws(Fault) {
    let va = program.values[a.tensor]
    let vb = program.values[b.tensor]
    let fd = program.values[dst.tensor].format
    guard va.format == vb.format, va.format == fd else {
      throw fault(
        .formatMismatch,
        "\(m) needs one format; \(name(a.tensor)) is \(va.format), \(name(b.tensor)) is \(vb.format), \(name(dst.tensor)) is \(fd)"
      )
    }
    if timingOnly {
      // Only the element-scaled path stores through the conversion unit, whose work counts.
      if !(va.isQINS8 && !va.hasElementScales) { store([], into: dst, fitIfUnset: false) }
      return
    }
    let isMax = m == .vMax
    if va.isQINS8 && !va.hasElementScales {
      // Add, subtract, max and min align the operands to the larger exponent first: the
      // other operand's s is shifted left (exact until it passes 256, then rounded).
      let common = max(va.exponent, vb.exponent)
      let shiftA = m == .vMul ? 0 : common - va.exponent
      let shiftB = m == .vMul ? 0 : common - vb.exponent
      var out = takeValues(dst.tensor)
      out.exponent = m == .vMul ? va.exponent + vb.exponent : common
      out.exponentSet = true
      for r in 0..<dst.rows {
        for c in 0..<dst.cols {
          let ax = QINS8.scaleDown(va.qins8(a.index(r, c)), by: shiftA, mode: machine.rounding)
          let by = QINS8.scaleDown(vb.qins8(b.index(r, c)), by: shiftB, mode: machine.rounding)
          count(ax.flags)
          count(by.flags)
          let x = ax.value
          let y = by.value
          let result: QINS8.Outcome
          switch m {
          case .vAdd: result = tables.add(x, y)
          case .vSub: result = tables.add(x, y.negated)
          case .vMul: result = tables.multiply(x, y)
          default:
            let pick = (x.doubleValue >= y.doubleValue) == isMax ? x : y
            result = (pick, [])
          }
          count(result.flags)
          out.setQINS8(dst.index(r, c), result.value)
        }
      }
      program.values[dst.tensor] = out
      return
    }
    var values = [Double](repeating: 0, count: dst.rows * dst.cols)
    for r in 0..<dst.rows {
      for c in 0..<dst.cols {
        let x = va.value(a.index(r, c))
        let y = vb.value(b.index(r, c))
        let z: Double
        switch m {
        case .vAdd: z = va.format == .fp32 ? Double(Float(x) + Float(y)) : x + y
        case .vSub: z = va.format == .fp32 ? Double(Float(x) - Float(y)) : x - y
        case .vMul: z = va.format == .fp32 ? Double(Float(x) * Float(y)) : x * y
        default: z = (x >= y) == isMax ? x : y
        }
        values[r * dst.cols + c] = z
      }
    }
    if fd != .fp32 && m == .vMul {
      program.values[dst.tensor].exponent = va.exponent + vb.exponent
    }
    if fd != .fp32 && m != .vMul { program.values[dst.tensor].exponent = va.exponent }
    program.values[dst.tensor].exponentSet = true
    store(values, into: dst, fitIfUnset: false)
  }

  /// `v.rcp` and `v.neg`.
  mutating func unary(_ m: InstructionOperation, _ dst: Tile, _ a: Tile) throws(Fault) {
    let va = program.values[a.tensor]
    let fd = program.values[dst.tensor].format
    guard va.format == fd else {
      throw fault(
        .formatMismatch,
        "\(m) needs one format; \(name(a.tensor)) is \(va.format), \(name(dst.tensor)) is \(fd)")
    }
    if timingOnly {
      if !(va.isQINS8 && !va.hasElementScales) {
        store([], into: dst, fitIfUnset: true, refit: m == .vRcp)
      }
      return
    }
    if va.isQINS8 && !va.hasElementScales {
      var out = takeValues(dst.tensor)
      out.exponent = m == .vRcp ? -8 - va.exponent : va.exponent
      out.exponentSet = true
      for r in 0..<dst.rows {
        for c in 0..<dst.cols {
          let x = va.qins8(a.index(r, c))
          let result: QINS8.Outcome = m == .vRcp ? tables.reciprocal(x) : (x.negated, [])
          count(result.flags)
          out.setQINS8(dst.index(r, c), result.value)
        }
      }
      program.values[dst.tensor] = out
      return
    }
    var values = [Double](repeating: 0, count: dst.rows * dst.cols)
    for r in 0..<dst.rows {
      for c in 0..<dst.cols {
        let x = va.value(a.index(r, c))
        values[r * dst.cols + c] =
          m == .vNeg ? -x : (va.format == .fp32 ? Double(1 / Float(x)) : 1 / x)
      }
    }
    store(values, into: dst, fitIfUnset: true, refit: m == .vRcp)
  }

  /// `v.cvt`: decode the source exactly, encode into the destination's format.
  mutating func convert(_ dst: Tile, from a: Tile, fit: Bool) {
    if timingOnly {
      store([], into: dst, fitIfUnset: true, refit: fit)
      return
    }
    let va = program.values[a.tensor]
    var values = [Double](repeating: 0, count: dst.rows * dst.cols)
    for r in 0..<dst.rows {
      for c in 0..<dst.cols { values[r * dst.cols + c] = va.value(a.index(r, c)) }
    }
    store(values, into: dst, fitIfUnset: true, refit: fit)
  }

  /// Writes real values into a tile in its tensor's format. A QINS/FPINS tensor whose
  /// exponent was never chosen (or when `refit`) first gets the minimum-error exponent for
  /// these values (``ScalePolicy/minimumSquaredError``).
  /// With element scales, the work of choosing them is added to ``scaleWork``
  /// (see ``storeScaled(_:into:refit:)``).
  mutating func store(_ values: [Double], into dst: Tile, fitIfUnset: Bool, refit: Bool = false) {
    if timingOnly {
      // The scale unit's work depends on the tile's shape only.
      if program.values[dst.tensor].hasElementScales {
        scaleWork += scaleWorkWithoutValues(dst, refit: refit)
      }
      return
    }
    if program.values[dst.tensor].hasElementScales {
      scaleWork += storeScaled(values, into: dst, refit: refit)
      return
    }
    var out = takeValues(dst.tensor)
    if out.format != .fp32 && (refit || (fitIfUnset && !out.exponentSet)) {
      let floats = values.map { Float($0) }
      switch out.format {
      case .fpins(0):
        out.exponent = ScalePolicy.minimumSquaredError.exponent(for: floats, window: 16) { v, e in
          Double(
            QINS8Codec.decode(
              QINS8Codec.encode(v, scaleExponent: e, mode: machine.rounding).value, scaleExponent: e
            ))
        }
      case .fpins(let l):
        out.exponent =
          (try? FPINSTensor.encode(floats, depth: l, encoder: .optimal).scaleExponent) ?? 0
      case .fp32, .int8, .fp8e4m3, .fp8e5m2, .bf16: break
      }
      out.exponentSet = true
    }
    for r in 0..<dst.rows {
      for c in 0..<dst.cols {
        count(out.store(dst.index(r, c), values[r * dst.cols + c], rounding: machine.rounding))
      }
    }
    program.values[dst.tensor] = out
  }

  mutating func count(_ flags: ArithmeticFlags) {
    if flags.contains(.overflow) { stats.overflows += 1 }
    if flags.contains(.underflow) { stats.underflows += 1 }
  }
}
