import Foundation
import QINSTestSupport
import TensorIO
import Testing

/// Tensor files whose headers lie: sizes that overflow, keys given twice, ranges that overlap.
@Suite("Hostile tensor files")
struct HostileTensorFileTests {
  /// A version 1.0 .npy with `header` as its header text and `data` after it.
  func npy(_ header: String, data: [UInt8] = []) -> [UInt8] {
    var h = header
    while (10 + h.utf8.count + 1) % 64 != 0 { h += " " }
    h += "\n"
    return [0x93] + Array("NUMPY".utf8) + [
      1, 0, UInt8(h.utf8.count & 0xFF), UInt8(h.utf8.count >> 8),
    ]
      + Array(h.utf8) + data
  }

  func npyError(_ bytes: [UInt8]) -> String {
    do {
      _ = try NPYFile.parse(bytes)
      return "accepted"
    } catch {
      return error.description
    }
  }

  @Test("A .npy shape whose element count overflows, a key given twice, an unknown key")
  func npyHeaders() {
    #expect(
      npyError(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904, 4), }"))
        == "the shape [4611686018427387904, 4] has more than 2^40 elements")
    #expect(
      npyError(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'shape': (1,), }"))
        == "malformed header: 'shape' is given twice")
    #expect(
      npyError(
        npy(
          "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'extra': 1, }",
          data: [0, 0, 0, 0])
      )
      .hasPrefix("malformed header: unknown key 'extra'"))
    // The same file without the lies is read.
    #expect(
      (try? NPYFile.parse(
        npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", data: [0, 0, 0x80, 0x3F])))?
        .values == [1])
  }

  /// A safetensors file with `header` and `dataBytes` zero bytes of data.
  func safetensors(_ header: String, dataBytes: Int) -> Data {
    var b: [UInt8] = []
    withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { b += $0 }
    return Data(b + Array(header.utf8) + [UInt8](repeating: 0, count: dataBytes))
  }

  func safetensorsError(_ header: String, dataBytes: Int) -> String {
    do {
      _ = try SafetensorsFile(data: safetensors(header, dataBytes: dataBytes), name: "f")
      return "accepted"
    } catch {
      return error.description
    }
  }

  @Test("safetensors: overlapping ranges, negative and overflowing shapes are refused")
  func safetensorsHeaders() {
    #expect(
      safetensorsError(
        #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#,
        dataBytes: 12)
        == "f: tensors 'a' (bytes 0..<8) and 'b' (bytes 4..<12) overlap")
    #expect(
      safetensorsError(
        #"{"a":{"dtype":"F32","shape":[-2, -2],"data_offsets":[0,16]}}"#, dataBytes: 16
      )
      .contains("a negative dimension or more than 2^40 elements"))
    #expect(
      safetensorsError(
        #"{"a":{"dtype":"F32","shape":[4294967296, 4294967296],"data_offsets":[0,16]}}"#,
        dataBytes: 16
      ).contains("more than 2^40 elements"))
    #expect(
      safetensorsError(
        #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[0],"data_offsets":[8,8]}}"#,
        dataBytes: 8) == "accepted")
  }

  @Test("Unreadable inputs say why: missing, a directory")
  func unreadable() {
    for (path, why) in [("/nonexistent/x.npy", "no such file"), ("/tmp", "is a directory")] {
      do {
        _ = try NPYFile.read(path: path)
        Issue.record("read \(path)")
      } catch {
        #expect(error.description.contains(why), "\(error)")
      }
    }
  }
}
