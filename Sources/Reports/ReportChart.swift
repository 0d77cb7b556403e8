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

  static let palette = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac",
  ]

  /// The Chart.js configuration, as JSON text.
  var configuration: String {
    var datasets: [[String: Any]] = []
    for (i, s) in series.enumerated() {
      let colour = Self.palette[i % Self.palette.count]
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
    func axis(_ label: String, log: Bool, linear: Bool) -> [String: Any] {
      var a: [String: Any] = ["title": ["display": true, "text": label]]
      if log { a["type"] = "logarithmic" } else if linear { a["type"] = "linear" }
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
          "x": axis(xLabel, log: logX, linear: numericX),
          "y": axis(yLabel, log: logY, linear: false),
        ],
      ] as [String: Any],
    ]
    if !categories.isEmpty {
      var data = config["data"] as! [String: Any]
      data["labels"] = categories
      config["data"] = data
    }
    let json = try! JSONSerialization.data(withJSONObject: config, options: [.sortedKeys])
    return String(decoding: json, as: UTF8.self)
  }
}
