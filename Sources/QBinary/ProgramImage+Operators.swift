extension ProgramImage {
  /// The program's named operators (`.operator NAME`) in code order, each with the
  /// instructions it holds: from its first instruction to the next operator's, or to the end
  /// of the code. Empty when the program names none.
  public var operatorRanges: [(name: String, instructions: Range<Int>)] {
    let starts = symbols.filter { $0.kind == .operator }.map {
      (name: $0.name, start: Int($0.value))
    }
    .sorted { $0.start < $1.start }
    return starts.enumerated().map { i, o in
      (o.name, o.start..<(i + 1 < starts.count ? starts[i + 1].start : code.count))
    }
  }
}
