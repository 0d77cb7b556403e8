/// Serialises a ``ProgramImage`` to the `.qbin` container. The same image always gives the
/// same bytes.
public enum BinaryWriter {
  public static func bytes(of image: ProgramImage) -> [UInt8] {
    var strings = StringTable()
    // Sections' payloads.
    var code = ByteBuffer()
    for word in image.code { code.u64(word) }

    var data = ByteBuffer()
    var dataIndex = 0
    var tensors = ByteBuffer()
    tensors.u32(UInt32(image.tensors.count))
    for t in image.tensors {
      tensors.u32(strings.offset(of: t.name))
      tensors.u8(t.space.code)
      tensors.u8(t.format.code)
      tensors.u8(UInt8(t.shape.count))
      tensors.u8((t.binding != nil ? 1 : 0) | (t.initialData != nil ? 2 : 0))
      tensors.u32(t.binding.map { strings.offset(of: $0) } ?? 0)
      tensors.u32(UInt32(t.alignment))
      tensors.u64(t.initialData != nil ? UInt64(dataIndex) : 0)
      for d in t.shape { tensors.u64(UInt64(d)) }
      if let values = t.initialData {
        for v in values { data.u32(v.bitPattern) }
        dataIndex += values.count
      }
    }

    var symbols = ByteBuffer()
    symbols.u32(UInt32(image.symbols.count))
    for s in image.symbols {
      symbols.u32(strings.offset(of: s.name))
      symbols.u8(s.kind.rawValue)
      symbols.u8(0)
      symbols.u8(0)
      symbols.u8(0)
      symbols.u64(s.value)
    }

    var files = ByteBuffer()
    files.u32(UInt32(image.files.count))
    for f in image.files { files.u32(strings.offset(of: f)) }

    var lines = ByteBuffer()
    lines.u32(UInt32(image.lines.count))
    for p in image.lines {
      lines.u32(UInt32(p.file))
      lines.u32(UInt32(p.line))
      lines.u32(UInt32(p.column))
    }

    let payloads: [(BinaryFormat.Section, [UInt8])] = [
      (.strings, strings.bytes), (.code, code.bytes), (.tensors, tensors.bytes),
      (.symbols, symbols.bytes), (.files, files.bytes), (.lines, lines.bytes),
      (.data, data.bytes),
    ]
    // Layout: header, section table, then each payload 8-byte aligned.
    var offset = BinaryFormat.headerSize + payloads.count * BinaryFormat.sectionEntrySize
    var table = ByteBuffer()
    var body = ByteBuffer()
    for (section, payload) in payloads {
      offset = (offset + 7) & ~7
      table.u32(section.tag)
      table.u32(0)
      table.u64(UInt64(offset))
      table.u64(UInt64(payload.count))
      offset += payload.count
    }
    let bodyStart = BinaryFormat.headerSize + payloads.count * BinaryFormat.sectionEntrySize
    var position = bodyStart
    for (_, payload) in payloads {
      while position % 8 != 0 {
        body.u8(0)
        position += 1
      }
      body.bytes += payload
      position += payload.count
    }
    var header = ByteBuffer()
    header.bytes += BinaryFormat.magic
    header.u16(BinaryFormat.majorVersion)
    header.u16(BinaryFormat.minorVersion)
    header.u32(UInt32(payloads.count))
    header.u32(0)  // flags
    header.u64(UInt64(position))  // file size
    header.u64(0)  // checksum, filled below
    header.u32(0)  // entry point: instruction 0
    header.u32(0)  // reserved
    var file = header.bytes + table.bytes + body.bytes
    let checksum = FNV1a64.hash(file, zeroing: BinaryFormat.checksumRange)
    for i in 0..<8 {
      file[BinaryFormat.checksumRange.lowerBound + i] = UInt8(
        truncatingIfNeeded: checksum >> (8 * UInt64(i)))
    }
    return file
  }
}

/// Little-endian byte building.
struct ByteBuffer {
  var bytes: [UInt8] = []
  mutating func u8(_ v: UInt8) { bytes.append(v) }
  mutating func u16(_ v: UInt16) {
    for i in 0..<2 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt16(i)))) }
  }
  mutating func u32(_ v: UInt32) {
    for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(i)))) }
  }
  mutating func u64(_ v: UInt64) {
    for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) }
  }
}

/// NUL-terminated UTF-8 strings, deduplicated; offset 0 is the empty string.
struct StringTable {
  var bytes: [UInt8] = [0]
  var offsets: [String: UInt32] = ["": 0]

  mutating func offset(of s: String) -> UInt32 {
    if let o = offsets[s] { return o }
    let o = UInt32(bytes.count)
    bytes += Array(s.utf8) + [0]
    offsets[s] = o
    return o
  }
}
