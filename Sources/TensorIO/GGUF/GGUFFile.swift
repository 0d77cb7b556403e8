import Foundation
import QINSSupport

/// A GGUF file (versions 2 and 3, little-endian), the format of llama.cpp's models: a header,
/// typed key/value metadata, tensor descriptions, and the tensors' data aligned to
/// `general.alignment` (32 bytes unless the metadata says otherwise).
///
/// Everything the file declares is checked against what it holds before it is used: counts
/// and lengths against the bytes left, each tensor's size (with checked arithmetic) and byte
/// range against the data section, ranges against each other. A malformed file is refused
/// with the byte offset and the field, never with a crash or an allocation of a declared size
/// the file does not contain. Tensors are dequantized to `Float` on request by
/// ``tensor(_:)``, for the types of ``GGMLType/supported``.
public struct GGUFFile: Sendable {
  /// The path the file was read from (or the name given to ``init(data:name:)``).
  public let path: String
  public let version: Int
  /// The metadata keys in file order.
  public let keys: [String]
  public let metadata: [String: GGUFValue]
  /// The tensors in file order.
  public let tensors: [GGUFTensorInfo]
  public let alignment: Int
  /// The offset of the data section in the file.
  public let dataStart: Int
  let data: Data
  let tensorIndex: [String: Int]

  /// Arrays nested deeper than this are refused (GGUF allows arrays of arrays; real files
  /// nest at most once).
  public static let maximumArrayDepth = 8
  /// GGML's `GGML_MAX_DIMS`.
  public static let maximumDimensions = 4

  /// Reads the file's header, metadata and tensor descriptions; tensors are decoded from its
  /// bytes on request. The file is read into memory, not mapped: a file that shrinks or
  /// changes while it is in use (copied over, still downloading) cannot end the process with
  /// SIGBUS; what was read is checked like any other bytes.
  public init(path: String) throws(TensorFileError) {
    guard let data = try? Data(contentsOf: URL(fileURLWithPath: path))
    else {
      throw TensorFileError("\(path): \(InputFile.whyUnreadable(path))")
    }
    try self.init(data: data, name: path)
  }

  /// The file's size in bytes (held in memory while the file is in use).
  public var byteCount: Int { data.count }

  /// Reads a GGUF file held in memory; `name` prefixes the messages.
  public init(data: Data, name: String) throws(TensorFileError) {
    self.path = name
    self.data = data
    let parsed: Result<Header, GGUFReadError> = data.withUnsafeBytes { raw in
      do throws(GGUFReadError) {
        return .success(try Header.read(raw))
      } catch {
        return .failure(error)
      }
    }
    switch parsed {
    case .failure(let error): throw TensorFileError("\(name): not a valid GGUF file: \(error)")
    case .success(let h):
      version = h.version
      keys = h.keys
      metadata = h.metadata
      tensors = h.tensors
      alignment = h.alignment
      dataStart = h.dataStart
      tensorIndex = Dictionary(uniqueKeysWithValues: h.tensors.enumerated().map { ($1.name, $0) })
    }
  }

  /// A metadata value.
  public subscript(key: String) -> GGUFValue? { metadata[key] }

  /// A tensor's description.
  public func info(_ name: String) -> GGUFTensorInfo? { tensorIndex[name].map { tensors[$0] } }

  /// A tensor dequantized to `Float`, in its row-major ``GGUFTensorInfo/shape``.
  public func tensor(_ name: String) throws(TensorFileError) -> FloatTensor {
    guard let t = info(name) else {
      let shown = tensors.prefix(6).map(\.name).joined(separator: ", ")
      throw TensorFileError(
        "\(path): no tensor '\(name)' (it has \(tensors.count): \(shown)\(tensors.count > 6 ? ", ..." : ""))"
      )
    }
    guard t.type.isSupported else {
      throw TensorFileError(
        "\(path): tensor '\(name)' is of type \(t.type.name); supported are \(GGMLType.supported.map(\.name).joined(separator: ", "))"
      )
    }
    var values = [Float](repeating: 0, count: t.elementCount)
    data.withUnsafeBytes { raw in
      let start = dataStart + t.offset
      let source = UnsafeRawBufferPointer(rebasing: raw[start..<(start + t.byteCount)])
      values.withUnsafeMutableBufferPointer { GGMLDequantizer.dequantize(t.type, source, into: $0) }
    }
    return FloatTensor(shape: t.shape, values: values)
  }
}

extension GGUFFile {
  /// What the header, metadata and tensor descriptions hold.
  struct Header {
    var version = 0
    var keys: [String] = []
    var metadata: [String: GGUFValue] = [:]
    var tensors: [GGUFTensorInfo] = []
    var alignment = 32
    var dataStart = 0

    static func read(_ raw: UnsafeRawBufferPointer) throws(GGUFReadError) -> Header {
      var c = GGUFCursor(raw)
      var h = Header()
      let magic = try c.integer(UInt32.self, "magic")
      guard magic == 0x4655_4747 else {  // "GGUF"
        throw c.failure("magic", "the file does not start with \"GGUF\"", at: 0)
      }
      let version = try c.integer(UInt32.self, "version")
      guard version == 2 || version == 3 else {
        throw c.failure(
          "version",
          version == 1
            ? "GGUF version 1 (32-bit counts) is not supported; versions 2 and 3 are"
            : "GGUF version \(version) is unknown (versions 2 and 3 are supported; a big-endian file reads as a huge version)",
          at: 4)
      }
      h.version = Int(version)
      // A tensor description takes at least 32 bytes, a key/value pair at least 13.
      let tensorCount = try c.count(
        "tensor_count", itemSize: 32, reserved: 8, what: "tensors")
      let kvCount = try c.count("metadata_kv_count", itemSize: 13, what: "pairs")
      for i in 0..<kvCount {
        let keyStart = c.offset
        let key = try c.string("key of metadata pair \(i)")
        guard h.metadata[key] == nil else {
          throw c.failure("key of metadata pair \(i)", "'\(key)' appears twice", at: keyStart)
        }
        h.metadata[key] = try value(&c, key, depth: 0)
        h.keys.append(key)
      }
      if let a = h.metadata["general.alignment"] {
        guard case .uint32(let v) = a, v > 0, v & (v - 1) == 0 else {
          throw c.failure("general.alignment", "must be a uint32 power of two, not \(a)")
        }
        h.alignment = Int(v)
      }
      var names = Set<String>()
      for i in 0..<tensorCount {
        let nameStart = c.offset
        let name = try c.string("name of tensor \(i)")
        guard names.insert(name).inserted else {
          throw c.failure("name of tensor \(i)", "'\(name)' appears twice", at: nameStart)
        }
        h.tensors.append(try tensorInfo(&c, name, alignment: h.alignment))
      }
      let end = c.offset
      let (padded, overflow) = end.addingReportingOverflow(
        (h.alignment - end % h.alignment) % h.alignment)
      guard !overflow, padded <= raw.count else {
        throw c.failure("data section", "the file ends before its aligned start at byte \(padded)")
      }
      h.dataStart = padded
      try checkRanges(h.tensors, dataStart: padded, fileSize: raw.count)
      return h
    }

    /// One metadata value of type tag `field`'s next `uint32`.
    static func value(_ c: inout GGUFCursor, _ key: String, depth: Int) throws(GGUFReadError)
      -> GGUFValue
    {
      let at = c.offset
      let tag = try c.integer(UInt32.self, "type of '\(key)'")
      guard let type = GGUFValueType(rawValue: tag) else {
        throw c.failure("type of '\(key)'", "\(tag) is not a GGUF value type (0...12)", at: at)
      }
      return try value(&c, key, type: type, depth: depth)
    }

    static func value(
      _ c: inout GGUFCursor, _ key: String, type: GGUFValueType, depth: Int
    ) throws(GGUFReadError) -> GGUFValue {
      let field = "value of '\(key)'"
      switch type {
      case .uint8: return .uint8(try c.integer(UInt8.self, field))
      case .int8: return .int8(try c.integer(Int8.self, field))
      case .uint16: return .uint16(try c.integer(UInt16.self, field))
      case .int16: return .int16(try c.integer(Int16.self, field))
      case .uint32: return .uint32(try c.integer(UInt32.self, field))
      case .int32: return .int32(try c.integer(Int32.self, field))
      case .uint64: return .uint64(try c.integer(UInt64.self, field))
      case .int64: return .int64(try c.integer(Int64.self, field))
      case .float32: return .float32(Float(bitPattern: try c.integer(UInt32.self, field)))
      case .float64: return .float64(Double(bitPattern: try c.integer(UInt64.self, field)))
      case .bool:
        let at = c.offset
        let b = try c.integer(UInt8.self, field)
        guard b <= 1 else { throw c.failure(field, "a bool must be 0 or 1, not \(b)", at: at) }
        return .bool(b == 1)
      case .string: return .string(try c.string(field))
      case .array:
        let at = c.offset
        guard depth < GGUFFile.maximumArrayDepth else {
          throw c.failure(
            field, "arrays nested deeper than \(GGUFFile.maximumArrayDepth) levels", at: at)
        }
        let tag = try c.integer(UInt32.self, "element type of '\(key)'")
        guard let element = GGUFValueType(rawValue: tag) else {
          throw c.failure(
            "element type of '\(key)'", "\(tag) is not a GGUF value type (0...12)", at: at)
        }
        let n = try c.count(
          "length of '\(key)'", itemSize: element.minimumSize, what: "elements")
        var elements: [GGUFValue] = []
        elements.reserveCapacity(n)
        for _ in 0..<n {
          elements.append(try value(&c, key, type: element, depth: depth + 1))
        }
        return .array(element, elements)
      }
    }

    static func tensorInfo(_ c: inout GGUFCursor, _ name: String, alignment: Int)
      throws(GGUFReadError) -> GGUFTensorInfo
    {
      let f = "tensor '\(name)'"
      let at = c.offset
      let n = try c.integer(UInt32.self, "\(f) n_dims")
      guard (1...UInt32(GGUFFile.maximumDimensions)).contains(n) else {
        throw c.failure(
          "\(f) n_dims", "\(n) dimensions (1...\(GGUFFile.maximumDimensions) allowed)", at: at)
      }
      var dims: [Int] = []
      var elements = 1
      for d in 0..<Int(n) {
        let dimStart = c.offset
        let raw = try c.integer(UInt64.self, "\(f) ne[\(d)]")
        guard let v = Int(exactly: raw), v > 0 else {
          throw c.failure("\(f) ne[\(d)]", "dimension \(raw) is not a positive Int", at: dimStart)
        }
        let (product, overflow) = elements.multipliedReportingOverflow(by: v)
        guard !overflow else {
          throw c.failure("\(f) ne[\(d)]", "the element count overflows 64 bits", at: dimStart)
        }
        dims.append(v)
        elements = product
      }
      let typeStart = c.offset
      let tag = try c.integer(UInt32.self, "\(f) type")
      guard let type = GGMLType(rawValue: tag) else {
        throw c.failure("\(f) type", "\(tag) is not a GGML type this reader knows", at: typeStart)
      }
      guard dims[0] % type.blockSize == 0 else {
        throw c.failure(
          "\(f) ne[0]",
          "a row of \(dims[0]) values is not a whole number of \(type.name) blocks of \(type.blockSize)",
          at: at + 4)
      }
      let (bytes, overflow) = (elements / type.blockSize).multipliedReportingOverflow(
        by: type.bytesPerBlock)
      guard !overflow else {
        throw c.failure("\(f) type", "the byte count overflows 64 bits", at: typeStart)
      }
      let offsetStart = c.offset
      let rawOffset = try c.integer(UInt64.self, "\(f) offset")
      guard let offset = Int(exactly: rawOffset), offset % alignment == 0 else {
        throw c.failure(
          "\(f) offset", "\(rawOffset) is not a multiple of the alignment \(alignment)",
          at: offsetStart)
      }
      return GGUFTensorInfo(
        name: name, dimensions: dims, type: type, offset: offset, byteCount: bytes)
    }

    /// Every tensor lies inside the data section and no two overlap.
    static func checkRanges(_ tensors: [GGUFTensorInfo], dataStart: Int, fileSize: Int)
      throws(GGUFReadError)
    {
      let available = fileSize - dataStart
      for t in tensors where t.offset > available || t.byteCount > available - t.offset {
        throw GGUFReadError(
          offset: dataStart + min(t.offset, available), field: "tensor '\(t.name)' data",
          message:
            "\(t.byteCount) bytes of \(t.type.name) at data offset \(t.offset) run past the end of the file (\(available) data bytes)"
        )
      }
      let sorted = tensors.sorted { ($0.offset, $0.name) < ($1.offset, $1.name) }
      for (a, b) in zip(sorted, sorted.dropFirst()) where a.offset + a.byteCount > b.offset {
        throw GGUFReadError(
          offset: dataStart + b.offset, field: "tensor '\(b.name)' data",
          message:
            "overlaps tensor '\(a.name)' (data offsets \(a.offset)..<\(a.offset + a.byteCount))")
      }
    }
  }
}
