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
    try self.init(tree: root)
  }

  /// Reads a description from its tree of values as Foundation holds JSON (objects,
  /// arrays, strings, numbers, booleans): what the JSON and the TOML readers both produce.
  init(tree root: Any) throws(DescriptionError) {
    var r = try JSONObjectReader(root, path: "")
    self.init()
    name = try r.string("name", default: name)
    clockMHz = try Self.number(&r, "clock_mhz", clockMHz, Limits.clockMHz)
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
    control.scalarLatencyCycles = try Self.integer(
      &c, "scalar_latency_cycles", control.scalarLatencyCycles, Limits.latencyCycles)
    control.takenBranchPenaltyCycles = try Self.integer(
      &c, "taken_branch_penalty_cycles", control.takenBranchPenaltyCycles, Limits.delayCycles)
    try c.finish()

    var a = try r.object("alu")
    alu.lanes = try Self.integer(&a, "lanes", alu.lanes, Limits.lanes)
    alu.latencyCycles = try Self.integer(
      &a, "latency_cycles", alu.latencyCycles, Limits.latencyCycles)
    alu.convertLatencyCycles = try Self.integer(
      &a, "convert_latency_cycles", alu.convertLatencyCycles, Limits.latencyCycles)
    alu.tables = TableImplementation(
      rawValue: try a.choice(
        "tables", TableImplementation.allCases.map(\.rawValue), default: alu.tables.rawValue))!
    alu.tablePorts = try Self.integer(&a, "table_ports", alu.tablePorts, Limits.lanes)
    try a.finish()

    var s = try r.object("array")
    array.rows = try Self.integer(&s, "rows", array.rows, Limits.arraySide)
    array.cols = try Self.integer(&s, "cols", array.cols, Limits.arraySide)
    try Self.check(
      array.rows * array.cols <= Limits.arrayPEs, "array",
      "rows x cols must be at most \(Limits.arrayPEs) PEs, found \(array.rows) x \(array.cols)")
    array.dataflow = Dataflow(
      rawValue: try s.choice(
        "dataflow", Dataflow.allCases.map(\.rawValue), default: array.dataflow.rawValue))!
    array.tables = TableImplementation(
      rawValue: try s.choice(
        "tables", TableImplementation.allCases.map(\.rawValue), default: array.tables.rawValue))!
    array.tablePorts = try Self.integer(&s, "table_ports", array.tablePorts, Limits.lanes)
    array.doubleBufferedStationary = try s.boolean(
      "double_buffered_stationary", default: array.doubleBufferedStationary)
    array.overlapFolds = try s.boolean("overlap_folds", default: array.overlapFolds)
    array.product = ProductPath(
      rawValue: try s.choice(
        "product", ProductPath.allCases.map(\.rawValue), default: array.product.rawValue))!
    // 1...11: two operands' significands must multiply exactly in FP32.
    array.decodedFractionBits = try Self.integer(
      &s, "decoded_fraction_bits", array.decodedFractionBits, 1...11)
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
    quantization.scaleUnitLanes = try Self.integer(
      &q, "scale_unit_lanes", quantization.scaleUnitLanes, Limits.lanes)
    quantization.scaleUnitCandidates = try Self.integer(
      &q, "scale_unit_candidates", quantization.scaleUnitCandidates, 1...64)
    try q.finish()

    var f = try r.object("sfu")
    sfu.lanes = try Self.integer(&f, "lanes", sfu.lanes, Limits.lanes)
    sfu.elementwiseLatencyCycles = try Self.integer(
      &f, "elementwise_latency_cycles", sfu.elementwiseLatencyCycles, Limits.latencyCycles)
    sfu.transcendentalLatencyCycles = try Self.integer(
      &f, "transcendental_latency_cycles", sfu.transcendentalLatencyCycles, Limits.latencyCycles)
    sfu.reductionLatencyCycles = try Self.integer(
      &f, "reduction_latency_cycles", sfu.reductionLatencyCycles, Limits.latencyCycles)
    try f.finish()

    var d = try r.object("dma")
    dma.queueDepth = try Self.integer(&d, "queue_depth", dma.queueDepth, Limits.lanes)
    try d.finish()

    var m = try r.object("memories")
    spad = try Self.memory(&m, "spad", spad)
    lbuf = try Self.memory(&m, "lbuf", lbuf)
    acc = try Self.memory(&m, "acc", acc)
    var dr = try m.object("dram")
    dram.capacityBytes = try Self.integer(
      &dr, "capacity_bytes", dram.capacityBytes, Limits.dramBytes)
    dram.bandwidthGBPerSecond = try Self.number(
      &dr, "bandwidth_gb_per_s", dram.bandwidthGBPerSecond, Limits.bandwidthGBPerSecond)
    dram.latencyNanoseconds = try Self.number(
      &dr, "latency_ns", dram.latencyNanoseconds, Limits.latencyNanoseconds)
    try dr.finish()
    try m.finish()

    energyTable = try r.string("energy_table", default: energyTable)
    try r.finish()
  }

  static func check(_ ok: Bool, _ path: String, _ message: String) throws(DescriptionError) {
    if !ok { throw DescriptionError(path, message) }
  }

  /// A whole number within `range`, or `value` when absent.
  static func integer(
    _ r: inout JSONObjectReader, _ key: String, _ value: Int, _ range: ClosedRange<Int>
  ) throws(DescriptionError) -> Int {
    let v = try r.integer(key, default: value)
    guard range.contains(v) else {
      throw DescriptionError(
        r.fieldPath(key),
        "must be \(range.lowerBound)...\(range.upperBound), found \(v)")
    }
    return v
  }

  /// A number within `range`, or `value` when absent.
  static func number(
    _ r: inout JSONObjectReader, _ key: String, _ value: Double, _ range: ClosedRange<Double>
  ) throws(DescriptionError) -> Double {
    let v = try r.number(key, default: value)
    guard range.contains(v) else {
      throw DescriptionError(
        r.fieldPath(key),
        "must be \(Limits.text(range.lowerBound))...\(Limits.text(range.upperBound)), found \(v)")
    }
    return v
  }

  static func memory(_ parent: inout JSONObjectReader, _ key: String, _ value: Memory)
    throws(DescriptionError) -> Memory
  {
    var r = try parent.object(key)
    var m = value
    m.capacityBytes = try integer(&r, "capacity_bytes", m.capacityBytes, Limits.onChipBytes)
    m.banks = try integer(&r, "banks", m.banks, Limits.lanes)
    m.bytesPerCycle = try integer(&r, "bytes_per_cycle", m.bytesPerCycle, Limits.bytesPerCycle)
    m.latencyCycles = try integer(&r, "latency_cycles", m.latencyCycles, Limits.delayCycles)
    try r.finish()
    return m
  }

  /// The description as JSON, every field written out, keys sorted: what
  /// `qinssim machine show` prints and what ``init(json:)`` reads back unchanged.
  public var json: String {
    let data = try! JSONSerialization.data(
      withJSONObject: jsonObject, options: [.prettyPrinted, .sortedKeys])
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// Every field, as nested dictionaries keyed by the files' names.
  var jsonObject: [String: Any] {
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
        "scale_unit_lanes": quantization.scaleUnitLanes,
        "scale_unit_candidates": quantization.scaleUnitCandidates,
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
    return object
  }
}
