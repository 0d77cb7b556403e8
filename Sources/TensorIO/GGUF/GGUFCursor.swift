/// A bounds-checked little-endian reader over a GGUF file's bytes. Every read names the
/// field it reads, so that an error says what was being read and where.
/// It must not outlive the buffer it reads (it is used inside `withUnsafeBytes`).
struct GGUFCursor {
  let bytes: UnsafeRawBufferPointer
  /// The offset of the next byte to read.
  var offset = 0

  init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

  var remaining: Int { bytes.count - offset }

  /// An error at the current offset.
  func failure(_ field: String, _ message: String, at position: Int? = nil) -> GGUFReadError {
    GGUFReadError(offset: position ?? offset, field: field, message: message)
  }

  mutating func skip(_ count: Int, _ field: String) throws(GGUFReadError) {
    guard count >= 0, count <= remaining else {
      throw failure(field, "needs \(count) bytes, the file has \(remaining) left")
    }
    offset += count
  }

  mutating func integer<T: FixedWidthInteger>(_: T.Type, _ field: String) throws(GGUFReadError)
    -> T
  {
    let size = MemoryLayout<T>.size
    guard size <= remaining else {
      throw failure(field, "the file ends (\(remaining) of \(size) bytes left)")
    }
    let v = T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
    offset += size
    return v
  }

  /// A `uint64` count of items of at least `itemSize` bytes each, which must fit in the bytes
  /// that follow it (less `reserved` bytes that must follow them); `what` names the items.
  mutating func count(_ field: String, itemSize: Int, reserved: Int = 0, what: String)
    throws(GGUFReadError) -> Int
  {
    let start = offset
    let raw = try integer(UInt64.self, field)
    let limit = max(0, remaining - reserved) / itemSize
    guard let n = Int(exactly: raw), n <= limit else {
      throw failure(
        field, "declares \(raw) \(what), more than the \(limit) the rest of the file can hold",
        at: start)
    }
    return n
  }

  /// A GGUF string: a `uint64` byte length and that many bytes of UTF-8.
  mutating func string(_ field: String) throws(GGUFReadError) -> String {
    let start = offset
    let n = try count(field + " length", itemSize: 1, what: "bytes")
    let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)])
    guard let s = String(validating: slice, as: UTF8.self) else {
      throw failure(field, "is not valid UTF-8", at: start)
    }
    offset += n
    return s
  }
}

/// Why the bytes of a GGUF file cannot be read: the byte offset, the field being read there
/// and what is wrong with it.
public struct GGUFReadError: Error, Hashable, CustomStringConvertible {
  public var offset: Int
  public var field: String
  public var message: String

  public var description: String { "byte \(offset), \(field): \(message)" }
}
