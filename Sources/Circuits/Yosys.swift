import Foundation

/// Yosys, the open synthesis suite: elaborates a module of `Sources/RTL`, maps it to a fixed
/// set of generic gates and reports what it takes.
///
/// The flow, one script per module: `read_verilog` of every design file, `chparam` for the
/// parameters, `synth -flatten -noshare` (SAT-based resource sharing is off: on the FP32 adder
/// it ran for minutes and took 24 GB, and it only merges operators that are never used at
/// once), `abc -g` to ``gateSet``, `opt_clean`, `stat` (gate counts), `stat -tech cmos`
/// (transistor counts), `ltp -noff` (logic depth in gates), `write_verilog -noattr` (the
/// gate-level netlist, which simulates like the RTL) and `write_json` (the same netlist for
/// ``GateNetlist``).
public struct Yosys: Sendable {
  public let tool: ExternalTool

  /// The gates the netlists use: the two-input gates of a typical standard-cell library and a
  /// two-input multiplexer (NOT is always added).
  public static let gateSet = "AND,NAND,OR,NOR,XOR,XNOR,ANDNOT,ORNOT,MUX"

  /// The installed Yosys, or ``CircuitError/toolMissing(_:install:)``.
  public static func find() throws -> Yosys {
    guard let tool = ExternalTool.find("yosys") else {
      throw CircuitError.toolMissing("yosys", install: "apt-get install -y yosys")
    }
    return Yosys(tool: tool)
  }

  /// Synthesizes `module` with `parameters` in a temporary folder; returns the report and the
  /// gate-level netlist's text.
  public func synthesize(module: String, parameters: [String: Int] = [:]) throws -> SynthesisResult
  {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "qins-yosys-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let files = try RTLSources.designFiles().map(\.path)
    let overrides = parameters.keys.sorted().map {
      "chparam -set \($0) \(parameters[$0]!) \(module)"
    }
    let script =
      (["read_verilog " + files.joined(separator: " ")] + overrides + [
        "hierarchy -top \(module)", "synth -flatten -noshare -top \(module)",
        "abc -g \(Self.gateSet)", "opt_clean", "tee -o stat.txt stat",
        "tee -o cmos.txt stat -tech cmos", "tee -o ltp.txt ltp -noff",
        "write_verilog -noattr netlist.v", "write_json netlist.json",
      ]).joined(separator: "\n") + "\n"
    try script.write(
      to: folder.appendingPathComponent("flow.ys"), atomically: false, encoding: .utf8)
    try tool.run(["-q", "flow.ys"], in: folder)
    func read(_ name: String) throws -> String {
      try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }
    let report = try SynthesisReport(
      module: module, parameters: parameters, stat: read("stat.txt"), cmos: read("cmos.txt"),
      ltp: read("ltp.txt"))
    return SynthesisResult(
      report: report, netlist: try read("netlist.v"), json: try read("netlist.json"))
  }
}

/// A synthesized module: its figures and its gate-level netlist (Verilog, and Yosys JSON).
public struct SynthesisResult: Sendable {
  public var report: SynthesisReport
  public var netlist: String
  /// The netlist as Yosys's `write_json` writes it: what ``GateNetlist/init(yosysJSON:top:)``
  /// reads.
  public var json: String

  /// The netlist's gates, for ``SwitchingSimulator``.
  public func gates() throws -> GateNetlist {
    try GateNetlist(yosysJSON: json, top: report.module)
  }
}

extension Yosys {
  /// The first line of `yosys -V` (`Yosys 0.23 (git sha1 ...)`), or "yosys (version unknown)".
  public func version() -> String {
    (try? tool.run(["-V"], in: FileManager.default.temporaryDirectory))?.split(separator: "\n")
      .first.map(String.init)
      ?? "yosys (version unknown)"
  }
}
