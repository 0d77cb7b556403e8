import FPINSISA
import MachineDescription

extension Simulator {
  /// The ALU's cost: `lanes` elements a cycle, or fewer when QINS look-ups share a table
  /// SRAM's ports; the memories and the scale unit (element scales) in parallel with the
  /// lanes; energy per element by what the element needed (a look-up, an FP32 operation, a
  /// comparison, a conversion).
  mutating func chargeALU(_ work: ALUWork) {
    let m = work.operation
    let dst = work.write
    let n = dst.elements
    // Time: lanes in parallel; a shared table SRAM serves `table_ports` look-ups a cycle.
    let lanes = machine.alu.lanes
    let usesTables =
      work.tableBound && machine.storageFormat.isQINS && program.values[dst.tensor].format.isQINS
    let perCycle =
      usesTables && machine.alu.tables == .sharedSRAM ? min(lanes, machine.alu.tablePorts) : lanes
    let ideal = (n + lanes - 1) / lanes
    let lookupCycles = (n + perCycle - 1) / perCycle
    let compute = lookupCycles
    if lookupCycles > ideal {
      stats.unitStalls[.unit(.alu, .tablePortConflict), default: 0] += lookupCycles - ideal
    }
    let memory = memoryCycles(reads: work.reads, writes: [dst], group: .alu)
    if memory > compute {
      stats.unitStalls[.unit(.alu, .memoryBandwidth), default: 0] += memory - compute
    }
    let scaling = chargeScaleUnit(work.scaleUnit, behind: max(compute, memory), of: .alu)
    // Energy per element.
    switch m {
    case .vCvt:
      ledger.charge(.unit(.alu), .convert, count: Double(n), picojoules: costs.convert, group: .alu)
    case .vMax, .vMin, .vNeg, .vFill:
      ledger.charge(
        .unit(.alu), .compare, count: Double(n), picojoules: costs.scalarOperation, group: .alu)
    default:
      if usesTables {
        ledger.charge(
          .unit(.alu), .tableLookup, count: Double(work.lookups), picojoules: costs.aluLookup,
          group: .alu)
      } else {
        ledger.charge(
          .unit(.alu), m == .vMul ? .fp32Multiply : .fp32Add, count: Double(work.lookups),
          picojoules: m == .vMul ? costs.fp32Multiply : costs.fp32Add, group: .alu)
      }
    }
    let latency = m == .vCvt ? machine.alu.convertLatencyCycles : machine.alu.latencyCycles
    schedule(
      .alu, reads: work.reads.map(ElementSpan.init), writes: [ElementSpan(dst)],
      occupancy: max(compute, memory, scaling), latency: latency,
      memoryBound: memory > compute && memory >= scaling)
  }
}
