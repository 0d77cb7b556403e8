/// Writes GGUF version 3 files: metadata of any ``GGUFValue`` type and tensors stored as F32.
///
/// It exists for the fuzzer and the tests, which build models whose metadata and tensors they
/// choose (hostile types and ranges included); it writes what it is given without checking it,
/// so that the reader's checks are what a case exercises. Tensors are given in their
/// row-major shape (outermost first) and stored with GGML's dimensions (innermost first).
public enum GGUFWriter {
  /// A tensor to write: its name, row-major shape and values (`shape`'s product of them, or
  /// any other count when a case wants a mismatch).
  public struct Tensor: Sendable {
    public var name: String
    public var shape: [Int]
    public var values: [Float]

    public init(name: String, shape: [Int], values: [Float]) {
      self.name = name
      self.shape = shape
      self.values = values
    }
  }

  /// The file's bytes: header, metadata in the order given, tensor descriptions, and the data
  /// section aligned to `alignment` (32, GGUF's default, unless the metadata sets
  /// `general.alignment` to something else, which the caller then passes here too).
  public static func bytes(
    metadata: [(key: String, value: GGUFValue)], tensors: [Tensor], alignment: Int = 32
  ) -> [UInt8] {
    var out: [UInt8] = Array("GGUF".utf8)
    append(UInt32(3), to: &out)
    append(UInt64(tensors.count), to: &out)
    append(UInt64(metadata.count), to: &out)
    for (key, value) in metadata {
      appendString(key, to: &out)
      append(value.type.rawValue, to: &out)
      appendPayload(value, to: &out)
    }
    var offset = 0
    for t in tensors {
      appendString(t.name, to: &out)
      append(UInt32(t.shape.count), to: &out)
      for d in t.shape.reversed() { append(UInt64(truncatingIfNeeded: d), to: &out) }
      append(GGMLType.f32.rawValue, to: &out)
      append(UInt64(offset), to: &out)
      offset += padded(4 * t.values.count, to: alignment)
    }
    out += [UInt8](repeating: 0, count: padded(out.count, to: alignment) - out.count)
    for t in tensors {
      for v in t.values { append(v.bitPattern, to: &out) }
      let size = 4 * t.values.count
      out += [UInt8](repeating: 0, count: padded(size, to: alignment) - size)
    }
    return out
  }

  static func padded(_ n: Int, to alignment: Int) -> Int {
    alignment <= 1 ? n : (n + alignment - 1) / alignment * alignment
  }

  static func append<T: FixedWidthInteger>(_ v: T, to out: inout [UInt8]) {
    withUnsafeBytes(of: v.littleEndian) { out += $0 }
  }

  static func appendString(_ s: String, to out: inout [UInt8]) {
    append(UInt64(s.utf8.count), to: &out)
    out += Array(s.utf8)
  }

  /// A value without its type tag (an array's elements carry none: the array states it).
  static func appendPayload(_ value: GGUFValue, to out: inout [UInt8]) {
    switch value {
    case .uint8(let v): append(v, to: &out)
    case .int8(let v): append(v, to: &out)
    case .uint16(let v): append(v, to: &out)
    case .int16(let v): append(v, to: &out)
    case .uint32(let v): append(v, to: &out)
    case .int32(let v): append(v, to: &out)
    case .float32(let v): append(v.bitPattern, to: &out)
    case .bool(let v): append(UInt8(v ? 1 : 0), to: &out)
    case .string(let v): appendString(v, to: &out)
    case .array(let type, let elements):
      append(type.rawValue, to: &out)
      append(UInt64(elements.count), to: &out)
      for e in elements { appendPayload(e, to: &out) }
    case .uint64(let v): append(v, to: &out)
    case .int64(let v): append(v, to: &out)
    case .float64(let v): append(v.bitPattern, to: &out)
    }
  }
}
