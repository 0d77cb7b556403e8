import Foundation

/// What `qinssim report` reads, as the built commands write it: a run's statistics and
/// Chrome trace, a GEMM's JSON, a transformer run's JSON and statistics, and a sweep's folder.
/// Made once per campaign by running the commands, so the report cases start from the files
/// users give the report, with every key the current build writes.
public struct ReportSeeds: Sendable {
  /// Files by the name a case gives them; the sweep's files under `sw/`.
  public var files: [String: [UInt8]]

  /// The single-file inputs, by name.
  public static let inputNames = ["s.json", "t.json", "g.json", "tr.json", "trs.json"]

  /// The sweep folder's files (its manifest and points), sorted.
  public var sweepNames: [String] { files.keys.filter { $0.hasPrefix("sw/") }.sorted() }

  public init(files: [String: [UInt8]]) { self.files = files }

  /// Runs the commands in a temporary folder under `work` and keeps what they wrote; throws
  /// naming the command that failed.
  public static func make(runner: FuzzCommandRunner, work: String) throws -> ReportSeeds {
    let fm = FileManager.default
    let directory = "\(work)/report-seeds"
    try? fm.removeItem(atPath: directory)
    try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? fm.removeItem(atPath: directory) }
    _ = fm.createFile(
      atPath: directory + "/p.qasm", contents: Data(FuzzSeeds.programs[2].utf8))
    _ = fm.createFile(atPath: directory + "/x.npy", contents: Data(FuzzSeeds.input))
    _ = fm.createFile(atPath: directory + "/spec.toml", contents: Data(sweepSpec.utf8))
    let commands: [[String]] = [
      [
        "qinssim", "run", "p.qasm", "--machine", "qins-default", "--bind", "x=x.npy", "--stats",
        "s.json", "--trace", "t.json",
      ],
      ["qinssim", "gemm", "--m", "64", "--n", "48", "--k", "96", "--json"],
      [
        "qinssim", "transformer", "--model", "minilm-l6", "--hidden", "64", "--heads", "4",
        "--head-dim", "16", "--intermediate", "96", "--seq", "16", "--machines",
        "qins-default,int8",
        "--json", "tr.json", "--stats", "trs.json",
      ],
      ["qinssim", "sweep", "spec.toml", "-o", "sw"],
    ]
    for c in commands {
      // gemm --json writes its JSON to standard output.
      let (outcome, stderr) = runner.run(
        c, in: directory, output: c[1] == "gemm" ? "g.json" : nil)
      guard case .exited(0) = outcome else {
        throw ReportSeedError(
          "the report seeds: `\(c.joined(separator: " "))` ended with \(outcome): \(stderr)")
      }
    }
    var files: [String: [UInt8]] = [:]
    for name in inputNames {
      guard let data = fm.contents(atPath: "\(directory)/\(name)") else {
        throw ReportSeedError("the report seeds: \(name) was not written")
      }
      files[name] = [UInt8](data)
    }
    let points = (try? fm.contentsOfDirectory(atPath: directory + "/sw/points")) ?? []
    for name in ["sweep.json"] + points.map({ "points/" + $0 }) {
      guard let data = fm.contents(atPath: "\(directory)/sw/\(name)") else {
        throw ReportSeedError("the report seeds: sw/\(name) was not written")
      }
      files["sw/" + name] = [UInt8](data)
    }
    return ReportSeeds(files: files)
  }

  /// Four GEMM points on two machines and two array sizes.
  static let sweepSpec = """
    workload = "gemm"
    machine = "qins-default"
    [set]
    "gemm.m" = 32
    "gemm.n" = 32
    "gemm.k" = 64
    [grid]
    machine = ["qins-default", "int8"]
    "array.rows" = [8, 16]
    """
}

/// The report seeds could not be made (the built qinssim failed to write them).
public struct ReportSeedError: Error, CustomStringConvertible, Sendable {
  public let description: String
  init(_ description: String) { self.description = description }
}
