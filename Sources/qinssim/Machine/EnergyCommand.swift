import ArgumentParser
import EnergyModel
import Foundation

/// `qinssim energy`: an action-energy table.
struct EnergyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "energy",
    abstract: "Print an action-energy table (component, action, value, unit, source).",
    discussion: """
      `default` is the built-in table of published figures and assumptions; `synthesized` is \
      the circuit flow's (Docs/circuits.md): its logic entries come from synthesized Verilog \
      and gate-level switching, each with its source (module, gates, toggles per operation, \
      operands). A file is checked and printed. Save a table, edit it, and name the file in a \
      machine description's energy_table field (or pass it to --energy-table).
      """
  )

  @Option(help: "default, synthesized, or a table file.") var table = "default"

  func run() throws {
    if let text = EnergyTable.builtInTexts[table] {
      print(text)
      return
    }
    do { _ = try EnergyTable.load(table) } catch { throw CommandError("--table: \(error)") }
    print(String(decoding: FileManager.default.contents(atPath: table) ?? Data(), as: UTF8.self))
  }
}
