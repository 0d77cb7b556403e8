import EnergyModel
import FPINSISA
import MachineDescription
import QINSAssembler
import QINSMachine
import SystolicArray
import Testing
import Workloads

/// `qinssim gemm` and a program's `sa.matmul` time the array through one model
/// (``ArrayModel``): the same product on the same machine takes the same array cycles, shared
/// table ports' stalls included.
@Suite("One array model for programs and bare GEMMs")
struct ArrayModelSharingTests {
  /// qins-seed on an 8 x 8 array whose PEs share 4 table ports a row (8 look-ups a cycle
  /// wanted: each stream step takes 2 cycles), with local buffers wide enough that a bare
  /// GEMM's edges never stall.
  static var machine: MachineDescription {
    var m = Presets.qinsSeed
    m.name = "shared-ports"
    m.array.rows = 8
    m.array.cols = 8
    m.array.tables = .sharedSRAM
    m.array.tablePorts = 4
    m.lbuf.bytesPerCycle = 1 << 12
    m.acc.bytesPerCycle = 1 << 14
    return m
  }

  /// Array busy cycles of a program that loads B (k x n) and, with `matmul`, multiplies A
  /// (in `aSpace`) into C.
  static func arrayBusy(
    m: Int, k: Int, n: Int, matmul: Bool, on machine: MachineDescription = machine,
    aSpace: String = "spad"
  ) throws -> (Int, RunStatistics) {
    let source = """
      .tensor A \(aSpace) [\(m), \(k)] storage
      .tensor B spad [\(k), \(n)] storage
      .tensor C acc  [\(m), \(n)] acc
      li x1, \(m)
      li x2, \(k)
      li x3, \(n)
      sa.shape x1, x2, x3
      sa.load B
      \(matmul ? "sa.matmul C, A, set" : "nop")
      halt
      """
    let r = Assembler.assemble(source: source, name: "t.qasm")
    let image = try #require(r.image, "\(r.diagnostics.map(\.description))")
    var sim = try Simulator(image: image, machine: machine)
    let s = try sim.run()
    return (s.unitBusyCycles["array"] ?? 0, s)
  }

  @Test(
    "sa.matmul's array cycles equal qinssim gemm's, table-port stalls included",
    arguments: [(16, 24, 40), (5, 9, 3), (33, 8, 17)])
  func sameCycles(shape: (Int, Int, Int)) throws {
    let (m, k, n) = shape
    let (loadOnly, _) = try Self.arrayBusy(m: m, k: k, n: n, matmul: false)
    let (both, stats) = try Self.arrayBusy(m: m, k: k, n: n, matmul: true)
    let gemm = try GemmExperiment(
      gemm: GEMMShape(m: m, n: n, k: k), machine: Self.machine, energyTable: .standard
    ).run()
    // The operands are tiny beside the folds, so the matmul is bound by the array, not memory.
    #expect(stats.unitStalls["array_memory_bandwidth"] == nil)
    // With the weight FIFO (every preset's) the staging read leaves the array free, and the
    // array counts busy from the shift to the stream's end: the bare GEMM's cycles but the
    // results' last R + C - 2 cycles out of the array, which follow as latency.
    #expect(loadOnly == 0)
    #expect(both == gemm.totalCycles - (8 + 8 - 2))
    #expect(gemm.stallCycles == gemm.tablePortStallCycles)
    #expect(gemm.tablePortStallCycles > 0)
    #expect(stats.unitStalls["array_table_port_conflict"] == gemm.tablePortStallCycles)
    // The same from the model itself.
    let model = ArrayModel(machine: Self.machine)
    #expect(model.tableSlowdown == 2)
    #expect(
      model.timing(m: m, k: k, n: n, dataflow: Self.machine.array.dataflow).totalCycles
        == gemm.totalCycles)
  }

  /// qins-seed (two bytes a value, sign and code) on an 8 x 8 array with a private table copy
  /// per PE, whose local buffers deliver 4 bytes a cycle: an 8-row edge wants 16.
  static var narrowFeed: MachineDescription {
    var m = Presets.qinsSeed
    m.name = "narrow-feed"
    m.array.rows = 8
    m.array.cols = 8
    m.array.tables = .privateSRAM
    m.lbuf.bytesPerCycle = 4
    m.acc.bytesPerCycle = 1 << 14
    return m
  }

  @Test(
    "One feed model: with A in the local buffers, sa.matmul's array cycles and memory stalls equal qinssim gemm's, fold by fold",
    arguments: [(16, 12, 8), (16, 24, 20), (5, 9, 3), (40, 17, 33)])
  func sameFeed(shape: (Int, Int, Int)) throws {
    let (m, k, n) = shape
    let machine = Self.narrowFeed
    let (both, stats) = try Self.arrayBusy(
      m: m, k: k, n: n, matmul: true, on: machine, aSpace: "lbuf")
    let gemm = try GemmExperiment(
      gemm: GEMMShape(m: m, n: n, k: k), machine: machine, energyTable: .standard
    ).run()
    #expect(gemm.tablePortStallCycles == 0)
    #expect(both == gemm.totalCycles - (8 + 8 - 2))
    #expect(stats.unitStalls["array_memory_bandwidth"] == gemm.stallCycles)
    // Derived by hand: a fold filling r of the 8 rows wants 2r bytes a cycle from 4, so its M
    // rows stream in M x max(1, 2r / 4) cycles; the stalls are what that adds.
    #expect(machine.storageBytesPerValue == 2)
    let rowFolds = (k + 7) / 8
    let colFolds = (n + 7) / 8
    var stalls = 0
    for fr in 0..<rowFolds {
      let r = min(8, k - 8 * fr)
      stalls += colFolds * (max(m, (m * 2 * r + 3) / 4) - m)
    }
    #expect(gemm.stallCycles == stalls)
  }
}
