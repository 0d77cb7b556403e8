import QINSSupport

/// How a port's random values are drawn when a circuit's switching is measured on random
/// operands (``SwitchingEnergy/randomActivity(of:operands:vectors:seed:)``).
public enum OperandDistribution: Hashable, Sendable {
  /// Every bit pattern of the port's width equally likely.
  case uniformBits
  /// A binary32 pattern of a standard normal value.
  case normalBinary32
  /// A QINS8 word {zero, negative, code}: a random sign and a uniform code, never zero.
  case qinsWord
  /// The same value in every vector.
  case fixed(UInt64)
  /// Lane `i` of 64 holds `values[i % values.count]` in every vector (an ALU lane's op).
  case perLane([UInt64])

  func draw(_ random: inout SeededGenerator, bits: Int, lane: Int) -> UInt64 {
    let mask: UInt64 = bits >= 64 ? ~0 : (1 << UInt64(bits)) - 1
    switch self {
    case .uniformBits: return random.next() & mask
    case .normalBinary32: return UInt64(Float(random.nextNormal()).bitPattern)
    case .qinsWord: return (random.next() % 2) << 8 | (random.next() & 0xFF)
    case .fixed(let v): return v & mask
    case .perLane(let values): return values[lane % values.count] & mask
    }
  }
}
