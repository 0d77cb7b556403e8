import MachineDescription
import QBinary
import QINSAssembler
import QINSMachine
import Testing

/// A machine with round numbers for deriving cycle counts by hand: FP32 storage (no table
/// ports), 64 ALU lanes, 16 SFU lanes, a 256 B/cycle scratchpad of 32 banks (8-byte words),
/// 64 GB/s of DRAM at 1 GHz (64 B/cycle) with 100 ns latency.
func timingMachine(scalarLatency: Int = 1) -> MachineDescription {
  var m = Presets.fp32Reference
  m.name = "timing"
  m.clockMHz = 1000
  m.control.scalarLatencyCycles = scalarLatency
  m.control.takenBranchPenaltyCycles = 1
  m.alu.lanes = 64
  m.alu.latencyCycles = 4
  m.sfu.lanes = 16
  m.sfu.transcendentalLatencyCycles = 16
  m.spad = .init(capacityBytes: 1 << 20, banks: 32, bytesPerCycle: 256, latencyCycles: 2)
  m.dram.bandwidthGBPerSecond = 64
  m.dram.latencyNanoseconds = 100
  return m
}

func run(_ source: String, on machine: MachineDescription = timingMachine()) throws -> RunStatistics
{
  let r = Assembler.assemble(source: source, name: "t.qasm")
  let image = try #require(r.image, "\(r.diagnostics.map(\.description))")
  var sim = try Simulator(image: image, machine: machine)
  return try sim.run()
}

@Suite("Cycle counts derived by hand")
struct TimingTests {
  @Test("Independent scalar instructions issue one a cycle")
  func independent() throws {
    // li at 0, 1, 2; halt at 3 with nothing outstanding: 4 cycles.
    let s = try run("li x1, 1\nli x2, 2\nli x3, 3\nhalt\n", on: timingMachine(scalarLatency: 3))
    #expect(s.cycles == 4)
    #expect(s.issueStalls.values.reduce(0, +) == 0)
  }

  @Test("A dependent chain stalls for each result (scalar latency 3)")
  func dependentChain() throws {
    // li x1 at 0 (ready 3); addi x2 waits to 3 (stall 2, ready 6); addi x3 waits to 6
    // (stall 2, ready 9); halt at 7: 8 cycles, 4 stall cycles of data dependency.
    let s = try run(
      "li x1, 1\naddi x2, x1, 1\naddi x3, x2, 1\nhalt\n", on: timingMachine(scalarLatency: 3))
    #expect(s.cycles == 8)
    #expect(s.issueStalls["data_dependency"] == 4)
  }

  @Test("A taken branch costs its penalty; a loop's cycles add up")
  func loop() throws {
    // li x1 (0), li x2 (1); loop body addi (t), blt (t+1), taken: +1 penalty.
    // Iterations: x1 = 1, 2, 3 -> blt taken twice, not taken once.
    // 2 + 3 x 2 issue slots + 2 penalties = 10; halt at 10: 11 cycles.
    let s = try run("li x1, 0\nli x2, 3\nloop: addi x1, x1, 1\nblt x1, x2, loop\nhalt\n")
    #expect(s.cycles == 11)
    #expect(s.issueStalls["branch"] == 2)
    #expect(s.instructions == 9)
  }

  static let tensors = """
    .tensor A spad [1, 64] fp32
    .tensor B spad [1, 64] fp32
    .tensor C spad [1, 64] fp32
    .tensor D spad [1, 64] fp32
    .tensor E spad [1, 64] fp32
    li x1, 1
    li x2, 64
    v.shape x1, x2
    sfu.shape x1, x2

    """

  @Test("Independent ALU and SFU work overlaps")
  func overlap() throws {
    // Setup: 4 issue slots (0-3). v.add at 4: 64 elements on 64 lanes = 1 cycle; memory:
    // three 256-byte tiles in the scratchpad, 1 cycle each, two read in series on the read
    // port while the write port takes the third = 2; occupancy 2, latency 4: done at
    // 4 + 2 + 4 = 10. sfu.exp at 5: 64 / 16 lanes = 4 cycles (memory 1), latency 16:
    // done at 5 + 4 + 16 = 25. halt at 6 waits to 25: 26 cycles.
    let s = try run(Self.tensors + "v.add A, B, C\nsfu.exp D, E\nhalt\n")
    #expect(s.cycles == 26)
    #expect(s.issueStalls["sync"] == 19)
    #expect(s.unitBusyCycles["alu"] == 2 && s.unitBusyCycles["sfu"] == 4)
  }

  @Test("A dependent SFU operation waits for the ALU's result")
  func dependentUnits() throws {
    // As above, but sfu.exp reads A, which v.add writes at 10: the SFU starts at 10 instead
    // of 5 (5 cycles of waiting) and is done at 10 + 4 + 16 = 30; halt: 31 cycles.
    let s = try run(Self.tensors + "v.add A, B, C\nsfu.exp D, A\nhalt\n")
    #expect(s.cycles == 31)
    #expect(s.unitStalls["sfu_data_dependency"] == 5)
  }

  @Test("A DRAM copy is bandwidth-bound")
  func bandwidthBound() throws {
    // 4096 FP32 values = 16,384 bytes. DRAM moves 64 B/cycle: 256 cycles; the scratchpad
    // writes 256 B/cycle: 64 cycles; occupancy 256. Latency 100 (DRAM) + 2 (scratchpad).
    // dma.copy at 3 is done at 3 + 256 + 102 = 361; dma.wait at 4 stalls to 361 (357);
    // halt at 362: 363 cycles.
    let s = try run(
      """
      .tensor D dram [1, 4096] fp32
      .tensor S spad [1, 4096] fp32
      li x1, 1
      li x2, 4096
      dma.shape x1, x2
      dma.copy S, D, 0
      dma.wait 0
      halt
      """)
    #expect(s.cycles == 363)
    #expect(s.issueStalls["dma_wait"] == 357)
    #expect(s.bytesRead["dram"] == 16_384 && s.bytesWritten["spad"] == 16_384)
    #expect(s.unitBusyCycles["dma"] == 256)
  }

  @Test("DMA overlaps compute: the copy and ALU work run together")
  func dmaOverlapsCompute() throws {
    // The copy of the previous test (done at 3 + 256 + 102 = 361) and, issued at 4, a 64 x 64
    // v.neg in the scratchpad: 4096 elements / 64 lanes = 64 cycles; memory: 16 KiB read on
    // the read port while 16 KiB are written on the write port, at 256 B/cycle each = 64
    // cycles; occupancy 64, latency 4.
    // Slots: li 0, li 1, dma.shape 2, dma.copy 3, li x3 4, v.shape 5, v.neg 6 (done at
    // 6 + 64 + 4 = 74), dma.wait 7 stalls to 361, halt at 362: 363 cycles, the same as
    // the copy alone: the ALU's work is hidden.
    let s = try run(
      """
      .tensor D dram [1, 4096] fp32
      .tensor S spad [1, 4096] fp32
      .tensor P spad [64, 64] fp32
      .tensor Q spad [64, 64] fp32
      li x1, 1
      li x2, 4096
      dma.shape x1, x2
      dma.copy S, D, 0
      li x3, 64
      v.shape x3, x3
      v.neg Q, P
      dma.wait 0
      halt
      """)
    #expect(s.cycles == 363)
    #expect(s.unitBusyCycles["alu"] == 64)
  }

  @Test("A bank conflict: a column read from rows that all start in bank 0")
  func bankConflict() throws {
    // T is 64 x 64 FP32: each row is 256 bytes, one full sweep of the 32 banks of 8 bytes,
    // so every row starts in bank 0. A 64 x 2 tile reads 8 bytes a row, all from bank 0:
    // 64 cycles where conflict-free would take 2. U (64 x 2, contiguous) is written in 2
    // cycles on the write port meanwhile. Memory 64 cycles against 128 / 64 = 2 cycles of
    // compute; latency 4. v.neg at 3 is done at 3 + 64 + 4 = 71; halt at 4 waits: 72 cycles.
    let s = try run(
      """
      .tensor T spad [64, 64] fp32
      .tensor U spad [64, 2] fp32
      li x1, 64
      li x2, 2
      v.shape x1, x2
      v.neg U, T
      halt
      """)
    #expect(s.cycles == 72)
    #expect(s.unitStalls["spad_bank_conflict"] == 62)
    #expect(s.unitStalls["alu_memory_bandwidth"] == 62)
  }

  @Test("The same program, machine and inputs give identical statistics")
  func determinism() throws {
    let source = try String(
      contentsOf: repositoryRootURL.appendingPathComponent("Programs/gemm.qasm"), encoding: .utf8)
    var options = AssemblyOptions(includePaths: [
      repositoryRootURL.appendingPathComponent("Programs").path
    ])
    options.defines = [
      ("M", "32"), ("N", "32"), ("K", "64"), ("TM", "16"), ("TN", "16"), ("TK", "32"),
    ]
    let image = try #require(
      Assembler.assemble(source: source, name: "gemm.qasm", options: options).image)
    var a = try Simulator(image: image, machine: Presets.qinsSeed)
    var b = try Simulator(image: image, machine: Presets.qinsSeed)
    let sa = try a.run()
    let sb = try b.run()
    #expect(sa.cycles == sb.cycles)
    #expect(sa.energy.totalPj == sb.energy.totalPj)
    #expect(a.tensor(named: "c") == b.tensor(named: "c"))
  }
}
