import Circuits
import EnergyModel
import Foundation
import Testing

/// The committed `synthesized` table is what the flow makes: with the Yosys it was made with,
/// the calibration constant and the published operations' entries come out the same.
@Suite struct SynthesizedTableTests {
  /// The table's header fields: the Yosys version line and the random vectors per circuit.
  static let header: (yosys: String, vectors: Int)? = {
    let text = SynthesizedEnergyTable.text
    guard let tools = text.split(separator: "\n").first(where: { $0.hasPrefix("# Tools: ") }),
      let vectorsRange = text.range(of: "Random operands: ")
    else { return nil }
    let yosys = tools.dropFirst("# Tools: ".count).split(separator: ";").first.map(String.init)
    let digits = text[vectorsRange.upperBound...].prefix { $0.isNumber }
    guard let yosys, let vectors = Int(digits) else { return nil }
    return (yosys, vectors)
  }()

  static let sameYosys: Bool = {
    guard let header, let yosys = try? Yosys.find() else { return false }
    return yosys.version() == header.yosys
  }()

  @Test(
    "the calibration constant and the published operations' entries, made again, equal the table's",
    .enabled(
      if: sameYosys, "the table was made with another Yosys than the installed one (or none is)"))
  func reproduced() throws {
    let (_, vectors) = try #require(Self.header)
    let yosys = try Yosys.find()
    let table = EnergyTable.synthesized
    func activity(_ op: PublishedOperation) throws -> SwitchingActivity {
      let s = try yosys.synthesize(module: op.circuit.module, parameters: op.circuit.parameters)
      return SwitchingEnergy.randomActivity(
        of: try s.gates(), operands: op.operands, vectors: vectors, seed: 24)
    }
    let calibration = EnergyCalibration(
      operation: PublishedEnergy.calibration, activity: try activity(PublishedEnergy.calibration))
    #expect(
      SynthesizedEnergyTable.text.contains(
        "x \(String(format: "%.6g", calibration.picojoulesPerToggle)) pJ per pin-toggle"))
    for op in PublishedEnergy.operations
    where op.circuit.name.hasPrefix("int8") || op.name == "fp32 add" {
      let predicted = calibration.picojoules(try activity(op)).functional
      #expect(
        String(format: "%.4g", predicted) == String(format: "%.4g", table[op.component, op.action]),
        "\(op.name)")
    }
  }
}
