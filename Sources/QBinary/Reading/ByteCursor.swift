/// Bounds-checked little-endian reading within one section.
struct ByteCursor {
  let bytes: [UInt8]
  let range: Range<Int>
  let what: String
  var position: Int

  init(bytes: [UInt8], range: Range<Int>, what: String) {
    self.bytes = bytes
    self.range = range
    self.what = what
    position = range.lowerBound
  }

  var atEnd: Bool { position == range.upperBound }

  mutating func take(_ n: Int) throws(BinaryFormatError) -> UInt64 {
    guard position + n <= range.upperBound else { throw BinaryFormatError("\(what): truncated") }
    var v: UInt64 = 0
    for i in 0..<n { v |= UInt64(bytes[position + i]) << (8 * UInt64(i)) }
    position += n
    return v
  }
  mutating func u8() throws(BinaryFormatError) -> UInt8 { UInt8(try take(1)) }
  mutating func u16() throws(BinaryFormatError) -> UInt16 { UInt16(try take(2)) }
  mutating func u32() throws(BinaryFormatError) -> UInt32 { UInt32(try take(4)) }
  mutating func u64() throws(BinaryFormatError) -> UInt64 { try take(8) }
}
