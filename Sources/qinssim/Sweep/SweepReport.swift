import Foundation
import Reports
import Sweeps

/// The HTML report a sweep writes beside its tables: DIR/report.html.
enum SweepReport {
  static func write(_ table: SweepTable, in directory: String) throws {
    let charts = ReportBuilder.sweepCharts(directory, table)
    guard !charts.isEmpty else { return }
    do {
      let html = try HTMLReport.html(
        title: "qins sweep: \(directory)", inputs: [directory + "/results.csv"], charts: charts)
      try OutputFiles.write(
        Data(html.utf8), to: URL(fileURLWithPath: directory).appendingPathComponent("report.html"))
    } catch let e as ReportError {
      throw CommandError(e.description)
    }
  }
}
