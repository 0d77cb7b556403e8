import Foundation
import QINSSupport

/// The safetensors format: an 8-byte little-endian header length, a JSON header naming each
/// tensor's dtype, shape and byte range, then the data. Tensors of dtype F32, F16, BF16 and
/// F64 are read as `Float`; anything else is refused with a message.
public struct SafetensorsFile {
  public struct Entry: Hashable, Sendable {
    public var dtype: String
    public var shape: [Int]
    public var begin: Int
    public var end: Int
  }

  public let path: String
  public let entries: [String: Entry]
  let data: Data
  let dataStart: Int

  /// Reads the header and keeps the file's bytes, read into memory rather than mapped (a file
  /// changed while in use cannot end the process with SIGBUS).
  public init(path: String) throws(TensorFileError) {
    guard let data = try? Data(contentsOf: URL(fileURLWithPath: path))
    else {
      throw TensorFileError("\(path): \(InputFile.whyUnreadable(path))")
    }
    try self.init(data: data, name: path)
  }

  /// Reads the header of a file's bytes; `name` stands for the file in messages.
  public init(data: Data, name path: String) throws(TensorFileError) {
    self.path = path
    self.data = data
    guard data.count >= 8 else {
      throw TensorFileError(
        "\(path): not a safetensors file (shorter than its 8-byte header length)")
    }
    let n = data.prefix(8).enumerated().reduce(UInt64(0)) {
      $0 | UInt64($1.element) << (8 * UInt64($1.offset))
    }
    guard n <= UInt64(data.count - 8) else {
      throw TensorFileError(
        "\(path): not a safetensors file (its header length \(n) exceeds the file)")
    }
    dataStart = 8 + Int(n)
    guard
      let header = try? JSONSerialization.jsonObject(with: data.subdata(in: 8..<dataStart))
        as? [String: Any]
    else {
      throw TensorFileError("\(path): the safetensors header is not a JSON object")
    }
    var entries: [String: Entry] = [:]
    for (name, value) in header where name != "__metadata__" {
      guard let info = value as? [String: Any], let dtype = info["dtype"] as? String,
        let shape = info["shape"] as? [Int], let offsets = info["data_offsets"] as? [Int],
        offsets.count == 2,
        offsets[0] >= 0, offsets[0] <= offsets[1], offsets[1] <= data.count - dataStart
      else {
        throw TensorFileError(
          "\(path): the header entry for '\(name)' is malformed or points outside the file")
      }
      guard FloatTensor.elementCount(of: shape) != nil else {
        throw TensorFileError(
          "\(path): tensor '\(name)' has shape \(shape): a negative dimension or more than 2^40 elements"
        )
      }
      entries[name] = Entry(dtype: dtype, shape: shape, begin: offsets[0], end: offsets[1])
    }
    // Tensors' byte ranges may not overlap (the format requires it; an overlap means a
    // corrupt or crafted header).
    let ranges = entries.filter { $0.value.end > $0.value.begin }.sorted {
      ($0.value.begin, $0.key) < ($1.value.begin, $1.key)
    }
    for (a, b) in zip(ranges, ranges.dropFirst()) where b.value.begin < a.value.end {
      throw TensorFileError(
        "\(path): tensors '\(a.key)' (bytes \(a.value.begin)..<\(a.value.end)) and '\(b.key)' (bytes \(b.value.begin)..<\(b.value.end)) overlap"
      )
    }
    self.entries = entries
  }

  /// Bytes per value of the supported dtypes.
  static let widths = ["F32": 4, "F16": 2, "BF16": 2, "F64": 8]

  /// One tensor, converted to `Float`.
  public func tensor(_ name: String) throws(TensorFileError) -> FloatTensor {
    guard let e = entries[name] else {
      let known = entries.keys.sorted()
      let shown = known.prefix(8).joined(separator: ", ") + (known.count > 8 ? ", ..." : "")
      throw TensorFileError("\(path): no tensor '\(name)' (it has \(known.count): \(shown))")
    }
    guard let width = Self.widths[e.dtype] else {
      throw TensorFileError(
        "\(path): tensor '\(name)' has dtype \(e.dtype); supported are F32, F16, BF16, F64")
    }
    let count = FloatTensor.elementCount(of: e.shape)!  // checked when the header was read
    guard e.end - e.begin == count * width else {
      throw TensorFileError(
        "\(path): tensor '\(name)' holds \(e.end - e.begin) bytes, its shape \(e.shape) of \(e.dtype) needs \(count * width)"
      )
    }
    var values = [Float](repeating: 0, count: count)
    data.withUnsafeBytes { raw in
      let base = dataStart + e.begin
      for i in 0..<count {
        let o = base + i * width
        switch e.dtype {
        case "F32":
          values[i] = Float(
            bitPattern: raw.loadUnaligned(fromByteOffset: o, as: UInt32.self).littleEndian)
        case "F16":
          values[i] = Float(
            Float16(bitPattern: raw.loadUnaligned(fromByteOffset: o, as: UInt16.self).littleEndian))
        case "BF16":
          values[i] = Float(
            bitPattern: UInt32(raw.loadUnaligned(fromByteOffset: o, as: UInt16.self).littleEndian)
              << 16)
        default:
          values[i] = Float(
            Double(bitPattern: raw.loadUnaligned(fromByteOffset: o, as: UInt64.self).littleEndian))
        }
      }
    }
    return FloatTensor(shape: e.shape, values: values)
  }
}
