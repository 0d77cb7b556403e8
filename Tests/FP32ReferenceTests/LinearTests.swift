import FP32Reference
import QINSSupport
import Testing

@Suite("FP32 reference: linear layers")
struct LinearTests {
  @Test("x W^T + b sums each output in index order, bit for bit, whatever the threads")
  func indexOrder() {
    for (rows, inputs, outputs) in [(1, 1, 1), (5, 37, 70), (9, 128, 130), (4, 3, 0)] {
      let x = randomMatrix(rows, inputs, seed: 1)
      let w = randomMatrix(outputs, inputs, seed: 2, sigma: 0.02)
      let bias = randomMatrix(1, outputs, seed: 3).values
      for b in [nil, bias] {
        var want = [Float](repeating: 0, count: rows * outputs)
        for i in 0..<rows {
          for o in 0..<outputs {
            var s: Float = 0
            for k in 0..<inputs { s += x[i, k] * w[o, k] }
            want[i * outputs + o] = s + (b?[o] ?? 0)
          }
        }
        for threads in [1, 3] {
          let y = ReferenceOperations.linear(
            x, weight: w, bias: b, parallelism: Parallelism(threads: threads))
          #expect(y.rows == rows && y.cols == outputs)
          #expect(
            y.values.map(\.bitPattern) == want.map(\.bitPattern),
            "\(rows)x\(inputs)x\(outputs) bias \(b != nil) threads \(threads)")
        }
      }
    }
  }

  @Test("the transpose")
  func transpose() {
    let m = randomMatrix(37, 70, seed: 4)
    let t = m.transposed()
    #expect(t.rows == 70 && t.cols == 37)
    for r in 0..<37 { for c in 0..<70 { #expect(t[c, r] == m[r, c]) } }
  }

  @Test("synthetic weights do not depend on the thread count")
  func syntheticWeights() {
    let d = TransformerDimensions(
      hidden: 64, heads: 2, headDim: 32, intermediate: 96, layers: 1, normEps: 1e-5)
    let one = SyntheticWeights.decoder(d, layer: 3, parallelism: .serial)
    let many = SyntheticWeights.decoder(d, layer: 3, parallelism: Parallelism(threads: 3))
    #expect(one.qkv.values.map(\.bitPattern) == many.qkv.values.map(\.bitPattern))
    #expect(one.down.values.map(\.bitPattern) == many.down.values.map(\.bitPattern))
    #expect(one.inputNorm == many.inputNorm)
  }
}
