import Foundation
import QINSSupport

/// Finds a machine by preset name or file path.
public enum MachineLoader {
  /// Why a machine could not be loaded, naming the file and the field.
  public struct Failure: Error, CustomStringConvertible {
    public let description: String
  }

  public static func load(_ nameOrPath: String) throws(Failure) -> MachineDescription {
    if let preset = Presets.all[nameOrPath] { return preset }
    guard FileManager.default.fileExists(atPath: nameOrPath) else {
      throw Failure(
        description:
          "'\(nameOrPath)' is neither a preset (\(Presets.names.joined(separator: ", "))) nor a file"
      )
    }
    guard let data = FileManager.default.contents(atPath: nameOrPath) else {
      throw Failure(description: "\(nameOrPath): \(InputFile.whyUnreadable(nameOrPath))")
    }
    do {
      var machine =
        nameOrPath.hasSuffix(".toml")
        ? try MachineDescription(toml: String(decoding: data, as: UTF8.self))
        : try MachineDescription(json: data)
      // A relative energy table is beside the description, not in the working directory.
      if machine.energyTable != "default" && !machine.energyTable.hasPrefix("/") {
        let directory = URL(fileURLWithPath: nameOrPath).deletingLastPathComponent()
        machine.energyTable = directory.appendingPathComponent(machine.energyTable).path
      }
      return machine
    } catch {
      throw Failure(description: "\(nameOrPath): \(error)")
    }
  }
}
