import Foundation
import QINSTestSupport
import Testing

/// Progress off a terminal (a pipe, as in a batch job's log): whole lines at the interval,
/// none for a short run at the default interval of 30 s.
@Suite("Progress off a terminal")
struct ProgressTests {
  @Test(
    "Every long command prints progress lines into a pipe at QINS_PROGRESS_INTERVAL, and none in a short run at the default"
  )
  func progressLines() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let program = dir.appendingPathComponent("p.qasm")
    try Data(
      """
      .tensor T spad [16] fp32
          li x1, 0
          li x2, 2000
          li x3, 1
          v.shape x3, x3
      loop:
          v.fill T[x0], 2.5
          addi x1, x1, 1
          blt x1, x2, loop
          halt
      """.utf8
    ).write(to: program)
    let spec = dir.appendingPathComponent("s.toml")
    try Data(
      "workload = \"gemm\"\n[set]\n\"gemm.m\" = 16\n\"gemm.n\" = 16\n[grid]\n\"gemm.k\" = [16, 32]\n"
        .utf8
    ).write(to: spec)
    let commands: [(name: String, arguments: [String])] = [
      ("run", ["run", program.path]),
      (
        "transformer",
        [
          "transformer", "--model", "minilm-l6", "--hidden", "64", "--heads", "4", "--head-dim",
          "16", "--intermediate", "96", "--seq", "16", "--machines", "qins-default",
        ]
      ),
      ("sweep", ["sweep", spec.path, "-o", dir.appendingPathComponent("sw").path]),
      ("formats", ["formats", "--samples", "50"]),
    ]
    let executable = CommandRunner.productsDirectory.appendingPathComponent("qinssim")
    for c in commands {
      let often = try CommandRunner.run(
        executable: executable, c.arguments + (c.name == "sweep" ? ["--threads", "1"] : []),
        environment: ["QINS_PROGRESS_INTERVAL": "0"])
      #expect(often.status == 0, "\(c.name): \(often.stderr)")
      let lines = often.stderr.split(separator: "\n").filter { $0.hasPrefix("progress after ") }
      #expect(!lines.isEmpty, "\(c.name): no progress line in \(often.stderr)")
      // Whole lines, no terminal control sequences.
      #expect(!often.stderr.contains("\u{1B}") && !often.stderr.contains("\r"), "\(c.name)")
      if c.name == "sweep" {
        try FileManager.default.removeItem(at: dir.appendingPathComponent("sw"))
      }
      let quiet = try CommandRunner.run(executable: executable, c.arguments)
      #expect(quiet.status == 0 && !quiet.stderr.contains("progress after"), "\(c.name)")
    }
  }
}
