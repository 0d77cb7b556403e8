import FPINSISA
import MachineDescription
import SystolicArray

extension Simulator {
  /// The machine's array (built once per instruction; it is a few integers).
  var arrayModel: ArrayModel { ArrayModel(machine: machine) }

  /// `sa.load`'s cost: the memories read the stationary operand into the array's staging
  /// buffer; shifting it into the PEs is paid fold by fold in `sa.matmul` (``ArrayPipeline``).
  ///
  /// With `double_buffered_stationary` the staging buffer is a weight FIFO beside the array
  /// (the TPU's): the read runs while the array streams the current operation, once the
  /// previous staged operand has started shifting in, and does not take the array's queue.
  /// Without it the read occupies the array, as a load into the PEs' only registers must.
  mutating func chargeStationaryLoad(_ b: Tile) {
    let memory = memoryCycles(reads: [b], writes: [], group: .array)
    let span = ElementSpan(b)
    guard arrayModel.overlap.doubleBufferedStationary else {
      stationaryStaged = schedule(
        .array, reads: [span], writes: [], occupancy: memory, latency: 0,
        memoryBound: memory > 0)
      return
    }
    let start = max(readyTime(reads: [span], writes: []), stagingFree)
    stationaryStaged = start + memory
    stagingFree = stationaryStaged
    record(reads: [span], until: stationaryStaged, writes: [], until: 0)
    units[.array]!.done = max(units[.array]!.done, stationaryStaged)
    cycle += 1
  }

  /// `sa.matmul`'s cost: the scale multiplies, a multiply-accumulate per product, and the
  /// folds through the array's pipeline (``ArrayPipeline``), which carries over from the
  /// previous `sa.matmul` so that a stationary operand shifts in behind the current fold and
  /// folds follow each other when the machine allows. Each fold streams for the larger of its
  /// vectors (stretched by shared table ports) and what the memories holding A and C need for
  /// its share of the tiles (levels in parallel).
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
    let model = arrayModel
    let timing = model.timing(m: mm, k: k, n: n, dataflow: dataflow)
    let folds = timing.folds
    let shift = GEMMTiming.shiftCycles(
      GEMMShape(m: mm, n: n, k: k), rows: model.rows, cols: model.cols, dataflow: dataflow,
      convention: .default)
    if arrayPipeline.loadCycles > 0 {
      for f in 0..<folds { stats.arrayFillCycles += shift(f) }
    }
    // Each fold streams as long as the levels feeding the array's edges need (the feed model
    // of `qinssim gemm`, with A's and C's levels); what the tiles' layout adds beyond it (bank
    // conflicts, words split across banks) stretches every fold evenly.
    let vectors = timing.streamedLength * max(1, model.tableSlowdown)
    func level(_ t: Tile) -> ArrayEdges.Level {
      let p = program.placements[t.tensor]
      return ArrayEdges.Level(p.space, of: machine, bytesPerValue: p.bytesPerValue)
    }
    let edges = ArrayEdges(
      rows: model.rows, cols: model.cols, dataflow: dataflow, gemm: GEMMShape(m: mm, n: n, k: k),
      input: level(a), output: level(c), accumulate: work.accumulate)
    // No array per fold: a matmul is on the simulator's hot path and the feed is arithmetic.
    var fedTotal = 0
    for f in 0..<folds { fedTotal += edges.streamCycles(fold: f, steps: vectors) }
    let layout = (max(0, memory - fedTotal) + folds - 1) / folds
    let stream = { (f: Int) in edges.streamCycles(fold: f, steps: vectors) + layout }
    let stretched = fedTotal + layout * folds - vectors * folds
    if timing.tablePortStallCycles > 0 {
      // As the bare GEMM counts them: what the slower steps add to the folds (a shift longer
      // than the stretched stream hides part of them).
      stats.unitStalls[.unit(.array, .tablePortConflict), default: 0] +=
        timing.tablePortStallCycles
    }
    if stretched > 0 {
      stats.unitStalls[.unit(.array, .memoryBandwidth), default: 0] += stretched
    }
    // Issue: wait for room in the array's queue.
    var timeline = units[.array]!
    let accept = timeline.acceptTime(from: cycle)
    stall(timeline.boundByMemory ? .memoryBandwidth : .structural, accept - cycle)
    cycle = accept
    let reads = work.accumulate ? [ElementSpan(a), ElementSpan(c)] : [ElementSpan(a)]
    let writes = [ElementSpan(c)]
    let ready = readyTime(reads: reads, writes: writes, byArray: true)
    // The operand staged by `sa.load` (which, without the weight FIFO, took the array itself
    // and so ended after the previous operation).
    let staged = max(cycle, stationaryStaged)
    var unhindered = arrayPipeline
    let free = unhindered.run(
      folds: folds, shiftCycles: shift, streamCycles: stream, stationaryReady: staged)
    let run = arrayPipeline.run(
      folds: folds, shiftCycles: shift, streamCycles: stream, stationaryReady: staged,
      streamReady: ready)
    if run.firstStreamStart > free.firstStreamStart {
      stats.unitStalls[.unit(.array, .dataDependency), default: 0] +=
        run.firstStreamStart - free.firstStreamStart
    }
    stagingFree = run.firstShiftStart
    // The array is busy streaming (from its first stream to the point it can take the next,
    // the shifts between folds included) and shifting its first operand in, as far as that
    // shift did not run behind the previous operation's stream; waiting for data is not
    // busy. The results' fill and drain past the stream are latency.
    let busyUntil = arrayPipeline.streamFree
    let firstShift = arrayPipeline.loadCycles == 0 ? 0 : shift(0)
    let exposedShift = max(0, min(firstShift, run.firstShiftStart + firstShift - timeline.free))
    let busy = busyUntil - run.firstStreamStart + exposedShift
    let start = busyUntil - busy
    let finish = timeline.schedule(
      start: start, occupancy: busy, latency: max(0, run.finish - busyUntil),
      memoryBound: stretched > 0)
    units[.array] = timeline
    traceBusy(.array, start: start, duration: busy)
    record(
      reads: reads, until: run.streamEnd, writes: writes, until: max(finish, run.finish),
      byArray: true)
    cycle += 1
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
