import FPINSISA

/// Reads and validates a `.qbin` container. Every field is checked, so a truncated or
/// corrupted file ends in a ``BinaryFormatError`` naming what is wrong, never a trap.
///
/// One reader per section (`BinaryReader+Code`, `+Tensors`, `+Symbols`, `+SourceLines`),
/// in the order of the file's section table; the header and the table itself are read by
/// ``SectionTable``.
public enum BinaryReader {
  public static func image(from bytes: [UInt8]) throws(BinaryFormatError) -> ProgramImage {
    let sections = try SectionTable(bytes: bytes)
    let code = try code(sections)
    let tensors = try tensors(sections)
    let symbols = try symbols(
      sections, codeCount: code.count, tensorNames: Set(tensors.map(\.name)))
    let (files, lines) = try sourceLines(sections, codeCount: code.count)
    try checkInstructions(code, tensorCount: tensors.count)
    let image = ProgramImage(
      code: code, tensors: tensors, symbols: symbols, files: files, lines: lines)
    // The writer is deterministic; a file it would not have written (strings stored in
    // another order, padding that is not zero) is not canonical and is refused.
    guard BinaryWriter.bytes(of: image) == bytes else {
      throw BinaryFormatError(
        "the file is not in canonical form (padding or string table differ from what the writer produces)"
      )
    }
    return image
  }

  /// Letters, digits, `_` and `.`, not starting with a digit.
  public static func isIdentifier(_ s: String) -> Bool {
    guard let first = s.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
    return s.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
        || $0 == "."
    }
  }
}
