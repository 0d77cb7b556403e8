import ArgumentParser
import Foundation
import QINSSupport
import Reports

/// `qinssim report`: one self-contained HTML file of plots from the commands' outputs.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write one self-contained HTML report of plots from qinssim's JSON and traces.",
    discussion: """
      INPUT files are the JSON that `run --stats`, `transformer --json` and `gemm --json` \
      write (their kind is told from their content) and Chrome traces from `run --trace \
      X.json` for the plots over time. Plots: energy by component and by instruction class, \
      cycles and stalls by cause, bytes per memory level, unit utilisation (one bar per \
      input: machine against machine); per transformer run, energy by component per machine, \
      cycles and the per-layer error; per GEMM, its roofline; per trace, power and unit \
      utilisation over time. The file inlines Chart.js 3.9.1 (MIT) and fetches nothing.
      """
  )

  @Argument(help: "The JSON files and traces to plot.") var inputs: [String]
  @Option(name: [.short, .customLong("output")], help: "The HTML file to write.") var output: String
  @Option(help: "The report's title.") var title = "qins report"

  func validate() throws {
    guard !inputs.isEmpty else { throw ValidationError("Give at least one input.") }
    try OutputPaths.refuseInputs([output], inputs: inputs)
  }

  func run() throws {
    var read: [ReportInput] = []
    for i in inputs {
      do { read.append(try ReportInput.read(i)) } catch { throw CommandError(error.description) }
    }
    let charts = ReportBuilder.charts(read)
    guard !charts.isEmpty else {
      throw CommandError("nothing to plot in \(inputs.joined(separator: ", "))")
    }
    let html: String
    do { html = try HTMLReport.html(title: title, inputs: inputs, charts: charts) } catch {
      throw CommandError(error.description)
    }
    try OutputFiles.write(Data(html.utf8), to: URL(fileURLWithPath: output))
    print("\(charts.count) plots in \(output)")
  }
}
