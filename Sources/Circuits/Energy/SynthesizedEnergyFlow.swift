import Foundation
import MachineDescription
import SystolicArray

/// The flow that turns the circuits into an energy table: synthesize each circuit with Yosys,
/// simulate its gates on operand streams counting load-weighted toggles
/// (``SwitchingSimulator``), convert toggles to picojoules with one constant fitted on a
/// published figure (``PublishedEnergy/calibration``), check that constant against the
/// table's other published figures, and price every PE kind, the LUT ALU lane and the
/// converters, on random operands and on operands recorded from real workloads.
public struct SynthesizedEnergyFlow {
  /// Operands recorded from one workload on a machine with a given PE kind.
  public struct Workload: Sendable {
    public var name: String
    public var gemms: [ArrayOperands]
    public init(name: String, gemms: [ArrayOperands]) {
      self.name = name
      self.gemms = gemms
    }
  }

  /// One priced circuit.
  public struct Row: Hashable, Sendable, Codable {
    /// The table's component and action (`pe_int8 mac`, `fp32 add`).
    public var component: String
    public var action: String
    public var circuit: String
    public var module: String
    public var parameters: [String: Int]
    public var gates: Int
    public var nand2Equivalents: Double
    public var depth: Int
    /// Load-weighted toggles per operation on random operands: functional, and with glitches.
    public var randomToggles: Double
    public var randomGlitchToggles: Double
    /// Energy per operation on random operands, pJ: functional toggles, and with glitches.
    public var randomPicojoules: Double
    public var randomGlitchPicojoules: Double
    /// Functional energy per operation on each workload's operands, pJ, and its toggles
    /// (glitches are not simulated on them).
    public var realPicojoules: [String: Double] = [:]
    public var realToggles: [String: Double] = [:]
    /// The published energy, where the table has one.
    public var publishedPicojoules: Double?
    /// Flip-flops the PE holds besides its multiply-accumulate (priced in area only).
    public var registerBits = 0
  }

  public struct Result: Hashable, Sendable, Codable {
    public var calibration: EnergyCalibration
    /// The published operations, the calibration point included.
    public var published: [Row]
    /// Each PE kind's multiply-accumulate.
    public var processingElements: [Row]
    /// The LUT ALU lane, the converters and the edge decoder.
    public var others: [Row]
    public var yosysVersion: String
    public var randomVectors: Int
  }

  public var kinds: [PEKind]
  /// Recorded operands by PE kind.
  public var workloads: [PEKind: [Workload]]
  /// Random vectors per circuit.
  public var vectors: Int
  public var seed: UInt64
  public var progress: (String) -> Void

  public init(
    kinds: [PEKind], workloads: [PEKind: [Workload]] = [:], vectors: Int = 16_384,
    seed: UInt64 = 24, progress: @escaping (String) -> Void = { _ in }
  ) {
    self.kinds = kinds
    self.workloads = workloads
    self.vectors = vectors
    self.seed = seed
    self.progress = progress
  }

  /// Runs the flow.
  public func run(yosys: Yosys) throws -> Result {
    var published: [Row] = []
    var calibrationActivity: SwitchingActivity?
    var activities: [SwitchingActivity] = []
    for op in PublishedEnergy.operations {
      progress("\(op.circuit.name): synthesizing and simulating")
      let s = try yosys.synthesize(module: op.circuit.module, parameters: op.circuit.parameters)
      let a = SwitchingEnergy.randomActivity(
        of: try s.gates(), operands: op.operands, vectors: vectors, seed: seed)
      if op == PublishedEnergy.calibration { calibrationActivity = a }
      activities.append(a)
      var row = Self.row(op.component, op.action, op.circuit, s.report, a)
      row.publishedPicojoules = op.picojoules
      published.append(row)
    }
    let calibration = EnergyCalibration(
      operation: PublishedEnergy.calibration, activity: calibrationActivity!)
    for i in published.indices { price(&published[i], activities[i], calibration) }

    var pes: [Row] = []
    for (i, kind) in kinds.enumerated() {
      progress("\(kind.name): synthesizing and simulating")
      let s = try yosys.synthesize(module: kind.circuit.module, parameters: kind.circuit.parameters)
      let netlist = try s.gates()
      let random = ArrayOperands.random(kind: kind, m: 128, k: 128, n: 128, seed: seed + UInt64(i))
      let a = try PEStreams.switching(
        kind: kind, netlist: netlist, gemms: [random], steps: max(2, vectors / 64), seed: seed)
      var row = Self.row(kind.name, "mac", kind.circuit, s.report, a)
      price(&row, a, calibration)
      row.registerBits = 2 * kind.operandBits + 32
      for w in workloads[kind] ?? [] {
        progress("\(kind.name): \(w.name) operands")
        let real = try PEStreams.switching(
          kind: kind, netlist: netlist, gemms: w.gemms, glitches: false, seed: seed)
        row.realToggles[w.name] = real.perVector
        row.realPicojoules[w.name] = calibration.picojoules(real).functional
      }
      pes.append(row)
    }

    var others: [Row] = []
    for (component, action, circuit, operands) in Self.otherCircuits {
      progress("\(circuit.name): synthesizing and simulating")
      let s = try yosys.synthesize(module: circuit.module, parameters: circuit.parameters)
      let a = SwitchingEnergy.randomActivity(
        of: try s.gates(), operands: operands, vectors: vectors, seed: seed)
      var row = Self.row(component, action, circuit, s.report, a)
      price(&row, a, calibration)
      others.append(row)
    }
    return Result(
      calibration: calibration, published: published, processingElements: pes, others: others,
      yosysVersion: yosys.version(), randomVectors: vectors)
  }

  /// The LUT ALU lane (each of 64 streams holds one op: ADD, SUB, MUL, RCP in turn), the two
  /// converters (tensor exponent 0) and the decoded path's edge decoder.
  static let otherCircuits: [(String, String, Circuit, [String: OperandDistribution])] = [
    (
      "qins8_logic", "lookup",
      Circuit("alu-lane", "qins8_lut_lane", ["NEAREST": 1], role: "LUT ALU lane"),
      ["op": .perLane([0, 1, 2, 3]), "a": .qinsWord, "b": .qinsWord]
    ),
    (
      "fp32_to_qins8", "convert",
      Circuit("fp32-to-qins8", "qins8_encode", ["NEAREST": 1], role: "FP32 to QINS8"),
      ["x": .normalBinary32, "exponent": .fixed(0)]
    ),
    (
      "qins8_to_fp32", "convert",
      Circuit("qins8-to-fp32", "qins8_decode", role: "QINS8 to FP32"),
      ["x": .qinsWord, "exponent": .fixed(0)]
    ),
    (
      "qins_edge_decoder", "decode",
      Circuit("qins-edge-decoder", "qins8_magnitude", ["FRAC_BITS": 7], role: "edge decoder"),
      ["code": .uniformBits]
    ),
  ]

  static func row(
    _ component: String, _ action: String, _ circuit: Circuit, _ r: SynthesisReport,
    _ a: SwitchingActivity
  ) -> Row {
    Row(
      component: component, action: action, circuit: circuit.name, module: circuit.module,
      parameters: circuit.parameters, gates: r.gates, nand2Equivalents: r.nand2Equivalents,
      depth: r.depth, randomToggles: a.perVector, randomGlitchToggles: a.glitchPerVector,
      randomPicojoules: 0, randomGlitchPicojoules: 0)
  }

  func price(_ row: inout Row, _ a: SwitchingActivity, _ c: EnergyCalibration) {
    let e = c.picojoules(a)
    row.randomPicojoules = e.functional
    row.randomGlitchPicojoules = e.glitches
  }
}

extension PEKind {
  /// Bits of one operand word at the PE's ports.
  public var operandBits: Int {
    switch self {
    case .fp32: 32
    case .bf16: 16
    case .fp8E4M3, .fp8E5M2, .int8: 8
    case .qinsTable8, .qinsExact: 10
    case .qinsDecoded(let f): f + 6
    }
  }
}
