import Foundation
import QINSTestSupport
import Testing

/// `qinssim machine list`, and the help of every option that names a machine pointing to it.
@Suite("qinssim machine list")
struct MachineListCommandTests {
  static let presets = [
    "bf16", "fp32-reference", "fp8-e4m3", "fp8-e5m2", "int8", "qins-default", "qins-fast",
    "qins-seed", "tpu-v1-like",
  ]

  @Test("Every preset, one line each, with its storage, product path and scales")
  func list() throws {
    let r = try CommandRunner.run("qinssim", ["machine", "list"])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 2 + Self.presets.count, "\(r.stdout)")
    #expect(lines.dropFirst(2).map { String($0.prefix { $0 != " " }) } == Self.presets)
    func line(_ name: String) -> String { lines.first { $0.hasPrefix(name + " ") } ?? "" }
    #expect(line("int8").contains("int8 x int8, int32 sums"))
    #expect(line("int8").contains("fp32 per weight channel (mse), per activation row (max)"))
    #expect(line("qins-seed").contains("MUL table (8-bit product)"))
    #expect(line("qins-seed").contains("power_of_two per tensor"))
    #expect(line("qins-default").contains("decoded to 7 fraction bits"))
    #expect(line("qins-fast").contains("max, 2 octaves below the top"))
    #expect(line("bf16").contains("none (1)") && line("fp32-reference").contains("none"))
    #expect(line("tpu-v1-like").contains("256x256 ws, 700 MHz, 34 GB/s"))
    #expect(lines.allSatisfy { !$0.hasSuffix(" ") })
  }

  @Test("Every --machine and --machines help points to machine list")
  func helpPointsToList() throws {
    for command in [
      ["run"], ["gemm"], ["transformer"], ["sentences"], ["generate"], ["perplexity"],
      ["machine", "show"], ["machine", "costs"],
    ] {
      let r = try CommandRunner.run("qinssim", command + ["--help"])
      #expect(r.status == 0)
      let flat = r.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
      #expect(flat.contains("qinssim machine list"), "\(command)")
    }
  }
}
