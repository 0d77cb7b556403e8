import FPINSISA
import MachineDescription
import SystolicArray

extension Simulator {
  /// The machine's array (built once per instruction; it is a few integers).
  var arrayModel: ArrayModel { ArrayModel(machine: machine) }

  /// `sa.load`'s cost: the memories read the stationary operand into the array's staging
  /// buffer; shifting it into the PEs is paid fold by fold in `sa.matmul` (``ArrayModel``).
  mutating func chargeStationaryLoad(_ b: Tile) {
    let memory = memoryCycles(reads: [b], writes: [], group: .array)
    schedule(
      .array, reads: [b.tensor], writes: [], occupancy: memory, latency: 0, memoryBound: memory > 0)
  }

  /// `sa.matmul`'s cost: the scale multiplies, a multiply-accumulate per product, the folds'
  /// cycles against the memories' (A and C in parallel levels), table-port stalls.
  mutating func chargeMatmul(_ work: MatmulWork) {
    let (mm, k, n) = (work.m, work.k, work.n)
    let (a, c) = (work.a, work.c)
    if let scaling = work.scaling { chargeScaling(scaling, m: mm, k: k, n: n) }
    let macs = mm * k * n
    stats.multiplyAccumulates += macs
    ledger.charge(
      .unit(.array), .multiplyAccumulate, count: Double(macs),
      picojoules: costs.peMultiplyAccumulate, group: .array)
    let memory = memoryCycles(
      reads: work.accumulate ? [a, c] : [a], writes: [c], group: .array)
    let arrayTime = arrayModel.timing(m: mm, k: k, n: n, dataflow: dataflow)
    let compute = arrayTime.totalCycles
    if arrayTime.tablePortStallCycles > 0 {
      stats.unitStalls[.unit(.array, .tablePortConflict), default: 0] +=
        arrayTime.tablePortStallCycles
    }
    if memory > compute {
      stats.unitStalls[.unit(.array, .memoryBandwidth), default: 0] += memory - compute
    }
    schedule(
      .array, reads: work.accumulate ? [a.tensor, c.tensor] : [a.tensor], writes: [c.tensor],
      occupancy: max(compute, memory), latency: 0, memoryBound: memory > compute)
  }

  /// The array's scaling multiplies (or exponent adds): two per output when the scales are
  /// applied at the output, two per product otherwise.
  mutating func chargeScaling(_ scaling: ProductScaling, m: Int, k: Int, n: Int) {
    let fp32Scales = machine.quantization.scaleType == .fp32
    if scaling == .perOutput {
      let outputs = Double(m * n)
      ledger.charge(
        .unit(.array), fp32Scales ? .dequantizeFP32Multiply : .dequantizeExponentAdd,
        count: fp32Scales ? 2 * outputs : outputs,
        picojoules: fp32Scales ? costs.fp32Multiply : costs.exponentAdd, group: .array)
    } else {
      let macs = Double(m * k * n)
      ledger.charge(
        .unit(.array), fp32Scales ? .scaleProductsFP32Multiply : .scaleProductsExponentAdd,
        count: fp32Scales ? 2 * macs : macs,
        picojoules: fp32Scales ? costs.fp32Multiply : costs.exponentAdd, group: .array)
    }
  }
}
