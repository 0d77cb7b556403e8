import Foundation
import QINSSupport

/// A fuzzing campaign: cases of each surface, run in parallel, counted, with every finding
/// kept on disk (its files, its commands and what it printed) for a regression test.
public struct FuzzCampaign: Sendable {
  /// What one surface's cases came to.
  public struct SurfaceFigures: Codable, Sendable, Equatable {
    public var surface: FuzzSurface
    public var cases = 0
    /// Commands run (a process surface's case runs one to four).
    public var commands = 0
    /// Cases whose input was accepted: the first command exited 0 (a program or file that got
    /// through to the run), or the reader returned a value.
    public var accepted = 0
    /// Commands by exit status (process surfaces).
    public var exits: [String: Int] = [:]
    public var crashes = 0
    public var hangs = 0
    public var blowups = 0
    /// Failures without a message, and statuses other than 0, 1 and 64.
    public var unclear = 0
    public var seconds = 0.0
    /// Where the findings were written.
    public var findings: [String] = []

    public var findingCount: Int { crashes + hangs + blowups + unclear }
  }

  public var generator: CaseGenerator
  public var runner: FuzzCommandRunner
  /// Where findings go (`findings/<surface>-<index>/`); working directories live in `work/`.
  public var output: String
  public var jobs: Int

  public init(generator: CaseGenerator, runner: FuzzCommandRunner, output: String, jobs: Int) {
    self.generator = generator
    self.runner = runner
    self.output = output
    self.jobs = jobs
  }

  /// Runs cases `first ..< first + count` of `surface`; `progress` is told of each case done.
  public func run(
    _ surface: FuzzSurface, first: Int = 0, count: Int,
    progress: @escaping @Sendable (Int) -> Void = { _ in }
  ) -> SurfaceFigures {
    let start = Date()
    var figures = SurfaceFigures(surface: surface)
    let shared = Locked(figures)
    let work = "\(output)/work"
    try? FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    let inProcess = InProcessFuzzer(generator: generator)
    Parallelism(threads: surface.inProcess ? 1 : max(1, jobs)).forEach(count) { k in
      let index = first + k
      var local = SurfaceFigures(surface: surface)
      local.cases = 1
      if surface.inProcess {
        local.accepted = inProcess.run(surface, index) ? 1 : 0
      } else {
        self.runCase(generator.make(surface, index), work: work, into: &local)
      }
      let done = shared.withLock { s in
        s.add(local)
        return s.cases
      }
      progress(done)
    }
    figures = shared.withLock { $0 }
    figures.findings.sort()
    figures.seconds = Date().timeIntervalSince(start)
    return figures
  }

  func runCase(_ c: FuzzCase, work: String, into figures: inout SurfaceFigures) {
    let directory = "\(work)/\(c.surface.rawValue)-\(c.index)"
    let fm = FileManager.default
    try? fm.removeItem(atPath: directory)
    try? fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? fm.removeItem(atPath: directory) }
    for f in c.files { Self.write(f, in: directory) }
    var firstZero = false
    var report: [String] = []
    for (k, command) in c.commands.enumerated() {
      let (outcome, stderr) = runner.run(command, in: directory)
      figures.commands += 1
      switch outcome {
      case .exited(let s):
        figures.exits[String(s), default: 0] += 1
        if k == 0 && s == 0 { firstZero = true }
        continue
      case .crashed: figures.crashes += 1
      case .hung: figures.hangs += 1
      case .blewUp: figures.blowups += 1
      case .silentFailure, .unexpectedStatus: figures.unclear += 1
      }
      report.append("\(outcome.name) (\(outcome)): \(command.joined(separator: " "))\n\(stderr)")
    }
    if firstZero { figures.accepted += 1 }
    guard !report.isEmpty else { return }
    // Keep the case: its input files as written, the commands and what they printed.
    let kept = "\(output)/findings/\(c.surface.rawValue)-\(c.index)"
    try? fm.removeItem(atPath: kept)
    try? fm.createDirectory(atPath: kept, withIntermediateDirectories: true)
    for f in c.files { Self.write(f, in: kept) }
    _ = fm.createFile(
      atPath: "\(kept)/report.txt", contents: Data(report.joined(separator: "\n\n").utf8))
    figures.findings.append(kept)
  }
}

extension FuzzCampaign {
  /// Writes a case's file under `directory`, making the folders its name holds (`sw/points/`).
  static func write(_ file: (name: String, bytes: [UInt8]), in directory: String) {
    let path = "\(directory)/\(file.name)"
    try? FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: path, contents: Data(file.bytes))
  }
}

extension FuzzCampaign.SurfaceFigures {
  mutating func add(_ o: Self) {
    cases += o.cases
    commands += o.commands
    accepted += o.accepted
    for (k, v) in o.exits { exits[k, default: 0] += v }
    crashes += o.crashes
    hangs += o.hangs
    blowups += o.blowups
    unclear += o.unclear
    findings += o.findings
  }
}
