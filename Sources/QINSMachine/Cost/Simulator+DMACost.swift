import FPINSISA

extension Simulator {
  /// `dma.copy`'s cost: both levels busy for the tile in parallel; the tag completes after
  /// both levels' latencies.
  mutating func chargeDMA(_ work: DMAWork) {
    let (src, dst) = (work.source, work.destination)
    // Time: the two levels work in parallel; the data arrives after both latencies.
    let busy = memoryCycles(reads: [src], writes: [dst], group: .dma)
    let latency =
      MemoryTiming.latency(program.placements[src.tensor].space, machine: machine)
      + MemoryTiming.latency(program.placements[dst.tensor].space, machine: machine)
    let finish = schedule(
      .dma, reads: [ElementSpan(src)], writes: [ElementSpan(dst)], occupancy: max(1, busy),
      latency: latency,
      memoryBound: true)
    tagDone[work.tag] = max(tagDone[work.tag], finish)
  }
}
