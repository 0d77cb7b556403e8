import ArgumentParser
import EnergyModel
import Foundation
import MachineDescription

/// `--energy-table`: one action-energy table for every machine of a comparison, so that a
/// verdict can be read under the synthesized table as well as the default one.
struct EnergyTableOption: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Price every machine of the run, fp32-reference included, with this action-energy table: default, synthesized (the circuit flow's, Docs/circuits.md) or a table file. Default: each machine's own energy_table.",
      valueName: "table"))
  var energyTable: String?

  /// `machines` with the table set, checked first (a table that cannot be read stops the
  /// command before any run).
  func apply(_ machines: [MachineDescription]) throws -> [MachineDescription] {
    guard let energyTable else { return machines }
    do { _ = try EnergyTable.load(energyTable) } catch {
      throw CommandError("--energy-table: \(error)")
    }
    let name =
      MachineDescription.builtInEnergyTables.contains(energyTable)
      ? energyTable : URL(fileURLWithPath: energyTable).path
    return machines.map {
      var m = $0
      m.energyTable = name
      return m
    }
  }
}
