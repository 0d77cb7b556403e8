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
    return (-2 * _log(u)).squareRoot() * _cos(2 * Double.pi * v)
  }

  /// `count` normal samples with mean 0 and standard deviation `sigma`, as `Float`.
  public mutating func normalFloats(count: Int, sigma: Double = 1) -> [Float] {
    (0..<count).map { _ in Float(nextNormal() * sigma) }
  }
}

#if canImport(Glibc)
  import Glibc
  @inline(__always) func _log(_ x: Double) -> Double { Glibc.log(x) }
  @inline(__always) func _cos(_ x: Double) -> Double { Glibc.cos(x) }
#elseif canImport(Darwin)
  import Darwin
  @inline(__always) func _log(_ x: Double) -> Double { Darwin.log(x) }
  @inline(__always) func _cos(_ x: Double) -> Double { Darwin.cos(x) }
#endif
