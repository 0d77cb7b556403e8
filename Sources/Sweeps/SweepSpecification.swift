import Foundation
import QINSSupport
import TOML

/// A sweep as its spec file describes it: the workload, the machine every point starts from,
/// fields set on every point, a grid of values (every combination) and a list of points.
///
/// The spec is TOML, with comments:
///
/// ```toml
/// workload = "gemm"            # or "transformer"
/// machine = "qins-default"     # a preset or a description file (relative to the spec)
/// [set]                        # on every point
/// "gemm.k" = 256
/// [grid]                       # every combination; axes in name order, the last fastest
/// "array.rows" = [16, 32, 64]
/// "array.dataflow" = ["ws", "os"]
/// [[points]]                   # optional: a list, crossed with the grid
/// "gemm.m" = 64
/// ```
///
/// A field is a machine description's field by its path (`array.rows`,
/// `memories.spad.capacity_bytes`, `storage_format`), `machine` (another starting machine),
/// or one of the workload's fields (``SweepWorkloadKind/fields``).
public struct SweepSpecification: Sendable {
  public var workload: SweepWorkloadKind
  /// The starting machine: a preset name or a file path (resolved against the spec's folder).
  public var machine: String
  /// Fields set on every point.
  public var fixed: [(field: String, value: SweepValue)]
  /// The grid's axes, in order (the last varies fastest).
  public var grid: [(field: String, values: [SweepValue])]
  /// Listed points, each crossed with the grid (none: the grid alone).
  public var list: [[(field: String, value: SweepValue)]]

  public init(
    workload: SweepWorkloadKind, machine: String,
    fixed: [(field: String, value: SweepValue)] = [],
    grid: [(field: String, values: [SweepValue])] = [],
    list: [[(field: String, value: SweepValue)]] = []
  ) {
    self.workload = workload
    self.machine = machine
    self.fixed = fixed
    self.grid = grid
    self.list = list
  }

  /// The number of points: the grid's product times the list's length (or 1).
  public var pointCount: Int {
    grid.reduce(max(1, list.count)) { n, axis in
      n.multipliedReportingOverflow(by: axis.values.count).overflow
        ? Int.max : n * axis.values.count
    }
  }

  /// Every field a point may assign, in the order the results show them: the list's fields,
  /// then the grid's axes (fields set on every point are not columns).
  public var fields: [String] {
    var seen: [String] = []
    for p in list { for (f, _) in p where !seen.contains(f) { seen.append(f) } }
    for a in grid where !seen.contains(a.field) { seen.append(a.field) }
    return seen
  }

  /// Point `index`'s assignments: the fixed fields, then its list entry's, then its grid
  /// values (a later assignment of a field wins).
  public func assignments(of index: Int) -> [(field: String, value: SweepValue)] {
    var rest = index
    var gridValues: [(String, SweepValue)] = []
    for axis in grid.reversed() {
      gridValues.append((axis.field, axis.values[rest % axis.values.count]))
      rest /= axis.values.count
    }
    let listed = list.isEmpty ? [] : list[rest]
    return fixed + listed + gridValues.reversed()
  }

  /// A digest of everything that decides the points and what they run (not the spec's
  /// comments or layout): point files of another sweep are never mixed with this one's.
  public var digest: String {
    var text = "workload=\(workload.rawValue)\nmachine=\(machine)\n"
    for (f, v) in fixed { text += "set \(f)=\(v)\n" }
    for p in list {
      text += "point " + p.map { "\($0.field)=\($0.value)" }.joined(separator: ",") + "\n"
    }
    for a in grid {
      text += "axis \(a.field)=" + a.values.map(\.description).joined(separator: ",") + "\n"
    }
    var h = SHA256()
    h.update(Array(text.utf8))
    return SHA256.hex(of: h.finalize())
  }
}

extension SweepSpecification {
  /// Reads a spec file (TOML). A relative `machine` file is resolved against the spec's folder.
  public init(file path: String) throws(SweepError) {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw SweepError("\(path): \(InputFile.whyUnreadable(path))")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw SweepError("\(path): is not UTF-8 text")
    }
    try self.init(toml: text, source: path)
    if !machine.hasPrefix("/") && machine.contains(where: { $0 == "/" || $0 == "." }) {
      let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
      machine = folder.appendingPathComponent(machine).path
    }
  }

  /// Parses a spec's TOML text; `source` names it in messages.
  public init(toml text: String, source: String = "the spec") throws(SweepError) {
    let table: TOMLTable
    do { table = try TOMLParser.parse(text) } catch {
      throw SweepError("\(source):\(error.line):\(error.column): \(error.message)")
    }
    let known = ["workload", "machine", "set", "grid", "points"]
    for key in table.keys where !known.contains(key) {
      throw SweepError(
        "\(source): unknown key '\(key)' (a spec has \(known.joined(separator: ", ")))")
    }
    guard let kindName = table["workload"]?.string else {
      throw SweepError(
        "\(source): 'workload' must be one of \(SweepWorkloadKind.allCases.map(\.rawValue).joined(separator: ", "))"
      )
    }
    guard let kind = SweepWorkloadKind(rawValue: kindName) else {
      throw SweepError(
        "\(source): workload '\(kindName)' is not one of \(SweepWorkloadKind.allCases.map(\.rawValue).joined(separator: ", "))"
      )
    }
    let machine = table["machine"].map { $0.string } ?? "qins-default"
    guard let machine else { throw SweepError("\(source): 'machine' must be a string") }

    func value(_ v: TOMLValue, _ field: String) throws(SweepError) -> SweepValue {
      switch v {
      case .integer(let i):
        guard let n = Int(exactly: i) else { throw SweepError("\(source): \(field) is too large") }
        return .integer(n)
      case .float(let d):
        guard d.isFinite else {
          throw SweepError("\(source): \(field) must be a finite number, not \(d)")
        }
        return .number(d)
      case .string(let s): return .text(s)
      case .boolean(let b): return .flag(b)
      default:
        throw SweepError(
          "\(source): \(field) must be a number, a string or true/false, not \(v.kindName)")
      }
    }
    func assignments(_ t: TOMLTable, _ what: String) throws(SweepError) -> [(
      field: String, value: SweepValue
    )] {
      var out: [(field: String, value: SweepValue)] = []
      for key in t.keys.sorted() {
        out.append((key, try value(t[key]!, "\(what) \(key)")))
      }
      return out
    }
    var fixed: [(field: String, value: SweepValue)] = []
    if let s = table["set"] {
      guard let t = s.table else { throw SweepError("\(source): [set] must be a table") }
      fixed = try assignments(t, "[set]")
    }
    var grid: [(field: String, values: [SweepValue])] = []
    if let g = table["grid"] {
      guard let t = g.table else { throw SweepError("\(source): [grid] must be a table") }
      for key in t.keys.sorted() {
        guard let array = t[key]!.array else {
          throw SweepError("\(source): [grid] \(key) must be a list of values, like [16, 32]")
        }
        guard !array.isEmpty else {
          throw SweepError(
            "\(source): [grid] \(key) is empty: a grid axis needs at least one value")
        }
        var values: [SweepValue] = []
        for v in array { values.append(try value(v, "[grid] \(key)")) }
        guard Set(values).count == values.count else {
          throw SweepError("\(source): [grid] \(key) names a value twice")
        }
        grid.append((key, values))
      }
    }
    var list: [[(field: String, value: SweepValue)]] = []
    if let p = table["points"] {
      guard let array = p.array else {
        throw SweepError("\(source): points must be a list of tables ([[points]])")
      }
      for (i, entry) in array.enumerated() {
        guard let t = entry.table else {
          throw SweepError("\(source): points[\(i)] must be a table of fields")
        }
        list.append(try assignments(t, "points[\(i)]"))
      }
    }
    self.init(workload: kind, machine: machine, fixed: fixed, grid: grid, list: list)
    try checkFields(source)
  }

  /// Refuses a field that is neither a machine field nor one of the workload's.
  func checkFields(_ source: String) throws(SweepError) {
    let all = fixed.map(\.field) + grid.map(\.field) + list.flatMap { $0.map(\.field) }
    let workloadFields = workload.fields.map(\.name)
    for f in all {
      if f == "machine" || f == "name" { continue }
      if let prefix = f.split(separator: ".").first,
        SweepWorkloadKind.allCases.contains(where: { $0.rawValue == prefix })
      {
        guard workloadFields.contains(f) else {
          throw SweepError(
            "\(source): unknown field \(f) for a \(workload.rawValue) sweep (its fields: \(workloadFields.joined(separator: ", ")))"
          )
        }
      }
    }
    if all.contains("name") {
      throw SweepError("\(source): a point's machine name is made by the sweep; do not set 'name'")
    }
  }
}
