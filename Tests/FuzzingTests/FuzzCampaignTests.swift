import Foundation
import Fuzzing
import QINSTestSupport
import Testing

/// The bounded fuzz run of CI: every surface, a few minutes in all on a 2-core machine.
/// `QINS_FUZZ_CASES` and `QINS_FUZZ_READER_CASES` raise the counts; the long campaign of
/// Docs/reliability.md uses `qinsfuzz` itself.
@Suite("Fuzzing")
struct FuzzCampaignTests {
  static let processCases =
    ProcessInfo.processInfo.environment["QINS_FUZZ_CASES"].flatMap(Int.init) ?? 120
  static let readerCases =
    ProcessInfo.processInfo.environment["QINS_FUZZ_READER_CASES"].flatMap(Int.init) ?? 5_000

  @Test(
    "A bounded campaign over every surface finds no crash, hang, blowup or silent failure",
    .enabled(
      if: FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit"),
      "skipped: prlimit (util-linux) is not installed"))
  func boundedCampaign() throws {
    let out = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: out) }
    let json = out.appendingPathComponent("figures.json").path
    let r = try CommandRunner.run(
      "qinsfuzz",
      [
        "--cases", String(Self.processCases), "--reader-cases", String(Self.readerCases),
        "--timeout", "120", "--memory", "4G", "--out", out.path, "--json", json,
      ])
    #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
    let figures = try JSONDecoder().decode(
      [FuzzCampaign.SurfaceFigures].self, from: try Data(contentsOf: URL(fileURLWithPath: json)))
    #expect(Set(figures.map(\.surface)) == Set(FuzzSurface.allCases))
    for f in figures {
      #expect(f.findingCount == 0, "\(f.surface): \(f.findings)")
      #expect(f.cases == (f.surface.inProcess ? Self.readerCases : Self.processCases))
      // Some inputs of every surface get through the readers (the mutations are not all
      // rejected at the first byte), and some are refused.
      #expect(f.accepted > 0, "\(f.surface): none of \(f.cases) accepted")
      #expect(f.accepted < f.cases, "\(f.surface): all \(f.cases) accepted")
    }
  }

  @Test(
    "The command-line cases follow the tools' own options, and every command's cases get past argument parsing",
    .enabled(
      if: FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit"),
      "skipped: prlimit (util-linux) is not installed"))
  func commandLinesReachCommands() throws {
    let products = CommandRunner.productsDirectory.path
    let catalog = try #require(CommandCatalog.read(products: products))
    let names = Set(catalog.commands.map { $0.words.joined(separator: " ") })
    for expected in [
      "qinssim transformer", "qinssim generate", "qinssim perplexity", "qinssim run",
      "qinssim sweep run", "qinssim sweep merge", "qinssim report", "qinsasm",
    ] {
      #expect(names.contains(expected), "\(expected)")
    }
    // qinssim circuits runs Yosys for minutes: left out (CommandCatalog.notFuzzed).
    #expect(!names.contains { $0.hasPrefix("qinssim circuits") })
    #expect(names.contains("qinssim energy"))
    // generate's options are its own (the fixed list once passed --model, which it has not).
    let generate = try #require(catalog.commands.first { $0.words == ["qinssim", "generate"] })
    #expect(generate.arguments.contains { $0.spelling == "--weights" })
    #expect(!generate.arguments.contains { $0.spelling == "--model" })
    // For every command, some case among the first 40 is not refused as a usage error (64):
    // it reaches the command (or runs past a 10 s limit, which also means it parsed).
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let runner = FuzzCommandRunner(
      products: products, timeoutSeconds: 10, memoryCapBytes: 4 << 30)
    let generator = CaseGenerator(seed: 9, catalog: catalog)
    for (c, command) in catalog.commands.enumerated() {
      var reached = false
      for k in 0..<40 where !reached {
        let work = dir.appendingPathComponent("\(c)-\(k)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let x = generator.make(.commandLines, 0).files
        for f in x { try Data(f.bytes).write(to: work.appendingPathComponent(f.name)) }
        var m = generator.mutator(.commandLines, c * 1000 + k)
        let line = CaseGenerator.commandLine(&m, command)
        let (outcome, _) = runner.run(line, in: work.path)
        reached = outcome != .exited(64)
        try? FileManager.default.removeItem(at: work)
      }
      #expect(reached, "\(command.words.joined(separator: " ")): 40 cases all stopped at parsing")
    }
  }

  @Test("Findings of earlier campaigns (seed 2026) replay without a finding")
  func fixedFindings() throws {
    // qbin-reader 6927: a tensor of two dimensions of 2^40 overflowed the element count in
    // BinaryReader (found by Benchmarks/fuzz-campaign.sh, fixed with a checked product).
    _ = InProcessFuzzer(generator: CaseGenerator(seed: 2026)).run(.qbinReader, 6927)
    // binaries 2322: a .qbin whose tensor became FPINS, run on bf16, trapped at load.
    let out = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: out) }
    let r = try CommandRunner.run(
      "qinsfuzz",
      [
        "--surfaces", "binaries", "--first", "2322", "--cases", "1", "--seed", "2026", "--out",
        out.path,
      ])
    #expect(r.status == 0, "\(r.stdout)")
    // (The first campaign's command-lines findings, from an earlier generator, are kept as
    // LimitCommandTests.)
  }

  @Test("Cases are a function of the seed, the surface and the index")
  func deterministic() {
    // Report seeds as the commands would write them (their content does not matter here).
    var files: [String: [UInt8]] = [
      "sw/sweep.json": Array(#"{"sweep":"x"}"#.utf8),
      "sw/points/point-0.json": Array(#"{"index":0,"figures":{"cycles":1}}"#.utf8),
    ]
    for name in ReportSeeds.inputNames { files[name] = Array(#"{"cycles":[1,2,{"e":3}]}"#.utf8) }
    var a = CaseGenerator(seed: 7)
    var b = CaseGenerator(seed: 7)
    a.reportSeeds = ReportSeeds(files: files)
    b.reportSeeds = ReportSeeds(files: files)
    for surface in FuzzSurface.allCases where !surface.inProcess {
      for i in [0, 1, 99] {
        let x = a.make(surface, i)
        let y = b.make(surface, i)
        #expect(x.commands == y.commands)
        #expect(x.files.map(\.bytes) == y.files.map(\.bytes))
      }
    }
    #expect(a.make(.programs, 0).files.map(\.bytes) != a.make(.programs, 1).files.map(\.bytes))
  }
}
