import Foundation
import QINSTestSupport
import Testing

/// The scale-out recipes of Docs/sweeps.md, taken from the file (so the doc cannot drift from
/// what is tested) and run exactly as written: the Slurm job array on a live one-node cluster
/// (`Scripts/local-slurm.sh`: munged, slurmctld and slurmd on localhost, everything in a
/// temporary folder) and the GNU parallel lines. Each kills a shard mid-run and checks that
/// the scheduler's retry or a resubmission runs only the missing points, and that the merge
/// equals one process's run of the same spec byte for byte.
@Suite("The scale-out recipes of Docs/sweeps.md, run as written", .serialized)
struct SlurmRecipeTests {
  /// 64 small transformer points, about a quarter of a second each in a debug build: four a
  /// shard with the recipes' 16 shards, so a shard can be caught between its points.
  static let spec = """
    workload = "transformer"
    machine = "qins-fast"

    [set]
    "transformer.model" = "phi-3.5-mini"
    "transformer.seq" = 32
    "transformer.hidden" = 512
    "transformer.heads" = 8
    "transformer.head_dim" = 64
    "transformer.intermediate" = 1024

    [grid]
    machine = ["qins-fast", "int8", "bf16", "fp32-reference"]
    "array.rows" = [32, 64, 128, 256]
    "array.cols" = [32, 64, 128, 256]
    """

  /// The fenced block that follows `<!-- recipe: NAME -->` in Docs/sweeps.md.
  static func recipe(_ name: String) throws -> String {
    let doc = try String(
      contentsOf: repositoryRoot.appendingPathComponent("Docs/sweeps.md"), encoding: .utf8)
    let marker = "<!-- recipe: \(name) -->\n```sh\n"
    let start = try #require(doc.range(of: marker), "Docs/sweeps.md has no recipe \(name)")
    let end = try #require(doc.range(of: "\n```\n", range: start.upperBound..<doc.endIndex))
    return String(doc[start.upperBound..<end.lowerBound]) + "\n"
  }

  /// A shared folder holding the spec, and an install folder holding only a copy of qinssim
  /// (the one-file install), whose `PATH` the recipes' shells get.
  struct Workspace {
    let root: URL
    let shared: URL
    let environment: [String: String]

    init(extra: [String: String] = [:]) throws {
      root = try CommandRunner.temporaryDirectory()
      shared = root.appendingPathComponent("shared")
      let bin = root.appendingPathComponent("bin")
      let fm = FileManager.default
      try fm.createDirectory(at: shared, withIntermediateDirectories: true)
      try fm.createDirectory(at: bin, withIntermediateDirectories: true)
      try fm.copyItem(
        at: CommandRunner.productsDirectory.appendingPathComponent("qinssim"),
        to: bin.appendingPathComponent("qinssim"))
      try Data(SlurmRecipeTests.spec.utf8).write(to: shared.appendingPathComponent("design.toml"))
      let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
      environment = ["PATH": bin.path + ":" + path + ":/usr/sbin:/sbin"].merging(extra) { $1 }
    }

    /// Runs `script` with sh in the shared folder.
    func sh(_ script: String) throws -> CommandRunner.Result {
      try CommandRunner.run(
        executable: URL(fileURLWithPath: "/bin/sh"), ["-c", script], in: shared,
        environment: environment)
    }

    func contents(_ path: String) -> String? {
      FileManager.default.contents(atPath: shared.appendingPathComponent(path).path).map {
        String(decoding: $0, as: UTF8.self)
      }
    }

    /// The point files of a shard's folder.
    func points(_ folder: String) -> [String] {
      (try? FileManager.default.contentsOfDirectory(
        atPath: shared.appendingPathComponent(folder + "/points").path))?.filter {
          $0.hasSuffix(".json")
        } ?? []
    }

    /// Each point file's bytes and modification time, by path, in the shard folders under
    /// `parent`.
    func pointFiles(under parent: String) -> [String: Data] {
      var out: [String: Data] = [:]
      let fm = FileManager.default
      let base = shared.appendingPathComponent(parent).path
      for folder in (try? fm.contentsOfDirectory(atPath: base)) ?? []
      where folder.hasPrefix("shard") {
        for p in points(parent + "/" + folder) {
          let path = "\(base)/\(folder)/points/\(p)"
          let date = (try? fm.attributesOfItem(atPath: path)[.modificationDate] as? Date)
          out["\(folder)/\(p)"] =
            (fm.contents(atPath: path) ?? Data())
            + Data("\(date?.timeIntervalSince1970 ?? 0)".utf8)
        }
      }
      return out
    }
  }

  /// One process's results.csv for the spec, made once for the suite.
  static let reference: String? = {
    guard let w = try? Workspace() else { return nil }
    defer { try? FileManager.default.removeItem(at: w.root) }
    guard let r = try? w.sh("qinssim sweep design.toml -o one"), r.status == 0 else { return nil }
    return w.contents("one/results.csv")
  }()

  /// Polls `condition` every 20 ms until it holds or `seconds` pass; whether it held.
  static func waitUntil(seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if try condition() { return true }
      usleep(20_000)
    }
    return try condition()
  }

  // MARK: Slurm

  /// A one-node cluster started for the suite, or why none could start.
  static let cluster: (directory: URL?, reason: String) = {
    guard let dir = try? CommandRunner.temporaryDirectory() else { return (nil, "no temp folder") }
    let r = try? CommandRunner.run(
      executable: repositoryRoot.appendingPathComponent("Scripts/local-slurm.sh"),
      ["start", dir.path])
    guard let r, r.status == 0 else {
      try? FileManager.default.removeItem(at: dir)
      return (nil, "skipped: a local Slurm cluster cannot start here: \(r?.stderr ?? "no shell")")
    }
    return (dir, "")
  }()

  @Test(
    "The Slurm job array runs as written, a killed task's shard is completed by resubmitting only its missing points, and the merge equals one process's run",
    .enabled(if: cluster.directory != nil, Comment(rawValue: cluster.reason)),
    .timeLimit(.minutes(10)))
  func slurmJobArray() throws {
    let clusterDir = try #require(Self.cluster.directory)
    defer {
      _ = try? CommandRunner.run(
        executable: repositoryRoot.appendingPathComponent("Scripts/local-slurm.sh"),
        ["stop", clusterDir.path])
      try? FileManager.default.removeItem(at: clusterDir)
    }
    let w = try Workspace(extra: [
      "SLURM_CONF": clusterDir.appendingPathComponent("slurm.conf").path
    ])
    defer { try? FileManager.default.removeItem(at: w.root) }
    let reference = try #require(Self.reference, "the one-process run failed")
    try Data(try Self.recipe("slurm-job").utf8).write(
      to: w.shared.appendingPathComponent("sweep.sbatch"))
    let submit = try Self.recipe("slurm-submit")
    #expect(submit.contains("sbatch") && submit.contains("merge"))

    // First submission: catch a task between its points and cancel it.
    let first = try w.sh(submit)
    #expect(first.status == 0, "\(first.stderr)")
    var cancelled: Int?
    let drained = try Self.waitUntil(seconds: 300) {
      if cancelled == nil {
        let running = try w.sh("squeue -h -r -t RUNNING -n qins-sweep -o '%i'").stdout
        for task in running.split(separator: "\n") {
          let parts = task.split(separator: "_")
          guard parts.count == 2, let i = Int(parts[1]) else { continue }
          let done = w.points("results/shard\(i)").count
          if done >= 1 && done < 4 {
            _ = try w.sh("scancel --signal=KILL --full \(task)")
            cancelled = i
          }
        }
      }
      return try w.sh("squeue -h").stdout.isEmpty
    }
    #expect(drained, "the jobs did not finish in 5 minutes")
    let killed = try #require(cancelled, "no task was caught between its points")
    #expect(w.points("results/shard\(killed)").count < 4)
    // The merge job ran after every task and named the missing points; nothing was merged.
    let merge = w.contents("results/merge.out") ?? ""
    #expect(merge.contains("points are in none of the folders"), "\(merge)")
    #expect(w.contents("results/all/results.csv") == nil)

    // Resubmission, the same two commands: the killed shard runs only its missing points.
    let before = w.pointFiles(under: "results")
    #expect(before.count == 64 - 4 + w.points("results/shard\(killed)").count)
    let missing = 4 - w.points("results/shard\(killed)").count
    let second = try w.sh(submit)
    #expect(second.status == 0, "\(second.stderr)")
    #expect(try Self.waitUntil(seconds: 300) { try w.sh("squeue -h").stdout.isEmpty })
    #expect(w.contents("results/all/results.csv") == reference)
    let after = w.pointFiles(under: "results")
    for (file, stamp) in before { #expect(after[file] == stamp, "\(file) was rewritten") }
    #expect(after.count == 64)
    // The killed task's logs, one per submission (slurm-ARRAYJOB_TASK.out): the later one
    // says it ran only the missing points.
    let logs = try FileManager.default.contentsOfDirectory(
      atPath: w.shared.appendingPathComponent("results").path
    ).filter { $0.hasPrefix("slurm-") && $0.hasSuffix("_\(killed).out") }
    #expect(logs.count == 2, "\(logs)")
    let killedLog = try #require(
      logs.max {
        (Int($0.dropFirst(6).prefix { $0 != "_" }) ?? 0)
          < (Int($1.dropFirst(6).prefix { $0 != "_" }) ?? 0)
      })
    let log = w.contents("results/" + killedLog) ?? ""
    #expect(log.contains("\(missing) points run, \(4 - missing) already done"), "\(log)")
  }

  // MARK: GNU parallel

  static let parallelPath: String? = ["/usr/bin/parallel", "/usr/local/bin/parallel"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  @Test(
    "The GNU parallel lines run as written: a shard killed mid-run is retried and resumes, a rerun runs nothing, the merge equals one process's run",
    .enabled(
      if: parallelPath != nil, "skipped: GNU parallel is not installed (apt-get install parallel)"),
    .timeLimit(.minutes(10)))
  func gnuParallel() throws {
    let w = try Workspace()
    defer { try? FileManager.default.removeItem(at: w.root) }
    let reference = try #require(Self.reference, "the one-process run failed")
    let recipe = try Self.recipe("gnu-parallel")
    #expect(recipe.contains("shards=4"))

    // Run the recipe in the background; kill one shard's process between its points.
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", recipe]
    process.currentDirectoryURL = w.shared
    process.environment = ProcessInfo.processInfo.environment.merging(w.environment) { $1 }
    let output = w.root.appendingPathComponent("parallel.out")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    let handle = try FileHandle(forWritingTo: output)
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    var killed: Int?
    _ = try Self.waitUntil(seconds: 300) {
      if killed == nil {
        for i in 0..<4 {
          let done = w.points("out/shard\(i)").count
          if done >= 1 && done < 16 {
            // Once: parallel's retry of the shard must be left to run.
            _ = try w.sh("pkill -KILL -f '^qinssim sweep design.toml -o out/shard\(i) '")
            killed = i
            break
          }
        }
      }
      return !process.isRunning
    }
    process.waitUntilExit()
    try handle.close()
    let printed = String(decoding: (try? Data(contentsOf: output)) ?? Data(), as: UTF8.self)
    #expect(process.terminationStatus == 0, "\(printed)")
    let shard = try #require(killed, "no shard was caught between its points")
    #expect(w.contents("out/all/results.csv") == reference)
    // The retried shard resumed: its second attempt found points of the first.
    let joblog = w.contents("out/joblog") ?? ""
    #expect(
      printed.range(
        of:
          #"[1-9][0-9]* points run, [1-9][0-9]* already done, [0-9]+ without figures \(see the error column\); shard \#(shard)/4"#,
        options: .regularExpression) != nil,
      "\(printed)\n\(joblog)")

    // The same lines again: every shard is complete, nothing runs, the merge is the same.
    let again = try w.sh(recipe)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stdout.components(separatedBy: "0 points run, 16 already done").count == 5)
    #expect(w.contents("out/all/results.csv") == reference)
  }
}
