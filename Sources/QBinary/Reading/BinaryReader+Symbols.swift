extension BinaryReader {
  /// Section SYMS: labels and constants, in canonical order (kind, then name), named apart
  /// from each other and from the tensors.
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
    for i in 0..<symbolCount {
      let name = try sections.string(try sc.u32(), "symbol \(i)")
      guard isIdentifier(name), ReservedNames.problem(with: name) == nil,
        !tensorNames.contains(name), symbolNames.insert(name).inserted
      else { throw BinaryFormatError("symbol \(i): invalid, reserved or duplicate name '\(name)'") }
      guard let kind = Symbol.Kind(rawValue: try sc.u8()) else {
        throw BinaryFormatError("symbol \(i) (\(name)): unknown kind")
      }
      guard try sc.u8() == 0, try sc.u8() == 0, try sc.u8() == 0 else {
        throw BinaryFormatError("symbol \(i) (\(name)): padding is not zero")
      }
      let value = try sc.u64()
      if kind == .label && value > UInt64(codeCount) {
        throw BinaryFormatError("symbol \(i) (\(name)): label beyond the code")
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
