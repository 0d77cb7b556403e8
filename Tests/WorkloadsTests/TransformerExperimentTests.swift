import FP32Reference
import Foundation
import MachineDescription
import ProgramLibrary
import QBinary
import QINSAssembler
import QINSMachine
import QINSSupport
import QINSTestSupport
import Testing
import Workloads

/// Small dimensions every block program tiles: hidden 64, 4 heads of 16, MLP 96.
let smallBlock = TransformerDimensions(
  hidden: 64, heads: 4, headDim: 16, intermediate: 96, layers: 2, normEps: 1e-5)

/// Fixed-seed hidden states [seq, hidden].
func hiddenStates(seq: Int, hidden: Int, seed: UInt64 = 7) -> FloatMatrix {
  var g = SeededGenerator(seed: seed)
  return FloatMatrix(rows: seq, cols: hidden, values: g.normalFloats(count: seq * hidden))
}

@Suite("Transformer layers on machines (Workloads)")
struct TransformerExperimentTests {
  /// One layer of `model` on `machine` through the library's tiling, bindings and run.
  func layer(_ model: TransformerModel, on machine: MachineDescription, seq: Int = 8) throws -> (
    machine: FloatMatrix, reference: FloatMatrix, stats: RunStatistics
  ) {
    let d = smallBlock
    let image = try BlockTiling.assemble(
      TransformerBlock.programName(model: model), from: .directory(programsDirectory), d, seq: seq,
      machines: [machine], defines: TransformerBlock.programDefines(model: model, d, seq: seq))
    let block = try TransformerBlock.weights(
      model: model, dimensions: d, layer: 0, file: nil, parallelism: .serial)
    let x = hiddenStates(seq: seq, hidden: d.hidden)
    let run = try LayerSimulation(image: image, machine: machine)
    let (y, stats) = try run.run(block.bindings, x, parallelism: .serial)
    return (y, block.reference(x, d, parallelism: .serial), stats)
  }

  @Test(
    "Each block program on the FP32 machine matches the FP32 reference to 1e-5",
    arguments: TransformerModel.allCases)
  func fp32MachineMatchesReference(model: TransformerModel) throws {
    let (y, want, stats) = try layer(model, on: Presets.fp32Reference)
    let error = ErrorMetrics(y.values, want.values)
    #expect(error.relRms < 1e-5, "relative RMS \(error.relRms)")
    #expect(error.cosine > 0.999_999)
    #expect(stats.multiplyAccumulates > 0)
    #expect(stats.peMultiplyAccumulatePj > 0)
  }

  @Test("The experiment's report: machines in order, fp32-reference last, errors per layer")
  func experimentReport() throws {
    let machines = try TransformerExperiment.lineup(
      [Presets.qinsFast, Presets.fp32Reference, Presets.int8], accumulator: nil)
    #expect(machines.map(\.name) == ["qins-fast", "int8", "fp32-reference"])
    var e = TransformerExperiment(
      model: .phi35Mini, dimensions: smallBlock, layers: 0...1, seq: 16, machines: machines,
      programs: .directory(programsDirectory))
    e.input = hiddenStates(seq: 16, hidden: 64)
    let result = try e.run(parallelism: .serial)
    let r = result.report
    #expect(r.machineOrder == ["qins-fast", "int8", "fp32-reference"])
    #expect(r.layers == "0-1" && r.seq == 16 && r.timingOnly == nil)
    for m in r.ordered {
      #expect(m.perLayer.map(\.layer) == [0, 1])
      #expect(m.cycles > 0 && m.energyPj > 0 && m.dramBytes > 0)
    }
    let fp32 = try #require(r.machines["fp32-reference"])
    let qins = try #require(r.machines["qins-fast"])
    #expect(fp32.perLayer.allSatisfy { $0.output.relRms < 1e-5 })
    // The 8-bit machines carry a real error, larger than the FP32 machine's.
    #expect(qins.perLayer[0].update.relRms > 100 * fp32.perLayer[0].update.relRms)
    // Per layer: q, k, v, o 4 x 64 x 64, gate and up 2 x 96 x 64, down 64 x 96 = 34,816
    // weights in the storage format; the two norms' 128 values in FP32.
    #expect(fp32.weightBytes == 2 * (34_816 * 4 + 128 * 4))
    #expect(qins.weightBytes == 2 * (34_816 * Presets.qinsFast.storageBytesPerValue + 128 * 4))
    // The output is the first machine's state after the last layer.
    let output = try #require(result.output)
    #expect(output.rows == 16 && output.cols == 64)
    #expect(ErrorMetrics(output.values, e.input!.values).relRms > 0)
  }

  @Test(
    "A timing-only run gives every preset's cycles, bytes, energy and stalls, equal to the full run's",
    arguments: [TransformerModel.miniLM, .phi35Mini])
  func timingOnlyAgrees(model: TransformerModel) throws {
    // Every preset but the FP32 machine, which the lineup adds last.
    let presets = Presets.all.values.filter { $0.name != "fp32-reference" }
      .sorted { $0.name < $1.name }
    let machines = try TransformerExperiment.lineup(presets, accumulator: nil)
    var e = TransformerExperiment(
      model: model, dimensions: smallBlock, layers: 0...1, seq: 16, machines: machines,
      programs: .directory(programsDirectory))
    let full = try e.run(parallelism: .serial).report
    e.timingOnly = true
    let timed = try e.run(parallelism: .serial)
    #expect(timed.output == nil && timed.report.timingOnly == true)
    #expect(timed.report.machines.count == Presets.all.count)
    for m in machines {
      let (a, b) = (full.machines[m.name]!, try #require(timed.report.machines[m.name]))
      #expect(a.cycles == b.cycles && a.cycles > 0, "\(m.name)")
      #expect(a.dramBytes == b.dramBytes, "\(m.name)")
      #expect(a.weightBytes == b.weightBytes, "\(m.name)")
      #expect(a.multiplyAccumulates == b.multiplyAccumulates, "\(m.name)")
      #expect(abs(a.energyPj - b.energyPj) <= 1e-9 * a.energyPj, "\(m.name)")
      #expect(a.energyByComponentPj.keys.sorted() == b.energyByComponentPj.keys.sorted())
      for (component, pj) in a.energyByComponentPj {
        #expect(abs(pj - b.energyByComponentPj[component]!) <= 1e-9 * pj, "\(m.name) \(component)")
      }
      #expect(a.roofline == b.roofline, "\(m.name)")
      #expect(b.saturatedProducts == nil && b.perLayer.isEmpty)
    }
  }

  @Test("The lineup refuses a machine named twice and an accumulator a machine cannot take")
  func lineupRefusals() throws {
    #expect(throws: WorkloadError.self) {
      _ = try TransformerExperiment.lineup([Presets.int8, Presets.int8], accumulator: nil)
    }
    #expect(throws: WorkloadError.self) {
      _ = try TransformerExperiment.lineup([Presets.int8], accumulator: .qins8)
    }
    let q = try TransformerExperiment.lineup([Presets.qinsSeed], accumulator: .fp32)
    #expect(q[0].accumulatorFormat == .fp32 && q.last!.name == "fp32-reference")
  }

  @Test("Trace files per layer are named NAME-layerN.EXT only when several layers run")
  func traceNames() {
    #expect(TransformerExperiment.traceName("t.vcd", layer: 3, several: true) == "t-layer3.vcd")
    #expect(TransformerExperiment.traceName("d/t.json", layer: 3, several: false) == "d/t.json")
  }
}

@Suite("The error metrics")
struct ErrorMetricsTests {
  @Test("Hand-computed figures of a small case")
  func smallCase() {
    // got - want = (0, 1, 0, -1): ||d||^2 = 2, ||want||^2 = 1 + 4 + 9 + 16 = 30.
    let m = ErrorMetrics([1, 3, 3, 3], [1, 2, 3, 4])
    #expect(m.maxAbs == 1)
    #expect(m.relRms == (2.0 / 30).squareRoot())
    // got . want = 1 + 6 + 9 + 12 = 28; ||got||^2 = 1 + 9 + 9 + 9 = 28.
    #expect(abs(m.cosine - 28 / (28.0.squareRoot() * 30.0.squareRoot())) < 1e-15)
    #expect(abs(m.snrDb - 10 * log10(15.0)) < 1e-12)
  }

  @Test("Edge cases: equal arrays, all-zero reference, all-zero result")
  func edges() {
    let same = ErrorMetrics([1, -2], [1, -2])
    #expect(same.relRms == 0 && same.maxAbs == 0 && same.snrDb == .infinity)
    #expect(abs(same.cosine - 1) < 1e-15)
    let zeroWant = ErrorMetrics([1, 2], [0, 0])
    #expect(zeroWant.relRms == 0 && zeroWant.cosine == 0 && zeroWant.snrDb == -.infinity)
    let zeroGot = ErrorMetrics([0, 0], [3, 4])
    #expect(zeroGot.relRms == 1 && zeroGot.cosine == 0 && zeroGot.maxAbs == 4)
  }
}

@Suite("The program library")
struct ProgramLibraryTests {
  @Test("The built-in programs are exactly the programs of Programs/, byte for byte")
  func builtInMatchesFolder() throws {
    let fm = FileManager.default
    let folder = try fm.subpathsOfDirectory(atPath: programsDirectory).filter {
      $0.hasSuffix(".qasm") || $0.hasSuffix(".qinc")
    }.sorted()
    #expect(folder == ProgramSource.builtInNames)
    #expect(folder.contains("lib/gemm.qinc") && folder.contains("llama_prefill.qasm"))
    for p in folder {
      let bytes = fm.contents(atPath: programsDirectory + "/" + p).map { [UInt8]($0) }
      #expect(bytes != nil && bytes == ProgramSource.builtIn(p), "\(p)")
    }
  }

  @Test("A built-in program assembles to the same image as its file, includes and all")
  func builtInAssembles() throws {
    let defines = [
      ("SEQ", "8"), ("HIDDEN", "64"), ("HEADS", "2"), ("HEAD_DIM", "32"), ("INTER", "96"),
      ("TN", "32"), ("TK", "32"), ("TR", "4"),
    ].map { (name: $0.0, value: $0.1) }
    let builtIn = ProgramSource.builtIn.assemble("encoder_block.qasm", defines: defines)
    let file = ProgramSource.directory(programsDirectory).assemble(
      "encoder_block.qasm", defines: defines)
    let a = try #require(builtIn.image, "\(builtIn.diagnostics.map(\.description))")
    let b = try #require(file.image, "\(file.diagnostics.map(\.description))")
    // The same image but for the source file names it records.
    #expect(
      a.files == ["built-in:Programs/encoder_block.qasm", "built-in:Programs/lib/gemm.qinc"]
        || a.files.allSatisfy { $0.hasPrefix("built-in:Programs/") })
    #expect(
      b.files.map { $0.replacingOccurrences(of: programsDirectory, with: "built-in:Programs") }
        == a.files)
    var renamed = b
    renamed.files = a.files
    #expect(BinaryWriter.bytes(of: renamed) == BinaryWriter.bytes(of: a))
    #expect(
      ProgramSource.builtIn.path(of: "encoder_block.qasm") == "built-in:Programs/encoder_block.qasm"
    )
  }

  @Test("Built-in programs reach only built-in files: a missing include names its place")
  func builtInIncludesStayInside() throws {
    let options = ProgramSource.builtIn.assemblyOptions(defines: [])
    #expect(options.fileExists("built-in:Programs/lib/gemm.qinc"))
    #expect(!options.fileExists("built-in:Programs/../Package.swift"))
    #expect(!options.fileExists("/etc/passwd") && options.readFile("/etc/passwd") == nil)
    let r = Assembler.assemble(
      source: ".include \"lib/none.qinc\"\n", name: "built-in:Programs/probe.qasm",
      options: options)
    #expect(r.image == nil)
    #expect(
      r.diagnostics.map(\.description).joined().contains("include file 'lib/none.qinc' not found"),
      "\(r.diagnostics)")
  }

  @Test("--programs names a directory that holds the program, or the error says which")
  func programsOption() throws {
    #expect(try ProgramSource(option: nil, holding: "llama_decode.qasm") == .builtIn)
    #expect(
      try ProgramSource(option: programsDirectory, holding: "gemm.qasm")
        == .directory(programsDirectory))
    #expect(throws: ProgramLibraryError.self) {
      try ProgramSource(option: programsDirectory, holding: "nothing.qasm")
    }
    #expect(throws: ProgramLibraryError.self) {
      try ProgramSource(option: nil, holding: "nothing.qasm")
    }
  }
}
