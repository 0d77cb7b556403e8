import QINSSupport

/// Operand bit patterns for the wide float circuits: the edge cases every one must meet, and
/// random patterns drawn three ways (any pattern; exponents close together, where additions
/// cancel and products land near the range's ends; subnormals).
enum FloatOperands {
  /// Binary32 patterns at the edges: zeros, the subnormal ends, the normal ends, one, the
  /// largest finite value, infinities and NaNs (quiet and signalling), with both signs.
  static let binary32Edges: [UInt32] = {
    let magnitudes: [UInt32] = [
      0, 1, 2, 0x007F_FFFF, 0x0040_0000, 0x0080_0000, 0x0080_0001, 0x00FF_FFFF, 0x3F80_0000,
      0x3F80_0001, 0x3FFF_FFFF, 0x4000_0000, 0x7F7F_FFFF, 0x7F00_0000, 0x7F80_0000, 0x7FC0_0000,
      0x7F80_0001, 0x3400_0000, 0x0C00_0000, 0x2000_0000, 0x5F00_0000,
    ]
    return magnitudes + magnitudes.map { $0 | 0x8000_0000 }
  }()

  /// A random binary32 pattern: uniform over all patterns a third of the time, an exponent
  /// within 3 of `near`'s a third, otherwise subnormal or tiny.
  static func binary32(_ random: inout SeededGenerator, near: UInt32) -> UInt32 {
    let bits = UInt32(truncatingIfNeeded: random.next())
    switch random.next() % 3 {
    case 0: return bits
    case 1:
      let exponent = Int((near >> 23) & 0xFF) + Int(random.next() % 7) - 3
      let clamped = UInt32(min(max(exponent, 0), 254))
      return (bits & 0x807F_FFFF) | clamped << 23
    default:
      return (bits & 0x807F_FFFF) | UInt32(random.next() % 4) << 23
    }
  }

  /// Pairs: every edge with every edge, then random pairs up to `count`.
  static func binary32Pairs(count: Int, seed: UInt64) -> [(UInt32, UInt32)] {
    var pairs = [(UInt32, UInt32)]()
    pairs.reserveCapacity(count)
    for a in binary32Edges { for b in binary32Edges { pairs.append((a, b)) } }
    var random = SeededGenerator(seed: seed)
    while pairs.count < count {
      let a = UInt32(truncatingIfNeeded: random.next())
      pairs.append((a, binary32(&random, near: a)))
    }
    return pairs
  }
}

/// Whether a circuit's binary32 result is the model's: the same bits, or both NaN (binary32
/// leaves a NaN's payload to the implementation; the circuits give the canonical quiet NaN).
func sameBinary32(_ circuit: UInt64, _ model: Float) -> Bool {
  model.isNaN ? Float(bitPattern: UInt32(circuit)).isNaN : UInt32(circuit) == model.bitPattern
}
