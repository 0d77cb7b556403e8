import Foundation

/// Verilator, which compiles Verilog into a C++ simulation: a million operand vectors through
/// an FP32 adder take a second, against minutes in an event-driven simulator.
public struct Verilator: Sendable {
  public let tool: ExternalTool

  /// The installed Verilator, or ``CircuitError/toolMissing(_:install:)``.
  public static func find() throws -> Verilator {
    guard let tool = ExternalTool.find("verilator") else {
      throw CircuitError.toolMissing("verilator", install: "apt-get install -y verilator")
    }
    return Verilator(tool: tool)
  }

  /// Compiles the test bench `bench` (a top module named `bench`, in Verilog with delays)
  /// with every design file (or `sources`) into an executable in `folder`, and returns it. Design files are
  /// held to Verilator's full lint elsewhere (``lint(module:)``); the bench is built with
  /// warnings off. `optimise: false` compiles the C++ without optimisation: quicker to build,
  /// for benches that run few cycles.
  public func build(
    bench: String, in folder: URL, trace: Bool = false, optimise: Bool = true, sources: [URL]? = nil
  ) throws -> ExternalTool {
    try bench.write(
      to: folder.appendingPathComponent("bench.v"), atomically: false, encoding: .utf8)
    let files = try (sources ?? RTLSources.designFiles()).map(\.path)
    let jobs = String(max(1, min(4, ProcessInfo.processInfo.activeProcessorCount)))
    try tool.run(
      [
        "--binary", "--timing", "-Wno-fatal", "-Wno-lint", "-Wno-style", "--top-module", "bench",
        "-O1", "--build-jobs", jobs, "-Mdir", "obj", "bench.v",
      ] + (trace ? ["--trace"] : [])
        + files, in: folder)
    return ExternalTool(name: "Vbench", url: folder.appendingPathComponent("obj/Vbench"))
  }

  /// Verilator's lint of the design with `module` at its top, every warning on (`-Wall`) but
  /// two: WIDTH (Verilog's sizing rules extend operands on purpose throughout, and the
  /// equivalence tests check every result bit) and PINCONNECTEMPTY (an output left
  /// unconnected on purpose). Returns what it printed, empty when the module is clean.
  public func lint(module: String, parameters: [String: Int] = [:]) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "qins-lint-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let files = try RTLSources.designFiles().map(\.path)
    let overrides = parameters.keys.sorted().map { "-G\($0)=\(parameters[$0]!)" }
    do {
      return try tool.run(
        ["--lint-only", "-Wall", "-Wno-WIDTH", "-Wno-PINCONNECTEMPTY", "--top-module", module]
          + overrides + files, in: folder)
    } catch CircuitError.toolFailed(_, _, let output) {
      return output
    }
  }
}
