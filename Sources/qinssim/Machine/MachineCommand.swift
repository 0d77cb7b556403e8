import ArgumentParser

/// `qinssim machine`: inspect machine descriptions and what they cost.
struct MachineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "machine",
    abstract:
      "List the preset machines, show machine descriptions, check a description file, show what a machine costs.",
    subcommands: [MachineListCommand.self, MachineShowCommand.self, MachineCostsCommand.self]
  )
}
