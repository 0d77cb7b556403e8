import EnergyModel
import Foundation
import MachineDescription
import Workloads

/// Loads the machine a `--machine` option or argument names, with its energy table, turning
/// failures into messages that name the file and field.
enum MachineOption {
  /// The help of every option or argument that names one machine.
  static let help =
    "A preset (`qinssim machine list` shows them) or a machine description file (JSON, or TOML ending in .toml)."

  /// The help of every option that names several machines.
  static let listHelp =
    "Several machines side by side: comma-separated presets (`qinssim machine list`) or description files"
  /// Whether `nameOrPath` names a description file rather than a preset.
  static func isFile(_ nameOrPath: String) -> Bool { Presets.all[nameOrPath] == nil }

  static func load(_ nameOrPath: String) throws -> (MachineDescription, EnergyTable) {
    do {
      let machine = try MachineLoader.load(nameOrPath)
      return (machine, try EnergyTable.load(machine.energyTable))
    } catch let e as MachineLoader.Failure {
      throw CommandError(e.description)
    } catch {
      throw CommandError("\(error)")
    }
  }

  /// The names of a comma-separated `--machines` list, trimmed; an empty name is refused.
  static func names(_ list: String) throws -> [String] {
    let names = list.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    guard names.allSatisfy({ !$0.isEmpty }) else {
      throw CommandError("--machines needs a comma-separated list of presets or files")
    }
    return names
  }

  /// The description files a list names (for the checks that no output overwrites them).
  static func files(_ list: String) -> [String] {
    list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter(isFile)
  }

  /// The machines of a list, loaded, in order, with fp32-reference last.
  static func lineup(_ list: String, accumulator: AccumulatorChoice? = nil) throws
    -> [MachineDescription]
  {
    try TransformerExperiment.lineup(
      try names(list).map { try load($0).0 }, accumulator: accumulator)
  }
}
