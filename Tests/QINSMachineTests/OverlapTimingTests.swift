import MachineDescription
import QINSMachine
import Testing

/// A 4 x 4 weight-stationary array on ``timingMachine(scalarLatency:)``, with the weight FIFO
/// and overlapped folds of every preset.
func overlapMachine() -> MachineDescription {
  var m = timingMachine()
  m.array.rows = 4
  m.array.cols = 4
  m.array.doubleBufferedStationary = true
  m.array.overlapFolds = true
  return m
}

/// C = A W^T in two K steps, both tiles fetched into the two slots of AT and WT before the
/// array starts, no transfer waited for: the schedule lib/gemm.qinc uses, small enough to
/// follow by hand.
let twoTileGEMM = """
  .tensor A  dram [4, 8] fp32
  .tensor W  dram [4, 8] fp32
  .tensor C  dram [4, 4] fp32
  .tensor AT spad [8, 4] fp32
  .tensor WT spad [8, 4] fp32
  .tensor CT acc  [4, 4] fp32
      li x1, 4
      sa.shape x1, x1, x1
      dma.shape x1, x1
      dma.copy AT, A, 0
      dma.copy WT, W, 1
      li x2, 4
      li x3, 16
      dma.copy AT[x3], A[x2], 0
      dma.copy WT[x3], W[x2], 1
      sa.load.t WT
      sa.matmul CT, AT, set
      sa.load.t WT[x3]
      sa.matmul CT, AT[x3], acc
      dma.copy C, CT, 2
      halt
  """

@Suite("Overlapped schedules: cycle counts derived by hand")
struct OverlapTimingTests {
  @Test("A two-tile double-buffered GEMM: the second tile's shift hides behind the first stream")
  func twoTiles() throws {
    // Every tile is 4 x 4 FP32 (64 B): one cycle of DRAM (64 B/cycle), of the scratchpad and
    // of the accumulator memory; a transfer delivers after 100 (DRAM) + 2 (spad) or 1 (acc).
    // Issue: li 0, sa.shape 1, dma.shape 2.
    // dma.copy AT (3): engine [3, 4), done 106. dma.copy WT (4): [4, 5), done 107.
    // li 5, li 6; dma.copy AT[16] (7): done 110; dma.copy WT[16] (8): done 111.
    // sa.load.t WT (9): staged once WT is written (107) plus one read cycle: 108.
    // sa.matmul set (10): shift 108..112 (R = 4), stream 112..116 (M = 4), results out after
    //   R + C - 2 = 6 more: 122. The array is busy 108..116.
    // sa.load.t WT[16] (11): staged 111 + 1 = 112, into the weight FIFO while the array works.
    // sa.matmul acc (12): the array's queue holds the first matmul until it starts at 108, so
    //   issue waits 96 cycles (structural). Its shift starts at 112, when the first stream
    //   takes the shifted operand (double-buffered registers), ends 116 = the first stream's
    //   end: the second stream runs 116..120 and its results are out at 126. Busy 116..120.
    //   Accumulating into C needs no wait for the first matmul's results: they leave the array
    //   in order ahead of the second's.
    // dma.copy C (109): waits for C (126), 17 cycles inside the engine; the accumulator
    // memory's 32-byte words hold one 16-byte row each here, so its 4 rows take 2 cycles on
    // 16 banks: done 126 + 2 + 101. halt (110) waits for it: 229, so 230 cycles.
    let s = try run(twoTileGEMM, on: overlapMachine())
    #expect(s.cycles == 230)
    #expect(s.issueStalls["structural"] == 96)
    #expect(s.issueStalls["sync"] == 119)
    #expect(s.unitStalls["dma_data_dependency"] == 17)
    #expect(s.unitBusyCycles["array"] == 12)
    #expect(s.unitStalls["array_data_dependency"] == nil)
    // Two folds of R = 4 cycles of weight fill; 128 MACs on 16 PEs.
    let r = try #require(s.roofline)
    #expect(r.bounds[.arrayWeightFill] == 8)
    #expect(r.bounds[.compute] == 8)
    // 4 tiles in and one out of DRAM: 320 B at 64 B/cycle.
    #expect(r.bounds[.dram] == 5)
    #expect(r.tightest == .compute)
    #expect(r.fractionReached == 8.0 / 230.0)
  }

  @Test("Without the weight FIFO and overlap the same program pays every shift and fill")
  func twoTilesSerial() throws {
    var m = overlapMachine()
    m.array.doubleBufferedStationary = false
    m.array.overlapFolds = false
    // sa.load.t WT (9) takes the array: waits for WT (107), one read cycle: 107..108.
    // sa.matmul set (10): shift 108..112, stream 112..116, out 122; busy until 122.
    // sa.load.t WT[16] (11): the array's queue holds the matmul until it starts; then the
    //   load takes the array when it is free, 122..123.
    // sa.matmul acc: shift 123..127, stream 127..131, out 137.
    // dma.copy C waits for 137; done 137 + 2 + 101 = 240; 241 cycles.
    let s = try run(twoTileGEMM, on: m)
    #expect(s.cycles == 241)
  }
}
