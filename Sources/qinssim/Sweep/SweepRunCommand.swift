import ArgumentParser
import Foundation
import ProgramLibrary
import QINSSupport
import Sweeps

/// `qinssim sweep run`: the points of a spec (or of one shard), in parallel, resumable.
struct SweepRunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run a sweep's points (all, or one shard's) in parallel into a folder.",
    discussion: """
      SPEC is a TOML file: the workload (gemm or transformer), the starting machine, fields \
      set on every point ([set]), a grid of values ([grid], every combination) and a list of \
      points ([[points]]). Each finished point is written whole to DIR/points/point-N.json; a \
      point already there is not run again, so a killed sweep resumes where it stopped. \
      DIR/results.csv (one row per point: its fields, every figure, the Pareto frontiers) \
      and DIR/sensitivity.csv are made from the point files at the end. With --shard I/N only \
      the points whose index leaves I when divided by N run: start N processes (a job array) \
      and gather their folders with `qinssim sweep merge`. A point that cannot run (a \
      machine that cannot take the workload) gets its reason in the error column; a bad \
      spec or field stops the sweep before anything runs, and so does a point whose values \
      would need more host memory than --max-host-memory (the count of such points and the \
      largest are named); when the largest points would not fit together, fewer run at once \
      than --threads asks, and the summary says so.
      """
  )

  @Argument(help: "The sweep's spec file (TOML).") var spec: String
  @Option(name: [.short, .customLong("output")], help: "The folder of the results.")
  var output: String
  @Option(help: ArgumentHelp("Run shard I of N only (0 <= I < N).", valueName: "I/N"))
  var shard: String?
  @Flag(
    help: "Run a sweep of more than \(SweepRun.confirmationLimit) points (in all shards together).")
  var yes = false
  @OptionGroup var programsOption: ProgramsOption
  @OptionGroup var threadsOption: ThreadsOption
  @OptionGroup var hostMemoryOption: HostMemoryOption

  func validate() throws {
    if let shard, SweepShard(shard) == nil {
      throw ValidationError("--shard must be I/N with 0 <= I < N, not '\(shard)'.")
    }
  }

  func run() throws {
    let specification: SweepSpecification
    do { specification = try SweepSpecification(file: spec) } catch {
      throw CommandError(error.description)
    }
    let total = specification.pointCount
    guard total <= SweepRun.maximumPoints else {
      throw CommandError(
        "\(spec) has \(total == Int.max ? "more than 2^63" : String(total)) points; a sweep of more than \(SweepRun.maximumPoints) is not run (its points and tables are held in memory): split it into several specs"
      )
    }
    guard total <= SweepRun.confirmationLimit || yes else {
      throw CommandError(
        "\(spec) has \(total == Int.max ? "too many" : String(total)) points; a sweep of more than \(SweepRun.confirmationLimit) runs only with --yes"
      )
    }
    var run = SweepRun(
      specification: specification, directory: SweepDirectory(path: output),
      programs: try programsOption.source(holding: "llama_prefill.qasm"))
    run.shard = shard.flatMap(SweepShard.init) ?? .all
    run.toolVersion = QinsSim.configuration.version
    run.hostMemory = hostMemoryOption.budget
    let outcome = try run.run(
      parallelism: threadsOption.parallelism, progress: ProgressDisplay.standardError())
    let manifest = SweepManifest(specification)
    let points = try run.directory.points(of: manifest.sweep)
    let table = SweepTable(
      workload: manifest.workload, fields: manifest.fields, points: Array(points.values))
    try run.directory.writeTables(table)
    try SweepReport.write(table, in: output)
    print(
      "\(outcome.ran) points run, \(outcome.alreadyDone) already done, \(outcome.failed) without figures (see the error column); shard \(run.shard) has \(outcome.inShard) of \(outcome.total) points"
    )
    if outcome.threads < threadsOption.parallelism.threads {
      print(
        "\(outcome.threads) points ran at once, not \(threadsOption.parallelism.threads): the largest would not fit together in the host memory limit (--max-host-memory)"
      )
    }
    print("\(points.count) of \(total) points in \(output)/results.csv")
    SweepSummary.print(table)
  }
}
