import ArgumentParser
import Circuits
import Foundation
import QINSSupport

/// `qinssim circuits synthesize` (the default of `qinssim circuits`): the machine's circuits
/// synthesized, with what they take.
struct CircuitsSynthesizeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "synthesize",
    abstract: "Synthesize the Verilog of the PEs, the LUT ALU lane and the converters with Yosys.",
    discussion: """
      Each circuit is a module of Sources/RTL (proven equal to the simulator's arithmetic by \
      the test suite) synthesized to generic two-input gates and multiplexers: gates, \
      flip-flops, transistors of a static CMOS implementation, NAND2-equivalent area \
      (transistors / 4), area at 45 nm (a NAND2 of the Nangate 45 nm Open Cell Library, \
      0.798 µm², cells only: no wires or placement) and logic depth in gates. \
      Docs/circuits.md explains the flow and the figures. Needs yosys (apt-get install yosys) \
      and a checkout of qins: the Verilog is read from Sources/RTL.
      """
  )

  @Option(
    name: .customLong("circuit"),
    help: "A circuit to synthesize (repeat for several; default: all). --list names them.")
  var circuits: [String] = []

  @Flag(help: "List the circuits and exit.")
  var list = false

  @Option(parsing: .unconditional, help: "Also write the reports as JSON to this file.")
  var json: String?

  func validate() throws {
    for name in circuits where CircuitCatalog.circuit(named: name) == nil {
      throw ValidationError(
        "unknown circuit '\(name)'; circuits: \(CircuitCatalog.all.map(\.name).joined(separator: ", "))"
      )
    }
  }

  func run() throws {
    if list {
      var table = TextTable("circuit", "module", "what it is")
      table.leftAligned = true
      for c in CircuitCatalog.all { table.add(c.name, c.module, c.role) }
      print(table.rendered)
      return
    }
    guard FileManager.default.fileExists(atPath: RTLSources.folder.path) else {
      throw CommandError(
        "the Verilog is not at \(RTLSources.folder.path): run qinssim circuits from the checkout it was built in"
      )
    }
    let yosys = try Yosys.find()
    let chosen =
      circuits.isEmpty ? CircuitCatalog.all : circuits.map { CircuitCatalog.circuit(named: $0)! }
    let progress = ProgressDisplay.standardError()
    var reports: [SynthesisReport] = []
    for circuit in chosen {
      progress.note("synthesizing \(circuit.name)")
      reports.append(
        try yosys.synthesize(module: circuit.module, parameters: circuit.parameters).report)
    }
    progress.clear()
    var table = TextTable(
      "circuit", "gates", "flip-flops", "transistors", "NAND2 eq.", "µm² at 45 nm", "depth")
    for (circuit, r) in zip(chosen, reports) {
      table.add(
        circuit.name, "\(r.gates)", "\(r.flipFlops)", "\(r.transistors)",
        String(format: "%.0f", r.nand2Equivalents),
        String(format: "%.0f", r.squareMillimetres45nm * 1e6),
        "\(r.depth)")
    }
    if let json {
      let rows = zip(chosen, reports).map { CircuitReport(circuit: $0, synthesis: $1) }
      try OutputFile.write(Array(try JSONOutput.string(rows).utf8), to: json)
    }
    print(table.rendered)
  }
}

/// One circuit and its synthesis, as `--json` writes it.
struct CircuitReport: Encodable {
  var circuit: Circuit
  var synthesis: SynthesisReport
}
