import FPINSISA

// What an instruction's value step hands to its cost step: the tiles it touched and how much
// work of each kind it did. Value steps (`Execution/`) compute what a value is; cost steps
// (`Cost/`) turn these records into cycles, stalls and energy, as gem5 separates an ISA's
// semantics from its CPU timing models. A timing-only run fills the same records without
// computing values, so its figures are the full run's.

/// An element-wise operation of the LUT vector ALU.
struct ALUWork {
  var operation: InstructionOperation
  var reads: [Tile]
  var write: Tile
  /// Table look-ups (QINS operands) or FP32 operations performed.
  var lookups = 0
  /// Whether the operation goes through an operation table (add, sub, mul, rcp) when the
  /// operands are QINS, and so waits for shared table ports.
  var tableBound = false
  /// The scale unit's work choosing the result's element scales.
  var scaleUnit = ScaleUnitWork()
}

/// An operation of the FP32 special function unit.
struct SFUWork {
  var reads: [Tile]
  var write: Tile
  /// Whole tensors read besides the tiles (gamma, beta, tensor operands).
  var tensorOperands: [Int]
  /// Passes over the elements (a softmax reads, sums and scales: three).
  var passes: Int
  /// Exponentials, reciprocal square roots and other transcendentals.
  var transcendentals: Int
  var latency: Int
  /// The scale unit's work choosing the result's element scales.
  var scaleUnit: ScaleUnitWork
}

/// Where the array's scale multiplies were applied in a product with element scales.
enum ProductScaling {
  /// Once per output: the scales are constant along K and factor out of the dot products.
  case perOutput
  /// Once per product: the stationary operand's scales vary along K.
  case perProduct
}

/// `sa.matmul`: C (=|+=) A B on the array.
struct MatmulWork {
  var a: Tile
  var c: Tile
  var m: Int
  var k: Int
  var n: Int
  var accumulate: Bool
  /// How element scales were applied; nil for operands without element scales.
  var scaling: ProductScaling?
}

/// `dma.copy`: a tile moved between memory levels, completing under a tag.
struct DMAWork {
  var source: Tile
  var destination: Tile
  var tag: Int
}
