import FPINSISA
import QBinary
import QINSAssembler
import QINSSupport
import Testing

/// A small valid binary with every section populated.
func sampleBinary() throws -> [UInt8] {
  let r = Assembler.assemble(
    source: """
      .const N = 8
      .const HALF = 0.5
      .tensor X dram [2, 4] storage bind "x"
      .tensor W spad [2] fp32 = 1.5, -2
      .operator top
      top:
          li x1, N
          dma.shape x1, x1
          dma.copy W, X[x1], 3
      .operator tail
          sfu.scalar HALF
          blt x1, x2, top
          halt
      """, name: "sample.qasm")
  return BinaryWriter.bytes(of: try #require(r.image))
}

@Suite("The .qbin container")
struct BinaryFormatTests {
  @Test("The header: magic, version, size, checksum; sections in order")
  func header() throws {
    let b = try sampleBinary()
    #expect(Array(b[0..<4]) == Array("QBIN".utf8))
    #expect(b[4] == 1 && b[5] == 0)  // major 1, little-endian
    let size = (0..<8).reduce(UInt64(0)) { $0 | UInt64(b[16 + $1]) << (8 * UInt64($1)) }
    #expect(size == UInt64(b.count))
    #expect(String(decoding: b[40..<44], as: UTF8.self) == "STRS")
    let image = try BinaryReader.image(from: b)
    #expect(image.code.count == 6)
    #expect(image.tensors[1].initialData == [1.5, -2])
    #expect(image.tensors[0].binding == "x")
    #expect(image.sourceDescription(ofInstruction: 2) == "sample.qasm:9:5")
    #expect(image.operatorRanges.map(\.name) == ["top", "tail"])
  }

  @Test("Every truncation is refused with a message")
  func truncation() throws {
    let b = try sampleBinary()
    for n in 0..<b.count {
      #expect(throws: BinaryFormatError.self) { _ = try BinaryReader.image(from: Array(b[0..<n])) }
    }
  }

  @Test("Every single-byte corruption is refused")
  func singleByteFlips() throws {
    let b = try sampleBinary()
    for i in 0..<b.count {
      var c = b
      c[i] ^= 0x5A
      #expect(throws: BinaryFormatError.self) { _ = try BinaryReader.image(from: c) }
    }
  }

  @Test("A corrupt instruction behind a valid checksum is still refused, by the decoder")
  func corruptInstructionWithValidChecksum() throws {
    var b = try sampleBinary()
    let image = try BinaryReader.image(from: b)
    // Find CODE and set a reserved bit of the last instruction (halt), then fix the checksum.
    let codeOffset = Int(
      (0..<8).reduce(UInt64(0)) { $0 | UInt64(b[40 + 24 + 8 + $1]) << (8 * UInt64($1)) })
    b[codeOffset + 8 * (image.code.count - 1) + 6] = 1
    let sum = FNV1a64.hash(b, zeroing: BinaryFormat.checksumRange)
    for i in 0..<8 { b[24 + i] = UInt8(truncatingIfNeeded: sum >> (8 * UInt64(i))) }
    #expect(throws: BinaryFormatError("instruction 5: halt: reserved bits are set")) {
      _ = try BinaryReader.image(from: b)
    }
  }

  @Test("Not a qbin, and a future major version, get their own messages")
  func wrongFiles() throws {
    #expect(throws: BinaryFormatError("not a qbin file (the magic number is not 'QBIN')")) {
      _ = try BinaryReader.image(
        from: Array("; an assembly file, given by mistake\n nop\n nop\n halt\n".utf8))
    }
    var b = try sampleBinary()
    b[4] = 2
    #expect(
      throws: BinaryFormatError("format version 2.0 is not supported (this reader reads 1.x)")
    ) {
      _ = try BinaryReader.image(from: b)
    }
  }

  @Test("The writer is deterministic and the reader gives back the image")
  func roundTrip() throws {
    let b = try sampleBinary()
    #expect(try sampleBinary() == b)
    #expect(BinaryWriter.bytes(of: try BinaryReader.image(from: b)) == b)
  }

  @Test("Tensor layout: declaration order, alignment, widths resolved per machine")
  func layout() {
    let tensors = [
      TensorDeclaration(name: "A", space: .spad, format: .storage, shape: [3]),
      TensorDeclaration(name: "B", space: .spad, format: .fp32, shape: [2], alignment: 16),
      TensorDeclaration(name: "C", space: .dram, format: .fpins(2), shape: [5]),
      TensorDeclaration(name: "D", space: .spad, format: .accumulator, shape: [1], alignment: 4),
    ]
    let q = TensorLayout.place(tensors, storageBytesPerValue: 2, accumulatorBytesPerValue: 4)
    #expect(q.placements.map(\.byteOffset) == [0, 16, 0, 24])
    #expect(q.placements.map(\.byteCount) == [6, 8, 20, 4])
    #expect(q.bytesUsed[.spad] == 28)
    let f = TensorLayout.place(tensors, storageBytesPerValue: 4, accumulatorBytesPerValue: 4)
    #expect(f.placements.map(\.byteOffset) == [0, 16, 0, 24])
    #expect(f.placements[0].byteCount == 12)
  }
}
