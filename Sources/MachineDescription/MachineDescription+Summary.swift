/// A machine in one line each of its defining choices, for `qinssim machine list`.
extension MachineDescription {
  /// What the array's processing elements multiply and how they sum.
  public var productSummary: String {
    switch storageFormat {
    case .fpins:
      switch array.product {
      case .table8: "MUL table (8-bit product), \(accumulatorFormat) sums"
      case .exact: "exact QINS product, \(accumulatorFormat) sums"
      case .decoded:
        "decoded to \(array.decodedFractionBits) fraction bits, exact product, \(accumulatorFormat) sums"
      }
    case .int8: "int8 x int8, int32 sums"
    case .fp8e4m3, .fp8e5m2, .bf16: "exact product, fp32 sums"
    case .fp32: "fp32 multiply, \(accumulatorFormat) sums"
    }
  }

  /// Where the scales of stored tensors come from.
  public var scalesSummary: String {
    if storageFormat == .fp32 { return "none" }
    if storageElementFormat == .bf16 { return "none (1)" }
    let q = quantization
    guard usesElementScales else {
      return
        "\(q.scaleType.rawValue) per tensor, weights \(q.weights.rawValue), activations \(q.activations.rawValue)"
    }
    var activations = "\(q.activationCalibration.rawValue)"
    if q.activationCalibration == .max && q.activationMaxShiftOctaves != 0 {
      activations += ", \(q.activationMaxShiftOctaves) octaves below the top"
    }
    return
      "\(q.scaleType.rawValue) per weight \(q.weights == .channel ? "channel" : "tensor") (\(q.weightCalibration.rawValue)), per activation \(q.activations.rawValue) (\(activations))"
  }

  /// The array, clock and DRAM in one phrase.
  public var shapeSummary: String {
    let dramRate =
      dram.bandwidthGBPerSecond.rounded() == dram.bandwidthGBPerSecond
      ? "\(Int(dram.bandwidthGBPerSecond))" : "\(dram.bandwidthGBPerSecond)"
    let clock = clockMHz.rounded() == clockMHz ? "\(Int(clockMHz))" : "\(clockMHz)"
    return "\(array.rows)x\(array.cols) \(array.dataflow.rawValue), \(clock) MHz, \(dramRate) GB/s"
  }
}
