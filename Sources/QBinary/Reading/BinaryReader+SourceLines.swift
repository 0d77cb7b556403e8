extension BinaryReader {
  /// Sections FILE and LINE: the source files, and each instruction's file, line and column.
  /// Canonical: the file table lists exactly the files the line table names, in order of
  /// first reference, so that every valid binary has one form.
  static func sourceLines(_ sections: SectionTable, codeCount: Int)
    throws(BinaryFormatError) -> (files: [String], lines: [SourcePosition])
  {
    var fc = sections.cursor(.files)
    let fileCount = Int(try fc.u32())
    guard fileCount <= sections.range(.files).count / 4 else {
      throw BinaryFormatError("section FILE: count exceeds the section")
    }
    var files: [String] = []
    for i in 0..<fileCount { files.append(try sections.string(try fc.u32(), "file \(i)")) }
    guard fc.atEnd else { throw BinaryFormatError("section FILE: trailing bytes") }

    var lc = sections.cursor(.lines)
    let lineCount = Int(try lc.u32())
    guard lineCount == codeCount else {
      throw BinaryFormatError("section LINE: \(lineCount) entries for \(codeCount) instructions")
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
    var firstReference: [Int] = []
    for p in lines where !firstReference.contains(p.file) { firstReference.append(p.file) }
    guard firstReference == Array(0..<files.count) else {
      throw BinaryFormatError(
        "section FILE: files are not in order of first reference by the line table")
    }
    return (files, lines)
  }
}
