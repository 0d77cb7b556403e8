import Foundation
import TensorIO
import Testing

/// A safetensors file built by hand: header JSON, then the tensors' bytes.
func safetensors(_ tensors: [(name: String, dtype: String, shape: [Int], bytes: [UInt8])])
  -> [UInt8]
{
  var offset = 0
  var entries: [String] = []
  var data: [UInt8] = []
  for t in tensors {
    entries.append(
      "\"\(t.name)\":{\"dtype\":\"\(t.dtype)\",\"shape\":[\(t.shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(offset + t.bytes.count)]}"
    )
    offset += t.bytes.count
    data += t.bytes
  }
  let header = Array(
    ("{\"__metadata__\":{\"format\":\"pt\"}," + entries.joined(separator: ",") + "}").utf8)
  let n = UInt64(header.count)
  return (0..<8).map { UInt8(truncatingIfNeeded: n >> (8 * UInt64($0))) } + header + data
}

func littleEndian<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
  values.flatMap { v in (0..<(T.bitWidth / 8)).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
}

@Suite("Tensor files")
struct TensorFileTests {
  @Test(".npy: what the writer writes, the reader reads; float64 converts; errors are named")
  func npy() throws {
    let t = FloatTensor(shape: [2, 3], values: [1, -2.5, 3, 0, .leastNonzeroMagnitude, 1e30])
    #expect(try NPYFile.parse(NPYFile.bytes(of: t)) == t)
    #expect(NPYFile.bytes(of: t).count % 64 == 24)  // 64-byte aligned header, then 24 bytes
    var bad = NPYFile.bytes(of: t)
    bad.removeLast()
    #expect(throws: TensorFileError("the data holds 23 bytes, the shape [2, 3] needs 24")) {
      try NPYFile.parse(bad)
    }
    var i4 = NPYFile.bytes(of: t)
    let r = i4.firstIndex(of: UInt8(ascii: "f"))!
    i4[r] = UInt8(ascii: "i")
    #expect(
      throws: TensorFileError(
        "dtype '<i4' is not supported; use float32 ('<f4') or float64 ('<f8')")
    ) { try NPYFile.parse(i4) }
    #expect(throws: TensorFileError("not a .npy file (no \\x93NUMPY magic)")) {
      try NPYFile.parse(Array("hello world".utf8))
    }
  }

  @Test("safetensors: F32, F16, BF16 and F64 tensors read as Float; errors name the tensor")
  func safetensorsFormats() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "st-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let bytes = safetensors([
      ("f32", "F32", [2], littleEndian([Float(1.5).bitPattern, Float(-2).bitPattern])),
      ("f16", "F16", [2], littleEndian([Float16(0.5).bitPattern, Float16(-3).bitPattern])),
      (
        "bf16", "BF16", [1, 2],
        littleEndian([UInt16(Float(2).bitPattern >> 16), UInt16(Float(-0.25).bitPattern >> 16)])
      ),
      ("f64", "F64", [1], littleEndian([Double(0.1).bitPattern])),
      ("i8", "I8", [2], [1, 2]),
    ])
    let path = dir.appendingPathComponent("m.safetensors").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let file = try SafetensorsFile(path: path)
    #expect(try file.tensor("f32") == FloatTensor(shape: [2], values: [1.5, -2]))
    #expect(try file.tensor("f16") == FloatTensor(shape: [2], values: [0.5, -3]))
    #expect(try file.tensor("bf16") == FloatTensor(shape: [1, 2], values: [2, -0.25]))
    #expect(try file.tensor("f64").values == [Float(0.1)])
    #expect(
      throws: TensorFileError(
        "\(path): tensor 'i8' has dtype I8; supported are F32, F16, BF16, F64")
    ) { try file.tensor("i8") }
    #expect(throws: TensorFileError("\(path): no tensor 'w' (it has 5: bf16, f16, f32, f64, i8)")) {
      try file.tensor("w")
    }
    let truncated = dir.appendingPathComponent("t.safetensors").path
    try Data(bytes.prefix(20)).write(to: URL(fileURLWithPath: truncated))
    #expect(throws: TensorFileError.self) { try SafetensorsFile(path: truncated) }
  }
}
