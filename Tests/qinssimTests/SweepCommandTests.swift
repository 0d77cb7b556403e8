import Foundation
import QINSTestSupport
import Testing

/// `qinssim sweep` as a user runs it: whole, sharded over processes and merged, resumed
/// after points were lost or the process was killed, refused before anything runs.
@Suite("qinssim sweep")
struct SweepCommandTests {
  /// 2 shapes x 3 dataflows x 3 row counts x 2 column counts = 36 GEMM points.
  static let gemmSpec = """
    # GEMM points for the tests
    workload = "gemm"
    machine = "qins-seed"
    [set]
    "gemm.k" = 96
    [grid]
    "array.dataflow" = ["ws", "os", "is"]
    "array.rows" = [8, 16, 32]
    "array.cols" = [8, 32]
    [[points]]
    "gemm.m" = 40
    "gemm.n" = 24
    [[points]]
    "gemm.m" = 128
    "gemm.n" = 64
    "gemm.functional" = true
    """

  /// 3 machines x 2 sequences = 6 small transformer layers.
  static let transformerSpec =
    "workload = \"transformer\"\n" + SweepSpecs.smallLayer(seq: nil) + """
      [grid]
      machine = ["qins-fast", "bf16", "fp32-reference"]
      "transformer.seq" = [16, 32]
      """

  func write(_ text: String, in dir: URL, _ name: String) throws -> String {
    let path = dir.appendingPathComponent(name).path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  func contents(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
  }

  @Test("Three shard processes and a merge give one run's tables byte for byte")
  func shardsAndMerge() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let spec = try write(Self.gemmSpec, in: dir, "gemm.toml")
    let whole = dir.appendingPathComponent("whole").path
    let r = try CommandRunner.run("qinssim", ["sweep", spec, "-o", whole])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("36 points run, 0 already done"))
    let csv = try #require(contents(whole + "/results.csv"))
    let rows = csv.split(separator: "\n")
    #expect(rows.count == 37)
    #expect(
      rows[0].hasPrefix(
        "index,gemm.m,gemm.n,gemm.functional,array.cols,array.dataflow,array.rows,cycles,"))
    // The functional points carry the product's error; the others leave it empty.
    #expect(rows[20].split(separator: ",", omittingEmptySubsequences: false)[16] != "")
    #expect(rows[1].split(separator: ",", omittingEmptySubsequences: false)[16] == "")

    // Three processes at once, each its shard, then a merge.
    var processes: [Process] = []
    for i in 0..<3 {
      let p = Process()
      p.executableURL = CommandRunner.productsDirectory.appendingPathComponent("qinssim")
      p.arguments = [
        "sweep", spec, "-o", dir.appendingPathComponent("shard\(i)").path, "--shard", "\(i)/3",
        "--threads", "1",
      ]
      p.standardOutput = FileHandle.nullDevice
      p.standardError = FileHandle.nullDevice
      try p.run()
      processes.append(p)
    }
    for p in processes {
      p.waitUntilExit()
      #expect(p.terminationStatus == 0)
    }
    #expect(
      contents(dir.appendingPathComponent("shard1/results.csv").path)!.split(separator: "\n").count
        == 13)
    let merged = dir.appendingPathComponent("merged").path
    let m = try CommandRunner.run(
      "qinssim",
      ["sweep", "merge"] + (0..<3).map { dir.appendingPathComponent("shard\($0)").path } + [
        "-o", merged,
      ])
    #expect(m.status == 0, "\(m.stderr)")
    #expect(m.stdout.contains("36 of 36 points from 3 folders"))
    #expect(contents(merged + "/results.csv") == csv)
    #expect(contents(merged + "/sensitivity.csv") == contents(whole + "/sensitivity.csv"))

    // A merge of two shards of three names what is missing and writes nothing; with
    // --partial it merges what there is and says how many are missing.
    let twoOfThree = [
      "sweep", "merge", dir.appendingPathComponent("shard0").path,
      dir.appendingPathComponent("shard2").path, "-o", dir.appendingPathComponent("partial").path,
    ]
    let refused = try CommandRunner.run("qinssim", twoOfThree)
    #expect(refused.status == 1 && refused.stdout.isEmpty)
    #expect(
      refused.stderr.contains(
        "12 of 36 points are in none of the folders (points 1, 4, 7, 10, 13, 16, 19, 22, 25, 28, 31, 34)"
      ), "\(refused.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("partial").path))
    let partial = try CommandRunner.run("qinssim", twoOfThree + ["--partial"])
    #expect(partial.status == 0 && partial.stdout.contains("24 of 36 points"))
    #expect(partial.stdout.contains("12 points are in none of them"))
    // Merging the third shard into the partial folder completes it: its tables are made
    // from every point file there, the same bytes as one run's.
    let completed = try CommandRunner.run(
      "qinssim",
      [
        "sweep", "merge", dir.appendingPathComponent("shard1").path, "-o",
        dir.appendingPathComponent("partial").path, "--partial",
      ])
    #expect(completed.status == 0 && completed.stdout.contains("36 of 36 points"), "\(completed)")
    #expect(contents(dir.appendingPathComponent("partial/results.csv").path) == csv)
  }

  @Test(
    "A transformer point records its roofline: the fraction and bounds transformer --json gives")
  func rooflineColumns() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let spec = try write(
      "workload = \"transformer\"\nmachine = \"int8\"\n" + SweepSpecs.smallLayer(seq: 16),
      in: dir, "one.toml")
    let out = dir.appendingPathComponent("out").path
    var r = try CommandRunner.run("qinssim", ["sweep", spec, "-o", out])
    #expect(r.status == 0, "\(r.stderr)")
    let rows = try #require(contents(out + "/results.csv")).split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    let row = Dictionary(uniqueKeysWithValues: zip(rows[0], rows[1]))
    let json = dir.appendingPathComponent("t.json").path
    r = try CommandRunner.run(
      "qinssim",
      [
        "transformer", "--model", "minilm-l6", "--hidden", "64", "--heads", "4", "--head-dim",
        "16", "--intermediate", "96", "--seq", "16", "--machines", "int8", "--json", json,
      ])
    #expect(r.status == 0, "\(r.stderr)")
    let report =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json)))
      as! [String: Any]
    let machines = report["machines"] as! [String: [String: Any]]
    let roofline = machines["int8"]!["roofline"] as! [String: Any]
    let bounds = roofline["bounds"] as! [String: Int]
    // Foundation's JSON reader may round a double's last bit differently from Swift's.
    func close(_ a: Double?, _ b: Double?) -> Bool {
      guard let a, let b else { return false }
      return abs(a - b) <= 1e-12 * max(abs(a), abs(b))
    }
    #expect(close(Double(row["roofline_fraction"]!), roofline["fraction_reached"] as? Double))
    for name in ["compute", "dram", "array_weight_fill", "sfu", "alu", "spad", "lbuf", "acc"] {
      #expect(row["bound_\(name)"].flatMap(Double.init) == bounds[name].map(Double.init), "\(name)")
    }
    #expect(Int(Double(row["bound_dram"]!)!) > 0)
    #expect(
      close(Double(row["operators_fraction"]!), roofline["operators_fraction_reached"] as? Double))
    // Each operator's cycles and energy, after the fixed columns in name order.
    let operators = machines["int8"]!["operators"] as! [[String: Any]]
    #expect(operators.count == 12)
    for o in operators {
      let name = o["name"] as! String
      #expect(row["operator_\(name)_cycles"].flatMap(Double.init) == Double(o["cycles"] as! Int))
      let energy = (o["energy"] as! [String: Any])["total_pj"] as! Double
      #expect(close(row["operator_\(name)_energy_pj"].flatMap(Double.init), energy), "\(name)")
    }
    let extra = rows[0].filter { $0.hasPrefix("operator_") }
    #expect(extra == extra.sorted() && extra.count == 24)
    #expect(rows[0].firstIndex(of: extra[0])! > rows[0].firstIndex(of: "bound_acc")!)
  }

  @Test("A sweep resumes: lost points run again, the rest is kept, the tables are the same")
  func resume() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let spec = try write(Self.gemmSpec, in: dir, "gemm.toml")
    let out = dir.appendingPathComponent("out").path
    #expect(try CommandRunner.run("qinssim", ["sweep", spec, "-o", out]).status == 0)
    let csv = contents(out + "/results.csv")
    for i in [0, 5, 35] {
      try FileManager.default.removeItem(atPath: out + "/points/point-\(i).json")
    }
    let again = try CommandRunner.run("qinssim", ["sweep", spec, "-o", out])
    #expect(again.status == 0)
    #expect(again.stdout.contains("3 points run, 33 already done"), "\(again.stdout)")
    #expect(contents(out + "/results.csv") == csv)

    // Another sweep into the same folder is refused: points are never mixed.
    let other = try write(
      Self.gemmSpec.replacingOccurrences(of: "[8, 32]", with: "[8, 64]"), in: dir, "other.toml")
    let mixed = try CommandRunner.run("qinssim", ["sweep", other, "-o", out])
    #expect(mixed.status == 1 && mixed.stderr.contains("holds another sweep"), "\(mixed.stderr)")
  }

  @Test("A sweep killed while it runs resumes to the tables of an uninterrupted run")
  func killed() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let spec = try write(Self.transformerSpec, in: dir, "layers.toml")
    let whole = dir.appendingPathComponent("whole").path
    let r = try CommandRunner.run("qinssim", ["sweep", spec, "-o", whole])
    #expect(r.status == 0, "\(r.stderr)")
    let csv = try #require(contents(whole + "/results.csv"))
    #expect(!csv.contains(",no figures") && csv.split(separator: "\n").count == 7)

    let out = dir.appendingPathComponent("killed").path
    let p = Process()
    p.executableURL = CommandRunner.productsDirectory.appendingPathComponent("qinssim")
    p.arguments = ["sweep", spec, "-o", out, "--threads", "1"]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    // Killed once its first point is written (or when it has finished, on a fast host).
    let points = out + "/points"
    while p.isRunning
      && ((try? FileManager.default.contentsOfDirectory(atPath: points))?.filter {
        $0.hasPrefix("point-")
      }.isEmpty ?? true)
    {
      usleep(2_000)
    }
    kill(p.processIdentifier, SIGKILL)
    p.waitUntilExit()
    let again = try CommandRunner.run("qinssim", ["sweep", spec, "-o", out])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(contents(out + "/results.csv") == csv)
  }

  @Test(
    "Resuming or merging with other programs, another machine file or another build is refused, naming what changed"
  )
  func changedInputs() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    // Programs in a folder of their own, and a machine file.
    let programs = dir.appendingPathComponent("programs")
    try FileManager.default.copyItem(
      at: repositoryRoot.appendingPathComponent("Programs"), to: programs)
    let machine = try write("{\"name\": \"mine\"}", in: dir, "mine.json")
    let spec = try write(
      "workload = \"transformer\"\nmachine = \"\(machine)\"\n" + SweepSpecs.smallLayer(seq: 16),
      in: dir, "one.toml")
    let out = dir.appendingPathComponent("out").path
    let args = ["sweep", spec, "-o", out, "--programs", programs.path]
    var r = try CommandRunner.run("qinssim", args)
    #expect(r.status == 0, "\(r.stderr)")
    let manifest =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: out + "/sweep.json"))) as! [String: Any]
    let inputs = try #require(manifest["inputs"] as? [String: String])
    #expect(Set(inputs.keys) == ["programs", "tool", "machine \(machine)"])
    // The same inputs resume (nothing to run).
    r = try CommandRunner.run("qinssim", args)
    #expect(r.status == 0 && r.stdout.contains("0 points run"), "\(r.stderr)")
    // An edited program.
    let gemm = programs.appendingPathComponent("lib/gemm.qinc")
    try (String(contentsOf: gemm, encoding: .utf8) + "\n; edited\n").write(
      to: gemm, atomically: true, encoding: .utf8)
    r = try CommandRunner.run("qinssim", args)
    #expect(r.status == 1 && r.stderr.contains("other inputs: programs changed"), "\(r.stderr)")
    // An edited machine file, with the programs as they were.
    let other = dir.appendingPathComponent("out2").path
    try FileManager.default.copyItem(atPath: out, toPath: other)
    try Data("{\"name\": \"mine\", \"clock_mhz\": 500}".utf8).write(
      to: URL(fileURLWithPath: machine))
    r = try CommandRunner.run("qinssim", ["sweep", spec, "-o", other])
    // (The built-in programs are the copied folder's before its edit: the same fingerprint.)
    #expect(
      r.status == 1 && r.stderr.contains("other inputs: machine \(machine) changed"),
      "\(r.stderr)")
    // Another build: the folder's tool version differs.
    var tampered = manifest
    var changed = inputs
    changed["tool"] = "qinssim 0.0.1 (commit 0000000)"
    tampered["inputs"] = changed
    let third = dir.appendingPathComponent("out3").path
    try FileManager.default.copyItem(atPath: out, toPath: third)
    try JSONSerialization.data(withJSONObject: tampered).write(
      to: URL(fileURLWithPath: third + "/sweep.json"))
    r = try CommandRunner.run(
      "qinssim", ["sweep", "merge", third, out, "-o", dir.appendingPathComponent("m").path])
    #expect(
      r.status == 1 && r.stderr.contains("other inputs: the tool's version (")
        && r.stderr.contains(", qinssim 0.0.1 (commit 0000000) here)"), "\(r.stderr)")
  }

  @Test(
    "Merging two of three shards into a complete folder keeps its table equal to its point files")
  func mergeIntoCompleteFolder() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let spec = try write(Self.gemmSpec, in: dir, "gemm.toml")
    let whole = dir.appendingPathComponent("whole").path
    #expect(try CommandRunner.run("qinssim", ["sweep", spec, "-o", whole]).status == 0)
    let csv = try #require(contents(whole + "/results.csv"))
    var shards: [String] = []
    for i in 0..<3 {
      let s = dir.appendingPathComponent("s\(i)").path
      #expect(
        try CommandRunner.run("qinssim", ["sweep", spec, "-o", s, "--shard", "\(i)/3"]).status == 0)
      shards.append(s)
    }
    // Two of the three shards, into the folder that already holds every point.
    let r = try CommandRunner.run(
      "qinssim", ["sweep", "merge", shards[0], shards[1], "-o", whole, "--partial"])
    #expect(r.status == 0, "\(r.stderr)")
    let points = try FileManager.default.contentsOfDirectory(atPath: whole + "/points").filter {
      $0.hasPrefix("point-")
    }
    #expect(contents(whole + "/results.csv") == csv)
    #expect(csv.split(separator: "\n").count - 1 == points.count)
  }

  @Test(
    "A point needing more host memory than the limit refuses the sweep with a count; fewer points run at once when the largest would not fit together"
  )
  func hostMemory() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    // Functional 256^3 GEMMs hold A, B and C in FP32 and the machine's formats: 3 x 256^2 x
    // 24 bytes = 4.5 MiB each; the 10^5-cube point needs 3 x 10^10 x 24 bytes = 671 GiB.
    let points = { (sizes: [Int]) in
      "workload = \"gemm\"\nmachine = \"qins-seed\"\n[set]\n\"gemm.functional\" = true\n"
        + sizes.map { "[[points]]\n\"gemm.m\" = \($0)\n\"gemm.n\" = \($0)\n\"gemm.k\" = \($0)\n" }
        .joined()
    }
    let huge = try write(points([256, 100_000, 100_000, 256]), in: dir, "huge.toml")
    let out = dir.appendingPathComponent("out").path
    let r = try CommandRunner.run("qinssim", ["sweep", huge, "-o", out])
    #expect(
      r.status == 1 && r.stderr.contains("2 of 4 points to run need more host memory")
        && r.stderr.contains("point 1: 671 GiB needed") && r.stderr.contains("--max-host-memory"),
      "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out))

    // Two points of 4.5 MiB under a 6 MiB limit run one at a time, and the summary says so.
    let two = try write(points([256, 256]), in: dir, "two.toml")
    let t = try CommandRunner.run(
      "qinssim", ["sweep", two, "-o", out, "--threads", "2", "--max-host-memory", "6M"])
    #expect(t.status == 0, "\(t.stderr)")
    #expect(t.stdout.contains("1 points ran at once, not 2"), "\(t.stdout)")
    let alone = try CommandRunner.run(
      "qinssim", ["sweep", two, "-o", out + "2", "--threads", "2", "--max-host-memory", "10M"])
    #expect(alone.status == 0 && !alone.stdout.contains("ran at once"), "\(alone.stdout)")
  }

  @Test("Bad sweeps are refused before anything runs")
  func refusals() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    // 100 x 100 x 3 = 30,000 points.
    let huge = try write(
      """
      workload = "gemm"
      [set]
      "gemm.m" = 8
      "gemm.n" = 8
      "gemm.k" = 8
      [grid]
      "array.rows" = [\((1...100).map(String.init).joined(separator: ", "))]
      "array.cols" = [\((1...100).map(String.init).joined(separator: ", "))]
      "array.dataflow" = ["ws", "os", "is"]
      """, in: dir, "huge.toml")
    let out = dir.appendingPathComponent("out").path
    let r = try CommandRunner.run("qinssim", ["sweep", huge, "-o", out])
    #expect(r.status == 1 && r.stderr.contains("30000 points") && r.stderr.contains("--yes"))
    #expect(!FileManager.default.fileExists(atPath: out))
    // 1000^3 = 10^9 points, and 1000^7 (beyond 2^63): refused even with --yes, at once.
    for (axes, count) in [(3, "1000000000 points"), (7, "more than 2^63 points")] {
      let values = "[" + (1...1000).map(String.init).joined(separator: ", ") + "]"
      let fields = [
        "gemm.m", "gemm.n", "gemm.k", "array.rows", "array.cols", "spad.banks", "lbuf.banks",
      ]
      let giant = try write(
        "workload = \"gemm\"\n[grid]\n"
          + fields.prefix(axes).map { "\"\($0)\" = \(values)" }.joined(separator: "\n"),
        in: dir, "giant\(axes).toml")
      let g = try CommandRunner.run("qinssim", ["sweep", giant, "-o", out, "--yes"])
      #expect(
        g.status == 1 && g.stderr.contains(count) && g.stderr.contains("split it"), "\(g.stderr)")
      #expect(!FileManager.default.fileExists(atPath: out))
    }

    let badField = try write(
      Self.gemmSpec.replacingOccurrences(of: "\"array.rows\"", with: "\"array.rowz\""), in: dir,
      "field.toml")
    let f = try CommandRunner.run("qinssim", ["sweep", badField, "-o", out])
    #expect(f.status == 1 && f.stderr.contains("unknown field array.rowz"), "\(f.stderr)")
    #expect(
      (try? FileManager.default.contentsOfDirectory(atPath: out + "/points"))?.isEmpty ?? true)

    let badValue = try write(
      Self.gemmSpec.replacingOccurrences(of: "[8, 16, 32]", with: "[8, 16, 0]"), in: dir,
      "value.toml")
    let v = try CommandRunner.run(
      "qinssim", ["sweep", badValue, "-o", dir.appendingPathComponent("v").path])
    #expect(v.status == 1 && v.stderr.contains("array.rows must be"), "\(v.stderr)")

    let shard = try CommandRunner.run("qinssim", ["sweep", badValue, "-o", out, "--shard", "3/3"])
    #expect(shard.status == 64 && shard.stderr.contains("--shard must be I/N"))
  }
}

extension String {
  fileprivate func replacingOccurrences(of a: String, with b: String) -> String {
    split(separator: a, omittingEmptySubsequences: false).joined(separator: b)
  }
}
