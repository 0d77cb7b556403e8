import FPINSISA

extension BinaryReader {
  /// Section TENS, the tensor declarations, with their initial values from section DATA
  /// (stored in declaration order, every value belonging to exactly one tensor).
  static func tensors(_ sections: SectionTable) throws(BinaryFormatError) -> [TensorDeclaration] {
    let dataRange = sections.range(.data)
    guard dataRange.count % 4 == 0 else {
      throw BinaryFormatError("section DATA: size is not a multiple of 4")
    }
    let dataCount = dataRange.count / 4
    var tc = sections.cursor(.tensors)
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
      let name = try sections.string(try tc.u32(), what)
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
      let binding: String? = flags & 1 != 0 ? try sections.string(bindingOffset, what) : nil
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
      let shape = try shape(&tc, rank: rank, what: "\(what) (\(name))")
      let elements = shape.reduce(1, *)
      var initial: [Float]? = nil
      if flags & 2 != 0 {
        guard dataIndex == UInt64(dataUsed), dataUsed + elements <= dataCount else {
          throw BinaryFormatError("\(what) (\(name)): initial data outside section DATA")
        }
        var dc = sections.cursor(.data)
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
    return tensors
  }

  /// A tensor's dimensions: each 1...2^40, their product at most 2^40.
  private static func shape(_ tc: inout ByteCursor, rank: Int, what: String)
    throws(BinaryFormatError) -> [Int]
  {
    var shape: [Int] = []
    var elements = 1
    for _ in 0..<rank {
      let d = try tc.u64()
      guard d >= 1, d <= UInt64(BinaryFormat.maxElements) else {
        throw BinaryFormatError("\(what): dimension \(d) out of range")
      }
      let (product, overflow) = elements.multipliedReportingOverflow(by: Int(d))
      elements = product
      guard !overflow, elements <= BinaryFormat.maxElements else {
        throw BinaryFormatError("\(what): more than 2^40 elements")
      }
      shape.append(Int(d))
    }
    return shape
  }
}
