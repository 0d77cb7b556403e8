extension BinaryReader {
  /// Section SYMS: labels, constants and operators, in canonical order (kind, then name).
  /// Labels and constants are named apart from each other and from the tensors; operators
  /// apart from each other, each beginning at its own instruction.
  static func symbols(_ sections: SectionTable, codeCount: Int, tensorNames: Set<String>)
    throws(BinaryFormatError) -> [Symbol]
  {
    var sc = sections.cursor(.symbols)
    let symbolCount = Int(try sc.u32())
    guard symbolCount <= sections.range(.symbols).count / 16 else {
      throw BinaryFormatError("section SYMS: count exceeds the section")
    }
    var symbols: [Symbol] = []
    var symbolNames = Set<String>()
    var operatorNames = Set<String>()
    var operatorStarts = Set<UInt64>()
    for i in 0..<symbolCount {
      let name = try sections.string(try sc.u32(), "symbol \(i)")
      guard let kind = Symbol.Kind(rawValue: try sc.u8()) else {
        throw BinaryFormatError("symbol \(i) (\(name)): unknown kind")
      }
      let unique =
        kind == .operator
        ? operatorNames.insert(name).inserted
        : !tensorNames.contains(name) && symbolNames.insert(name).inserted
      guard isIdentifier(name), ReservedNames.problem(with: name) == nil, unique else {
        throw BinaryFormatError("symbol \(i): invalid, reserved or duplicate name '\(name)'")
      }
      guard try sc.u8() == 0, try sc.u8() == 0, try sc.u8() == 0 else {
        throw BinaryFormatError("symbol \(i) (\(name)): padding is not zero")
      }
      let value = try sc.u64()
      if kind == .label && value > UInt64(codeCount) {
        throw BinaryFormatError("symbol \(i) (\(name)): label beyond the code")
      }
      if kind == .operator {
        guard value < UInt64(codeCount) else {
          throw BinaryFormatError("symbol \(i) (\(name)): operator begins beyond the code")
        }
        guard operatorStarts.insert(value).inserted else {
          throw BinaryFormatError(
            "symbol \(i) (\(name)): another operator begins at instruction \(value)")
        }
      }
      symbols.append(Symbol(name: name, kind: kind, value: value))
    }
    guard sc.atEnd else { throw BinaryFormatError("section SYMS: trailing bytes") }
    let canonical = symbols.sorted { ($0.kind.rawValue, $0.name) < ($1.kind.rawValue, $1.name) }
    guard canonical == symbols else {
      throw BinaryFormatError("section SYMS: symbols are not in canonical order")
    }
    return symbols
  }
}
