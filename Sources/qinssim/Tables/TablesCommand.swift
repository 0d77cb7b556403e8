import ArgumentParser

/// `qinssim tables`: the QINS8 lookup tables.
struct TablesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tables",
    abstract: "Export the QINS8 lookup tables or measure their error.",
    subcommands: [TablesExportCommand.self, TablesStatsCommand.self]
  )
}
