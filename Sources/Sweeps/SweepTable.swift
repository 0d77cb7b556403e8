import QINSSupport

/// A sweep's results as tables: one row per point (its fields, every figure, whether it is on
/// each Pareto frontier), and the sensitivity of each figure to each field. Made from the
/// point files alone, so one run and the merge of its shards give the same bytes.
public struct SweepTable: Sendable {
  public var workload: SweepWorkloadKind
  public var fields: [String]
  public let points: [SweepPointResult]
  /// The fixed figures of the workload, then any others the points record (the operators'),
  /// in name order.
  public let figures: [String]

  /// `points` in index order.
  public init(workload: SweepWorkloadKind, fields: [String], points: [SweepPointResult]) {
    self.workload = workload
    self.fields = fields
    self.points = points.sorted { $0.index < $1.index }
    let fixed = SweepFigure.names(workload)
    figures = fixed + Set(points.flatMap(\.figures.keys)).subtracting(fixed).sorted()
  }

  /// The frontier columns' names: `pareto_X_Y`.
  public var frontierColumns: [String] {
    SweepFigure.frontiers(workload).map { "pareto_\($0.x)_\($0.y)" }
  }

  /// The points' workload, as the fields that name it (`gemm.m`, `transformer.seq`, ...):
  /// machines are compared on the same work only.
  func work(_ p: SweepPointResult) -> String {
    fields.filter { f in SweepWorkloadKind.allCases.contains { f.hasPrefix($0.rawValue + ".") } }
      .map { "\($0)=\(p.fields[$0]?.description ?? "")" }.joined(separator: ",")
  }

  /// The indices of the points on the frontier of (x, y), both minimised, among the points
  /// of the same work (the same workload fields): no other point of that work is at least
  /// as good in both and better in one. Points without both figures are left out.
  public func frontier(x: String, y: String) -> Set<Int> {
    var groups: [String: [(Int, Double, Double)]] = [:]
    for p in points {
      guard let a = p.figures[x], let b = p.figures[y] else { continue }
      groups[work(p), default: []].append((p.index, a, b))
    }
    var on = Set<Int>()
    for candidates in groups.values {
      for (i, a, b) in candidates {
        let dominated = candidates.contains { (_, c, d) in
          c <= a && d <= b && (c < a || d < b)
        }
        if !dominated { on.insert(i) }
      }
    }
    return on
  }

  /// The CSV: `index`, the fields, the figures, `error`, then one 0/1 column per frontier.
  public var csv: String {
    let fronts = SweepFigure.frontiers(workload).map { frontier(x: $0.x, y: $0.y) }
    var out =
      (["index"] + fields + figures + ["error"] + frontierColumns).map(CSV.cell)
      .joined(separator: ",") + "\n"
    for p in points {
      var row = [String(p.index)]
      row += fields.map { p.fields[$0]?.description ?? "" }
      row += figures.map { p.figures[$0].map { String($0) } ?? "" }
      row.append(p.error ?? "")
      row += fronts.map { $0.contains(p.index) ? "1" : "0" }
      out += row.map(CSV.cell).joined(separator: ",") + "\n"
    }
    return out
  }

  /// How much each figure moves with each field: for each value of the field, the mean of
  /// the figure over the points with that value; the spread is the largest mean over the
  /// smallest (1 when the field does not matter; empty when a mean is not positive).
  public var sensitivityCSV: String {
    var out = "figure,field,value,points,mean,spread\n"
    for figure in figures {
      for field in fields {
        var groups: [String: (sum: Double, n: Int)] = [:]
        var order: [String] = []
        for p in points {
          guard let v = p.figures[figure], let key = p.fields[field]?.description else { continue }
          if groups[key] == nil { order.append(key) }
          groups[key, default: (0, 0)].sum += v
          groups[key]!.n += 1
        }
        guard groups.count > 1 else { continue }
        let means = order.map { groups[$0]!.sum / Double(groups[$0]!.n) }
        let spread =
          (means.min() ?? 0) > 0 ? String(means.max()! / means.min()!) : ""
        for (k, key) in order.enumerated() {
          out +=
            [figure, field, key, String(groups[key]!.n), String(means[k]), spread].map(CSV.cell)
            .joined(separator: ",") + "\n"
        }
      }
    }
    return out
  }

  /// The field each figure moves most with, and by how much (the largest spread).
  public var strongestFields: [(figure: String, field: String, spread: Double)] {
    var out: [(String, String, Double)] = []
    for figure in figures {
      var best: (String, Double)?
      for field in fields {
        var groups: [String: (Double, Int)] = [:]
        for p in points {
          guard let v = p.figures[figure], let key = p.fields[field]?.description else { continue }
          groups[key, default: (0, 0)].0 += v
          groups[key, default: (0, 0)].1 += 1
        }
        let means = groups.values.map { $0.0 / Double($0.1) }
        guard means.count > 1, let lo = means.min(), lo > 0 else { continue }
        let spread = means.max()! / lo
        if best == nil || spread > best!.1 { best = (field, spread) }
      }
      if let best { out.append((figure, best.0, best.1)) }
    }
    return out
  }
}
