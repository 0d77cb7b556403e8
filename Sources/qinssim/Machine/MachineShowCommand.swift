import ArgumentParser
import MachineDescription

/// `qinssim machine show`: a machine's full description as JSON.
struct MachineShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Print a machine description with every field, as JSON.",
    discussion: """
      MACHINE is a preset (qins-default, fp32-reference, tpu-v1-like) or a JSON file. The \
      output is a complete description: save it, edit it, and pass the file as --machine. \
      A file is checked as it is read: an unknown field, a wrong type or an out-of-range \
      value is an error naming the field. Docs/machine.md describes every field.
      """
  )

  @Argument(help: "A preset name or a machine description file.")
  var machine: String = "qins-default"

  func run() throws {
    do {
      print(try MachineLoader.load(machine).json, terminator: "")
    } catch {
      throw CommandError(error.description)
    }
  }
}
