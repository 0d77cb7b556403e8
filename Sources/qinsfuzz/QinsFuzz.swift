import ArgumentParser
import Foundation
import Fuzzing
import QINSSupport

/// `qinsfuzz`: fuzzes every surface that takes input from outside, and reports what it found.
@main
struct QinsFuzz: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "qinsfuzz",
    abstract: "Fuzz the assembler, the file readers, machine descriptions and the command lines.",
    discussion: """
      Readers (assembler source, .qbin, .npy, safetensors, GGUF, machine JSON and TOML, sweep \
      specs, tiny GGUF models read and run on the FP32 reference) run in this process: a case \
      must return a value or an error, and a trap ends the campaign with a backtrace. \
      Programs, binaries, tensor files, machine files, command lines, GGUF models (generate, \
      perplexity) and report inputs (report, sweep merge) run through \
      the built qinssim and qinsasm, one process per command under an address-space cap and \
      a time limit: exit 0, 1 or 64 with a message is correct; a signal is a crash, the time \
      limit a hang, a failed allocation a blowup, and a silent failure or another status is \
      unclear. Each finding is kept in OUT/findings/SURFACE-INDEX (files, commands, what they \
      printed). Case INDEX of a surface depends only on --seed, so a finding is replayed \
      with --surfaces SURFACE --first INDEX --cases 1.

      Exit status: 0 when nothing was found, 1 when something was, 64 on a usage error.
      """
  )

  @Option(
    help: ArgumentHelp(
      "Comma-separated surfaces (default: all): \(FuzzSurface.allCases.map(\.rawValue).joined(separator: ", ")).",
      valueName: "list"))
  var surfaces: String?

  @Option(parsing: .unconditional, help: "Cases per in-process surface.")
  var readerCases: Int = 20_000

  @Option(parsing: .unconditional, help: "Cases per process surface.")
  var cases: Int = 1_000

  @Option(parsing: .unconditional, help: "The first case's index (to replay a finding).")
  var first: Int = 0

  @Option(parsing: .unconditional, help: "The campaign's seed.")
  var seed: UInt64 = 2026

  @Option(parsing: .unconditional, help: "Commands run at once (default: every core).")
  var jobs: Int = Parallelism.onlineCores

  @Option(parsing: .unconditional, help: "Seconds before a command counts as hung.")
  var timeout: Double = 60

  @Option(help: "The address-space cap of each command: 4G, 8G, ...")
  var memory: String = "8G"

  @Option(help: "The directory of the built qinssim and qinsasm (default: beside qinsfuzz).")
  var products: String?

  @Option(
    help:
      "Where findings are written (default: a new folder under the system's temporary folder, printed)."
  )
  var out: String?

  @Option(help: "Write the figures as JSON to this file.")
  var json: String?

  func validate() throws {
    guard readerCases >= 0, cases >= 0, first >= 0 else {
      throw ValidationError("--reader-cases, --cases and --first must be >= 0.")
    }
    guard jobs >= 1, timeout > 0 else {
      throw ValidationError("--jobs must be >= 1 and --timeout > 0.")
    }
    guard HostMemoryBudget.parse(memory) != nil else {
      throw ValidationError("--memory must be a size such as 8G, not '\(memory)'.")
    }
    _ = try chosenSurfaces()
  }

  func chosenSurfaces() throws -> [FuzzSurface] {
    guard let surfaces else { return FuzzSurface.allCases }
    return try surfaces.split(separator: ",").map {
      guard let s = FuzzSurface(rawValue: String($0)) else {
        throw ValidationError(
          "unknown surface '\($0)'; the surfaces are \(FuzzSurface.allCases.map(\.rawValue).joined(separator: ", "))."
        )
      }
      return s
    }
  }

  func run() throws {
    // Cases write files; by default they go outside the checkout the fuzzer may run from.
    let out =
      self.out
      ?? FileManager.default.temporaryDirectory.appendingPathComponent(
        "qinsfuzz-\(ProcessInfo.processInfo.processIdentifier)"
      ).path
    if self.out == nil {
      FileHandle.standardError.write(Data("findings and work in \(out)\n".utf8))
    }
    let productDirectory =
      products
      ?? URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
      .deletingLastPathComponent().path
    for p in ["qinssim", "qinsasm"]
    where !FileManager.default.isExecutableFile(atPath: productDirectory + "/" + p) {
      throw ValidationError(
        "\(productDirectory)/\(p) is not there; build first or pass --products.")
    }
    // The command-line cases follow the options the tools declare.
    guard let catalog = CommandCatalog.read(products: productDirectory) else {
      throw ValidationError(
        "\(productDirectory): qinssim or qinsasm cannot list its commands (--experimental-dump-help)"
      )
    }
    var campaign = FuzzCampaign(
      generator: CaseGenerator(seed: seed, catalog: catalog),
      runner: FuzzCommandRunner(
        products: productDirectory, timeoutSeconds: timeout,
        memoryCapBytes: HostMemoryBudget.parse(memory)!),
      output: out, jobs: jobs)
    // The report cases start from what the built qinssim writes.
    if try chosenSurfaces().contains(.reports) {
      do {
        campaign.generator.reportSeeds = try ReportSeeds.make(
          runner: campaign.runner, work: out + "/work")
      } catch { throw ValidationError("\(error)") }
    }
    let terminal = isatty(STDERR_FILENO) != 0
    var results: [FuzzCampaign.SurfaceFigures] = []
    for surface in try chosenSurfaces() {
      let count = surface.inProcess ? readerCases : cases
      FileHandle.standardError.write(Data("\(surface.rawValue): \(count) cases\n".utf8))
      let figures = campaign.run(surface, first: first, count: count) { done in
        if terminal && (done % 50 == 0 || done == count) {
          FileHandle.standardError.write(Data("\r  \(done)/\(count)".utf8))
        }
      }
      if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
      results.append(figures)
    }
    var table = [
      [
        "surface", "cases", "commands", "accepted", "exit 0/1/64", "crashes", "hangs", "blowups",
        "unclear", "seconds",
      ]
    ]
    for r in results {
      table.append([
        r.surface.rawValue, String(r.cases), String(r.commands), String(r.accepted),
        ["0", "1", "64"].map { String(r.exits[$0] ?? 0) }.joined(separator: "/"),
        String(r.crashes), String(r.hangs), String(r.blowups), String(r.unclear),
        String(format: "%.1f", r.seconds),
      ])
    }
    let widths = table[0].indices.map { c in table.map { $0[c].count }.max()! }
    for row in table {
      print(
        row.indices.map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
          .joined(separator: "  "))
    }
    let total = results.reduce(0) { $0 + $1.cases }
    let found = results.reduce(0) { $0 + $1.findingCount }
    print("\n\(total) cases, \(found) findings")
    for r in results { for f in r.findings { print("  \(f)") } }
    if let json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      try OutputFile.write([UInt8](try encoder.encode(results)) + [0x0A], to: json)
    }
    if found > 0 { throw ExitCode(1) }
  }
}
