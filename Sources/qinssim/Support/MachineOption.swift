import EnergyModel
import MachineDescription

/// Loads the machine a `--machine` option or argument names, with its energy table, turning
/// failures into messages that name the file and field.
enum MachineOption {
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
}
