import Circuits
import Foundation
import QINSNumbers
import QINSSupport
import SystolicArray
import Testing

/// The synthesis flow: Yosys's reports read into figures, and the gate-level netlists it
/// writes computing what the RTL and the Swift models compute (all 65,536 operand pairs).
@Suite(
  .enabled(if: VectorBench.isAvailable, "verilator is not installed (apt-get install verilator)"),
  .enabled(if: (try? Yosys.find()) != nil, "yosys is not installed (apt-get install yosys)"))
struct SynthesisTests {
  @Test(
    "pe-int8 synthesizes to combinational gates whose netlist is the INT8 model on every operand pair"
  )
  func int8Netlist() throws {
    let circuit = CircuitCatalog.circuit(named: "pe-int8")!
    let result = try Yosys.find().synthesize(module: circuit.module, parameters: circuit.parameters)
    let r = result.report
    #expect(r.gates > 100 && r.flipFlops == 0 && r.depth > 8)
    #expect(r.nand2Equivalents == Double(r.transistors) / 4)
    #expect(
      Set(r.cells.keys).isSubset(
        of: Set(Yosys.gateSet.split(separator: ",").map { "$_\($0)_" } + ["$_NOT_"])))
    let mismatches = try PECircuitTests.int8Mismatches(netlist: result.netlist, seed: 24_200)
    #expect(mismatches == 0)
  }

  @Test(
    "qins-mul-table's netlist is the MUL table on every code pair, in both roundings; the seed's rounding is the smaller circuit",
    arguments: [RoundingMode.seed, .nearest])
  func mulTableNetlist(rounding: RoundingMode) throws {
    let nearest = rounding == .nearest ? 1 : 0
    let result = try Yosys.find().synthesize(
      module: "qins8_mul_table", parameters: ["NEAREST": nearest])
    let bench = VectorBench(
      module: "qins8_mul_table", inputs: [Port("a", bits: 8), Port("b", bits: 8)],
      outputs: [Port("code", bits: 8), Port("overflow", bits: 1), Port("inexact", bits: 1)])
    let pairs = (0..<65_536).map { [UInt64($0 >> 8), UInt64($0 & 0xFF)] }
    let results = try bench.evaluate(pairs, netlist: result.netlist)
    let table = QINS8Tables.shared(rounding).mul
    var mismatches = 0
    for (pair, out) in zip(pairs, results) {
      let entry = table.lookup(UInt8(pair[0]), UInt8(pair[1]))
      let expected: [UInt64] = [
        UInt64(entry.code), entry.flags.contains(.overflow) ? 1 : 0,
        entry.flags.contains(.inexact) ? 1 : 0,
      ]
      if out != expected { mismatches += 1 }
    }
    #expect(mismatches == 0)
    if rounding == .nearest {
      let seed = try Yosys.find().synthesize(module: "qins8_mul_table", parameters: ["NEAREST": 0])
      #expect(seed.report.transistors < result.report.transistors)
    }
  }

  @Test(
    "Yosys's reports are read into cells, transistors and depth; a report without them is refused")
  func reportParsing() throws {
    let stat = """
      === mac_int8 ===

         Number of wires:                 10
         Number of cells:                  7
           $_AND_                          3
           $_NOT_                          2
           $_XOR_                          2
      """
    let r = try SynthesisReport(
      module: "m", parameters: [:], stat: stat,
      cmos: "   Estimated number of transistors:        46\n",
      ltp: "Longest topological path in m (length=5):\n")
    #expect(r.cells == ["$_AND_": 3, "$_NOT_": 2, "$_XOR_": 2])
    #expect(r.gates == 7 && r.transistors == 46 && r.depth == 5 && r.flipFlops == 0)
    #expect(abs(r.squareMillimetres45nm - 11.5 * 0.798e-6) < 1e-15)
    #expect(throws: CircuitError.self) {
      try SynthesisReport(module: "m", parameters: [:], stat: stat, cmos: "", ltp: "")
    }
  }
}
