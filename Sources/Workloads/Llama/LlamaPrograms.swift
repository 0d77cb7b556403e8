import FP32Reference
import Foundation
import MachineDescription
import ProgramLibrary
import QBinary
import QINSAssembler
import QINSSupport

/// The programs of a Llama-family model, assembled for its dimensions and tiled for the
/// machines that run them: Programs/llama_prefill.qasm and llama_decode.qasm (one decoder
/// layer: SEQ tokens after POS cached positions, against a cache of CTX positions) and
/// llama_head.qasm (final norm and output head).
///
/// GEMM tiles are the largest of the arrays' smallest side, 128, 64 and 32 that divides every
/// matrix dimension, except that the MLP's gate and up projections and the head take column
/// tiles as wide as their own N allows (TNI, TNH); rows per SFU tile the largest of 16, 8, 4,
/// 2, 1 that divides SEQ and whose buffers fit every machine's scratchpad and accumulator memory. Assembled images are kept
/// by (kind, SEQ, POS), under a lock: the machines of an experiment share them from their
/// threads.
public final class LlamaPrograms: Sendable {
  public enum Kind: String, Sendable { case layer, head }

  /// Where the programs are read from.
  public let source: ProgramSource
  public let configuration: LlamaConfiguration
  /// The KV cache's positions (CTX).
  public let contextCapacity: Int
  let machines: [MachineDescription]
  let tile: Int
  let intermediateTile: Int
  let headTile: Int
  private let images = Locked<[String: ProgramImage]>([:])

  public init(
    source: ProgramSource, configuration c: LlamaConfiguration, contextCapacity: Int,
    machines: [MachineDescription]
  ) throws(WorkloadError) {
    self.source = source
    configuration = c
    self.contextCapacity = contextCapacity
    self.machines = machines
    let arrayLimit = machines.map { min($0.array.rows, $0.array.cols) }.min() ?? 128
    let sizes = [c.hidden, c.intermediate, c.heads * c.headDim, c.kvWidth, c.vocabulary]
    guard
      let tile = ([arrayLimit, 128, 64, 32].filter { $0 <= arrayLimit } + [32]).first(where: {
        t in sizes.allSatisfy { $0 % t == 0 }
      })
    else {
      throw WorkloadError(
        "the model's sizes \(sizes) are not all multiples of 32, which the programs' GEMM tiles need"
      )
    }
    self.tile = tile
    // Column tiles of the MLP's gate and up projections and of the head: as wide as the
    // array allows and the dimension divides (the column tile does not change any sum, the
    // K tile would).
    func wide(_ n: Int) -> Int {
      ([arrayLimit, 128, 64, 32].filter { $0 <= arrayLimit && $0 >= tile } + [tile]).first {
        n % $0 == 0 && $0 % tile == 0
      }!
    }
    intermediateTile = wide(c.intermediate)
    headTile = wide(c.vocabulary)
  }

  /// The decoder layer for `seq` tokens after `position` cached ones (prefill: position 0;
  /// decode: seq 1).
  public func layer(seq: Int, position: Int) throws(WorkloadError) -> ProgramImage {
    try image(.layer, seq: seq, position: position)
  }

  /// The final norm and output head for `seq` rows.
  public func head(seq: Int) throws(WorkloadError) -> ProgramImage {
    try image(.head, seq: seq, position: 0)
  }

  func image(_ kind: Kind, seq: Int, position: Int) throws(WorkloadError) -> ProgramImage {
    let key = "\(kind.rawValue) \(seq) \(position)"
    // Two machines asking at once may both assemble it: the same image either way.
    if let done = images.withLock({ $0[key] }) { return done }
    let c = configuration
    let file =
      kind == .head ? "llama_head.qasm" : position == 0 ? "llama_prefill.qasm" : "llama_decode.qasm"
    let path = source.path(of: file)
    var failures: [String] = []
    for rows in [16, 8, 4, 2, 1] where seq % rows == 0 {
      let defines = [
        ("SEQ", "\(seq)"), ("POS", "\(position)"), ("CTX", "\(contextCapacity)"),
        ("HIDDEN", "\(c.hidden)"), ("HEADS", "\(c.heads)"), ("KV_HEADS", "\(c.kvHeads)"),
        ("HEAD_DIM", "\(c.headDim)"), ("INTER", "\(c.intermediate)"),
        ("VOCAB", "\(c.vocabulary)"), ("EPS", "\(c.normEps)"), ("ROPE_BASE", "\(c.ropeBase)"),
        ("TN", "\(tile)"), ("TK", "\(tile)"), ("TR", "\(rows)"), ("TNI", "\(intermediateTile)"),
        ("TNH", "\(headTile)"),
      ]
      let assembled = source.assemble(file, defines: defines)
      guard let image = assembled.image else {
        throw WorkloadError(
          "\(path) did not assemble: "
            + assembled.diagnostics.map(\.description).joined(separator: "; "))
      }
      let fits = OnChipFit.fits(image, on: machines)
      if fits {
        images.withLock { $0[key] = image }
        return image
      }
      failures.append("\(rows)")
    }
    throw WorkloadError(
      "\(file) for \(seq) tokens after \(position) cached positions does not fit the scratchpad or accumulator memory of \(machines.map(\.name).joined(separator: ", ")) (tried \(failures.joined(separator: ", ")) rows per tile); use fewer tokens or a machine with more on-chip memory"
    )
  }
}
