import FPINSISA
import SystolicArray
import Testing

@Suite("The array's folds in time across GEMMs")
struct ArrayPipelineTests {
  let both = ArrayOverlap(doubleBufferedStationary: true, overlapFillAndDrain: true)

  @Test("Folds streaming fewer vectors than R cannot hide the next R-cycle shift")
  func shortStreams() {
    // 8 x 8 WS, 3 folds of t = 2: shifts 0..8, 8..16, 16..24 (each waits for the previous
    // one; the shift registers free up when a stream starts); streams 8..10, 16..18, 24..26;
    // out 26 + 14 = 40 = R + (F - 1) max(R, t) + t + skew.
    var p = ArrayPipeline(rows: 8, cols: 8, dataflow: .ws, overlap: both)
    let r = p.run(folds: 3, streamCycles: { _ in 2 })
    #expect(r.firstShiftStart == 0 && r.firstStreamStart == 8)
    #expect(r.streamEnd == 26 && r.finish == 40)
    // GEMMTiming gives the same from an empty pipeline: K = 24 (3 row folds), N = 8, M = 2.
    let t = GEMMTiming(
      gemm: GEMMShape(m: 2, n: 8, k: 24), rows: 8, cols: 8, dataflow: .ws, overlap: both)
    #expect(t.totalCycles == 40)
  }

  @Test("A second GEMM's shift overlaps the first one's stream; its stream follows at once")
  func consecutive() {
    var p = ArrayPipeline(rows: 8, cols: 8, dataflow: .ws, overlap: both)
    // First: one fold of t = 16: shift 0..8, stream 8..24, out 38.
    let a = p.run(folds: 1, streamCycles: { _ in 16 })
    #expect(a.streamEnd == 24 && a.finish == 38)
    // Second, staged at 5: its shift waits for the first stream's start (8), ends 16; its
    // stream waits for the first stream's end: 24..40, out 54.
    let b = p.run(folds: 1, streamCycles: { _ in 16 }, stationaryReady: 5)
    #expect(b.firstShiftStart == 8 && b.firstStreamStart == 24)
    #expect(b.finish == 54)
    // Third, its streamed operand ready only at 50: stream 50..66.
    let c = p.run(folds: 1, streamCycles: { _ in 16 }, streamReady: 50)
    #expect(c.firstShiftStart == 24 && c.firstStreamStart == 50 && c.finish == 80)
  }

  @Test("Without the options each GEMM waits for the previous one to drain")
  func serial() {
    var p = ArrayPipeline(rows: 8, cols: 8, dataflow: .ws, overlap: ArrayOverlap())
    let a = p.run(folds: 1, streamCycles: { _ in 16 })
    let b = p.run(folds: 1, streamCycles: { _ in 16 })
    // 0..8 shift, 8..24 stream, out 38; then 38..46 shift, 46..62 stream, out 76.
    #expect(a.finish == 38 && b.firstShiftStart == 38 && b.finish == 76)
  }

  @Test("Output-stationary folds load nothing and drain R cycles; reconfiguring carries on")
  func outputStationary() {
    var p = ArrayPipeline(rows: 8, cols: 8, dataflow: .os, overlap: both)
    // Two folds of K = 10: streams 0..10, 10..20; out 20 + 14 + 8 = 42.
    let a = p.run(folds: 2, streamCycles: { _ in 10 })
    #expect(a.firstStreamStart == 0 && a.finish == 42)
    // Switched to WS: the shift may start at once (0 + the free shift registers at 10), and
    // the stream follows the OS streams: 20..30.
    var w = ArrayPipeline(rows: 8, cols: 8, dataflow: .ws, overlap: both, after: p)
    let b = w.run(folds: 1, streamCycles: { _ in 10 })
    #expect(b.firstShiftStart == 10 && b.firstStreamStart == 20)
  }
}
