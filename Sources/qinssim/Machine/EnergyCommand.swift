import ArgumentParser
import EnergyModel

/// `qinssim energy`: the action-energy table.
struct EnergyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "energy",
    abstract: "Print the built-in action-energy table (component, action, value, unit, source).",
    discussion: "Save it, edit it, and name the file in a machine description's energy_table field."
  )

  func run() throws {
    print(DefaultEnergyTable.text)
  }
}
