/// Comma-separated values as RFC 4180 writes them.
public enum CSV {
  /// A cell: quoted, with its quotes doubled, when it holds a comma, a quote or a line break.
  public static func cell(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return s
    }
    return "\""
      + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"")
      + "\""
  }

  /// One line: the cells, quoted where they need it, then a line break.
  public static func line(_ cells: [String]) -> String {
    cells.map(cell).joined(separator: ",") + "\n"
  }
}
