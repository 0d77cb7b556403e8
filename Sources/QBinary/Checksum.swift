/// FNV-1a, 64-bit: the binary format's checksum. Not cryptographic; it catches corruption.
public enum FNV1a64 {
  public static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
  public static let prime: UInt64 = 0x0000_0100_0000_01B3

  /// The hash of `bytes`, treating the 8 bytes at `skip` (if any) as zero.
  public static func hash(_ bytes: [UInt8], zeroing skip: Range<Int>? = nil) -> UInt64 {
    var h = offsetBasis
    for (i, b) in bytes.enumerated() {
      let byte = skip?.contains(i) == true ? 0 : b
      h = (h ^ UInt64(byte)) &* prime
    }
    return h
  }
}
