import Foundation
import MachineDescription
import QBinary
import QINSAssembler
import QINSMachine
import Testing

@Suite("Cycles, bytes and energy attributed to a program's operators")
struct OperatorAttributionTests {
  @Test("Two operators of a DMA-bound program, derived by hand")
  func dmaBound() throws {
    // As TimingTests.bandwidthBound: li 0, li 1, dma.shape 2 (operator setup: cycles 0-2,
    // 3 cycles); dma.copy at 3 is done at 3 + 256 + 102 = 361, dma.wait stalls to 361,
    // halt at 362 (operator fetch: cycles 3-362, 360 cycles, 357 of them dma_wait).
    let s = try run(
      """
      .tensor D dram [1, 4096] fp32
      .tensor S spad [1, 4096] fp32
      .operator setup
      li x1, 1
      li x2, 4096
      dma.shape x1, x2
      .operator fetch
      dma.copy S, D, 0
      dma.wait 0
      halt
      """)
    let ops = try #require(s.operators)
    #expect(ops.map(\.name) == ["setup", "fetch"])
    let (setup, fetch) = (ops[0], ops[1])
    #expect(setup.cycles == 3 && fetch.cycles == 360 && s.cycles == 363)
    #expect(setup.instructions == 3 && fetch.instructions == 3)
    #expect(setup.dramBytes == 0 && fetch.bytesRead["dram"] == 16_384)
    #expect(fetch.issueStalls == ["dma_wait": 357])
    #expect(setup.unitBusyCycles.isEmpty && fetch.unitBusyCycles == ["dma": 256])
    // The copy's DRAM bound: 16,384 bytes at 64 B/cycle = 256 of the operator's 360 cycles.
    let r = try #require(fetch.roofline)
    #expect(r.tightest == .dram && r.bounds[.dram] == 256 && r.cycles == 360)
    // The operators in sequence: setup has no work (no bound), fetch its 256 DRAM cycles,
    // 256 / 363 = 70.5 % of the run.
    #expect(setup.roofline?.tightest == nil)
    #expect(s.roofline?.operatorsInSequence == 256)
    #expect(s.roofline?.summary.hasSuffix("; 71 % of its operators' bounds in sequence") == true)
    // Dynamic energy is the copy's alone; leakage follows the cycles.
    #expect(setup.energy.dynamicPj < fetch.energy.dynamicPj)
    #expect(
      abs(setup.energy.leakagePj / fetch.energy.leakagePj - 3.0 / 360.0) < 1e-12)
    #expect(abs(setup.energy.totalPj + fetch.energy.totalPj - s.energy.totalPj) < 1e-6)
  }

  @Test("A loop through two operators enters each once per iteration")
  func loop() throws {
    // li x1 (0) precedes the first operator. Three iterations of addi (operator a) and li,
    // blt (operator b), blt taken twice with a 1-cycle penalty: a 3 cycles; b 3 x 2 + 2 = 8,
    // and halt at 12: 13 cycles.
    let s = try run(
      """
      li x1, 0
      .operator a
      loop: addi x1, x1, 1
      .operator b
      li x2, 3
      blt x1, x2, loop
      halt
      """)
    let ops = try #require(s.operators)
    #expect(ops.map(\.name) == [OperatorStatistics.outsideOperators, "a", "b"])
    #expect(ops.map(\.entries) == [1, 3, 3])
    #expect(ops.map(\.cycles) == [1, 3, 9])
    #expect(ops.map(\.instructions) == [1, 3, 7])
    #expect(s.cycles == 13)
    #expect(ops[2].issueStalls == ["branch": 2])
  }

  @Test("A program without operators reports none")
  func none() throws {
    #expect(try run("li x1, 1\nhalt\n").operators == nil)
  }

  @Test(
    "A decoder layer's operators add up to the run, and timing-only gives the same figures",
    arguments: ["int8", "qins-default"])
  func layerSums(preset: String) throws {
    let path = repositoryRootURL.appendingPathComponent("Programs/llama_decode.qasm").path
    let image = try #require(Assembler.assemble(file: path).image)
    let machine = try #require(Presets.all[preset])
    var full = try Simulator(image: image, machine: machine)
    let s = try full.run()
    var timing = try Simulator(image: image, machine: machine, timingOnly: true)
    let t = try timing.run()
    let ops = try #require(s.operators)
    #expect(
      ops.map(\.name) == [
        "attn_norm", "q_proj", "k_proj", "v_proj", "attention", "o_proj",
        "attn_residual_ffn_norm", "gate_up_silu", "act_to_storage", "down_proj", "ffn_residual",
      ])
    #expect(ops.map(\.cycles).reduce(0, +) == s.cycles)
    #expect(ops.map(\.instructions).reduce(0, +) == s.instructions)
    #expect(ops.map(\.multiplyAccumulates).reduce(0, +) == s.multiplyAccumulates)
    #expect(ops.map(\.dramBytes).reduce(0, +) == s.bytesMoved(.dram))
    for unit in s.unitBusyCycles.keys {
      #expect(ops.map { $0.unitBusyCycles[unit] ?? 0 }.reduce(0, +) == s.unitBusyCycles[unit])
    }
    let energy = ops.map(\.energy.totalPj).reduce(0, +)
    #expect(abs(energy - s.energy.totalPj) <= 1e-9 * s.energy.totalPj)
    // Only the projections use the array's weights: every multiply-accumulate outside
    // attention belongs to a GEMM operator.
    for o in ops
    where !o.name.hasSuffix("_proj") && o.name != "attention" && o.name != "gate_up_silu" {
      #expect(o.multiplyAccumulates == 0, "\(o.name)")
    }
    let timed = try #require(t.operators)
    #expect(timed.map(\.name) == ops.map(\.name))
    #expect(timed.map(\.cycles) == ops.map(\.cycles))
    #expect(timed.map(\.dramBytes) == ops.map(\.dramBytes))
    #expect(timed.map(\.energy.totalPj) == ops.map(\.energy.totalPj))
  }

  @Test("Layers add operator by operator")
  func adding() throws {
    let s = try run(".operator a\nli x1, 1\n.operator b\nli x2, 2\nhalt\n")
    let twice = s.adding(s)
    #expect(twice.operators?.map(\.name) == ["a", "b"])
    #expect(twice.operators?.map(\.cycles) == s.operators!.map { 2 * $0.cycles })
    #expect(twice.operators?.map(\.entries) == [2, 2])
    let once = try #require(s.roofline?.operatorsInSequence)
    #expect(twice.roofline?.operatorsInSequence == 2 * once)
    // A run without operators ends the sum: it would no longer cover the whole.
    let plain = try run("li x1, 1\nhalt\n")
    #expect(twice.adding(plain).roofline?.operatorsInSequence == nil)
    #expect(plain.adding(s).roofline?.operatorsInSequence == nil)
  }

  @Test("The CSV has a row per operator and one for the whole run, quoted where needed")
  func csv() throws {
    let s = try run(".operator a\nli x1, 1\n.operator b\nli x2, 2\nhalt\n")
    var table = OperatorTable()
    table.add(machine: "m, \"x\"", scope: "all", operators: s.operators!, whole: s)
    let lines = table.csv.split(separator: "\n").map(String.init)
    #expect(lines.count == 4)
    let header = lines[0].split(separator: ",").map(String.init)
    #expect(Array(header.prefix(5)) == ["machine", "scope", "operator", "entries", "cycles"])
    #expect(lines[1].hasPrefix("\"m, \"\"x\"\"\",all,a,1,1,"))
    #expect(lines[3].hasPrefix("\"m, \"\"x\"\"\",all,(all),1,\(s.cycles),"))
    let fraction = try #require(header.firstIndex(of: "fraction_reached"))
    #expect(header.contains("bound_dram") && fraction > header.firstIndex(of: "tightest")!)
  }
}
