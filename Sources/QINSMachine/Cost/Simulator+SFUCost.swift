import FPINSISA
import MachineDescription

extension Simulator {
  /// The SFU's cost: `lanes` elements a cycle per pass, the memories and the scale unit
  /// (element scales) in parallel with the lanes; energy per FP32 operation, per
  /// transcendental and per element converted at the unit's input and output.
  mutating func chargeSFU(_ work: SFUWork) {
    let dst = work.write
    let passes = work.passes
    let n = dst.elements
    let compute = (passes * n + machine.sfu.lanes - 1) / machine.sfu.lanes
    let memory = memoryCycles(reads: work.reads, writes: [dst], group: .sfu)
    if memory > compute {
      stats.unitStalls[.unit(.sfu, .memoryBandwidth), default: 0] += memory - compute
    }
    let scaling = chargeScaleUnit(work.scaleUnit, behind: max(compute, memory), of: .sfu)
    ledger.charge(
      .unit(.sfu), .fp32Operation, count: Double(passes * n), picojoules: costs.fp32Add, group: .sfu
    )
    ledger.charge(
      .unit(.sfu), .special, count: Double(work.transcendentals), picojoules: costs.special,
      group: .sfu)
    let conversions =
      work.reads.filter { program.values[$0.tensor].format != .fp32 }.count
      + (program.values[dst.tensor].format != .fp32 ? 1 : 0)
    ledger.charge(
      .unit(.sfu), .convert, count: Double(conversions * n), picojoules: costs.convert, group: .sfu)
    schedule(
      .sfu,
      reads: work.reads.map(ElementSpan.init)
        + work.tensorOperands.map(ElementSpan.init(wholeTensor:)),
      writes: [ElementSpan(dst)],
      occupancy: max(compute, memory, scaling), latency: work.latency,
      memoryBound: memory > compute && memory >= scaling)
  }
}
