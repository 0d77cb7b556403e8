import FPINSISA
import Foundation
import MachineDescription

extension Simulator {
  /// The FP32 special function unit: decode at its input, FP32 inside, encode at its output
  /// (the seed's Pattern C). Settings are taken at once; operations have a value step and a
  /// cost step (``chargeSFU(_:)``).
  mutating func sfuOperation(_ m: InstructionOperation, _ ops: [OperandValue]) throws(Fault) {
    switch m {
    case .sfuShape:
      try configure(ops) { $0.sfuShape = ($1, $2) }
      return
    case .sfuEps, .sfuScalar, .sfuRopebase:
      guard case .float(let bits) = ops[0] else { return }
      let v = Float(bitPattern: bits)
      if m == .sfuEps {
        sfuEps = v
      } else if m == .sfuScalar {
        sfuScalar = v
      } else {
        sfuRopeBase = v
      }
      chargeScalar()
      cycle += 1
      return
    default: break
    }
    waitForRegisters(ops)
    guard let work = try sfuValues(m, ops) else { return }
    chargeSFU(work)
  }

  /// Computes an SFU operation's values (zeros in, nothing stored, in a timing-only run) and
  /// returns its work; nil for an operand the decoder cannot have produced.
  mutating func sfuValues(_ m: InstructionOperation, _ ops: [OperandValue]) throws(Fault)
    -> SFUWork?
  {
    let (rows, cols) = sfuShape
    let dst = try tile(ops[0], rows: rows, cols: cols, what: "\(m) destination")
    let src = try tile(ops[1], rows: rows, cols: cols, what: "\(m) source")
    var reads = [src]
    let x = floats(src)
    var y = [Float](repeating: 0, count: rows * cols)
    var passes = 1
    var transcendentals = 0
    let latency: Int
    switch m {
    case .sfuSoftmax, .sfuSoftmaxCausal:
      var q0 = Int.max / 2
      if m == .sfuSoftmaxCausal { q0 = Int(clamping: reg(ops[2])) }
      for r in 0..<rows {
        let limit = min(cols, max(0, q0 + r + 1))
        var mx = -Float.infinity
        for c in 0..<limit { mx = max(mx, x[r * cols + c]) }
        var sum: Float = 0
        for c in 0..<limit {
          let e = expf(x[r * cols + c] - mx)
          y[r * cols + c] = e
          sum += e
        }
        for c in 0..<limit { y[r * cols + c] /= sum }
      }
      passes = 3
      transcendentals = rows * cols
      latency = machine.sfu.reductionLatencyCycles
    case .sfuLayernorm, .sfuRmsnorm:
      guard case .tensor(let g) = ops[2] else { return nil }
      let gamma = try vector(Int(g), cols, what: "\(m) gamma")
      var beta = [Float](repeating: 0, count: cols)
      if m == .sfuLayernorm, case .tensor(let b) = ops[3] {
        beta = try vector(Int(b), cols, what: "layernorm beta")
      }
      for r in 0..<rows {
        let row = x[(r * cols)..<((r + 1) * cols)]
        var mean: Float = 0
        if m == .sfuLayernorm { mean = row.reduce(0, +) / Float(cols) }
        var variance: Float = 0
        for v in row { variance += (v - mean) * (v - mean) }
        variance /= Float(cols)
        let inv = 1 / (variance + sfuEps).squareRoot()
        for c in 0..<cols { y[r * cols + c] = (x[r * cols + c] - mean) * inv * gamma[c] + beta[c] }
      }
      passes = m == .sfuLayernorm ? 3 : 2
      transcendentals = rows
      latency = machine.sfu.reductionLatencyCycles
    case .sfuSilu, .sfuGelu, .sfuExp, .sfuRsqrt:
      for (i, v) in x.enumerated() {
        switch m {
        case .sfuSilu: y[i] = v / (1 + expf(-v))
        case .sfuGelu: y[i] = 0.5 * v * (1 + erff(v / Float(2).squareRoot()))
        case .sfuExp: y[i] = expf(v)
        default: y[i] = 1 / v.squareRoot()
        }
      }
      transcendentals = rows * cols
      latency = machine.sfu.transcendentalLatencyCycles
    case .sfuRope:
      guard cols % 2 == 0 else {
        throw fault(
          .invalidInstruction,
          "sfu.rope needs an even number of columns (the head dimension), got \(cols)")
      }
      let pos0 = reg(ops[2])
      let half = cols / 2
      for r in 0..<rows {
        let p = Float(pos0 + Int64(r))
        for i in 0..<half {
          let theta = p * powf(sfuRopeBase, -2 * Float(i) / Float(cols))
          let (s, c) = (sinf(theta), cosf(theta))
          let a = x[r * cols + i]
          let b = x[r * cols + i + half]
          y[r * cols + i] = a * c - b * s
          y[r * cols + i + half] = b * c + a * s
        }
      }
      transcendentals = rows * cols
      latency = machine.sfu.transcendentalLatencyCycles
    case .sfuAdd, .sfuMul, .sfuBias:
      let other: Tile
      if m == .sfuBias {
        other = try tile(ops[2], rows: 1, cols: cols, what: "sfu.bias bias")
      } else {
        other = try tile(ops[2], rows: rows, cols: cols, what: "\(m) operand b")
      }
      reads.append(other)
      let z = floats(other)
      for r in 0..<rows {
        for c in 0..<cols {
          let b = m == .sfuBias ? z[c] : z[r * cols + c]
          y[r * cols + c] = m == .sfuMul ? x[r * cols + c] * b : x[r * cols + c] + b
        }
      }
      latency = machine.sfu.elementwiseLatencyCycles
    case .sfuMuls:
      for (i, v) in x.enumerated() { y[i] = v * sfuScalar }
      latency = machine.sfu.elementwiseLatencyCycles
    default:
      throw fault(.invalidInstruction, "\(m) is not an SFU operation")
    }
    scaleWork = ScaleUnitWork()
    store(y.map(Double.init), into: dst, fitIfUnset: true)
    let tensorOperands = ops.compactMap { v -> Int? in
      if case .tensor(let t) = v { return Int(t) } else { return nil }
    }
    return SFUWork(
      reads: reads, write: dst, tensorOperands: tensorOperands, passes: passes,
      transcendentals: transcendentals, latency: latency, scaleUnit: scaleWork)
  }

  /// A tile's values as `Float`s, row-major (zeros in a timing-only run: the SFU's work
  /// does not depend on them).
  func floats(_ t: Tile) -> [Float] {
    if timingOnly { return [Float](repeating: 0, count: t.elements) }
    let v = program.values[t.tensor]
    var out = [Float](repeating: 0, count: t.elements)
    for r in 0..<t.rows {
      for c in 0..<t.cols { out[r * t.cols + c] = Float(v.value(t.index(r, c))) }
    }
    return out
  }

  /// The first `n` values of a whole tensor (gamma, beta).
  func vector(_ tensor: Int, _ n: Int, what: String) throws(Fault) -> [Float] {
    let v = program.values[tensor]
    guard v.count >= n else {
      throw fault(
        .addressOutOfRange, "\(what): \(name(tensor)) has \(v.count) values, the rows have \(n)")
    }
    if timingOnly { return [Float](repeating: 0, count: n) }
    return (0..<n).map { Float(v.value($0)) }
  }
}
