/// The section of the ISA an instruction belongs to, in the reference's order.
public enum InstructionGroup: String, CaseIterable, Sendable {
  case control, dma, alu, array, sfu

  /// The section's title in the reference.
  public var title: String {
    switch self {
    case .control: "Scalar and control"
    case .dma: "DMA"
    case .alu: "LUT vector ALU"
    case .array: "Systolic array"
    case .sfu: "Special function unit (FP32)"
    }
  }
}
