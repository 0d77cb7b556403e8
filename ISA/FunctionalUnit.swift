/// The machine's functional units. Each instruction occupies one; independent units
/// overlap, and the control core's scoreboard stalls an instruction whose unit is busy or
/// whose operands are still being written.
public enum FunctionalUnit: String, CaseIterable, Sendable {
  /// Fetch, decode, scalar registers, branches, synchronisation.
  case control
  /// The DMA engine: tiles between memory levels, asynchronous, completion by tag.
  case dma
  /// The LUT vector ALU: N lanes of table look-ups and conversions.
  case alu
  /// The systolic array.
  case array
  /// The FP32 special function unit.
  case sfu
}

/// How an instruction's time is computed; the machine description gives each class its
/// figures (latency, throughput per cycle), so the ISA says *what kind* of work, not how long.
public enum LatencyClass: String, CaseIterable, Sendable {
  /// A scalar integer operation: one cycle.
  case scalar
  /// A branch or jump: resolved in the control core.
  case branch
  /// Waits for outstanding asynchronous work; no work of its own.
  case sync
  /// Writes a unit's configuration registers.
  case config
  /// A DMA transfer: bandwidth and latency of the two memory levels.
  case dma
  /// Element-wise table look-ups in the LUT ALU lanes.
  case lut
  /// Conversions between formats in the LUT ALU lanes.
  case convert
  /// Loading the stationary operand into the array.
  case arrayLoad
  /// Streaming a GEMM tile through the array.
  case arrayCompute
  /// Element-wise FP32 arithmetic in the SFU.
  case sfuElementwise
  /// FP32 transcendental functions (exp, SiLU, GELU, rsqrt, RoPE's sin/cos).
  case sfuTranscendental
  /// FP32 row reductions (softmax, layer norm, RMS norm).
  case sfuReduction
}

extension FunctionalUnit {
  /// The asynchronous units, which `wait all` and `halt` wait for.
  public static let asynchronous: [FunctionalUnit] = [.dma, .alu, .sfu, .array]

  /// The units a `wait` operand's keyword (an index into ``OperandKind/units``' keywords)
  /// selects: `all` is every asynchronous unit, a unit's name that unit; nil for an index
  /// outside the list.
  public static func waited(keyword index: Int) -> [FunctionalUnit]? {
    let names = OperandKind.units.keywords
    guard names.indices.contains(index) else { return nil }
    if let unit = FunctionalUnit(rawValue: names[index]) { return [unit] }
    return names[index] == "all" ? asynchronous : nil
  }
}
