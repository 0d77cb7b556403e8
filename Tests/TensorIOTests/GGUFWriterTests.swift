import Foundation
import TensorIO
import Testing

@Suite("GGUF writer")
struct GGUFWriterTests {
  @Test("The bytes equal a file laid out by hand: header, typed pairs, a description, aligned data")
  func layout() throws {
    var b = GGUFBuilder.llamaHeader(tensors: 1)
    b.tensor("a", dims: [3, 2], type: 0, offset: 0)
    b.pad(to: 32)
    b.bytes += littleEndian((0..<6).map { Float($0).bitPattern })
    b.pad(to: 32)
    let written = GGUFWriter.bytes(
      metadata: [("general.architecture", .string("llama")), ("llama.block_count", .uint32(30))],
      tensors: [.init(name: "a", shape: [2, 3], values: (0..<6).map(Float.init))])
    #expect(written == b.bytes)
  }

  @Test("Every value type, nested arrays and several tensors read back as written")
  func roundTrip() throws {
    let metadata: [(key: String, value: GGUFValue)] = [
      ("u8", .uint8(200)), ("i8", .int8(-5)), ("u16", .uint16(60_000)), ("i16", .int16(-300)),
      ("u32", .uint32(4_000_000_000)), ("i32", .int32(-70_000)), ("f32", .float32(1.5)),
      ("b", .bool(true)), ("s", .string("héllo\n")), ("u64", .uint64(1 << 63)),
      ("i64", .int64(-(1 << 40))), ("f64", .float64(-2.25e300)),
      ("strings", .array(.string, [.string("a"), .string("")])),
      ("nested", .array(.array, [.array(.int8, [.int8(1), .int8(-1)]), .array(.bool, [])])),
    ]
    let tensors: [GGUFWriter.Tensor] = [
      .init(name: "v", shape: [5], values: [1, -2, 3, .infinity, 0]),
      .init(name: "m", shape: [3, 4], values: (0..<12).map { Float($0) / 4 }),
    ]
    let f = try GGUFFile(
      data: Data(GGUFWriter.bytes(metadata: metadata, tensors: tensors)), name: "w.gguf")
    #expect(f.keys == metadata.map(\.key))
    for (k, v) in metadata { #expect(f[k] == v, "\(k)") }
    for t in tensors {
      let read = try f.tensor(t.name)
      #expect(read.shape == t.shape && read.values == t.values)
    }
  }
}
