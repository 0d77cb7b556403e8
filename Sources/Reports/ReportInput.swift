import Foundation
import Sweeps

/// What `qinssim report` reads: the JSON that `run --stats`, `transformer --json` and
/// `gemm --json` write, and Chrome traces (`run --trace X.json`) for the plots over time.
public enum ReportInput {
  case runStatistics(name: String, [String: Any])
  /// `transformer --stats`: several machines' statistics, each plotted as a run's.
  case runStatisticsByMachine(name: String, [(machine: String, statistics: [String: Any])])
  case transformer(name: String, [String: Any])
  case gemm(name: String, [String: Any])
  /// A trace's counters: power and each unit's utilisation per window, time in microseconds.
  case trace(name: String, counters: [String: [(x: Double, y: Double)]])
  /// A sweep's folder (its sweep.json and point files).
  case sweep(name: String, SweepTable)

  /// Reads `path` and tells its kind from its content.
  public static func read(_ path: String) throws(ReportError) -> ReportInput {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
      isDirectory.boolValue
    {
      let d = SweepDirectory(path: path)
      do {
        let m = try d.manifest()
        let points = try d.points(of: m.sweep)
        return .sweep(
          name: path,
          SweepTable(workload: m.workload, fields: m.fields, points: Array(points.values)))
      } catch { throw ReportError("\(path): \(error)") }
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ReportError("\(path): cannot be read")
    }
    return try parse(data, name: URL(fileURLWithPath: path).lastPathComponent, path: path)
  }

  /// Tells the kind of a command's JSON output (or a trace) held in memory.
  public static func parse(_ data: Data, name: String, path: String? = nil) throws(ReportError)
    -> ReportInput
  {
    let path = path ?? name
    if data.first == UInt8(ascii: "[") { return .trace(name: name, counters: traceCounters(data)) }
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw ReportError(
        "\(path): not JSON written by qinssim (run --stats, transformer --json, gemm --json) nor a Chrome trace"
      )
    }
    if object["machine_order"] != nil && object["machines"] != nil {
      return .transformer(name: name, object)
    }
    if object["issue_stalls"] != nil && object["energy"] != nil {
      return .runStatistics(name: name, object)
    }
    if let order = object["machine_order"] as? [String],
      let byMachine = object["statistics_by_machine"] as? [String: [String: Any]],
      order.allSatisfy({ byMachine[$0] != nil })
    {
      return .runStatisticsByMachine(name: name, order.map { ($0, byMachine[$0]!) })
    }
    if object["total_cycles"] != nil && object["folds"] != nil { return .gemm(name: name, object) }
    throw ReportError(
      "\(path): not JSON written by qinssim run --stats, transformer --json, transformer --stats or gemm --json"
    )
  }

  /// The counter events of a Chrome trace written by qinssim (one event a line).
  static func traceCounters(_ data: Data) -> [String: [(x: Double, y: Double)]] {
    var out: [String: [(x: Double, y: Double)]] = [:]
    for line in data.split(separator: UInt8(ascii: "\n")) {
      guard line.count < 4096, let text = String(bytes: line, encoding: .utf8),
        text.contains("\"ph\":\"C\"")
      else { continue }
      var body = text
      if body.hasSuffix(",") { body.removeLast() }
      guard let e = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
        let name = e["name"] as? String, let ts = e["ts"] as? Double,
        let value = (e["args"] as? [String: Any])?["value"] as? Double
      else { continue }
      out[name, default: []].append((ts, value))
    }
    return out
  }
}
