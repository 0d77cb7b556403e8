import QINSSupport

/// Energy from switching activity: load-weighted toggles (``SwitchingSimulator``) times one
/// constant of the technology, fitted on one published figure.
public enum SwitchingEnergy {
  /// The switching of `netlist` on `vectors` random vectors (64 streams of independent
  /// vectors; the first step, from all nets at 0, left out). Ports without a distribution in
  /// `operands` are held at 0.
  public static func randomActivity(
    of netlist: GateNetlist, operands: [String: OperandDistribution], vectors: Int, seed: UInt64
  ) -> SwitchingActivity {
    var simulator = SwitchingSimulator(netlist: netlist)
    var random = SeededGenerator(seed: seed)
    let steps = max(1, (vectors + 63) / 64)
    for step in 0...steps {
      let inputs = netlist.inputs.map { port in
        (0..<64).map { lane in
          (operands[port.name] ?? .fixed(0)).draw(&random, bits: port.nets.count, lane: lane)
        }
      }
      simulator.step(inputs)
      if step == 0 { simulator.resetCounts() }
    }
    return simulator.activity
  }
}

/// The technology constant: picojoules per load-weighted toggle (one gate-input pin charged or
/// discharged once), fitted so that the calibration circuit's switching gives its published
/// energy. One constant for functional toggles, one for toggles with glitches.
public struct EnergyCalibration: Hashable, Sendable, Codable {
  public var picojoulesPerToggle: Double
  public var picojoulesPerGlitchToggle: Double
  /// The circuit and figure it was fitted on.
  public var circuit: String
  public var publishedPicojoules: Double

  /// Fits the constants on `activity`, the switching of the circuit of `operation`.
  public init(operation: PublishedOperation, activity: SwitchingActivity) {
    circuit = operation.circuit.name
    publishedPicojoules = operation.picojoules
    picojoulesPerToggle = operation.picojoules / activity.perVector
    picojoulesPerGlitchToggle = operation.picojoules / activity.glitchPerVector
  }

  /// Energy of one vector of `activity`, pJ: functional toggles, and with glitches.
  public func picojoules(_ activity: SwitchingActivity) -> (functional: Double, glitches: Double) {
    (activity.perVector * picojoulesPerToggle, activity.glitchPerVector * picojoulesPerGlitchToggle)
  }
}
