import FPINSISA

extension Simulator {
  /// `dma.copy dst, src, tag`: copies a tile, asynchronously; both tensors must hold the
  /// same format. The destination tensor takes the source's scale exponent.
  mutating func dmaCopy(_ ops: [OperandValue]) throws(Fault) {
    waitForRegisters(ops)
    let dst = try tile(
      ops[0], rows: dmaShape.rows, cols: dmaShape.cols, what: "dma.copy destination")
    let src = try tile(ops[1], rows: dmaShape.rows, cols: dmaShape.cols, what: "dma.copy source")
    guard case .tag(let tag) = ops[2] else { return }
    let fs = program.values[src.tensor].format
    let fd = program.values[dst.tensor].format
    guard fs == fd else {
      throw fault(
        .formatMismatch,
        "dma.copy moves bytes, but \(name(src.tensor)) holds \(fs) and \(name(dst.tensor)) holds \(fd); convert with v.cvt"
      )
    }
    // Values: row by row, through a copy of the source so overlapping tiles behave.
    let source = program.values[src.tensor]
    if !timingOnly {
      program.values[dst.tensor].copyTile(
        rows: dst.rows, cols: dst.cols, from: source, at: src.offset, stride: src.rowLength,
        to: dst.offset, stride: dst.rowLength)
    }
    program.values[dst.tensor].exponent = source.exponent
    if let fixed = source.fixedScale { program.values[dst.tensor].fixedScale = fixed }
    program.values[dst.tensor].exponentSet =
      source.exponentSet || program.values[dst.tensor].exponentSet
    // Time: the two levels work in parallel; the data arrives after both latencies.
    let busy = memoryCycles(reads: [src], writes: [dst], group: "dma")
    let latency =
      MemoryTiming.latency(program.placements[src.tensor].space, machine: machine)
      + MemoryTiming.latency(program.placements[dst.tensor].space, machine: machine)
    let finish = schedule(
      .dma, reads: [src.tensor], writes: [dst.tensor], occupancy: max(1, busy), latency: latency,
      memoryBound: true)
    tagDone[Int(tag)] = max(tagDone[Int(tag)], finish)
  }

  func name(_ tensor: Int) -> String { program.image.tensors[tensor].name }
}
