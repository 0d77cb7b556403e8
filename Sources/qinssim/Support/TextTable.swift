import Foundation

/// A plain-text table with right-aligned numeric columns, for terminal reports.
struct TextTable {
  var header: [String]
  var rows: [[String]] = []
  /// Every column left-aligned (text tables); otherwise all but the first right-aligned.
  var leftAligned = false

  init(_ header: String...) { self.header = header }
  init(_ header: [String]) { self.header = header }

  mutating func add(_ cells: String...) { rows.append(cells) }
  mutating func add(_ cells: [String]) { rows.append(cells) }

  var rendered: String {
    let all = [header] + rows
    let widths = header.indices.map { c in all.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { c, cell in
        let pad = String(repeating: " ", count: widths[c] - cell.count)
        return c == 0 || leftAligned ? cell + pad : pad + cell
      }.joined(separator: "  ")
    }
    let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
    let lines = [line(header), rule] + rows.map(line)
    guard leftAligned else { return lines.joined(separator: "\n") }
    return lines.map { l in String(l.reversed().drop(while: { $0 == " " }).reversed()) }
      .joined(separator: "\n")
  }
}

/// Number formatting for reports.
enum Format {
  /// `value` with `digits` significant digits (`%g`).
  static func g(_ value: Double, _ digits: Int = 4) -> String {
    String(format: "%.\(digits)g", value)
  }

  /// A percentage with `decimals` decimals.
  static func percent(_ fraction: Double, _ decimals: Int = 2) -> String {
    String(format: "%.\(decimals)f%%", fraction * 100)
  }
}
