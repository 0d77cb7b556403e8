import Foundation
import MachineDescription
import QINSAssembler
import QINSMachine
import QINSNumbers
import TensorIO
import Testing

@Suite("Element scales: rows, channels and tiles")
struct ElementScaleTests {
  /// Two row tiles written by the SFU into one storage tensor: the first small, the second
  /// 1,000 times larger.
  static let twoTiles = """
    .tensor X spad [4, 8] fp32 bind "x"
    .tensor S spad [4, 8] storage
    .tensor G spad [1, 8] fp32 bind "g"
    li x1, 2
    li x2, 8
    sfu.shape x1, x2
    sfu.muls S, X
    li x3, 16
    sfu.muls S[x3], X[x3]
    halt
    """

  static func bindings() -> [Binding] {
    let x = (0..<32).map { i -> Float in (i < 16 ? 0.01 : 10) * Float(i % 8 + 1) }
    return [Binding(name: "x", tensor: FloatTensor(shape: [4, 8], values: x), source: "x")]
  }

  @Test("The seed's first-write exponent saturates a later, larger tile; per-row scales do not")
  func laterTilesDoNotSaturate() throws {
    let (seed, seedStats) = try simulate(
      Self.twoTiles, machine: Presets.qinsSeed, bindings: Self.bindings())
    #expect(seedStats.overflows == 16)
    let (best, bestStats) = try simulate(
      Self.twoTiles, machine: Presets.qinsDefault, bindings: Self.bindings())
    #expect(bestStats.overflows == 0)
    let want = Self.bindings()[0].tensor.values
    let got = best.tensor(named: "S")!.values
    for (g, w) in zip(got, want) { #expect(abs(g - w) <= 0.05 * w, "\(g) vs \(w)") }
    #expect(seed.tensor(named: "S")!.values[31] < 10)  // saturated far below 80
    // The scale search is charged to the scale unit.
    #expect(
      bestStats.energy.actions.contains {
        $0.component == "scale_unit" && $0.action == "scale_search"
      })
  }

  @Test("Per-token A against per-channel B: INT8 sums in INT32 and scales each output once")
  func int8Dequantizes() throws {
    let source = """
      .tensor A spad [2, 4] storage bind "a"
      .tensor W spad [3, 4] storage bind "w"
      .tensor C acc  [2, 3] acc
      li x1, 2
      li x2, 4
      li x3, 3
      sa.shape x1, x2, x3
      sa.load.t W
      sa.matmul C, A, set
      halt
      """
    var m = Presets.int8
    m.quantization.weightCalibration = .max
    // Rows chosen so that every value is on its row's INT8 grid at the max scale.
    let a: [Float] = [127, -64, 1, 0, 12.7, 0.2, -0.1, 5]
    let w: [Float] = [1, 2, 3, 127, -127, 0, 0, 0, 0.5, 1.5, -63.5, 0]
    let (sim, stats) = try simulate(
      source, machine: m,
      bindings: [
        Binding(name: "a", tensor: FloatTensor(shape: [2, 4], values: a), source: "a"),
        Binding(name: "w", tensor: FloatTensor(shape: [3, 4], values: w), source: "w"),
      ])
    let c = sim.tensor(named: "C")!.values
    for i in 0..<2 {
      for j in 0..<3 {
        var exact = 0.0
        for k in 0..<4 { exact += Double(a[i * 4 + k]) * Double(w[j * 4 + k]) }
        // Scales are FP32 quotients (max / 127): the result is within FP32 rounding of exact.
        #expect(abs(Double(c[i * 3 + j]) - exact) <= 1e-5 * max(1, abs(exact)), "\(i) \(j)")
      }
    }
    #expect(stats.energy.actions.contains { $0.action == "dequantize_fp32_mul" && $0.count == 12 })
  }

  @Test(
    "Scales chosen by two writes along K are applied per product, even when their values agree; a timing-only run decides alike"
  )
  func perProductByOrigin() throws {
    // Each row of A is written in two halves of K by two sfu.exp, so it takes its scales from
    // two choices: the array scales every product. The halves hold the same values, so the
    // two choices give equal scales; where the scales came from decides, not their values.
    let source = """
      .tensor X spad [2, 4] fp32 bind "x"
      .tensor A spad [2, 4] storage
      .tensor W spad [3, 4] storage bind "w"
      .tensor C acc  [2, 3] acc
      li x1, 2
      li x2, 4
      li x3, 3
      li x4, 0
      li x5, 2
      sfu.shape x1, x5
      sfu.exp A[x4], X[x4]
      sfu.exp A[x5], X[x5]
      sa.shape x1, x2, x3
      sa.load.t W
      sa.matmul C, A, set
      halt
      """
    let x: [Float] = [0.5, -1, 0.5, -1, 2, 0.25, 2, 0.25]
    let w: [Float] = [1, 2, 3, 4, -1, 0.5, 0, 2, 0.25, 1.5, -3, 1]
    let bindings = [
      Binding(name: "x", tensor: FloatTensor(shape: [2, 4], values: x), source: "x"),
      Binding(name: "w", tensor: FloatTensor(shape: [3, 4], values: w), source: "w"),
    ]
    let r = Assembler.assemble(source: source, name: "f.qasm")
    let image = try #require(r.image, "\(r.diagnostics.map(\.description))")
    var full = try Simulator(image: image, machine: Presets.int8, bindings: bindings)
    let stats = try full.run()
    var timed = try Simulator(
      image: image, machine: Presets.int8, bindings: bindings, timingOnly: true)
    let timedStats = try timed.run()
    for s in [stats, timedStats] {
      #expect(
        s.energy.actions.contains { $0.action == "scale_products_fp32_mul" && $0.count == 48 })
      #expect(!s.energy.actions.contains { $0.action == "dequantize_fp32_mul" })
    }
    #expect(stats.cycles == timedStats.cycles && stats.energy.totalPj == timedStats.energy.totalPj)
    // The products are those of the stored values: within INT8's rounding of exact.
    let c = full.tensor(named: "C")!.values
    for i in 0..<2 {
      for j in 0..<3 {
        var exact = 0.0
        for k in 0..<4 { exact += exp(Double(x[i * 4 + k])) * Double(w[j * 4 + k]) }
        #expect(abs(Double(c[i * 3 + j]) - exact) <= 0.05 * max(1, abs(exact)), "\(i) \(j)")
      }
    }
  }

  @Test(
    "Infinities and NaN from the SFU saturate or zero into element-scaled formats, counted, no trap",
    arguments: ["qins-default", "int8", "fp8-e4m3", "bf16"])
  func nonFinite(_ name: String) throws {
    let source = """
      .tensor X spad [1, 4] fp32 bind "x"
      .tensor S spad [1, 4] storage
      li x1, 1
      li x2, 4
      sfu.shape x1, x2
      sfu.exp S, X
      halt
      """
    let x = FloatTensor(shape: [1, 4], values: [1, 100, -100, .greatestFiniteMagnitude])
    let (sim, stats) = try simulate(
      source, machine: Presets.all[name]!,
      bindings: [Binding(name: "x", tensor: x, source: "x")])
    #expect(stats.overflows == 2, "\(name)")  // exp(100) and exp(3.4e38) are infinite
    let s = sim.tensor(named: "S")!.values
    #expect(s.allSatisfy { $0.isFinite }, "\(name): \(s)")
    #expect(s[2] >= 0 && s[2] < 1e-3 && s[1] > 0, "\(name): \(s)")
  }

  @Test("A machine with element scales and a QINS accumulator is refused with a message")
  func refusesQINSAccumulator() throws {
    var m = Presets.qinsDefault
    m.accumulatorFormat = .q8
    do {
      _ = try simulate("halt", machine: m)
      Issue.record("accepted")
    } catch let f as Fault {
      #expect(f.message.contains("need FP32 accumulators"))
    }
  }
}
