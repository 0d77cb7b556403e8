/// How a result that QINS8 cannot represent is brought onto a representable value.
///
/// QINS8 magnitudes are `256 / s` for integers `s` in 1...256, plus zero (a sign of 0).
/// Both modes saturate a magnitude above 256 to `s = 1` (code 255) and raise
/// ``ArithmeticFlags/overflow``.
public enum RoundingMode: String, CaseIterable, Sendable, Codable {
  /// The representable magnitude nearest to the exact result. On an exact tie between two
  /// codes, the even code byte. Zero is representable: a magnitude below 1/2 rounds to zero,
  /// above 1/2 to 1, and exactly 1/2 (a tie between zero and code 0) to zero.
  case nearest

  /// What the seed's table generator does: it stores `256 - s_exact` into a `uint8`, which
  /// truncates, so `s = ceil(s_exact)`. In magnitude terms this rounds toward zero: the
  /// largest representable magnitude not above the exact result. A magnitude in (0, 1)
  /// becomes zero.
  case seed
}
