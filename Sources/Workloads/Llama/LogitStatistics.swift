import FP32Reference
import RealModule

/// Comparisons of next-token distributions, in `Double`: log-softmax by the maximum-shifted
/// log-sum-exp, negative log-likelihood, KL divergence, relative RMS of logits.
public enum LogitStatistics {
  /// `log(sum(exp(row)))`.
  static func logSumExp(_ m: FloatMatrix, row r: Int) -> Double {
    var mx = -Double.infinity
    for c in 0..<m.cols { mx = max(mx, Double(m[r, c])) }
    var s = 0.0
    for c in 0..<m.cols { s += Double.exp(Double(m[r, c]) - mx) }
    return mx + Double.log(s)
  }

  /// `-log p(target)` under row `r`'s softmax.
  public static func negativeLogLikelihood(_ m: FloatMatrix, row r: Int, target: Int) -> Double {
    logSumExp(m, row: r) - Double(m[r, target])
  }

  /// `KL(p || q)` of the softmaxes of `p`'s row `rp` and `q`'s row `rq`, in nats.
  public static func klDivergence(_ p: FloatMatrix, row rp: Int, _ q: FloatMatrix, row rq: Int)
    -> Double
  {
    let lp = logSumExp(p, row: rp)
    let lq = logSumExp(q, row: rq)
    var kl = 0.0
    for c in 0..<p.cols {
      let a = Double(p[rp, c]) - lp
      let b = Double(q[rq, c]) - lq
      kl += Double.exp(a) * (a - b)
    }
    return max(0, kl)
  }

  /// `||a - b|| / ||b||` of two rows.
  public static func relativeRMS(_ a: FloatMatrix, row ra: Int, _ b: FloatMatrix, row rb: Int)
    -> Double
  {
    var num = 0.0
    var den = 0.0
    for c in 0..<a.cols {
      let d = Double(a[ra, c]) - Double(b[rb, c])
      num += d * d
      den += Double(b[rb, c]) * Double(b[rb, c])
    }
    return den == 0 ? (num == 0 ? 0 : .infinity) : (num / den).squareRoot()
  }
}
