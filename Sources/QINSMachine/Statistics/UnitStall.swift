import FPINSISA

/// Why cycles were lost inside a unit or a memory (beside the issue stalls of the control
/// core).
enum UnitStallCause: String {
  /// An operand was still being written by an earlier operation.
  case dataDependency = "data_dependency"
  /// The memories needed more cycles than the computation.
  case memoryBandwidth = "memory_bandwidth"
  /// PEs or lanes waited for a shared table port.
  case tablePortConflict = "table_port_conflict"
  /// Accesses to one bank of a memory were serialised.
  case bankConflict = "bank_conflict"
  /// The scale unit at the unit's output took longer to choose the written values' scales
  /// than the unit took to compute them.
  case scaleUnit = "scale_unit"
}

/// Where cycles were lost, and why. Its ``name`` (`alu_table_port_conflict`,
/// `spad_bank_conflict`) is the key of `unit_stalls` in `--stats`.
struct UnitStall: Hashable {
  var place: MachinePart
  var cause: UnitStallCause

  static func unit(_ u: FunctionalUnit, _ cause: UnitStallCause) -> Self {
    Self(place: .unit(u), cause: cause)
  }

  static func memory(_ m: MemorySpace, _ cause: UnitStallCause) -> Self {
    Self(place: .memory(m), cause: cause)
  }

  var name: String { "\(place.name)_\(cause.rawValue)" }
}
