import FPINSISA
import MachineDescription
import SystolicArray

/// What feeds the array's edges on a machine: the streamed operand comes from the local
/// buffers (`lbuf`), the outputs go to the accumulator memory (`acc`). When a level cannot
/// deliver a full edge every cycle, each fold's stream stretches; the extra cycles are stalls.
public struct ArrayEdges: Sendable {
  public let machine: MachineDescription
  public let rows: Int
  public let cols: Int
  public let dataflow: Dataflow
  public let gemm: GEMMShape

  public var inputBytes: Int { machine.storageBytesPerValue }
  public var outputBytes: Int { machine.accumulatorFormat.bytesPerValue }

  /// The streamed length of a fold: M (ws), N (is), K (os).
  public var streamed: Int { dataflow == .ws ? gemm.m : dataflow == .is ? gemm.n : gemm.k }

  public init(
    machine: MachineDescription, rows: Int, cols: Int, dataflow: Dataflow, gemm: GEMMShape
  ) {
    self.machine = machine
    self.rows = rows
    self.cols = cols
    self.dataflow = dataflow
    self.gemm = gemm
  }

  /// Extra cycles per fold when `lbuf` cannot supply a row edge (or `acc` absorb a column
  /// edge) every cycle.
  public var stallCyclesPerFold: Int {
    let inDemand = Double(rows * inputBytes) / Double(machine.lbuf.bytesPerCycle)
    let outDemand =
      dataflow == .os ? 0 : Double(cols * outputBytes) / Double(machine.acc.bytesPerCycle)
    let slowdown = max(1, inDemand, outDemand)
    return Int((Double(streamed) * slowdown).rounded(.up)) - streamed
  }

  /// Bytes read and written per level: the stationary operand once, the streamed operand once
  /// per fold of the other stationary dimension, partial outputs written per fold along K
  /// (and read back to accumulate).
  public func traffic(rowFolds: Int, colFolds: Int) -> [MemorySpace: Int] {
    let a = gemm.m * gemm.k
    let b = gemm.k * gemm.n
    let c = gemm.m * gemm.n
    var lbuf = 0
    var acc = 0
    switch dataflow {
    case .ws:
      lbuf = (b + a * colFolds) * inputBytes
      acc = (c * rowFolds + c * (rowFolds - 1)) * outputBytes
    case .is:
      lbuf = (a + b * colFolds) * inputBytes
      acc = (c * rowFolds + c * (rowFolds - 1)) * outputBytes
    case .os:
      lbuf = (a * colFolds + b * rowFolds) * inputBytes
      acc = c * outputBytes
    }
    return [.lbuf: lbuf, .acc: acc]
  }
}
