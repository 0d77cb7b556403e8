import ArgumentParser
import MachineDescription

/// `qinssim machine list`: every preset, one line each.
struct MachineListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List the preset machines: storage, product path, scales, array.",
    discussion: """
      Every --machine and --machines option takes one of these names, or a machine \
      description file (qinssim machine show NAME --toml > m.toml prints a documented copy of \
      a preset to start one from). Docs/machine.md describes every field.
      """
  )

  func run() throws {
    var table = TextTable("machine", "storage", "product", "scales", "array, clock, DRAM")
    table.leftAligned = true
    for name in Presets.names {
      let m = Presets.all[name]!
      table.add(name, m.storageName, m.productSummary, m.scalesSummary, m.shapeSummary)
    }
    print(table.rendered)
  }
}
