import FPINSISA

/// Why a file is not a valid `.qbin`.
public struct BinaryFormatError: Error, Equatable, CustomStringConvertible {
  public let message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// Reads and validates a `.qbin` container. Every field is checked, so a truncated or
/// corrupted file ends in a ``BinaryFormatError`` naming what is wrong, never a trap.
public enum BinaryReader {
  public static func image(from bytes: [UInt8]) throws(BinaryFormatError) -> ProgramImage {
    var header = Cursor(bytes: bytes, range: 0..<bytes.count, what: "header")
    guard bytes.count >= BinaryFormat.headerSize else {
      throw BinaryFormatError("truncated: \(bytes.count) bytes, shorter than the 40-byte header")
    }
    guard Array(bytes[0..<4]) == BinaryFormat.magic else {
      throw BinaryFormatError("not a qbin file (the magic number is not 'QBIN')")
    }
    header.position = 4
    let major = try header.u16()
    let minor = try header.u16()
    guard major == BinaryFormat.majorVersion else {
      throw BinaryFormatError(
        "format version \(major).\(minor) is not supported (this reader reads 1.x)")
    }
    let sectionCount = try header.u32()
    let flags = try header.u32()
    let fileSize = try header.u64()
    let checksum = try header.u64()
    let entry = try header.u32()
    let reserved = try header.u32()
    guard fileSize == UInt64(bytes.count) else {
      throw BinaryFormatError(
        "truncated or extended: the header says \(fileSize) bytes, the file has \(bytes.count)")
    }
    guard checksum == FNV1a64.hash(bytes, zeroing: BinaryFormat.checksumRange) else {
      throw BinaryFormatError("checksum mismatch: the file is corrupt")
    }
    guard flags == 0, reserved == 0, entry == 0 else {
      throw BinaryFormatError("header: unsupported flags, entry point or reserved field")
    }
    guard sectionCount == UInt32(BinaryFormat.Section.allCases.count) else {
      throw BinaryFormatError(
        "header: \(sectionCount) sections, expected \(BinaryFormat.Section.allCases.count)")
    }
    // Section table.
    var sections: [BinaryFormat.Section: Range<Int>] = [:]
    var table = Cursor(bytes: bytes, range: 0..<bytes.count, what: "section table")
    table.position = BinaryFormat.headerSize
    for expected in BinaryFormat.Section.allCases {
      let tag = try table.u32()
      guard tag == expected.tag else {
        throw BinaryFormatError("section table: expected section \(expected.rawValue) next")
      }
      guard try table.u32() == 0 else {
        throw BinaryFormatError("section \(expected.rawValue): reserved field set")
      }
      let offset = try table.u64()
      let size = try table.u64()
      guard offset % 8 == 0, offset <= UInt64(bytes.count), size <= UInt64(bytes.count) - offset
      else {
        throw BinaryFormatError("section \(expected.rawValue) lies outside the file")
      }
      sections[expected] = Int(offset)..<Int(offset + size)
    }
    func cursor(_ s: BinaryFormat.Section) -> Cursor {
      Cursor(bytes: bytes, range: sections[s]!, what: "section \(s.rawValue)")
    }
    let strings = sections[.strings]!
    func string(_ offset: UInt32, _ what: String) throws(BinaryFormatError) -> String {
      guard Int(offset) < strings.count else {
        throw BinaryFormatError("\(what): string offset \(offset) is outside the string table")
      }
      let start = strings.lowerBound + Int(offset)
      guard let end = bytes[start..<strings.upperBound].firstIndex(of: 0) else {
        throw BinaryFormatError("\(what): unterminated string")
      }
      guard let s = String(validating: bytes[start..<end], as: UTF8.self) else {
        throw BinaryFormatError("\(what): string is not valid UTF-8")
      }
      return s
    }

    // CODE
    let codeRange = sections[.code]!
    guard codeRange.count % 8 == 0 else {
      throw BinaryFormatError("section CODE: size is not a multiple of 8")
    }
    var codeCursor = cursor(.code)
    var code: [UInt64] = []
    code.reserveCapacity(codeRange.count / 8)
    for _ in 0..<(codeRange.count / 8) { code.append(try codeCursor.u64()) }
    guard code.count <= BinaryFormat.maxInstructions else {
      throw BinaryFormatError("section CODE: too many instructions")
    }

    // DATA
    let dataRange = sections[.data]!
    guard dataRange.count % 4 == 0 else {
      throw BinaryFormatError("section DATA: size is not a multiple of 4")
    }
    let dataCount = dataRange.count / 4

    // TENS
    var tc = cursor(.tensors)
    let tensorCount = Int(try tc.u32())
    guard tensorCount <= BinaryFormat.maxTensors else {
      throw BinaryFormatError(
        "section TENS: \(tensorCount) tensors, more than \(BinaryFormat.maxTensors)")
    }
    var tensors: [TensorDeclaration] = []
    var names = Set<String>()
    var dataUsed = 0
    for i in 0..<tensorCount {
      let what = "tensor \(i)"
      let name = try string(try tc.u32(), what)
      guard isIdentifier(name), ReservedNames.problem(with: name) == nil,
        names.insert(name).inserted
      else {
        throw BinaryFormatError("\(what): invalid, reserved or duplicate name '\(name)'")
      }
      guard let space = MemorySpace(code: try tc.u8()) else {
        throw BinaryFormatError("\(what) (\(name)): unknown memory level")
      }
      guard let format = TensorFormat(code: try tc.u8()) else {
        throw BinaryFormatError("\(what) (\(name)): unknown number format")
      }
      let rank = Int(try tc.u8())
      let flags = try tc.u8()
      guard flags & ~3 == 0 else { throw BinaryFormatError("\(what) (\(name)): unknown flags") }
      let bindingOffset = try tc.u32()
      let binding: String? = flags & 1 != 0 ? try string(bindingOffset, what) : nil
      guard flags & 1 != 0 || bindingOffset == 0 else {
        throw BinaryFormatError("\(what) (\(name)): binding without its flag")
      }
      let alignment = Int(try tc.u32())
      guard alignment > 0, alignment & (alignment - 1) == 0, alignment <= BinaryFormat.maxAlignment
      else {
        throw BinaryFormatError(
          "\(what) (\(name)): alignment \(alignment) is not a power of two up to \(BinaryFormat.maxAlignment)"
        )
      }
      let dataIndex = try tc.u64()
      guard rank >= 1, rank <= BinaryFormat.maxRank else {
        throw BinaryFormatError(
          "\(what) (\(name)): rank \(rank) is not 1...\(BinaryFormat.maxRank)")
      }
      var shape: [Int] = []
      var elements = 1
      for _ in 0..<rank {
        let d = try tc.u64()
        guard d >= 1, d <= UInt64(BinaryFormat.maxElements) else {
          throw BinaryFormatError("\(what) (\(name)): dimension \(d) out of range")
        }
        let (product, overflow) = elements.multipliedReportingOverflow(by: Int(d))
        elements = product
        guard !overflow, elements <= BinaryFormat.maxElements else {
          throw BinaryFormatError("\(what) (\(name)): more than 2^40 elements")
        }
        shape.append(Int(d))
      }
      var initial: [Float]? = nil
      if flags & 2 != 0 {
        guard dataIndex == UInt64(dataUsed), dataUsed + elements <= dataCount else {
          throw BinaryFormatError("\(what) (\(name)): initial data outside section DATA")
        }
        var dc = cursor(.data)
        dc.position = dataRange.lowerBound + 4 * dataUsed
        var values: [Float] = []
        values.reserveCapacity(elements)
        for _ in 0..<elements { values.append(Float(bitPattern: try dc.u32())) }
        initial = values
        dataUsed += elements
      } else {
        guard dataIndex == 0 else {
          throw BinaryFormatError("\(what) (\(name)): data index without data")
        }
      }
      tensors.append(
        TensorDeclaration(
          name: name, space: space, format: format, shape: shape, alignment: alignment,
          binding: binding, initialData: initial))
    }
    guard tc.atEnd else { throw BinaryFormatError("section TENS: trailing bytes") }
    guard dataUsed == dataCount else {
      throw BinaryFormatError("section DATA: \(dataCount - dataUsed) values belong to no tensor")
    }

    // SYMS
    var sc = cursor(.symbols)
    let symbolCount = Int(try sc.u32())
    guard symbolCount <= sections[.symbols]!.count / 16 else {
      throw BinaryFormatError("section SYMS: count exceeds the section")
    }
    var symbols: [Symbol] = []
    var symbolNames = Set<String>()
    for i in 0..<symbolCount {
      let name = try string(try sc.u32(), "symbol \(i)")
      guard isIdentifier(name), ReservedNames.problem(with: name) == nil, !names.contains(name),
        symbolNames.insert(name).inserted
      else { throw BinaryFormatError("symbol \(i): invalid, reserved or duplicate name '\(name)'") }
      guard let kind = Symbol.Kind(rawValue: try sc.u8()) else {
        throw BinaryFormatError("symbol \(i) (\(name)): unknown kind")
      }
      guard try sc.u8() == 0, try sc.u8() == 0, try sc.u8() == 0 else {
        throw BinaryFormatError("symbol \(i) (\(name)): padding is not zero")
      }
      let value = try sc.u64()
      if kind == .label && value > UInt64(code.count) {
        throw BinaryFormatError("symbol \(i) (\(name)): label beyond the code")
      }
      symbols.append(Symbol(name: name, kind: kind, value: value))
    }
    guard sc.atEnd else { throw BinaryFormatError("section SYMS: trailing bytes") }
    let canonical = symbols.sorted { ($0.kind.rawValue, $0.name) < ($1.kind.rawValue, $1.name) }
    guard canonical == symbols else {
      throw BinaryFormatError("section SYMS: symbols are not in canonical order")
    }

    // FILE
    var fc = cursor(.files)
    let fileCount = Int(try fc.u32())
    guard fileCount <= sections[.files]!.count / 4 else {
      throw BinaryFormatError("section FILE: count exceeds the section")
    }
    var files: [String] = []
    for i in 0..<fileCount { files.append(try string(try fc.u32(), "file \(i)")) }
    guard fc.atEnd else { throw BinaryFormatError("section FILE: trailing bytes") }

    // LINE
    var lc = cursor(.lines)
    let lineCount = Int(try lc.u32())
    guard lineCount == code.count else {
      throw BinaryFormatError("section LINE: \(lineCount) entries for \(code.count) instructions")
    }
    var lines: [SourcePosition] = []
    for i in 0..<lineCount {
      let f = Int(try lc.u32())
      let line = Int(try lc.u32())
      let column = Int(try lc.u32())
      guard f < files.count else {
        throw BinaryFormatError("line entry \(i): file index \(f) out of range")
      }
      lines.append(SourcePosition(file: f, line: line, column: column))
    }
    guard lc.atEnd else { throw BinaryFormatError("section LINE: trailing bytes") }
    // Canonical: the file table lists exactly the files the line table names, in order of
    // first reference, so that every valid binary has one form.
    var firstReference: [Int] = []
    for p in lines where !firstReference.contains(p.file) { firstReference.append(p.file) }
    guard firstReference == Array(0..<files.count) else {
      throw BinaryFormatError(
        "section FILE: files are not in order of first reference by the line table")
    }

    // Every instruction decodes and refers to existing tensors and code.
    for (i, word) in code.enumerated() {
      let instruction: Instruction
      do {
        instruction = try Instruction(word: word)
      } catch {
        throw BinaryFormatError("instruction \(i): \(error)")
      }
      for value in instruction.operands {
        switch value {
        case .tensor(let t), .memory(let t, _):
          guard Int(t) < tensors.count else {
            throw BinaryFormatError(
              "instruction \(i) (\(instruction.spec.mnemonic)): tensor \(t) is not declared")
          }
        case .target(let t):
          guard Int(t) < code.count else {
            throw BinaryFormatError(
              "instruction \(i) (\(instruction.spec.mnemonic)): target \(t) is beyond the code")
          }
        default: break
        }
      }
    }
    let image = ProgramImage(
      code: code, tensors: tensors, symbols: symbols, files: files, lines: lines)
    // The writer is deterministic; a file it would not have written (strings stored in
    // another order, padding that is not zero) is not canonical and is refused.
    guard BinaryWriter.bytes(of: image) == bytes else {
      throw BinaryFormatError(
        "the file is not in canonical form (padding or string table differ from what the writer produces)"
      )
    }
    return image
  }

  /// Letters, digits, `_` and `.`, not starting with a digit.
  public static func isIdentifier(_ s: String) -> Bool {
    guard let first = s.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
    return s.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
        || $0 == "."
    }
  }
}

/// Bounds-checked little-endian reading within one section.
struct Cursor {
  let bytes: [UInt8]
  let range: Range<Int>
  let what: String
  var position: Int

  init(bytes: [UInt8], range: Range<Int>, what: String) {
    self.bytes = bytes
    self.range = range
    self.what = what
    position = range.lowerBound
  }

  var atEnd: Bool { position == range.upperBound }

  mutating func take(_ n: Int) throws(BinaryFormatError) -> UInt64 {
    guard position + n <= range.upperBound else { throw BinaryFormatError("\(what): truncated") }
    var v: UInt64 = 0
    for i in 0..<n { v |= UInt64(bytes[position + i]) << (8 * UInt64(i)) }
    position += n
    return v
  }
  mutating func u8() throws(BinaryFormatError) -> UInt8 { UInt8(try take(1)) }
  mutating func u16() throws(BinaryFormatError) -> UInt16 { UInt16(try take(2)) }
  mutating func u32() throws(BinaryFormatError) -> UInt32 { UInt32(try take(4)) }
  mutating func u64() throws(BinaryFormatError) -> UInt64 { try take(8) }
}
