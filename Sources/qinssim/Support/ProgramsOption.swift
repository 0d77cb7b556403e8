import ArgumentParser
import ProgramLibrary

/// `--programs DIR`: read the workload's FPINS programs from a directory (an edited copy of
/// `Programs/`) instead of the programs compiled into the tool.
struct ProgramsOption: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Read the FPINS programs from this directory (an edited copy of the repository's Programs/, with its lib/) instead of the ones built into qinssim.",
      valueName: "dir"))
  var programs: String?

  /// The programs' source, checked to hold `program`.
  func source(holding program: String) throws -> ProgramSource {
    do { return try ProgramSource(option: programs, holding: program) } catch {
      throw CommandError(error.description)
    }
  }
}
