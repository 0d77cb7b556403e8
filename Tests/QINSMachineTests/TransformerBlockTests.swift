import FP32Reference
import Foundation
import MachineDescription
import QINSAssembler
import QINSMachine
import TensorIO
import Testing

/// The decoder layer (Programs/llama_prefill.qasm, Phi-3's heads as their own KV heads) at
/// small dimensions, with Phi-3's fused weights bound split and the input as bindings.
func runDecoderBlock(
  _ d: TransformerDimensions, seq: Int, machine: MachineDescription, weights w: DecoderWeights,
  x: FloatMatrix
) throws -> ([Float], RunStatistics) {
  var options = AssemblyOptions()
  options.defines = [
    ("SEQ", "\(seq)"), ("HIDDEN", "\(d.hidden)"), ("HEADS", "\(d.heads)"),
    ("HEAD_DIM", "\(d.headDim)"),
    ("INTER", "\(d.intermediate)"), ("TN", "32"), ("TK", "32"), ("TR", "4"), ("POS", "0"),
    ("CTX", "\(seq)"), ("KV_HEADS", "\(d.heads)"), ("ROPE_BASE", "10000.0"),
  ]
  let path = repositoryRootURL.appendingPathComponent("Programs/llama_prefill.qasm").path
  let r = Assembler.assemble(file: path, options: options)
  let image = try #require(r.image, "\(r.diagnostics.map(\.description))")
  func t(_ m: FloatMatrix) -> FloatTensor {
    FloatTensor(shape: [m.rows, m.cols], values: m.values)
  }
  let width = d.heads * d.headDim
  let bindings = [
    Binding(name: "x", tensor: t(x), source: "x"),
    Binding(
      name: "attn_norm", tensor: FloatTensor(shape: [1, d.hidden], values: w.inputNorm),
      source: "input_norm"),
    Binding(
      name: "ffn_norm", tensor: FloatTensor(shape: [1, d.hidden], values: w.postAttentionNorm),
      source: "post_norm"),
    Binding(name: "attn_q", tensor: t(w.qkv.rows(0, width)), source: "q"),
    Binding(name: "attn_k", tensor: t(w.qkv.rows(width, width)), source: "k"),
    Binding(name: "attn_v", tensor: t(w.qkv.rows(2 * width, width)), source: "v"),
    Binding(name: "attn_output", tensor: t(w.output), source: "o"),
    Binding(name: "ffn_gate", tensor: t(w.gateUp.rows(0, d.intermediate)), source: "gate"),
    Binding(
      name: "ffn_up", tensor: t(w.gateUp.rows(d.intermediate, d.intermediate)), source: "up"),
    Binding(name: "ffn_down", tensor: t(w.down), source: "down"),
  ]
  var sim = try Simulator(image: image, machine: machine, bindings: bindings)
  let stats = try sim.run()
  return (sim.tensor(named: "y")!.values, stats)
}

@Suite("Transformer blocks on the machine")
struct TransformerBlockTests {
  let d = TransformerDimensions(
    hidden: 64, heads: 4, headDim: 16, intermediate: 96, layers: 1, normEps: 1e-5)

  @Test("The decoder block on the FP32 machine matches the FP32 reference to 1e-5")
  func decoderOnFP32Machine() throws {
    let w = SyntheticWeights.decoder(d, layer: 0)
    var g = QINSSupportShim.generator("input")
    let x = FloatMatrix(rows: 8, cols: 64, values: g.normalFloats(count: 8 * 64))
    let (y, stats) = try runDecoderBlock(
      d, seq: 8, machine: Presets.fp32Reference, weights: w, x: x)
    let want = DecoderBlock.forward(x, w, d).values
    var num = 0.0
    var den = 0.0
    for (a, b) in zip(y, want) {
      num += Double(a - b) * Double(a - b)
      den += Double(b) * Double(b)
    }
    #expect((num / den).squareRoot() < 1e-5, "relative RMS \((num / den).squareRoot())")
    #expect(stats.multiplyAccumulates > 0)
  }

  @Test("The encoder block on the FP32 machine matches the FP32 reference to 1e-5")
  func encoderOnFP32Machine() throws {
    let w = SyntheticWeights.encoder(d, layer: 0)
    var g = QINSSupportShim.generator("input")
    let x = FloatMatrix(rows: 8, cols: 64, values: g.normalFloats(count: 8 * 64))
    let (y, _) = try runEncoderBlock(d, seq: 8, machine: Presets.fp32Reference, weights: w, x: x)
    let want = EncoderBlock.forward(x, w, d).values
    var num = 0.0
    var den = 0.0
    for (a, b) in zip(y, want) {
      num += Double(a - b) * Double(a - b)
      den += Double(b) * Double(b)
    }
    #expect((num / den).squareRoot() < 1e-5, "relative RMS \((num / den).squareRoot())")
  }
}

/// The encoder block program at small dimensions.
func runEncoderBlock(
  _ d: TransformerDimensions, seq: Int, machine: MachineDescription, weights w: EncoderWeights,
  x: FloatMatrix
) throws -> ([Float], RunStatistics) {
  var options = AssemblyOptions()
  options.defines = [
    ("SEQ", "\(seq)"), ("HIDDEN", "\(d.hidden)"), ("HEADS", "\(d.heads)"),
    ("HEAD_DIM", "\(d.headDim)"),
    ("INTER", "\(d.intermediate)"), ("TN", "32"), ("TK", "32"), ("TR", "4"),
    ("EPS", "\(d.normEps)"),
  ]
  let path = repositoryRootURL.appendingPathComponent("Programs/encoder_block.qasm").path
  let r = Assembler.assemble(file: path, options: options)
  let image = try #require(r.image, "\(r.diagnostics.map(\.description))")
  func m(_ name: String, _ v: FloatMatrix) -> Binding {
    Binding(
      name: name, tensor: FloatTensor(shape: [v.rows, v.cols], values: v.values), source: name)
  }
  func b(_ name: String, _ v: [Float]) -> Binding {
    Binding(name: name, tensor: FloatTensor(shape: [1, v.count], values: v), source: name)
  }
  let bindings = [
    m("x", x), m("query", w.query), m("key", w.key), m("value", w.value),
    m("attention_output", w.attentionOutput),
    m("intermediate", w.intermediate), m("output", w.output), b("query_bias", w.queryBias),
    b("key_bias", w.keyBias),
    b("value_bias", w.valueBias), b("attention_output_bias", w.attentionOutputBias),
    b("intermediate_bias", w.intermediateBias),
    b("output_bias", w.outputBias), b("attention_norm_gamma", w.attentionNormGamma),
    b("attention_norm_beta", w.attentionNormBeta),
    b("output_norm_gamma", w.outputNormGamma), b("output_norm_beta", w.outputNormBeta),
  ]
  var sim = try Simulator(image: image, machine: machine, bindings: bindings)
  let stats = try sim.run()
  return (sim.tensor(named: "y")!.values, stats)
}
