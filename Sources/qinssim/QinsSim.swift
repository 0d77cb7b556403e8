import ArgumentParser
import Foundation
import QINSSupport

/// `qinssim`: the QINS/FPINS machine's simulator and its number tools.
@main
struct QinsSim: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "qinssim",
    abstract: "Simulate a native QINS/FPINS processor and inspect its number formats.",
    discussion: """
      QINS8 stores a magnitude mu = 256 / s (s in 1...256) as the code byte b = 256 - s,
      with the sign in a second byte. FPINS(L) stores L + 1 such level bytes, magnitude
      256 / (k0 * ... * kL). See Docs/number-formats.md for every definition.

      Exit status: 0 on success; 64 (EX_USAGE) for a usage error (an unknown option, a \
      value out of range, an output that would overwrite an input), caught before anything \
      runs; 1 for every other failure (an unreadable or malformed file, a machine fault, a \
      limit reached, an output that cannot be written), with the reason on standard error. \
      Docs/reliability.md lists the limits and how to raise them.
      """,
    version: ToolVersion.line(
      tool: "qinssim",
      commit: String(decoding: BuildCommit.contents(of: "commit.txt") ?? [], as: UTF8.self)),
    subcommands: [
      TransformerCommand.self, SentencesCommand.self, GenerateCommand.self,
      PerplexityCommand.self, RunCommand.self, GemmCommand.self,
      TablesCommand.self,
      FPINSCommand.self, FormatsCommand.self,
      MachineCommand.self, SweepCommand.self, ReportCommand.self,
      EnergyCommand.self, CircuitsCommand.self,
    ]
  )

  /// Tunes the host allocator for the simulator's large arrays, runs the command, and
  /// fails if its standard output could not be written.
  static func main() {
    HostMemory.keepFreedMemoryForReuse()
    StandardOutput.checkAtExit()
    Interruption.install()
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      // A command a signal stopped ends with 128 + the signal (130 for SIGINT, 143 for
      // SIGTERM), whatever error its stop turned into.
      if let signal = Interruption.signal {
        FileHandle.standardError.write(
          Data(
            "\(fullMessage(for: error))\ninterrupted by \(Interruption.name(signal))\n"
              .utf8))
        Foundation.exit(128 + signal)
      }
      exit(withError: error)
    }
  }
}
