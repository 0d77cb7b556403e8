import Foundation

/// One plot of a report: what Chart.js draws, with axes, units and a caption saying what was
/// run.
public struct ReportChart: Sendable {
  public enum Kind: String, Sendable { case bar, line, scatter }

  public struct Series: Sendable {
    public var label: String
    /// Bar and line charts: one value per category. Scatter and line-over-x: points.
    public var values: [Double?] = []
    public var points: [(x: Double, y: Double)] = []
    /// A dashed line (a roofline's ceilings).
    public var dashed = false
    /// Larger points (a Pareto frontier; not joined: a sweep's frontiers are per work).
    public var emphasised = false
    /// The series' colour (CSS); nil takes the palette's next.
    public var colour: String?
  }

  public var title: String
  public var caption: String
  public var kind: Kind
  public var xLabel: String
  public var yLabel: String
  public var categories: [String] = []
  public var series: [Series]
  public var logX = false
  public var logY = false
  public var stacked = false
  /// An x axis of whole numbers (layers): ticks at integers only.
  public var integerX = false

  /// Twenty distinct colours (Tableau 10, then a lighter or darker partner of each), so that
  /// the stacked plots of a layer's operators (up to 20) give every series its own.
  static let palette = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac", "#a0cbe8", "#ffbe7d", "#8a2b2b", "#2f6f69", "#8cd17d", "#8f7a1e",
    "#d4a6c8", "#c2185b", "#d7b5a6", "#4d4d4d",
  ]

  /// The largest magnitude plotted: beyond it (and for values that are not finite) Chart.js's
  /// ranges and ticks would overflow or never end.
  static let largestPlotted = 1e300

  /// Whether a value can be drawn on an axis (a logarithmic one needs it positive).
  static func plottable(_ v: Double, log: Bool) -> Bool {
    v.isFinite && abs(v) <= largestPlotted && (!log || v > 0)
  }

  /// This chart with every value that cannot be drawn left out (a gap in its series), and its
  /// caption saying how many were.
  func checked() -> ReportChart {
    var c = self
    var left = 0
    for i in c.series.indices {
      c.series[i].values = c.series[i].values.map { v in
        guard let v else { return nil }
        if Self.plottable(v, log: logY) { return v }
        left += 1
        return nil
      }
      let before = c.series[i].points.count
      c.series[i].points.removeAll {
        !Self.plottable($0.x, log: logX) || !Self.plottable($0.y, log: logY)
      }
      left += before - c.series[i].points.count
    }
    if left > 0 {
      c.caption +=
        " (\(left) value\(left == 1 ? " is" : "s are") not finite, beyond ±1e300\(logX || logY ? " or not positive on a logarithmic axis" : "") and left out.)"
    }
    return c
  }

  /// The Chart.js configuration, as JSON text to place inside a `<script>` element: `<`, `>`,
  /// `&` and the line separators are written as `\u` escapes, so no label can end the script
  /// or open a comment in it. Values must be ``checked()`` first.
  func configuration() throws(ReportError) -> String {
    var datasets: [[String: Any]] = []
    for (i, s) in series.enumerated() {
      let colour = s.colour ?? Self.palette[i % Self.palette.count]
      var d: [String: Any] = [
        "label": s.label, "backgroundColor": colour, "borderColor": colour,
      ]
      if s.points.isEmpty {
        d["data"] = s.values.map { $0.map { $0 as Any } ?? NSNull() }
      } else {
        d["data"] = s.points.map { ["x": $0.x, "y": $0.y] }
        if kind != .scatter { d["showLine"] = true }
      }
      if kind == .line || s.dashed {
        d["pointRadius"] = s.points.count > 200 ? 0 : 2
        d["borderWidth"] = 1.5
        d["fill"] = false
      }
      if s.emphasised {
        d["showLine"] = false
        d["pointRadius"] = 6
      }
      if s.dashed {
        d["borderDash"] = [6, 4]
        d["showLine"] = true
        d["pointRadius"] = 0
      }
      datasets.append(d)
    }
    func axis(_ label: String, log: Bool, linear: Bool, integer: Bool = false) -> [String: Any] {
      var a: [String: Any] = ["title": ["display": true, "text": label]]
      if log {
        a["type"] = "logarithmic"
        // 1E-7 rather than 0.0000001 (Intl.NumberFormat options of the tick labels).
        a["ticks"] = [
          "format": [
            "notation": "scientific", "minimumFractionDigits": 0, "maximumFractionDigits": 1,
          ]
        ]
      } else if linear {
        a["type"] = "linear"
      }
      if integer { a["ticks"] = ["precision": 0, "stepSize": 1] }
      if stacked { a["stacked"] = true }
      return a
    }
    let numericX = kind == .scatter || series.contains { !$0.points.isEmpty }
    var config: [String: Any] = [
      "type": kind == .scatter ? "scatter" : kind.rawValue,
      "data": ["datasets": datasets] as [String: Any],
      "options": [
        "animation": false, "responsive": false,
        "plugins": ["title": ["display": true, "text": title]],
        "scales": [
          "x": axis(xLabel, log: logX, linear: numericX, integer: integerX && !logX),
          "y": axis(yLabel, log: logY, linear: false),
        ],
      ] as [String: Any],
    ]
    if !categories.isEmpty {
      var data = config["data"] as! [String: Any]
      data["labels"] = categories
      config["data"] = data
    }
    let json: Data
    do {
      json = try JSONSerialization.data(withJSONObject: config, options: [.sortedKeys])
    } catch {
      throw ReportError("plot '\(title)': its data cannot be written as JSON (\(error))")
    }
    var out = ""
    for c in String(decoding: json, as: UTF8.self).unicodeScalars {
      switch c {
      case "<": out += "\\u003c"
      case ">": out += "\\u003e"
      case "&": out += "\\u0026"
      case "\u{2028}": out += "\\u2028"
      case "\u{2029}": out += "\\u2029"
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }

  /// The chart's figures as an HTML table (escaped): one row per category with a column per
  /// series for bar and line charts, one row per point (series, x, y) for point series.
  /// Values must be ``checked()`` first; a left-out value is an empty cell.
  func figuresTable(escape: (String) -> String) -> String {
    func cell(_ v: Double?) -> String { v.map { String(format: "%.6g", $0) } ?? "" }
    var rows: [String] = []
    if series.contains(where: { !$0.points.isEmpty }) {
      rows.append(
        "<tr><th>series</th><th>\(escape(xLabel))</th><th>\(escape(yLabel))</th></tr>")
      for s in series {
        for p in s.points {
          rows.append(
            "<tr><td>\(escape(s.label))</td><td>\(cell(p.x))</td><td>\(cell(p.y))</td></tr>")
        }
      }
    } else {
      rows.append(
        "<tr><th>\(escape(xLabel))</th>"
          + series.map { "<th>\(escape($0.label)) (\(escape(yLabel)))</th>" }.joined() + "</tr>")
      for (i, c) in categories.enumerated() {
        rows.append(
          "<tr><td>\(escape(c))</td>"
            + series.map { "<td>\(cell(i < $0.values.count ? $0.values[i] : nil))</td>" }
            .joined() + "</tr>")
      }
    }
    return "<table class=\"figures\">" + rows.joined() + "</table>"
  }
}
