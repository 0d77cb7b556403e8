import RealModule

/// A deterministic random number generator (SplitMix64), so that synthetic data, sample
/// studies and fuzz inputs are the same on every machine and every run.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// A generator whose sequence is fixed by `seed`.
  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform `Double` in [0, 1) with 53 random bits.
  public mutating func nextUnitDouble() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// A standard normal sample (Box-Muller, one value per call, the cosine branch).
  public mutating func nextNormal() -> Double {
    var u = nextUnitDouble()
    while u == 0 { u = nextUnitDouble() }
    let v = nextUnitDouble()
    return (-2 * Double.log(u)).squareRoot() * Double.cos(2 * Double.pi * v)
  }

  /// `count` normal samples with mean 0 and standard deviation `sigma`, as `Float`.
  ///
  /// The generator's n-th number is a function of its seed and n, and a sample takes two of
  /// them (unless a uniform draw is exactly 0, about once in 2^53): so `parallelism` lets
  /// chunks of samples be drawn on several threads, each from its own starting point. Should a
  /// chunk meet a zero draw, the whole run is drawn again in order. The values, and the
  /// generator's state after the call, are the same whatever the thread count.
  public mutating func normalFloats(
    count: Int, sigma: Double = 1, parallelism: Parallelism = .serial
  ) -> [Float] {
    let chunk = 1 << 16
    let chunks = (count + chunk - 1) / chunk
    guard parallelism.threads > 1, chunks > 1 else {
      return (0..<count).map { _ in Float(nextNormal() * sigma) }
    }
    let start = self
    var out = [Float](repeating: 0, count: count)
    var zeroDraw = [Bool](repeating: false, count: chunks)
    out.withUnsafeMutableBufferPointer { buffer in
      zeroDraw.withUnsafeMutableBufferPointer { flags in
        let (values, flags) = (SharedPointer(buffer), SharedPointer(flags))
        parallelism.forEach(chunks) { c in
          var g = start
          g.state &+= 0x9E37_79B9_7F4A_7C15 &* UInt64(2 * c * chunk)
          for i in (c * chunk)..<Swift.min(count, (c + 1) * chunk) {
            let u = g.nextUnitDouble()
            if u == 0 { flags[c] = true }
            let v = g.nextUnitDouble()
            values[i] = Float(
              (-2 * Double.log(u)).squareRoot() * Double.cos(2 * Double.pi * v) * sigma)
          }
        }
      }
    }
    let clean = !zeroDraw.contains(true)
    guard clean else {
      self = start
      return (0..<count).map { _ in Float(nextNormal() * sigma) }
    }
    state &+= 0x9E37_79B9_7F4A_7C15 &* UInt64(2 * count)
    return out
  }
}
