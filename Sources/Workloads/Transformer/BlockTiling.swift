import FP32Reference
import MachineDescription
import ProgramLibrary
import QBinary
import QINSAssembler

/// A transformer block program assembled for a model's dimensions and tiled for the machines
/// that will run it.
public enum BlockTiling {
  /// Assembles the block program `program` of `source`: GEMM tiles the largest of the arrays' smallest
  /// side, 128, 64 or 32 that divides the model's sizes; rows per SFU tile the largest of 16,
  /// 8, 4, 2, 1 that divides the sequence and whose buffers fit every machine's scratchpad
  /// and accumulator memory (checked with the machines' own layout). `defines` are added to
  /// the shared constants (SEQ, HIDDEN, HEADS, HEAD_DIM, INTER, EPS, TN, TK, TR).
  public static func assemble(
    _ program: String, from source: ProgramSource, _ d: TransformerDimensions, seq: Int,
    machines: [MachineDescription],
    defines: [(String, String)] = []
  ) throws(WorkloadError) -> ProgramImage {
    let arrayLimit = machines.map { min($0.array.rows, $0.array.cols) }.min() ?? 128
    let tile = ([arrayLimit, 128, 64, 32].filter { $0 <= arrayLimit } + [32]).first {
      d.hidden % $0 == 0 && d.intermediate % $0 == 0
    }!
    var failures: [String] = []
    for rows in [16, 8, 4, 2, 1] where seq % rows == 0 {
      let defines =
        [
          ("SEQ", "\(seq)"), ("HIDDEN", "\(d.hidden)"), ("HEADS", "\(d.heads)"),
          ("HEAD_DIM", "\(d.headDim)"), ("INTER", "\(d.intermediate)"), ("EPS", "\(d.normEps)"),
          ("TN", "\(tile)"), ("TK", "\(tile)"), ("TR", "\(rows)"),
        ] + defines
      let assembled = source.assemble(program, defines: defines)
      guard let image = assembled.image else {
        throw WorkloadError(
          "\(source.path(of: program)) did not assemble: "
            + assembled.diagnostics.map(\.description).joined(separator: "; "))
      }
      if OnChipFit.fits(image, on: machines) { return image }
      failures.append("\(rows)")
    }
    throw WorkloadError(
      "the block's buffers do not fit the machine's scratchpad or accumulator memory with \(failures.joined(separator: ", ")) rows per tile; use a machine with more on-chip memory or a shorter --seq"
    )
  }
}
