import ArgumentParser
import QINSSupport

/// `--threads N`: the host threads a command may use. No result or figure depends on it.
struct ThreadsOption: ParsableArguments {
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Host threads to use (default: every core, \(Parallelism.onlineCores) here). Results and figures are the same for any count.",
      valueName: "n"))
  var threads: Int?

  func validate() throws {
    if let threads, threads < 1 {
      throw ValidationError("--threads must be at least 1 (got \(threads))")
    }
  }

  var parallelism: Parallelism { threads.map { Parallelism(threads: $0) } ?? .allCores }
}
