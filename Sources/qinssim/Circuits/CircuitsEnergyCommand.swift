import ArgumentParser
import Circuits
import EnergyModel
import Foundation
import MachineDescription
import ProgramLibrary
import QINSSupport
import SystolicArray
import Workloads

/// `qinssim circuits energy`: switching energy of the circuits, calibrated on a published
/// figure, and the synthesized energy table.
struct CircuitsEnergyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "energy",
    abstract: "Energy of the circuits from gate-level switching; writes the synthesized table.",
    discussion: """
      Synthesizes each circuit with Yosys and simulates its gates on operand streams, \
      counting every net's toggles weighted by its load (the gate inputs it drives, plus \
      one). One constant converts them to picojoules, fitted on Horowitz's 8-bit multiply \
      (0.2 pJ at 45 nm); the other published figures (8- and 32-bit add, 32-bit multiply, \
      FP32 add and multiply) are predicted and printed beside their published values. Every \
      preset's PE is then measured on random operands and, given --minilm and --llama, on \
      the operands its machine actually feeds its array in all-MiniLM-L6-v2's layer 0 and \
      in a layer of a Llama-family model (each step of the PE checked against the \
      simulator's arithmetic). --energy-table writes the result as an action-energy table \
      (Benchmarks/energy-table.sh makes the built-in `synthesized` table this way). Takes \
      minutes: the exact-product PE alone takes about three.
      """
  )

  @Option(help: "Write the synthesized action-energy table to this file.")
  var energyTable: String?

  @Option(help: "Also write the figures as JSON to this file.")
  var json: String?

  @Option(
    help: ArgumentHelp(
      "all-MiniLM-L6-v2's model.safetensors (vocab.txt beside it): measure each PE on layer 0's operands.",
      valueName: "file"))
  var minilm: String?

  @Option(
    help: ArgumentHelp(
      "A Llama-family GGUF (SmolLM2-135M, say): measure each PE on one layer's operands.",
      valueName: "file"))
  var llama: String?

  @Option(help: "The Llama model's layer to record.") var layer = 5

  @Option(help: "Random vectors per circuit.") var vectors = 16_384

  @Flag(help: "Leave out the exact-product PE (the slowest to synthesize).")
  var skipExact = false

  @OptionGroup var programsOption: ProgramsOption
  @OptionGroup var threadsOption: ThreadsOption

  static let sentences = [
    "The processor stores every number as the inverse of its magnitude.",
    "A systolic array multiplies matrices by passing operands between neighbouring cells.",
    "Energy per token follows the bytes moved from memory, not the arithmetic.",
  ]
  static let prompt =
    "The history of computing is a history of trading precision for speed, and of finding out later which digits mattered."

  func validate() throws {
    guard vectors >= 128 && vectors <= 10_000_000 else {
      throw ValidationError("--vectors must be between 128 and 10,000,000 (got \(vectors))")
    }
    guard layer >= 0 else { throw ValidationError("--layer must be at least 0") }
    try OutputPaths.refuseInputs(
      [energyTable, json], inputs: [minilm, llama].compactMap { $0 })
  }

  func run() throws {
    guard FileManager.default.fileExists(atPath: RTLSources.folder.path) else {
      throw CommandError(
        "the Verilog is not at \(RTLSources.folder.path): run qinssim circuits from the checkout it was built in"
      )
    }
    let yosys = try Yosys.find()
    let progress = ProgressDisplay.standardError(terminalOutput: true)
    // One machine per kind of PE: the presets', and the exact product on qins-default.
    var machines: [PEKind: MachineDescription] = [:]
    for name in Presets.names {
      if let m = Presets.all[name], let kind = m.peKind, machines[kind] == nil {
        machines[kind] = m
      }
    }
    if !skipExact {
      var exact = Presets.qinsDefault
      exact.name = "qins-exact"
      exact.array.product = .exact
      machines[.qinsExact] = exact
    }
    let kinds = machines.keys.sorted { $0.name < $1.name }
    var workloads: [PEKind: [SynthesizedEnergyFlow.Workload]] = [:]
    for kind in kinds {
      let machine = machines[kind]!
      if let minilm {
        progress.note("\(machine.name): recording MiniLM layer 0")
        let gemms = try RealArrayOperands.miniLM(
          weights: minilm,
          vocabulary: URL(fileURLWithPath: minilm).deletingLastPathComponent()
            .appendingPathComponent("vocab.txt").path,
          sentences: Self.sentences, machine: machine,
          programs: try programsOption.source(holding: "encoder_block.qasm"), gemms: 10_000,
          parallelism: threadsOption.parallelism)
        workloads[kind, default: []].append(.init(name: "MiniLM layer 0", gemms: sample(gemms)))
      }
      if let llama {
        progress.note("\(machine.name): recording the Llama model's layer \(layer)")
        let gemms = try RealArrayOperands.llama(
          model: llama, prompt: Self.prompt, layer: layer, machine: machine,
          programs: try programsOption.source(holding: "llama_prefill.qasm"), gemms: 10_000,
          parallelism: threadsOption.parallelism)
        workloads[kind, default: []].append(
          .init(
            name:
              "\(((llama as NSString).lastPathComponent as NSString).deletingPathExtension) layer \(layer)",
            gemms: sample(gemms)))
      }
    }
    let flow = SynthesizedEnergyFlow(
      kinds: kinds, workloads: workloads, vectors: vectors, progress: { progress.note($0) })
    let result = try flow.run(yosys: yosys)
    progress.clear()
    if let energyTable {
      let command = (["qinssim", "circuits", "energy"] + CommandLine.arguments.dropFirst(3))
        .joined(separator: " ")
      let text = result.energyTable(
        base: .standard, command: command, toolVersion: QinsSim.configuration.version)
      try OutputFile.write(Array(text.utf8), to: energyTable)
    }
    if let json { try OutputFile.write(Array(try JSONOutput.string(result).utf8), to: json) }
    print(CircuitEnergyText.render(result))
  }

  /// At most 48 GEMMs, evenly spaced over the layer.
  func sample(_ gemms: [ArrayOperands]) -> [ArrayOperands] {
    guard gemms.count > 48 else { return gemms }
    return (0..<48).map { gemms[$0 * gemms.count / 48] }
  }
}
