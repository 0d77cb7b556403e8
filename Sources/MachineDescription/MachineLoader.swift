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
    var machine: MachineDescription
    do {
      machine =
        nameOrPath.hasSuffix(".toml")
        ? try MachineDescription(toml: String(decoding: data, as: UTF8.self))
        : try MachineDescription(json: data)
    } catch {
      throw Failure(description: "\(nameOrPath): \(error)")
    }
    // A relative energy table is beside the description, not in the working directory.
    if !MachineDescription.builtInEnergyTables.contains(machine.energyTable)
      && !machine.energyTable.hasPrefix("/")
    {
      let directory = URL(fileURLWithPath: nameOrPath).deletingLastPathComponent()
      machine.energyTable = directory.appendingPathComponent(machine.energyTable).path
    }
    if let problem = MachineDescription.nameProblem(machine.name) {
      throw Failure(description: "\(nameOrPath): name: \(problem)")
    }
    return machine
  }
}

extension MachineDescription {
  /// Names a machine description file may not take: `reference` is the FP32 numerical
  /// reference's, `fp32-reference` the built-in FP32 machine's that every comparison runs.
  public static let reservedNames: Set<String> = ["reference", Presets.fp32Reference.name]

  /// Why `name` cannot name a machine from a file, or nil: empty, longer than 100 characters,
  /// holding a control character (it would reach terminals and files raw), or reserved.
  public static func nameProblem(_ name: String) -> String? {
    if name.isEmpty { return "the machine's name is empty" }
    if name.count > 100 { return "the machine's name is longer than 100 characters" }
    if let c = name.unicodeScalars.first(where: PrintableText.isUnprintable) {
      let hex = String(c.value, radix: 16, uppercase: true)
      return
        "the machine's name holds a control character (U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex))"
    }
    if reservedNames.contains(name) {
      return name == "reference"
        ? "the machine's name 'reference' is reserved for the FP32 numerical reference"
        : "the machine's name '\(name)' is the built-in FP32 machine's, which every comparison runs; name yours differently"
    }
    return nil
  }
}
