import QINSMachine
import QINSSupport

/// `--csv FILE` on the commands that run programs: a row per machine, scope (a layer, a
/// phase, or `all`) and operator, with cycles, bytes, energy by component, stalls by cause
/// and the bounds (``OperatorTable``; Docs/simulator.md lists the columns).
enum CSVOption {
  static let help =
    "Write every machine's figures per layer (or phase) and per operator as CSV to this file: cycles, bytes per memory level, energy by component, stalls by cause, the bounds and the fraction reached."

  static func write(_ table: OperatorTable, to path: String) throws {
    do {
      try OutputFile.write(Array(table.csv.utf8), to: path)
    } catch {
      throw CommandError("--csv: \(error)")
    }
  }
}
