import FPINSISA

/// Where a tensor sits in its memory level once the machine's value widths are known.
public struct TensorPlacement: Hashable, Sendable {
  public var space: MemorySpace
  /// First byte, a multiple of the tensor's alignment.
  public var byteOffset: Int
  /// Bytes the tensor occupies.
  public var byteCount: Int
  /// Bytes per value in the resolved format.
  public var bytesPerValue: Int
}

/// Lays tensors out in their memory levels: in declaration order, each at the next offset
/// that meets its alignment. The assembler's listing and the simulator's loader use this one
/// function, so the layout a user reads is the layout the machine uses.
public enum TensorLayout {
  /// Places `tensors` with `storage` and `acc` tensors taking the given widths.
  public static func place(
    _ tensors: [TensorDeclaration], storageBytesPerValue: Int, accumulatorBytesPerValue: Int
  ) -> (placements: [TensorPlacement], bytesUsed: [MemorySpace: Int]) {
    var next: [MemorySpace: Int] = [:]
    var placements: [TensorPlacement] = []
    for t in tensors {
      let width =
        t.format.bytesPerValue
        ?? (t.format == .accumulator ? accumulatorBytesPerValue : storageBytesPerValue)
      let start = next[t.space, default: 0]
      let aligned = (start + t.alignment - 1) / t.alignment * t.alignment
      let bytes = t.elementCount * width
      placements.append(
        TensorPlacement(space: t.space, byteOffset: aligned, byteCount: bytes, bytesPerValue: width)
      )
      next[t.space] = aligned + bytes
    }
    return (placements, next)
  }
}
