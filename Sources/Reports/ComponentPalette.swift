/// Colours of energy components, grouped so that a stacked plot reads by kind: DRAM in red,
/// on-chip memories in blues, the array in greens, the other units in oranges and purples,
/// leakage in greys; within a group each component gets its own shade.
enum ComponentPalette {
  enum Group: Int, CaseIterable {
    case dram, memory, array, units, leakage

    var shades: [String] {
      switch self {
      case .dram: ["#b2182b", "#d6604d"]
      case .memory: ["#2166ac", "#4393c3", "#92c5de", "#053061"]
      case .array: ["#1b7837", "#5aae61", "#a6dba0"]
      case .units: ["#e08214", "#fdb863", "#8073ac", "#b2abd2", "#c51b7d", "#de77ae"]
      case .leakage:
        [
          "#252525", "#404040", "#525252", "#636363", "#737373", "#878787", "#969696", "#a8a8a8",
          "#bdbdbd", "#d0d0d0", "#e0e0e0",
        ]
      }
    }
  }

  /// The group of a component of `energy_by_component_pj`.
  static func group(_ component: String) -> Group {
    if component.hasSuffix("_leakage") { return .leakage }
    switch component {
    case "dram": return .dram
    case "spad", "lbuf", "acc": return .memory
    case "array": return .array
    default: return .units
    }
  }

  /// `components` ordered by group, then by name.
  static func ordered(_ components: [String]) -> [String] {
    components.sorted { (group($0).rawValue, $0) < (group($1).rawValue, $1) }
  }

  /// Each component's colour: its group's shades in order of the components of that group
  /// (cycling only past a group's last shade).
  static func colours(_ components: [String]) -> [String: String] {
    var out: [String: String] = [:]
    for g in Group.allCases {
      let members = ordered(components).filter { group($0) == g }
      for (i, c) in members.enumerated() { out[c] = g.shades[i % g.shades.count] }
    }
    return out
  }
}
