import Foundation
import MachineDescription
import QBinary
import QINSAssembler
import QINSMachine
import QINSTestSupport
import TensorIO
import Testing

/// The overlapped programs of `Programs/` (double-buffered tiles, transfers in flight, results
/// written back behind compute, the MLP's element-wise work behind the array) compute exactly
/// what the plain loops they replaced computed: `PlainSchedules/` keeps those loops as they
/// were (every tile waited for, one buffer each), and both run at small sizes on every preset
/// with the same fixed-seed inputs. Every output tensor must agree bit for bit, and so must the
/// saturation counts; the overlapped program must take fewer cycles.
@Suite("Overlapped programs compute what the plain loops computed")
struct ScheduleIdentityTests {
  static let plain = repositoryRoot.appendingPathComponent(
    "Tests/WorkloadsTests/PlainSchedules")
  static let overlapped = repositoryRoot.appendingPathComponent("Programs")

  /// Small sizes every program tiles: two column tiles and three K steps in most GEMMs.
  static let llamaSizes = [
    ("HIDDEN", "96"), ("HEADS", "4"), ("KV_HEADS", "2"), ("HEAD_DIM", "16"), ("INTER", "64"),
    ("TN", "32"), ("TK", "32"), ("EPS", "1e-5"), ("ROPE_BASE", "10000.0"),
  ]

  struct Case: Sendable, CustomStringConvertible {
    var program: String
    var defines: [(String, String)]
    var outputs: [String]
    /// Tensors bound by name (the rest take the loader's fixed-seed values).
    var bindings: [Binding] = []
    var description: String {
      program + " " + defines.map { "\($0)=\($1)" }.joined(separator: " ")
        + (bindings.isEmpty ? "" : " with " + bindings.map(\.name).joined(separator: ", "))
    }
  }

  /// The gated MLP's gate and up weights [64, 96] at scales 16 apart: with a scale per tensor
  /// (qins-seed) they convert at different exponents, which fetches running ahead once mixed
  /// in one tile buffer (SmolLM2-135M's 28th layer found it).
  static let unequalGateAndUp: [Binding] = [
    binding("ffn_gate", sigma: 0.02, phase: 0), binding("ffn_up", sigma: 0.32, phase: 1),
  ]

  static func binding(_ name: String, sigma: Float, phase: Float) -> Binding {
    var values: [Float] = []
    for i in 0..<(64 * 96) { values.append(sigma * sin(Float(i) * 0.731 + phase)) }
    return Binding(
      name: name, tensor: FloatTensor(shape: [64, 96], values: values), source: "test")
  }

  static let prefill = llamaSizes + [("SEQ", "8"), ("POS", "0"), ("CTX", "16"), ("TR", "4")]
  static let head = [
    ("HIDDEN", "96"), ("TN", "32"), ("TK", "32"), ("EPS", "1e-5"),
  ]

  static let cases: [Case] = [
    Case(program: "llama_prefill.qasm", defines: prefill, outputs: ["y", "k_cache", "v_cache"]),
    Case(
      program: "llama_prefill.qasm", defines: prefill, outputs: ["y", "k_cache", "v_cache"],
      bindings: unequalGateAndUp),
    // Wider column tiles for the gate and up projections and the head (what LlamaPrograms
    // picks when N allows): the same sums.
    Case(
      program: "llama_prefill.qasm", defines: prefill + [("TNI", "64")],
      outputs: ["y", "k_cache", "v_cache"]),
    Case(
      program: "llama_head.qasm",
      defines: head + [("SEQ", "1"), ("VOCAB", "128"), ("TR", "1"), ("TNH", "64")],
      outputs: ["logits"]),
    Case(
      program: "llama_decode.qasm",
      defines: llamaSizes + [("SEQ", "1"), ("POS", "5"), ("CTX", "16"), ("TR", "1")],
      outputs: ["y", "k_cache", "v_cache"]),
    Case(
      program: "llama_head.qasm", defines: head + [("SEQ", "4"), ("VOCAB", "64"), ("TR", "4")],
      outputs: ["logits"]),
    Case(
      program: "encoder_block.qasm",
      defines: [
        ("SEQ", "8"), ("HIDDEN", "64"), ("HEADS", "2"), ("HEAD_DIM", "32"), ("INTER", "96"),
        ("TN", "32"), ("TK", "32"), ("TR", "4"),
      ],
      outputs: ["y"]),
  ]

  static func assemble(_ directory: URL, _ c: Case) throws -> ProgramImage {
    var options = AssemblyOptions()
    options.defines = c.defines
    let r = Assembler.assemble(
      file: directory.appendingPathComponent(c.program).path, options: options)
    return try #require(r.image, "\(r.diagnostics.map(\.description))")
  }

  static func run(
    _ image: ProgramImage, _ machine: MachineDescription, _ outputs: [String],
    bindings: [Binding] = []
  ) throws -> (RunStatistics, [[UInt32]]) {
    var sim = try Simulator(
      image: image, machine: machine, bindings: bindings, parallelism: .serial)
    let stats = try sim.run()
    let values = try outputs.map { name in
      try #require(sim.tensor(named: name), "no tensor \(name)").values.map(\.bitPattern)
    }
    return (stats, values)
  }

  @Test("Every output bit and saturation count, on every preset", arguments: cases)
  func sameValues(_ c: Case) throws {
    let before = try Self.assemble(Self.plain, c)
    let after = try Self.assemble(Self.overlapped, c)
    for name in Presets.names {
      let machine = Presets.all[name]!
      let (s0, v0) = try Self.run(before, machine, c.outputs, bindings: c.bindings)
      let (s1, v1) = try Self.run(after, machine, c.outputs, bindings: c.bindings)
      for (i, output) in c.outputs.enumerated() {
        #expect(v0[i] == v1[i], "\(name): \(output) differs")
      }
      #expect(s0.overflows == s1.overflows && s0.underflows == s1.underflows, "\(name)")
      #expect(s0.multiplyAccumulates == s1.multiplyAccumulates, "\(name)")
      #expect(s1.cycles < s0.cycles, "\(name): \(s1.cycles) cycles, plain \(s0.cycles)")
    }
  }
}
