import Circuits
import EnergyModel
import Foundation
import MachineDescription
import ProgramLibrary
import QINSNumbers
import QINSSupport
import QINSTestSupport
import SystolicArray
import Testing
import Workloads

/// The PEs driven by the operand streams of an array, on random and on real operands, each
/// step checked against the simulator's arithmetic; and the energy constant fitted on the
/// published table.
@Suite(
  .enabled(if: ExternalTool.find("yosys") != nil, "yosys is not installed (apt-get install yosys)"))
struct SwitchingEnergyTests {
  static func netlist(_ kind: PEKind) throws -> GateNetlist {
    try Yosys.find().synthesize(module: kind.circuit.module, parameters: kind.circuit.parameters)
      .gates()
  }

  @Test(
    "each PE's gates compute the array's sums step for step on random operands (INT8, FP8 E4M3, decoded QINS)",
    arguments: [PEKind.int8, .fp8E4M3, .qinsDecoded(fractionBits: 7)])
  func randomStreams(kind: PEKind) throws {
    let gemm = ArrayOperands.random(kind: kind, m: 12, k: 16, n: 16, seed: 3)
    let activity = try PEStreams.switching(
      kind: kind, netlist: try Self.netlist(kind), gemms: [gemm, gemm], seed: 5)
    // 64 PEs for 12 steps of each GEMM, less the first step from all nets at 0.
    #expect(activity.vectors == 64 * 23)
    #expect(
      activity.weightedToggles > 0 && activity.glitchWeightedToggles >= activity.weightedToggles)
  }

  @Test("the seed's PE takes the product exponent: codes scaled by 2^-5, step for step")
  func table8Exponent() throws {
    var random = SeededGenerator(seed: 11)
    func code() -> QINS8 {
      QINS8(sign: Int8(Int(random.next() % 3) - 1), code: UInt8(truncatingIfNeeded: random.next()))
    }
    let gemm = ArrayOperands(
      m: 6, k: 8, n: 8,
      values: .qins8(
        a: (0..<48).map { _ in code() }, b: (0..<64).map { _ in code() }, productExponent: -5))
    let kind = PEKind.qinsTable8(nearest: true)
    let activity = try PEStreams.switching(
      kind: kind, netlist: try Self.netlist(kind), gemms: [gemm], glitches: false, seed: 1)
    #expect(activity.vectors == 64 * 5)
  }

  @Test(
    "a stream that does not drive the circuit as the simulator's PE is refused, naming the step")
  func wrongCircuit() throws {
    let gemm = ArrayOperands.random(kind: .fp8E4M3, m: 4, k: 8, n: 8, seed: 3)
    do {
      _ = try PEStreams.switching(
        kind: .fp8E4M3, netlist: try Self.netlist(.int8), gemms: [gemm], seed: 5)
      Issue.record("an INT8 circuit passed for an FP8 PE")
    } catch {
      #expect("\(error)".contains("pe_fp8_e4m3: GEMM 0, step 0"))
    }
  }

  @Test(
    "real operands: MiniLM layer 0 on int8 and qins-default, recorded from the simulator, drive their PEs step for step",
    .enabled(if: PythonPackages.miniLMModel != nil, "all-MiniLM-L6-v2 could not be installed"))
  func realOperands() throws {
    let weights = try #require(PythonPackages.miniLMModel)
    for machine in [Presets.all["int8"]!, Presets.qinsDefault] {
      let kind = try #require(machine.peKind)
      let gemms = try RealArrayOperands.miniLM(
        weights: weights,
        vocabulary: (weights as NSString).deletingLastPathComponent + "/vocab.txt",
        sentences: ["A man is playing a guitar."], machine: machine,
        programs: try ProgramSource(option: nil, holding: "encoder_block.qasm"), gemms: 4,
        parallelism: .serial)
      #expect(gemms.count == 4)
      // The tokens' rows of the activations against the weights' tiles.
      #expect(gemms.allSatisfy { $0.m == 9 && $0.k <= machine.array.rows })
      if case .unitGrid(let a, let b) = gemms[0].values {
        #expect(kind == .int8)
        #expect((a + b).allSatisfy { $0 == $0.rounded() && abs($0) <= 127 })
      } else {
        #expect(kind == .qinsDecoded(fractionBits: 7))
      }
      let activity = try PEStreams.switching(
        kind: kind, netlist: try Self.netlist(kind), gemms: gemms, glitches: false, seed: 2)
      #expect(activity.vectors == 64 * (4 * 9 - 1))
    }
  }

  @Test("the constant fitted on one figure gives that figure back, and scales the others")
  func calibration() {
    var reference = SwitchingActivity()
    reference.vectors = 10
    reference.weightedToggles = 4_000
    reference.glitchWeightedToggles = 8_000
    let c = EnergyCalibration(operation: PublishedEnergy.calibration, activity: reference)
    #expect(c.picojoules(reference) == (0.2, 0.2))
    var other = reference
    other.weightedToggles = 6_000
    #expect(abs(c.picojoules(other).functional - 0.3) < 1e-12)
  }
}
