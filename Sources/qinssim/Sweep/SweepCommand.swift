import ArgumentParser

/// `qinssim sweep`: a design space, run in parallel, sharded over processes, merged.
struct SweepCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract: "Run a grid of machines and workloads in parallel; merge sharded sweeps.",
    discussion: """
      `qinssim sweep SPEC -o DIR` runs every point of the spec (`sweep run`); \
      `qinssim sweep merge DIR... -o OUT` gathers the folders of a sweep's shards. \
      Docs/sweeps.md describes the spec file, the folder and the scheduler recipes \
      (Slurm job arrays, Kubernetes Indexed Jobs, GNU parallel).
      """,
    subcommands: [SweepRunCommand.self, SweepMergeCommand.self],
    defaultSubcommand: SweepRunCommand.self
  )
}
