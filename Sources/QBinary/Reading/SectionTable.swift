/// A validated header and section table: where each section lies in the file, with the
/// string table's look-up.
struct SectionTable {
  let bytes: [UInt8]
  let ranges: [BinaryFormat.Section: Range<Int>]

  /// Reads and checks the 40-byte header (magic, version, size, checksum, reserved fields)
  /// and the section table (every section present once, in order, aligned, inside the file).
  init(bytes: [UInt8]) throws(BinaryFormatError) {
    var header = ByteCursor(bytes: bytes, range: 0..<bytes.count, what: "header")
    guard bytes.count >= BinaryFormat.headerSize else {
      throw BinaryFormatError("truncated: \(bytes.count) bytes, shorter than the 40-byte header")
    }
    guard Array(bytes[0..<4]) == BinaryFormat.magic else {
      throw BinaryFormatError("not a qbin file (the magic number is not 'QBIN')")
    }
    header.position = 4
    let major = try header.u16()
    let minor = try header.u16()
    guard major == BinaryFormat.majorVersion else {
      throw BinaryFormatError(
        "format version \(major).\(minor) is not supported (this reader reads 1.x)")
    }
    let sectionCount = try header.u32()
    let flags = try header.u32()
    let fileSize = try header.u64()
    let checksum = try header.u64()
    let entry = try header.u32()
    let reserved = try header.u32()
    guard fileSize == UInt64(bytes.count) else {
      throw BinaryFormatError(
        "truncated or extended: the header says \(fileSize) bytes, the file has \(bytes.count)")
    }
    guard checksum == FNV1a64.hash(bytes, zeroing: BinaryFormat.checksumRange) else {
      throw BinaryFormatError("checksum mismatch: the file is corrupt")
    }
    guard flags == 0, reserved == 0, entry == 0 else {
      throw BinaryFormatError("header: unsupported flags, entry point or reserved field")
    }
    guard sectionCount == UInt32(BinaryFormat.Section.allCases.count) else {
      throw BinaryFormatError(
        "header: \(sectionCount) sections, expected \(BinaryFormat.Section.allCases.count)")
    }
    var ranges: [BinaryFormat.Section: Range<Int>] = [:]
    var table = ByteCursor(bytes: bytes, range: 0..<bytes.count, what: "section table")
    table.position = BinaryFormat.headerSize
    for expected in BinaryFormat.Section.allCases {
      let tag = try table.u32()
      guard tag == expected.tag else {
        throw BinaryFormatError("section table: expected section \(expected.rawValue) next")
      }
      guard try table.u32() == 0 else {
        throw BinaryFormatError("section \(expected.rawValue): reserved field set")
      }
      let offset = try table.u64()
      let size = try table.u64()
      guard offset % 8 == 0, offset <= UInt64(bytes.count), size <= UInt64(bytes.count) - offset
      else {
        throw BinaryFormatError("section \(expected.rawValue) lies outside the file")
      }
      ranges[expected] = Int(offset)..<Int(offset + size)
    }
    self.bytes = bytes
    self.ranges = ranges
  }

  /// Where a section lies (every section is present once the table has been read).
  func range(_ s: BinaryFormat.Section) -> Range<Int> { ranges[s]! }

  /// A cursor at the start of a section.
  func cursor(_ s: BinaryFormat.Section) -> ByteCursor {
    ByteCursor(bytes: bytes, range: range(s), what: "section \(s.rawValue)")
  }

  /// The NUL-terminated UTF-8 string at `offset` in the string table.
  func string(_ offset: UInt32, _ what: String) throws(BinaryFormatError) -> String {
    let strings = range(.strings)
    guard Int(offset) < strings.count else {
      throw BinaryFormatError("\(what): string offset \(offset) is outside the string table")
    }
    let start = strings.lowerBound + Int(offset)
    guard let end = bytes[start..<strings.upperBound].firstIndex(of: 0) else {
      throw BinaryFormatError("\(what): unterminated string")
    }
    guard let s = String(validating: bytes[start..<end], as: UTF8.self) else {
      throw BinaryFormatError("\(what): string is not valid UTF-8")
    }
    return s
  }
}
