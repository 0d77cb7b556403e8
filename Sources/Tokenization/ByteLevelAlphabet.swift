/// GPT-2's byte-level alphabet: each of the 256 byte values stands for one printable Unicode
/// scalar, so that a byte-level BPE vocabulary is made of ordinary strings. Printable Latin-1
/// bytes (`!`...`~`, `¡`...`¬`, `®`...`ÿ`) stand for themselves; the others, in byte order,
/// for U+0100, U+0101, ... (so the space 0x20 is `Ġ`, U+0120, and the newline `Ċ`).
public enum ByteLevelAlphabet {
  /// The scalar for each byte.
  public static let scalars: [Unicode.Scalar] = {
    var table = [Unicode.Scalar](repeating: " ", count: 256)
    var next: UInt32 = 256
    for b in 0..<256 {
      let printable =
        (0x21...0x7E).contains(b) || (0xA1...0xAC).contains(b) || (0xAE...0xFF).contains(b)
      if printable {
        table[b] = Unicode.Scalar(UInt8(b))
      } else {
        table[b] = Unicode.Scalar(next)!
        next += 1
      }
    }
    return table
  }()

  /// The byte each alphabet scalar stands for.
  public static let bytes: [Unicode.Scalar: UInt8] = Dictionary(
    uniqueKeysWithValues: scalars.enumerated().map { ($1, UInt8($0)) })

  /// The alphabet string of some bytes.
  public static func encode(_ bytes: some Sequence<UInt8>) -> String {
    var s = String.UnicodeScalarView()
    for b in bytes { s.append(scalars[Int(b)]) }
    return String(s)
  }
}
