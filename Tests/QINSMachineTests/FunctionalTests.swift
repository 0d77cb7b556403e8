import EnergyModel
import Foundation
import MachineDescription
import QBinary
import QINSAssembler
import QINSMachine
import QINSNumbers
import TensorIO
import Testing

func simulate(
  _ source: String, machine: MachineDescription = Presets.qinsSeed, bindings: [Binding] = []
) throws -> (Simulator, RunStatistics) {
  let r = Assembler.assemble(source: source, name: "f.qasm")
  let image = try #require(r.image, "\(r.diagnostics.map(\.description))")
  var sim = try Simulator(image: image, machine: machine, bindings: bindings)
  let stats = try sim.run()
  return (sim, stats)
}

@Suite("Functional results")
struct FunctionalTests {
  static let gemmSource = """
    .const M = 8
    .const K = 16
    .const N = 8
    .tensor A spad [M, K] storage bind "a"
    .tensor B spad [K, N] storage bind "b"
    .tensor C acc  [M, N] acc     bind "c"
    li x1, M
    li x2, K
    li x3, N
    sa.shape x1, x2, x3
    sa.load B
    sa.matmul C, A, set
    halt
    """

  @Test("FP32 machine: sa.matmul equals a plain FP32 loop, bit for bit")
  func fp32Matmul() throws {
    let (sim, stats) = try simulate(Self.gemmSource, machine: Presets.fp32Reference)
    let a = sim.tensor(named: "a")!.values
    let b = sim.tensor(named: "b")!.values
    let c = sim.tensor(named: "c")!.values
    for i in 0..<8 {
      for j in 0..<8 {
        var s: Float = 0
        for k in 0..<16 { s = s + a[i * 16 + k] * b[k * 8 + j] }
        #expect(c[i * 8 + j].bitPattern == s.bitPattern)
      }
    }
    #expect(stats.multiplyAccumulates == 8 * 16 * 8)
  }

  @Test("QINS machine, FP32 accumulator: each product through the MUL table, summed in FP32")
  func qinsHybridMatmul() throws {
    let (sim, _) = try simulate(Self.gemmSource)
    // Re-encode the bound inputs exactly as the loader does and recompute by hand.
    var g = QINSSupportShim.generator("A")
    let aValues = g.normalFloats(count: 8 * 16)
    var h = QINSSupportShim.generator("B")
    let bValues = h.normalFloats(count: 16 * 8)
    let (qa, _) = try QINS8Tensor.encode(aValues, mode: .nearest)
    let (qb, _) = try QINS8Tensor.encode(bValues, mode: .nearest)
    let tables = QINS8Tables(rounding: .nearest)
    let c = sim.tensor(named: "c")!.values
    for i in 0..<8 {
      for j in 0..<8 {
        var s: Float = 0
        for k in 0..<16 {
          let p = tables.multiply(qa[i * 16 + k], qb[k * 8 + j]).value
          s += QINS8Codec.decode(p, scaleExponent: qa.scaleExponent + qb.scaleExponent)
        }
        #expect(c[i * 8 + j].bitPattern == s.bitPattern)
      }
    }
  }

  @Test("QINS8 accumulator: the sum through the ADD/SUB tables, as the seed's pure pattern")
  func pureQinsMatmul() throws {
    var m = Presets.qinsSeed
    m.accumulatorFormat = .q8
    let (sim, _) = try simulate(Self.gemmSource, machine: m)
    var g = QINSSupportShim.generator("A")
    let (qa, _) = try QINS8Tensor.encode(g.normalFloats(count: 128), mode: .nearest)
    var h = QINSSupportShim.generator("B")
    let (qb, _) = try QINS8Tensor.encode(h.normalFloats(count: 128), mode: .nearest)
    let tables = QINS8Tables(rounding: .nearest)
    let c = sim.tensor(named: "c")!.values
    for i in 0..<8 {
      for j in 0..<8 {
        var s = QINS8.zero
        for k in 0..<16 {
          s = tables.add(s, tables.multiply(qa[i * 16 + k], qb[k * 8 + j]).value).value
        }
        #expect(
          c[i * 8 + j] == QINS8Codec.decode(s, scaleExponent: qa.scaleExponent + qb.scaleExponent))
      }
    }
  }

  @Test("v.add on QINS8 goes through the tables; bound .npy data arrive encoded")
  func vectorAdd() throws {
    let source = """
      .tensor X spad [1, 4] storage bind "x"
      .tensor Y spad [1, 4] storage bind "y"
      .tensor Z spad [1, 4] storage
      li x1, 1
      li x2, 4
      v.shape x1, x2
      v.add Z, X, Y
      halt
      """
    let x = FloatTensor(shape: [1, 4], values: [1, 2, -3, 0.5])
    let y = FloatTensor(shape: [1, 4], values: [1, -2, 1, 0.25])
    let (sim, _) = try simulate(
      source,
      bindings: [
        Binding(name: "x", tensor: x, source: "x"), Binding(name: "y", tensor: y, source: "y"),
      ])
    let (qx, _) = try QINS8Tensor.encode(x.values, mode: .nearest)
    let (qy, _) = try QINS8Tensor.encode(y.values, mode: .nearest)
    let tables = QINS8Tables(rounding: .nearest)
    let e = max(qx.scaleExponent, qy.scaleExponent)
    let z = sim.tensor(named: "Z")!.values
    for i in 0..<4 {
      let a = QINS8.scaleDown(qx[i], by: e - qx.scaleExponent, mode: .nearest).value
      let b = QINS8.scaleDown(qy[i], by: e - qy.scaleExponent, mode: .nearest).value
      #expect(z[i] == QINS8Codec.decode(tables.add(a, b).value, scaleExponent: e))
    }
    #expect(z[1] == 0)  // 2 + (-2): equal magnitudes cancel exactly
  }

  @Test("SFU softmax and layer norm in FP32 agree with plain loops")
  func sfu() throws {
    let source = """
      .tensor S spad [2, 8] fp32 bind "s"
      .tensor P spad [2, 8] fp32
      .tensor L spad [2, 8] fp32
      .tensor G spad [1, 8] fp32 = 1, 1, 1, 1, 2, 2, 2, 2
      .tensor Bt spad [1, 8] fp32 = 0, 0, 0, 0, 1, 1, 1, 1
      li x1, 2
      li x2, 8
      sfu.shape x1, x2
      sfu.softmax P, S
      sfu.eps 1e-12
      sfu.layernorm L, S, G, Bt
      halt
      """
    let (sim, _) = try simulate(source)
    let s = sim.tensor(named: "s")!.values
    let p = sim.tensor(named: "P")!.values
    let l = sim.tensor(named: "L")!.values
    for r in 0..<2 {
      let row = Array(s[(r * 8)..<(r * 8 + 8)])
      let mx = row.max()!
      let e = row.map { expf($0 - mx) }
      let sum = e.reduce(0, +)
      for c in 0..<8 { #expect(p[r * 8 + c] == e[c] / sum) }
      let mean = row.reduce(0, +) / 8
      let variance = row.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 8
      for c in 0..<8 {
        let want =
          (row[c] - mean) * (1 / (variance + 1e-12).squareRoot()) * (c < 4 ? 1 : 2)
          + (c < 4 ? 0 : 1)
        #expect(l[r * 8 + c] == want)
      }
    }
  }
}

/// The loader's fixed-seed fill, reproduced for checks.
enum QINSSupportShim {
  static func generator(_ name: String) -> SeededGeneratorBox {
    SeededGeneratorBox(
      seed: name.utf8.reduce(UInt64(0xC0FF_EE00)) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 })
  }
}
