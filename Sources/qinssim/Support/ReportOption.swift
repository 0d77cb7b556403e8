import Foundation
import Reports

/// `--report FILE` on the experiment commands: the HTML report of what the command just
/// wrote as JSON (and of its Chrome traces), as `qinssim report` would make it.
enum ReportOption {
  static let help = "Write an HTML report of the figures (plots; opens offline) to this file."

  static func write(_ json: Data, name: String, traces: [String] = [], to path: String) throws {
    do {
      var inputs = [try ReportInput.parse(json, name: name)]
      for t in traces where t.hasSuffix(".json") { inputs.append(try ReportInput.read(t)) }
      let html = try HTMLReport.html(
        title: "qins report: \(name)", inputs: [name] + traces.filter { $0.hasSuffix(".json") },
        charts: ReportBuilder.charts(inputs))
      try OutputFiles.write(Data(html.utf8), to: URL(fileURLWithPath: path))
    } catch let e as ReportError {
      throw CommandError("--report: \(e)")
    }
  }
}
