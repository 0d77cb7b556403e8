import MachineDescription
import QBinary

/// Whether a program's on-chip buffers fit machines' memories.
public enum OnChipFit {
  /// Whether `image`'s scratchpad and accumulator tensors, laid out as each machine lays them
  /// out (its storage and accumulator widths), fit each machine's capacities.
  public static func fits(_ image: ProgramImage, on machines: [MachineDescription]) -> Bool {
    machines.allSatisfy { m in
      let used = TensorLayout.place(
        image.tensors, storageBytesPerValue: m.storageBytesPerValue,
        accumulatorBytesPerValue: m.accumulatorFormat.bytesPerValue
      ).bytesUsed
      return (used[.spad] ?? 0) <= m.spad.capacityBytes && (used[.acc] ?? 0) <= m.acc.capacityBytes
    }
  }
}
