import MachineDescription

/// The machines of a language-model command: the chosen one, then fp32-reference.
enum LanguageModelMachines {
  static func list(_ name: String) throws -> [MachineDescription] {
    let chosen = try MachineOption.load(name).0
    return chosen.name == Presets.fp32Reference.name ? [chosen] : [chosen, Presets.fp32Reference]
  }

  /// A line saying that a machine is other hardware than fp32-reference (its clock, array or
  /// memories differ, `parts`), so that its ratios compare more than formats.
  static func hardwareNote(machine: String, parts: [String]) -> String {
    "Note: \(machine) is other hardware than fp32-reference (\(parts.joined(separator: ", "))): its costs beside fp32-reference's compare that hardware as well as the formats."
  }

  /// The lines of ``hardwareNote(machine:parts:)`` for the machines of `list` that need one;
  /// nil when none does.
  static func hardwareNote(_ list: [MachineDescription]) -> String? {
    let fp32 = list.last { $0.name == Presets.fp32Reference.name } ?? Presets.fp32Reference
    let notes = list.compactMap { m -> String? in
      let parts = m.platformDifferences(from: fp32)
      return parts.isEmpty ? nil : hardwareNote(machine: m.name, parts: parts)
    }
    return notes.isEmpty ? nil : notes.joined(separator: "\n")
  }
}
