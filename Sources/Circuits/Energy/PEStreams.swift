import MachineDescription
import QINSNumbers
import QINSSupport
import SystolicArray

/// Drives a PE's netlist with the operand streams its PEs see in a weight-stationary array,
/// and counts the switching: for each GEMM, `lanes` PEs `(r, c)` of the stationary tile drawn
/// at random, each taking over the GEMM's `m` steps the moving operand `A[i][r]`, its weight
/// `B[r][c]` (fixed while the tile stays) and the partial sum of the rows above it,
/// `sum over r' < r of A[i][r'] B[r'][c]` in the PE's own arithmetic. Every step's circuit
/// output is checked against that arithmetic, so a stream that does not drive the circuit as
/// the simulator's PE is refused rather than counted. Without `glitches` only functional
/// toggles are counted (``SwitchingSimulator/init(netlist:glitches:)``).
public enum PEStreams {
  /// The switching of `gemms` (at most `steps` rows of each) on `lanes` PEs each (at most
  /// 64), from operands in the kind's format; the first step, from all nets at 0, is left
  /// out. Throws ``CircuitError/malformedOutput(_:)`` naming the first step whose circuit
  /// output differs from the arithmetic.
  public static func switching(
    kind: PEKind, netlist: GateNetlist, gemms: [ArrayOperands], lanes: Int = 64,
    steps: Int = .max, glitches: Bool = true, seed: UInt64
  ) throws -> SwitchingActivity {
    var simulator = SwitchingSimulator(netlist: netlist, glitches: glitches)
    var random = SeededGenerator(seed: seed)
    let names = netlist.inputs.map(\.name)
    guard Set(names).isSuperset(of: ["a", "b", "acc_in"]), netlist.outputs.first?.name == "acc_out"
    else { throw CircuitError.malformedOutput("\(kind.name): not a multiply-accumulate's ports") }
    let outputIndex = netlist.outputs.firstIndex { $0.name == "acc_out" }!
    var first = true
    for (g, gemm) in gemms.enumerated() {
      let operands = try Operands(kind: kind, gemm)
      let picks = (0..<min(lanes, 64)).map { _ in
        (Int(random.next() % UInt64(gemm.k)), Int(random.next() % UInt64(gemm.n)))
      }
      for i in 0..<min(gemm.m, steps) {
        var ports = [[UInt64]](repeating: [], count: names.count)
        var expected: [UInt32] = []
        for (r, c) in picks {
          var acc: UInt32 = 0
          for rr in 0..<r { acc = operands.multiplyAdd(acc, i * gemm.k + rr, rr * gemm.n + c) }
          expected.append(operands.multiplyAdd(acc, i * gemm.k + r, r * gemm.n + c))
          for (p, name) in names.enumerated() {
            switch name {
            case "a": ports[p].append(operands.a[i * gemm.k + r])
            case "b": ports[p].append(operands.b[r * gemm.n + c])
            case "acc_in": ports[p].append(UInt64(acc))
            case "exponent": ports[p].append(UInt64(UInt16(bitPattern: Int16(operands.exponent))))
            default: ports[p].append(0)
            }
          }
        }
        simulator.step(ports)
        for (lane, e) in expected.enumerated() {
          let got = UInt32(truncatingIfNeeded: simulator.output(outputIndex, lane: lane))
          if got != e && !(Float(bitPattern: got).isNaN && Float(bitPattern: e).isNaN) {
            throw CircuitError.malformedOutput(
              "\(kind.name): GEMM \(g), step \(i), PE \(picks[lane]): the circuit gives 0x\(String(got, radix: 16)), the arithmetic 0x\(String(e, radix: 16))"
            )
          }
        }
        if first {
          simulator.resetCounts()
          first = false
        }
      }
    }
    return simulator.activity
  }

  /// One GEMM's operands as port words, with the PE's arithmetic on them.
  struct Operands {
    var a: [UInt64]
    var b: [UInt64]
    var exponent = 0
    /// `acc + A[i] x B[j]` as the PE computes it, on binary32 (or INT32) patterns.
    var multiplyAdd: (UInt32, Int, Int) -> UInt32

    init(kind: PEKind, _ gemm: ArrayOperands) throws {
      switch (gemm.values, kind) {
      case (.unitGrid(let va, let vb), .int8):
        a = va.map(kind.word(unit:))
        b = vb.map(kind.word(unit:))
        multiplyAdd = { acc, i, j in
          UInt32(bitPattern: Int32(bitPattern: acc) &+ Int32(va[i]) * Int32(vb[j]))
        }
      case (.unitGrid(let va, let vb), _) where !kind.isQINS:
        a = va.map(kind.word(unit:))
        b = vb.map(kind.word(unit:))
        multiplyAdd = { acc, i, j in (Float(bitPattern: acc) + va[i] * vb[j]).bitPattern }
      case (.qins8(let qa, let qb, let e), .qinsTable8(let nearest)):
        a = qa.map(kind.word(qins:))
        b = qb.map(kind.word(qins:))
        exponent = e
        let table = ScaledQINS8Arithmetic(
          table: .shared(.table8, tables: .shared(nearest ? .nearest : .seed)))
        let scale = Float(sign: .plus, exponent: e, significand: 1)
        multiplyAdd = { acc, i, j in
          let p = table.multiply(
            ScaledCode(sign: Float(qa[i].sign), code: qa[i].code, scale: scale),
            ScaledCode(sign: Float(qb[j].sign), code: qb[j].code, scale: 1))
          return (Float(bitPattern: acc) + p).bitPattern
        }
      case (.qins8(let qa, let qb, _), .qinsDecoded), (.qins8(let qa, let qb, _), .qinsExact):
        a = qa.map(kind.word(qins:))
        b = qb.map(kind.word(qins:))
        var path = QINS8ProductPath.exact
        if case .qinsDecoded(let f) = kind { path = .decoded(fractionBits: f) }
        let table = UnitQINS8Arithmetic(table: .shared(path, tables: .shared(.nearest)))
        multiplyAdd = { acc, i, j in
          (Float(bitPattern: acc) + table.multiply(qa[i], qb[j])).bitPattern
        }
      default:
        throw CircuitError.malformedOutput("\(kind.name): operands of another format")
      }
    }
  }
}

extension ArrayOperands {
  /// A GEMM of random operands in `kind`'s format: INT8 uniform in -127...127, FP8 uniform over
  /// its finite codes, BF16 and FP32 from a normal distribution (BF16 truncated to its top
  /// half), QINS8 a random sign and a uniform code.
  public static func random(kind: PEKind, m: Int, k: Int, n: Int, seed: UInt64) -> ArrayOperands {
    var random = SeededGenerator(seed: seed)
    let fp8Values = (kind == .fp8E4M3 ? FP8Codes.e4m3 : FP8Codes.e5m2).keys.sorted()
    func unit() -> Float {
      switch kind {
      case .int8: return Float(Int(random.next() % 255) - 127)
      case .fp8E4M3, .fp8E5M2:
        return Float(bitPattern: fp8Values[Int(random.next() % UInt64(fp8Values.count))])
      case .bf16: return Float(bitPattern: Float(random.nextNormal()).bitPattern & 0xFFFF_0000)
      default: return Float(random.nextNormal())
      }
    }
    func qins() -> QINS8 {
      QINS8(sign: random.next() % 2 == 0 ? 1 : -1, code: UInt8(truncatingIfNeeded: random.next()))
    }
    if kind.isQINS {
      return ArrayOperands(
        m: m, k: k, n: n,
        values: .qins8(
          a: (0..<(m * k)).map { _ in qins() }, b: (0..<(k * n)).map { _ in qins() },
          productExponent: 0))
    }
    return ArrayOperands(
      m: m, k: k, n: n,
      values: .unitGrid(a: (0..<(m * k)).map { _ in unit() }, b: (0..<(k * n)).map { _ in unit() }))
  }
}
