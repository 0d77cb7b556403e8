import MachineDescription
import QINSAssembler
import QINSMachine
import Testing

/// Programs whose values leave every format's range: an overflowing exp, a negative rsqrt,
/// a NaN epsilon, RoPE base 0, a reciprocal of zero, infinities from a fill. None may trap
/// on any machine; what QINS cannot hold saturates and is counted (Docs/simulator.md).
@Suite("Non-finite values on every machine")
struct NonFiniteValueTests {
  /// A 1 x 4 program: A (FP32) filled with `fill`, G (FP32) with ones, then `body`, which
  /// writes B and C (the storage format).
  static func program(fill: String, _ body: String) -> String {
    """
    .tensor A spad [4] fp32
    .tensor G spad [4] fp32
    .tensor B spad [4] storage
    .tensor C spad [4] storage
        li x1, 1
        li x2, 4
        v.shape x1, x2
        sfu.shape x1, x2
        v.fill A[x0], \(fill)
        v.fill G[x0], 1.0
        wait all
    \(body)
        halt

    """
  }

  static let programs: [(name: String, source: String)] = [
    ("exp overflow", program(fill: "100.0", "sfu.exp B[x0], A[x0]")),
    ("negative rsqrt", program(fill: "-1.0", "sfu.rsqrt B[x0], A[x0]")),
    ("infinite fill", program(fill: "inf", "v.cvt B[x0], A[x0], fit")),
    ("NaN fill", program(fill: "nan", "v.cvt B[x0], A[x0], fit\nv.add C[x0], B[x0], B[x0]")),
    ("NaN epsilon", program(fill: "1.0", "sfu.eps nan\nsfu.rmsnorm B[x0], A[x0], G")),
    ("RoPE base 0", program(fill: "1.0", "sfu.ropebase 0.0\nsfu.rope B[x0], A[x0], x0")),
    (
      "reciprocal of zero",
      program(fill: "0.0", "v.cvt B[x0], A[x0], fit\nv.rcp C[x0], B[x0]\nsfu.exp A[x0], A[x0]")
    ),
    ("layer norm of 3.4e38", program(fill: "3.4e38", "sfu.layernorm B[x0], A[x0], G, G")),
    ("softmax of 3.4e38", program(fill: "3.4e38", "sfu.softmax B[x0], A[x0]")),
    (
      "GELU and SiLU of -3.4e38",
      program(fill: "-3.4e38", "sfu.gelu B[x0], A[x0]\nsfu.silu C[x0], A[x0]")
    ),
    (
      "products past FP32",
      program(
        fill: "3.0e38",
        "sfu.mul A[x0], A[x0], A[x0]\nv.cvt B[x0], A[x0], fit\nv.mul C[x0], B[x0], B[x0]\nv.add C[x0], C[x0], B[x0]"
      )
    ),
  ]

  @Test("No program traps or faults on any preset", arguments: Presets.names)
  func noTrap(preset: String) throws {
    let machine = try #require(Presets.all[preset])
    for p in Self.programs {
      let r = Assembler.assemble(source: p.source, name: "p.qasm")
      let image = try #require(r.image, "\(p.name): \(r.diagnostics)")
      var sim = try Simulator(image: image, machine: machine, bindings: [])
      #expect(throws: Never.self, "\(p.name) on \(preset)") { _ = try sim.run(maxCycles: 10_000) }
    }
  }

  @Test("An infinity saturates to the format's largest value and counts", arguments: Presets.names)
  func saturation(preset: String) throws {
    let machine = try #require(Presets.all[preset])
    for fill in ["inf", "-inf"] {
      let source = Self.program(fill: fill, "v.cvt B[x0], A[x0], fit")
      let image = try #require(Assembler.assemble(source: source, name: "p.qasm").image)
      var sim = try Simulator(image: image, machine: machine, bindings: [])
      let stats = try sim.run(maxCycles: 10_000)
      let b = try #require(sim.tensor(named: "B")).values
      let sign: Float = fill == "inf" ? 1 : -1
      if machine.storageFormat == .fp32 {
        // FP32 holds infinities: nothing saturates.
        #expect(b == [Float](repeating: sign * .infinity, count: 4))
        #expect(stats.overflows == 0)
      } else {
        #expect(b.allSatisfy { $0.isFinite && $0 == sign * b[0].magnitude && $0 != 0 })
        #expect(stats.overflows == 4, "\(preset) \(fill)")
      }
    }
  }
}
