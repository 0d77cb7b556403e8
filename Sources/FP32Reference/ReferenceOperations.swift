import QINSSupport
import RealModule

/// The operations of a transformer layer in plain FP32 loops, written for clarity and
/// independence from the simulator: every sum runs in index order, in `Float`.
public enum ReferenceOperations {
  /// `x W^T + b` for a PyTorch-style weight of shape [out, in]: every output is
  /// `(sum over k in index order of x[i, k] w[o, k]) + b[o]`, in `Float`.
  ///
  /// The sums run over a transposed copy of W through ``FP32MatrixKernel`` (whose contract is
  /// this index order), in blocks of 64 outputs on the threads `parallelism` allows. The
  /// result does not depend on the blocking or the thread count.
  public static func linear(
    _ x: FloatMatrix, weight w: FloatMatrix, bias b: [Float]? = nil,
    parallelism: Parallelism = .allCores
  ) -> FloatMatrix {
    precondition(x.cols == w.cols, "linear: input has \(x.cols) features, weight expects \(w.cols)")
    return linear(x, transposedWeight: w.transposed(), bias: b, parallelism: parallelism)
  }

  /// ``linear(_:weight:bias:parallelism:)`` for a weight already transposed to [in, out] (a
  /// caller that applies the same weight many times transposes it once).
  public static func linear(
    _ x: FloatMatrix, transposedWeight wt: FloatMatrix, bias b: [Float]? = nil,
    parallelism: Parallelism = .allCores
  ) -> FloatMatrix {
    precondition(
      x.cols == wt.rows, "linear: input has \(x.cols) features, weight expects \(wt.rows)")
    let (rows, inputs, outputs) = (x.rows, x.cols, wt.cols)
    var y = FloatMatrix(rows: rows, cols: outputs)
    if rows == 0 || outputs == 0 { return y }
    let block = 64
    y.values.withUnsafeMutableBufferPointer { yBuffer in
      let out = SharedPointer(yBuffer)
      x.values.withUnsafeBufferPointer { xBuffer in
        wt.values.withUnsafeBufferPointer { wBuffer in
          let (xs, ws) = (SharedPointer(reading: xBuffer), SharedPointer(reading: wBuffer))
          parallelism.forEach((outputs + block - 1) / block) { blockIndex in
            let o0 = blockIndex * block
            // The sums start at 0 (y's initial content); the bias is added to each total.
            FP32MatrixKernel.accumulate(
              a: xs.base, aStride: inputs, b: ws.base + o0,
              bStride: outputs, c: out.base + o0, cStride: outputs, rows: rows, k: 0..<inputs,
              columns: min(block, outputs - o0))
            for i in 0..<rows {
              for o in o0..<min(outputs, o0 + block) {
                out[i * outputs + o] = out[i * outputs + o] + (b?[o] ?? 0)
              }
            }
          }
        }
      }
    }
    return y
  }

  /// Row-wise layer norm: `(x - mean) / sqrt(var + eps) * gamma + beta`, population variance.
  public static func layerNorm(_ x: FloatMatrix, gamma: [Float], beta: [Float], eps: Float)
    -> FloatMatrix
  {
    var y = x
    for r in 0..<x.rows {
      var mean: Float = 0
      for c in 0..<x.cols { mean += x[r, c] }
      mean /= Float(x.cols)
      var variance: Float = 0
      for c in 0..<x.cols { variance += (x[r, c] - mean) * (x[r, c] - mean) }
      variance /= Float(x.cols)
      let inv = 1 / (variance + eps).squareRoot()
      for c in 0..<x.cols { y[r, c] = (x[r, c] - mean) * inv * gamma[c] + beta[c] }
    }
    return y
  }

  /// Row-wise RMS norm: `x / sqrt(mean(x^2) + eps) * gamma`.
  public static func rmsNorm(_ x: FloatMatrix, gamma: [Float], eps: Float) -> FloatMatrix {
    var y = x
    for r in 0..<x.rows {
      var ms: Float = 0
      for c in 0..<x.cols { ms += x[r, c] * x[r, c] }
      ms /= Float(x.cols)
      let inv = 1 / (ms + eps).squareRoot()
      for c in 0..<x.cols { y[r, c] = x[r, c] * inv * gamma[c] }
    }
    return y
  }

  /// The exact GELU, `x (1 + erf(x / sqrt 2)) / 2`.
  public static func gelu(_ x: Float) -> Float {
    0.5 * x * (1 + Float.erf(x / Float(2).squareRoot()))
  }

  /// SiLU, `x sigmoid(x)`.
  public static func silu(_ x: Float) -> Float { x / (1 + Float.exp(-x)) }

  /// Row-wise softmax with the row maximum subtracted; with `causalOffset`, row r sees only
  /// columns up to `causalOffset + r`.
  public static func softmax(_ x: FloatMatrix, causalOffset: Int? = nil) -> FloatMatrix {
    var y = FloatMatrix(rows: x.rows, cols: x.cols)
    for r in 0..<x.rows {
      let limit = causalOffset.map { min(x.cols, $0 + r + 1) } ?? x.cols
      var mx = -Float.infinity
      for c in 0..<limit { mx = max(mx, x[r, c]) }
      var sum: Float = 0
      for c in 0..<limit {
        y[r, c] = Float.exp(x[r, c] - mx)
        sum += y[r, c]
      }
      for c in 0..<limit { y[r, c] /= sum }
    }
    return y
  }

  /// Rotary position embedding, rotate-half convention (Llama, Phi-3): for each head of
  /// `headDim` columns, pairs (i, i + headDim/2) rotate by `position * base^(-2i/headDim)`.
  public static func rope(
    _ x: FloatMatrix, heads: Int, headDim: Int, base: Float, firstPosition: Int = 0
  ) -> FloatMatrix {
    var y = x
    let half = headDim / 2
    for r in 0..<x.rows {
      let p = Float(firstPosition + r)
      for h in 0..<heads {
        for i in 0..<half {
          let theta = p * Float.pow(base, -2 * Float(i) / Float(headDim))
          let (s, c) = (Float.sin(theta), Float.cos(theta))
          let a = x[r, h * headDim + i]
          let b = x[r, h * headDim + i + half]
          y[r, h * headDim + i] = a * c - b * s
          y[r, h * headDim + i + half] = b * c + a * s
        }
      }
    }
    return y
  }

  /// Multi-head attention on projected q, k, v (each [seq, heads x headDim]).
  public static func attention(
    q: FloatMatrix, k: FloatMatrix, v: FloatMatrix, heads: Int, headDim: Int, causal: Bool
  ) -> FloatMatrix {
    attention(
      q: q, k: k, v: v, heads: heads, kvHeads: heads, headDim: headDim,
      causalOffset: causal ? 0 : nil)
  }

  /// Grouped-query attention: q is [rows, heads x headDim], k and v [keys, kvHeads x headDim];
  /// query head h uses key/value head `h / (heads / kvHeads)`. With `causalOffset`, query row
  /// r is the position `causalOffset + r` and sees keys 0 ... `causalOffset + r`. Scores are
  /// `(sum over d in order of q k) * (1 / sqrt(headDim))`, then the softmax, then the sums
  /// over keys in order.
  public static func attention(
    q: FloatMatrix, k: FloatMatrix, v: FloatMatrix, heads: Int, kvHeads: Int, headDim: Int,
    causalOffset: Int?
  ) -> FloatMatrix {
    precondition(heads % kvHeads == 0, "attention: \(heads) heads, \(kvHeads) KV heads")
    var out = FloatMatrix(rows: q.rows, cols: heads * headDim)
    let scale = 1 / Float(headDim).squareRoot()
    let group = heads / kvHeads
    for h in 0..<heads {
      let kv = h / group
      var scores = FloatMatrix(rows: q.rows, cols: k.rows)
      for i in 0..<q.rows {
        for j in 0..<k.rows {
          var s: Float = 0
          for d in 0..<headDim { s += q[i, h * headDim + d] * k[j, kv * headDim + d] }
          scores[i, j] = s * scale
        }
      }
      let p = softmax(scores, causalOffset: causalOffset)
      for i in 0..<q.rows {
        for d in 0..<headDim {
          var s: Float = 0
          for j in 0..<v.rows { s += p[i, j] * v[j, kv * headDim + d] }
          out[i, h * headDim + d] = s
        }
      }
    }
    return out
  }

  /// Element-wise `a + b`.
  public static func add(_ a: FloatMatrix, _ b: FloatMatrix) -> FloatMatrix {
    FloatMatrix(rows: a.rows, cols: a.cols, values: zip(a.values, b.values).map { $0 + $1 })
  }
}
