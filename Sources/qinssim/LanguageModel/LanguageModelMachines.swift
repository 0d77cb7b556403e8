import MachineDescription

/// The machines of a language-model command: the chosen one, then fp32-reference.
enum LanguageModelMachines {
  static func list(_ name: String) throws -> [MachineDescription] {
    let chosen = try MachineOption.load(name).0
    return chosen.name == Presets.fp32Reference.name ? [chosen] : [chosen, Presets.fp32Reference]
  }
}
