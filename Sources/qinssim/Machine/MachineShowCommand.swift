import ArgumentParser
import MachineDescription

/// `qinssim machine show`: a machine's full description as JSON.
struct MachineShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Print a machine description with every field, as JSON.",
    discussion: """
      MACHINE is a preset (qinssim machine list shows them) or a description file: \
      JSON, or TOML when its name ends in .toml. The output is a complete description \
      (JSON, or with --toml commented TOML): save it, edit it, and pass the file as --machine. \
      A file is checked as it is read: an unknown field, a wrong type or an out-of-range \
      value is an error naming the field. Docs/machine.md describes every field.
      """
  )

  @Argument(help: ArgumentHelp(MachineOption.help, valueName: "machine"))
  var machine: String = "qins-default"
  @Flag(help: "Print TOML with a comment on every field (a documented copy to start a file from).")
  var toml = false

  func run() throws {
    do {
      let m = try MachineLoader.load(machine)
      print(toml ? m.toml : m.json, terminator: "")
    } catch {
      throw CommandError(error.description)
    }
  }
}
