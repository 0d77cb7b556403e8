import Circuits
import QINSSupport
import Testing

/// ``GateNetlist`` and ``SwitchingSimulator`` on netlists small enough to count by hand, and on
/// a synthesized multiplier against integer multiplication.
@Suite struct SwitchingSimulatorTests {
  /// `z = a AND (NOT a)` (always 0, but a glitch under unit delay) and `y = b XOR z`, as
  /// Yosys's `write_json` writes a netlist (bits 2 and 3 are the inputs).
  static let glitchy = """
    {"modules": {"t": {
      "ports": {"a": {"direction": "input", "bits": [2]}, "b": {"direction": "input", "bits": [3]},
                "y": {"direction": "output", "bits": [6]}, "z": {"direction": "output", "bits": [5]}},
      "cells": {
        "n": {"type": "$_NOT_", "connections": {"A": [2], "Y": [4]}},
        "g": {"type": "$_AND_", "connections": {"A": [2], "B": [4], "Y": [5]}},
        "h": {"type": "$_XOR_", "connections": {"A": [3], "B": [5], "Y": [6]}}
      }}}}
    """

  @Test("load-weighted toggles counted by hand: functional and with a unit-delay glitch")
  func handCounted() throws {
    let netlist = try GateNetlist(yosysJSON: Self.glitchy, top: "t")
    #expect(netlist.gates.map(\.function) == [.not, .and, .xor])
    // Loads (fanout + 1): a drives NOT and AND: 3; b drives XOR: 2; NOT a drives AND: 2;
    // z drives XOR and the port: 3; y drives the port: 2.
    for glitches in [true, false] {
      var s = SwitchingSimulator(netlist: netlist, glitches: glitches)
      // a 0 -> 1: a (3) and NOT a (2) switch; z stays 0. Under unit delay z rises when AND
      // sees the new a with the old NOT a (3), falls a unit later (3), and y follows it up
      // (2) and down (2): 3 + 2 + 3 + 3 + 2 + 2 = 15.
      s.step([[1], [0]])
      #expect(s.activity.vectors == 1)
      #expect(s.activity.weightedToggles == 5)
      #expect(s.activity.glitchWeightedToggles == (glitches ? 15 : 0))
      #expect(s.output(0, lane: 0) == 0 && s.output(1, lane: 0) == 0)
      // b 0 -> 1: b (2) and y (2) switch, no glitch.
      s.step([[1], [1]])
      #expect(s.activity.weightedToggles == 9)
      #expect(s.activity.glitchWeightedToggles == (glitches ? 19 : 0))
      #expect(s.output(0, lane: 0) == 1)
      s.resetCounts()
      #expect(s.activity == SwitchingActivity())
    }
  }

  @Test("lanes are independent: 64 streams at once count as the sum of each alone")
  func lanes() throws {
    let netlist = try GateNetlist(yosysJSON: Self.glitchy, top: "t")
    var random = SeededGenerator(seed: 7)
    let steps = (0..<20).map { _ in (0..<64).map { _ in (random.next() & 1, random.next() & 1) } }
    var together = SwitchingSimulator(netlist: netlist)
    for step in steps { together.step([step.map(\.0), step.map(\.1)]) }
    var alone = SwitchingActivity()
    for lane in 0..<64 {
      var s = SwitchingSimulator(netlist: netlist)
      for step in steps { s.step([[step[lane].0], [step[lane].1]]) }
      alone.vectors += s.activity.vectors
      alone.weightedToggles += s.activity.weightedToggles
      alone.glitchWeightedToggles += s.activity.glitchWeightedToggles
    }
    #expect(together.activity == alone)
  }

  @Test("netlists the simulator cannot take are refused, naming the cell")
  func refusals() {
    let flop = """
      {"modules": {"t": {"ports": {"d": {"direction": "input", "bits": [2]}},
        "cells": {"r": {"type": "$_DFF_P_", "connections": {"C": [2], "D": [2], "Q": [3]}}}}}}
      """
    #expect(throws: CircuitError.self) { try GateNetlist(yosysJSON: flop, top: "t") }
    do {
      _ = try GateNetlist(yosysJSON: flop, top: "t")
    } catch {
      #expect("\(error)".contains("cell r is a $_DFF_P_"))
    }
    let loop = """
      {"modules": {"t": {"ports": {},
        "cells": {"p": {"type": "$_NOT_", "connections": {"A": [3], "Y": [2]}},
                  "q": {"type": "$_NOT_", "connections": {"A": [2], "Y": [3]}}}}}}
      """
    do {
      _ = try GateNetlist(yosysJSON: loop, top: "t")
      Issue.record("a combinational loop was accepted")
    } catch {
      #expect("\(error)".contains("combinational loop"))
    }
    do {
      _ = try GateNetlist(yosysJSON: Self.glitchy, top: "u")
      Issue.record("a missing module was accepted")
    } catch {
      #expect("\(error)".contains("no module u"))
    }
  }

  @Test(
    "a synthesized 8 x 8 multiplier's gates, simulated, give every one of the 65,536 products",
    .enabled(
      if: ExternalTool.find("yosys") != nil, "yosys is not installed (apt-get install yosys)"))
  func multiplier() throws {
    let result = try Yosys.find().synthesize(module: "int_multiply", parameters: ["WIDTH": 8])
    let netlist = try result.gates()
    #expect(netlist.inputs.map(\.name) == ["a", "b"] && netlist.outputs.map(\.name) == ["product"])
    var s = SwitchingSimulator(netlist: netlist, glitches: false)
    var wrong = 0
    for block in 0..<1024 {
      let pairs = (0..<64).map { ((block * 64 + $0) >> 8, (block * 64 + $0) & 0xFF) }
      s.step([pairs.map { UInt64($0.0) }, pairs.map { UInt64($0.1) }])
      for (lane, (a, b)) in pairs.enumerated() {
        let expected = Int(Int8(truncatingIfNeeded: a)) * Int(Int8(truncatingIfNeeded: b))
        if s.output(0, lane: lane) != UInt64(UInt16(bitPattern: Int16(expected))) { wrong += 1 }
      }
    }
    #expect(wrong == 0)
  }
}
