import FPINSISA
import Foundation
import QINSNumbers

extension MachineDescription {
  /// Parses a machine description; absent fields keep their defaults, unknown fields and
  /// out-of-range values are errors naming the field.
  public init(json data: Data) throws(DescriptionError) {
    let root: Any
    do {
      root = try JSONSerialization.jsonObject(with: data)
    } catch {
      throw DescriptionError("", "is not valid JSON (\(error.localizedDescription))")
    }
    var r = try JSONObjectReader(root, path: "")
    self.init()
    name = try r.string("name", default: name)
    clockMHz = try r.number("clock_mhz", default: clockMHz)
    try Self.check(clockMHz > 0, "clock_mhz", "must be > 0")
    let storage = try r.choice(
      "storage_format", ValueFormat.names, default: storageFormat.description)
    storageFormat = ValueFormat(name: storage)!
    let accumulator = try r.choice(
      "accumulator_format", ValueFormat.names, default: accumulatorFormat.description)
    accumulatorFormat = ValueFormat(name: accumulator)!
    rounding = RoundingMode(
      rawValue: try r.choice(
        "rounding", RoundingMode.allCases.map(\.rawValue), default: rounding.rawValue))!

    qinsStorage = QINSStorage(
      rawValue: try r.choice(
        "qins_storage", QINSStorage.allCases.map(\.rawValue), default: qinsStorage.rawValue))!

    var c = try r.object("control")
    control.scalarLatencyCycles = try Self.positive(
      &c, "scalar_latency_cycles", control.scalarLatencyCycles)
    control.takenBranchPenaltyCycles = try Self.nonNegative(
      &c, "taken_branch_penalty_cycles", control.takenBranchPenaltyCycles)
    try c.finish()

    var a = try r.object("alu")
    alu.lanes = try Self.positive(&a, "lanes", alu.lanes)
    alu.latencyCycles = try Self.positive(&a, "latency_cycles", alu.latencyCycles)
    alu.convertLatencyCycles = try Self.positive(
      &a, "convert_latency_cycles", alu.convertLatencyCycles)
    alu.tables = TableImplementation(
      rawValue: try a.choice(
        "tables", TableImplementation.allCases.map(\.rawValue), default: alu.tables.rawValue))!
    alu.tablePorts = try Self.positive(&a, "table_ports", alu.tablePorts)
    try a.finish()

    var s = try r.object("array")
    array.rows = try Self.positive(&s, "rows", array.rows)
    array.cols = try Self.positive(&s, "cols", array.cols)
    array.dataflow = Dataflow(
      rawValue: try s.choice(
        "dataflow", Dataflow.allCases.map(\.rawValue), default: array.dataflow.rawValue))!
    array.tables = TableImplementation(
      rawValue: try s.choice(
        "tables", TableImplementation.allCases.map(\.rawValue), default: array.tables.rawValue))!
    array.tablePorts = try Self.positive(&s, "table_ports", array.tablePorts)
    array.doubleBufferedStationary = try s.boolean(
      "double_buffered_stationary", default: array.doubleBufferedStationary)
    array.overlapFolds = try s.boolean("overlap_folds", default: array.overlapFolds)
    array.product = ProductPath(
      rawValue: try s.choice(
        "product", ProductPath.allCases.map(\.rawValue), default: array.product.rawValue))!
    array.decodedFractionBits = try Self.positive(
      &s, "decoded_fraction_bits", array.decodedFractionBits)
    try Self.check(
      array.decodedFractionBits <= 11, "array.decoded_fraction_bits",
      "must be 1...11 (two operands' significands must multiply exactly in FP32)")
    try s.finish()

    var q = try r.object("quantization")
    quantization.weights = Quantization.WeightScales(
      rawValue: try q.choice(
        "weights", Quantization.WeightScales.allCases.map(\.rawValue),
        default: quantization.weights.rawValue))!
    quantization.activations = Quantization.ActivationScales(
      rawValue: try q.choice(
        "activations", Quantization.ActivationScales.allCases.map(\.rawValue),
        default: quantization.activations.rawValue))!
    quantization.scaleType = ScaleType(
      rawValue: try q.choice(
        "scale_type", ScaleType.allCases.map(\.rawValue),
        default: quantization.scaleType.rawValue))!
    quantization.weightCalibration = Calibration(
      rawValue: try q.choice(
        "weight_calibration", Calibration.allCases.map(\.rawValue),
        default: quantization.weightCalibration.rawValue))!
    quantization.activationCalibration = Calibration(
      rawValue: try q.choice(
        "activation_calibration", Calibration.allCases.map(\.rawValue),
        default: quantization.activationCalibration.rawValue))!
    quantization.activationMaxShiftOctaves = try q.integer(
      "activation_max_shift_octaves", default: quantization.activationMaxShiftOctaves)
    try Self.check(
      (-8...8).contains(quantization.activationMaxShiftOctaves),
      "quantization.activation_max_shift_octaves", "must be -8...8")
    try q.finish()

    var f = try r.object("sfu")
    sfu.lanes = try Self.positive(&f, "lanes", sfu.lanes)
    sfu.elementwiseLatencyCycles = try Self.positive(
      &f, "elementwise_latency_cycles", sfu.elementwiseLatencyCycles)
    sfu.transcendentalLatencyCycles = try Self.positive(
      &f, "transcendental_latency_cycles", sfu.transcendentalLatencyCycles)
    sfu.reductionLatencyCycles = try Self.positive(
      &f, "reduction_latency_cycles", sfu.reductionLatencyCycles)
    try f.finish()

    var d = try r.object("dma")
    dma.queueDepth = try Self.positive(&d, "queue_depth", dma.queueDepth)
    try d.finish()

    var m = try r.object("memories")
    spad = try Self.memory(&m, "spad", spad)
    lbuf = try Self.memory(&m, "lbuf", lbuf)
    acc = try Self.memory(&m, "acc", acc)
    var dr = try m.object("dram")
    dram.capacityBytes = try Self.positive(&dr, "capacity_bytes", dram.capacityBytes)
    dram.bandwidthGBPerSecond = try dr.number(
      "bandwidth_gb_per_s", default: dram.bandwidthGBPerSecond)
    try Self.check(dram.bandwidthGBPerSecond > 0, "memories.dram.bandwidth_gb_per_s", "must be > 0")
    dram.latencyNanoseconds = try dr.number("latency_ns", default: dram.latencyNanoseconds)
    try Self.check(dram.latencyNanoseconds >= 0, "memories.dram.latency_ns", "must be >= 0")
    try dr.finish()
    try m.finish()

    energyTable = try r.string("energy_table", default: energyTable)
    try r.finish()
  }

  static func check(_ ok: Bool, _ path: String, _ message: String) throws(DescriptionError) {
    if !ok { throw DescriptionError(path, message) }
  }

  static func positive(_ r: inout JSONObjectReader, _ key: String, _ value: Int)
    throws(DescriptionError) -> Int
  {
    let v = try r.integer(key, default: value)
    guard v > 0 else { throw DescriptionError(r.fieldPath(key), "must be > 0") }
    return v
  }

  static func nonNegative(_ r: inout JSONObjectReader, _ key: String, _ value: Int)
    throws(DescriptionError) -> Int
  {
    let v = try r.integer(key, default: value)
    guard v >= 0 else { throw DescriptionError(r.fieldPath(key), "must be >= 0") }
    return v
  }

  static func memory(_ parent: inout JSONObjectReader, _ key: String, _ value: Memory)
    throws(DescriptionError) -> Memory
  {
    var r = try parent.object(key)
    var m = value
    m.capacityBytes = try positive(&r, "capacity_bytes", m.capacityBytes)
    m.banks = try positive(&r, "banks", m.banks)
    m.bytesPerCycle = try positive(&r, "bytes_per_cycle", m.bytesPerCycle)
    m.latencyCycles = try nonNegative(&r, "latency_cycles", m.latencyCycles)
    try r.finish()
    return m
  }

  /// The description as JSON, every field written out, keys sorted: what
  /// `qinssim machine show` prints and what ``init(json:)`` reads back unchanged.
  public var json: String {
    func mem(_ m: Memory) -> [String: Any] {
      [
        "capacity_bytes": m.capacityBytes, "banks": m.banks, "bytes_per_cycle": m.bytesPerCycle,
        "latency_cycles": m.latencyCycles,
      ]
    }
    let object: [String: Any] = [
      "name": name, "clock_mhz": clockMHz, "storage_format": storageFormat.description,
      "accumulator_format": accumulatorFormat.description, "rounding": rounding.rawValue,
      "qins_storage": qinsStorage.rawValue,
      "control": [
        "scalar_latency_cycles": control.scalarLatencyCycles,
        "taken_branch_penalty_cycles": control.takenBranchPenaltyCycles,
      ],
      "alu": [
        "lanes": alu.lanes, "latency_cycles": alu.latencyCycles,
        "convert_latency_cycles": alu.convertLatencyCycles, "tables": alu.tables.rawValue,
        "table_ports": alu.tablePorts,
      ],
      "array": [
        "rows": array.rows, "cols": array.cols, "dataflow": array.dataflow.rawValue,
        "tables": array.tables.rawValue, "table_ports": array.tablePorts,
        "double_buffered_stationary": array.doubleBufferedStationary,
        "overlap_folds": array.overlapFolds, "product": array.product.rawValue,
        "decoded_fraction_bits": array.decodedFractionBits,
      ],
      "quantization": [
        "weights": quantization.weights.rawValue, "activations": quantization.activations.rawValue,
        "scale_type": quantization.scaleType.rawValue,
        "weight_calibration": quantization.weightCalibration.rawValue,
        "activation_calibration": quantization.activationCalibration.rawValue,
        "activation_max_shift_octaves": quantization.activationMaxShiftOctaves,
      ],
      "sfu": [
        "lanes": sfu.lanes, "elementwise_latency_cycles": sfu.elementwiseLatencyCycles,
        "transcendental_latency_cycles": sfu.transcendentalLatencyCycles,
        "reduction_latency_cycles": sfu.reductionLatencyCycles,
      ],
      "dma": ["queue_depth": dma.queueDepth],
      "memories": [
        "spad": mem(spad), "lbuf": mem(lbuf), "acc": mem(acc),
        "dram": [
          "capacity_bytes": dram.capacityBytes, "bandwidth_gb_per_s": dram.bandwidthGBPerSecond,
          "latency_ns": dram.latencyNanoseconds,
        ],
      ],
      "energy_table": energyTable,
    ]
    let data = try! JSONSerialization.data(
      withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
