import FP32Reference

extension TransformerExperiment {
  /// Why a transformer of dimensions `d` at sequence `seq` cannot run on the block programs,
  /// or nil: the sequence a multiple of 16 up to 4096, sizes within limits, heads x head
  /// dimension equal to the hidden size, hidden and intermediate sizes multiples of 32 (the
  /// GEMM tiles), an even head dimension (RoPE).
  public static func dimensionProblem(_ d: TransformerDimensions, seq: Int) -> String? {
    guard seq >= 16, seq % 16 == 0, seq <= 4096 else {
      return "--seq must be a multiple of 16 from 16 to 4096, not \(seq)."
    }
    for (name, v, limit) in [
      ("--hidden", d.hidden, 1 << 16), ("--heads", d.heads, 1 << 12),
      ("--head-dim", d.headDim, 1 << 12), ("--intermediate", d.intermediate, 1 << 18),
    ] where !(1...limit).contains(v) {
      return "\(name) must be 1...\(limit), not \(v)."
    }
    guard d.heads * d.headDim == d.hidden else {
      return
        "heads x head dimension (\(d.heads) x \(d.headDim)) must equal the hidden size \(d.hidden)."
    }
    for (name, v) in [("hidden", d.hidden), ("intermediate", d.intermediate)]
    where v % 32 != 0 || v < 32 {
      return "the \(name) size must be a positive multiple of 32, not \(v)."
    }
    guard d.headDim % 2 == 0 else { return "the head dimension must be even (RoPE)." }
    return nil
  }

  /// The layers `text` names (`N`, `A-B` or `all`) of a model with `layerCount` layers.
  public static func layerRange(_ text: String, layerCount n: Int) throws(WorkloadError)
    -> ClosedRange<Int>
  {
    if text == "all" { return 0...(n - 1) }
    let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
    guard parts.count == 1 || parts.count == 2, parts.allSatisfy({ $0 != nil }) else {
      throw WorkloadError("--layers must be N, A-B or all, not '\(text)'.")
    }
    let a = parts[0]!
    let b = parts.count == 2 ? parts[1]! : a
    guard a >= 0, b >= a, b < n else {
      throw WorkloadError("--layers \(text) is outside 0...\(n - 1).")
    }
    return a...b
  }
}
