/// The operations the QINS8 lookup tables implement.
public enum TableOperation: String, CaseIterable, Sendable, Codable {
  /// Harmonic addition of magnitudes, 256 x 256.
  case add
  /// Absolute difference of magnitudes, 256 x 256; the sign comes from comparing the codes.
  case sub
  /// Product of magnitudes, 256 x 256.
  case mul
  /// `256 / mu`, 256 entries.
  case rcp

  /// Entries in the table: 65,536 for the binary operations, 256 for the reciprocal.
  public var entryCount: Int { self == .rcp ? 256 : 65_536 }

  /// Flag bits a hardware table must store beside each 8-bit code: the overflow bit for add
  /// and multiply (a saturated 256 and an exact 256 share code 255), the zero bit for the
  /// difference (all 256 codes are non-zero magnitudes), none for the reciprocal.
  public var hardwareFlagBits: Int {
    switch self {
    case .add, .mul, .sub: 1
    case .rcp: 0
    }
  }

  /// The kernel result for one entry (`b` is ignored for the reciprocal).
  @inlinable
  public func evaluate(_ a: UInt8, _ b: UInt8, mode: RoundingMode) -> MagnitudeRounding.Result {
    switch self {
    case .add: QINS8Kernels.add(a, b, mode: mode)
    case .sub: QINS8Kernels.absoluteDifference(a, b, mode: mode)
    case .mul: QINS8Kernels.multiply(a, b, mode: mode)
    case .rcp: QINS8Kernels.reciprocal(a, mode: mode)
    }
  }
}
