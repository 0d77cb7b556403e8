/// Constants of the `.qbin` container, version 1. Docs/binary-format.md describes every byte.
public enum BinaryFormat {
  /// "QBIN".
  public static let magic: [UInt8] = Array("QBIN".utf8)
  public static let majorVersion: UInt16 = 1
  public static let minorVersion: UInt16 = 0
  /// Bytes in the fixed header.
  public static let headerSize = 40
  /// Bytes in one section table entry.
  public static let sectionEntrySize = 24
  /// Where the checksum sits in the header.
  public static let checksumRange = 24..<32

  /// The sections, in the order they are written. Each appears exactly once.
  public enum Section: String, CaseIterable, Sendable {
    case strings = "STRS"
    case code = "CODE"
    case tensors = "TENS"
    case symbols = "SYMS"
    case files = "FILE"
    case lines = "LINE"
    case data = "DATA"

    /// The four ASCII bytes as a little-endian `UInt32`.
    public var tag: UInt32 {
      rawValue.utf8.enumerated().reduce(0) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
    }
  }

  /// Largest rank of a declared tensor.
  public static let maxRank = 8
  /// Largest element count of one tensor (2^40).
  public static let maxElements = 1 << 40
  /// Largest alignment, in bytes.
  public static let maxAlignment = 1 << 16
  /// Most tensors a program may declare: the width of the tensor operand field.
  public static let maxTensors = 1 << 10
  /// Most instructions: the width of the target operand field.
  public static let maxInstructions = 1 << 24
}
