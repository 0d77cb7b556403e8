import FPINSISA

extension Simulator {
  /// `dma.copy dst, src, tag`: copies a tile, asynchronously; both tensors must hold the
  /// same format. The destination tensor takes the source's scale exponent. The value step,
  /// then the cost step (``chargeDMA(_:)``).
  mutating func dmaCopy(_ ops: [OperandValue]) throws(Fault) {
    waitForRegisters(ops)
    guard let work = try dmaValues(ops) else { return }
    chargeDMA(work)
  }

  /// Copies the tile's values (only its scale in a timing-only run); nil for an operand the
  /// decoder cannot have produced.
  mutating func dmaValues(_ ops: [OperandValue]) throws(Fault) -> DMAWork? {
    let dst = try tile(
      ops[0], rows: dmaShape.rows, cols: dmaShape.cols, what: "dma.copy destination")
    let src = try tile(ops[1], rows: dmaShape.rows, cols: dmaShape.cols, what: "dma.copy source")
    guard case .tag(let tag) = ops[2] else { return nil }
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
    program.values[dst.tensor].copyScaleChoices(
      rows: dst.rows, cols: dst.cols, from: source, at: src.offset, stride: src.rowLength,
      to: dst.offset, stride: dst.rowLength)
    program.values[dst.tensor].exponent = source.exponent
    if let fixed = source.fixedScale {
      program.values[dst.tensor].fixedScale = fixed
      program.values[dst.tensor].fixedChoice = source.fixedChoice
    }
    program.values[dst.tensor].exponentSet =
      source.exponentSet || program.values[dst.tensor].exponentSet
    return DMAWork(source: src, destination: dst, tag: Int(tag))
  }

  func name(_ tensor: Int) -> String { program.image.tensors[tensor].name }
}
