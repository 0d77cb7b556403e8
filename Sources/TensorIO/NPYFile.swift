import Foundation
import QINSSupport

/// Why a tensor file cannot be read.
public struct TensorFileError: Error, Equatable, CustomStringConvertible {
  public let description: String
  public init(_ description: String) { self.description = description }
}

/// A dense array of `Float`s with a shape, as read from or written to a tensor file.
public struct FloatTensor: Hashable, Sendable {
  public var shape: [Int]
  public var values: [Float]

  public init(shape: [Int], values: [Float]) {
    precondition(shape.reduce(1, *) == values.count, "shape and value count differ")
    self.shape = shape
    self.values = values
  }

  /// The number of elements of `shape`, or nil if a dimension is negative or the product
  /// passes `limit` (by default 2^40, the largest tensor a program may declare) or overflows.
  public static func elementCount(of shape: [Int], limit: Int = 1 << 40) -> Int? {
    var count = 1
    for d in shape {
      guard d >= 0 else { return nil }
      let (p, overflow) = count.multipliedReportingOverflow(by: d)
      guard !overflow, p <= limit else { return nil }
      count = p
    }
    return count
  }
}

/// NumPy's `.npy` format, versions 1.0 to 3.0: little-endian `float32` (`<f4`) or `float64`
/// (`<f8`, converted to `Float`), C order. Everything else is refused with a message.
public enum NPYFile {
  public static func read(path: String) throws(TensorFileError) -> FloatTensor {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw TensorFileError("\(path): \(InputFile.whyUnreadable(path))")
    }
    do {
      return try parse([UInt8](data))
    } catch {
      throw TensorFileError("\(path): \(error.description)")
    }
  }

  public static func parse(_ b: [UInt8]) throws(TensorFileError) -> FloatTensor {
    guard b.count >= 10, Array(b[0..<6]) == [0x93] + Array("NUMPY".utf8) else {
      throw TensorFileError("not a .npy file (no \\x93NUMPY magic)")
    }
    let major = b[6]
    let headerLength: Int
    let headerStart: Int
    switch major {
    case 1:
      headerLength = Int(b[8]) | Int(b[9]) << 8
      headerStart = 10
    case 2, 3:
      guard b.count >= 12 else { throw TensorFileError("truncated header") }
      headerLength = (0..<4).reduce(0) { $0 | Int(b[8 + $1]) << (8 * $1) }
      headerStart = 12
    default:
      throw TensorFileError(".npy version \(major) is not supported")
    }
    guard headerStart + headerLength <= b.count else { throw TensorFileError("truncated header") }
    let header = String(decoding: b[headerStart..<(headerStart + headerLength)], as: UTF8.self)
    let keys = Self.keys(in: header)
    for key in Set(keys) where keys.filter({ $0 == key }).count > 1 {
      throw TensorFileError("malformed header: '\(key)' is given twice")
    }
    if let other = keys.first(where: { !["descr", "fortran_order", "shape"].contains($0) }) {
      throw TensorFileError(
        "malformed header: unknown key '\(other)' (a .npy header has descr, fortran_order and shape)"
      )
    }
    guard let descr = field("descr", in: header), let order = field("fortran_order", in: header),
      let shapeText = field("shape", in: header)
    else {
      throw TensorFileError(
        "malformed header: \(header.trimmingCharacters(in: .whitespacesAndNewlines))")
    }
    let width: Int
    switch descr {
    case "'<f4'": width = 4
    case "'<f8'": width = 8
    default:
      throw TensorFileError(
        "dtype \(descr) is not supported; use float32 ('<f4') or float64 ('<f8')")
    }
    guard order == "False" else {
      throw TensorFileError("Fortran-ordered arrays are not supported; save with C order")
    }
    let dims = shapeText.trimmingCharacters(in: CharacterSet(charactersIn: "() "))
      .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    var shape: [Int] = []
    for d in dims {
      guard let v = Int(d), v >= 0 else { throw TensorFileError("malformed shape \(shapeText)") }
      shape.append(v)
    }
    guard let count = FloatTensor.elementCount(of: shape) else {
      throw TensorFileError("the shape \(shape) has more than 2^40 elements")
    }
    let start = headerStart + headerLength
    guard b.count - start == count * width else {
      throw TensorFileError(
        "the data holds \(b.count - start) bytes, the shape \(shape) needs \(count * width)")
    }
    var values = [Float](repeating: 0, count: count)
    for i in 0..<count {
      let o = start + i * width
      if width == 4 {
        values[i] = Float(
          bitPattern: (0..<4).reduce(UInt32(0)) { $0 | UInt32(b[o + $1]) << (8 * UInt32($1)) })
      } else {
        values[i] = Float(
          Double(
            bitPattern: (0..<8).reduce(UInt64(0)) { $0 | UInt64(b[o + $1]) << (8 * UInt64($1)) }))
      }
    }
    return FloatTensor(shape: shape, values: values)
  }

  /// The keys of a header dictionary: the quoted strings followed by a colon.
  static func keys(in header: String) -> [String] {
    var keys: [String] = []
    var rest = Substring(header)
    while let open = rest.firstIndex(where: { $0 == "'" || $0 == "\"" }) {
      let quote = rest[open]
      let after = rest.index(after: open)
      guard let close = rest[after...].firstIndex(of: quote) else { break }
      let tail = rest[rest.index(after: close)...].drop { $0 == " " }
      if tail.first == ":" { keys.append(String(rest[after..<close])) }
      rest = rest[rest.index(after: close)...]
    }
    return keys
  }

  /// The value text of `'key': value` in a header dictionary.
  static func field(_ key: String, in header: String) -> String? {
    guard let r = header.range(of: "'\(key)':") else { return nil }
    var rest = header[r.upperBound...].drop { $0 == " " }
    if rest.first == "(" {
      guard let close = rest.firstIndex(of: ")") else { return nil }
      return String(rest[...close])
    }
    rest = rest.prefix { $0 != "," && $0 != "}" }
    return rest.trimmingCharacters(in: .whitespaces)
  }

  /// A version 1.0 file of little-endian `float32`s.
  public static func bytes(of t: FloatTensor) -> [UInt8] {
    let shape =
      t.shape.count == 1
      ? "(\(t.shape[0]),)" : "(" + t.shape.map(String.init).joined(separator: ", ") + ")"
    var header = "{'descr': '<f4', 'fortran_order': False, 'shape': \(shape), }"
    while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
    header += "\n"
    var out: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
    out += [UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)]
    out += Array(header.utf8)
    out.reserveCapacity(out.count + 4 * t.values.count)
    for v in t.values {
      let bits = v.bitPattern
      for k in 0..<4 { out.append(UInt8(truncatingIfNeeded: bits >> (8 * UInt32(k)))) }
    }
    return out
  }
}
