import Foundation
import QINSTestSupport
import Testing

/// The browser the report's rendering test drives: Debian's `chromium`, if installed.
let chromiumPath: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
  FileManager.default.isExecutableFile(atPath: $0)
}

@Suite("qinssim report")
struct ReportCommandTests {
  /// Runs the commands whose outputs a report plots, in `dir`.
  func makeInputs(_ dir: URL) throws -> [String] {
    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
    let program = repositoryRoot.appendingPathComponent("Programs/gemm.qasm").path
    for (args, what) in [
      (
        [
          "run", program, "--machine", "qins-default", "--stats", path("qins.json"), "--trace",
          path("qins.trace.json"),
        ], "run qins"
      ),
      (["run", program, "--machine", "int8", "--stats", path("int8.json")], "run int8"),
      (
        [
          "transformer", "--model", "phi-3.5-mini", "--seq", "16", "--hidden", "64", "--heads", "4",
          "--head-dim", "16", "--intermediate", "96", "--layers", "0-1", "--machines",
          "qins-fast,bf16",
          "--json", path("layers.json"),
        ], "transformer"
      ),
    ] {
      let r = try CommandRunner.run("qinssim", args)
      #expect(r.status == 0, "\(what): \(r.stderr)")
    }
    let g = try CommandRunner.run(
      "qinssim", ["gemm", "--m", "128", "--n", "256", "--k", "512", "--json"])
    try g.stdoutData.write(to: URL(fileURLWithPath: path("gemm.json")))
    return ["qins.json", "int8.json", "layers.json", "gemm.json", "qins.trace.json"].map(path)
  }

  @Test("The report is one self-contained file that fetches nothing; bad inputs are named")
  func selfContained() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let inputs = try makeInputs(dir)
    let out = dir.appendingPathComponent("report.html").path
    let r = try CommandRunner.run("qinssim", ["report"] + inputs + ["-o", out])
    #expect(r.status == 0 && r.stdout.contains("15 plots"), "\(r.stderr)")
    let html = try #require(FileManager.default.contents(atPath: out)).map {
      Character(UnicodeScalar($0))
    }
    let text = String(html)
    #expect(!text.contains("<script src") && !text.contains("<link"))
    #expect(text.contains("Chart.js v3.9.1"))
    for title in [
      "Energy by component", "Energy by instruction class", "Cycles and stalls by cause",
      "Bytes per memory level", "Unit utilisation", "Roofline of the GEMM",
      "Error against the FP32 reference per layer", "Power over time",
      "Cycles against the bounds", "Cycles by operator", "Energy by operator",
    ] {
      #expect(text.contains(title), "\(title)")
    }
    let bad = dir.appendingPathComponent("bad.json").path
    try Data("{\"x\": 1}".utf8).write(to: URL(fileURLWithPath: bad))
    let b = try CommandRunner.run("qinssim", ["report", bad, "-o", out])
    #expect(b.status == 1 && b.stderr.contains("bad.json: not JSON written by qinssim"))
    let same = try CommandRunner.run("qinssim", ["report", inputs[0], "-o", inputs[0]])
    #expect(same.status == 64)
  }

  @Test(
    "Legends name machines (with the file where two runs share one); every plot has a table of its figures; layer axes are whole numbers"
  )
  func readable() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let inputs = try makeInputs(dir)
    let again = dir.appendingPathComponent("again.json").path
    let program = repositoryRoot.appendingPathComponent("Programs/gemm.qasm").path
    let run = try CommandRunner.run(
      "qinssim", ["run", program, "--machine", "qins-default", "--stats", again])
    #expect(run.status == 0, "\(run.stderr)")
    let small = dir.appendingPathComponent("small-gemm.json")
    let g = try CommandRunner.run(
      "qinssim", ["gemm", "--m", "64", "--n", "64", "--k", "64", "--json"])
    try g.stdoutData.write(to: small)
    let out = dir.appendingPathComponent("report.html").path
    let r = try CommandRunner.run("qinssim", ["report"] + inputs + [again, small.path, "-o", out])
    #expect(r.status == 0, "\(r.stderr)")
    let text = String(
      decoding: try #require(FileManager.default.contents(atPath: out)), as: UTF8.self)
    #expect(text.contains(#""label":"int8""#))
    #expect(text.contains(#""label":"qins-default (qins.json)""#))
    #expect(text.contains(#""label":"qins-default (again.json)""#))
    #expect(!text.contains(#""label":"int8.json""#))
    let plots = text.components(separatedBy: "<canvas id=").count - 1
    #expect(plots >= 15)
    #expect(text.components(separatedBy: "<table class=\"figures\">").count - 1 == plots)
    #expect(
      text.contains("<td>int8 (energy (uJ))</td>") || text.contains("<th>int8 (energy (uJ))</th>"))
    #expect(text.contains(#""ticks":{"precision":0,"stepSize":1}"#))
    #expect(text.contains(#""notation":"scientific""#))
    // The stacked energy components: grouped (DRAM first, leakage last), a colour each.
    let start = try #require(text.range(of: "var configs = "))
    let end = try #require(text.range(of: ";\n", range: start.upperBound..<text.endIndex))
    let configs = try #require(
      try JSONSerialization.jsonObject(with: Data(text[start.upperBound..<end.lowerBound].utf8))
        as? [[String: Any]])
    let components = try #require(
      configs.first {
        let title = (($0["options"] as? [String: Any])?["plugins"] as? [String: Any])?["title"]
        return (title as? [String: Any])?["text"] as? String
          == "Energy by component, machine against machine"
      })
    let datasets = try #require(
      (components["data"] as? [String: Any])?["datasets"] as? [[String: Any]])
    let labels = datasets.compactMap { $0["label"] as? String }
    let colours = datasets.compactMap { $0["backgroundColor"] as? String }
    #expect(labels.first == "dram" && colours.first == "#b2182b", "\(labels)")
    #expect(labels.last?.hasSuffix("_leakage") == true)
    #expect(Set(colours).count == colours.count, "\(zip(labels, colours).map { "\($0) \($1)" })")
    // The stacked operator plots give every operator its own colour.
    for title in ["Cycles by operator", "Energy by operator"] {
      let chart = configs.first {
        let t = (($0["options"] as? [String: Any])?["plugins"] as? [String: Any])?["title"]
        return ((t as? [String: Any])?["text"] as? String)?.hasPrefix(title) == true
      }
      let sets = try #require(
        (chart?["data"] as? [String: Any])?["datasets"] as? [[String: Any]], "\(title)")
      let fills = sets.compactMap { $0["backgroundColor"] as? String }
      #expect(sets.count >= 8 && Set(fills).count == fills.count, "\(title): \(fills)")
    }
    // One roofline for both GEMMs, a labelled dot each.
    #expect(text.components(separatedBy: #""text":"Roofline of the GEMM"#).count - 1 == 1)
    #expect(text.contains(#""text":"Roofline of the GEMMs""#))
    #expect(text.contains(#""label":"gemm.json: 128 x 512 x 256""#))
    #expect(text.contains(#""label":"small-gemm.json: 64 x 64 x 64""#))
  }

  @Test("Figures that are not finite or too large are left out and said, never a crash or a hang")
  func hostileFigures() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let g = try CommandRunner.run(
      "qinssim", ["gemm", "--m", "64", "--n", "64", "--k", "64", "--json"])
    let gemm = try JSONSerialization.jsonObject(with: g.stdoutData) as! [String: Any]
    for (what, change, leftOut) in [
      ("a subnormal time", ["seconds": Double("1e-320")!], true),
      ("m = n = 1e200", ["m": 1e200, "n": 1e200], true),
      ("a huge time", ["seconds": 1.7e308], false),
    ] as [(String, [String: Double], Bool)] {
      var o = gemm
      for (k, v) in change { o[k] = v }
      let input = dir.appendingPathComponent("g.json").path
      try JSONSerialization.data(withJSONObject: o).write(to: URL(fileURLWithPath: input))
      let html = dir.appendingPathComponent("g.html").path
      let r = try CommandRunner.run("qinssim", ["report", input, "-o", html])
      #expect(r.status == 0 && r.stdout.contains("1 plots"), "\(what): \(r.stderr)")
      let text = try String(contentsOfFile: html, encoding: .utf8)
      #expect(text.contains("and left out.") == leftOut, "\(what)")
    }
  }

  @Test(
    "Every plot renders in a headless browser: no script errors, marks drawn, pixels painted",
    .enabled(if: chromiumPath != nil, "chromium is not installed (apt-get install chromium)"))
  func rendersInBrowser() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let inputs = try makeInputs(dir)
    let out = dir.appendingPathComponent("report.html").path
    #expect(try CommandRunner.run("qinssim", ["report"] + inputs + ["-o", out]).status == 0)
    // --report on the commands writes the same kind of file.
    let direct = dir.appendingPathComponent("gemm.html").path
    #expect(
      try CommandRunner.run(
        "qinssim", ["gemm", "--m", "64", "--n", "64", "--k", "64", "--report", direct]
      ).status == 0)
    // A sweep writes its own report: two frontiers and the sensitivity.
    let spec = dir.appendingPathComponent("sweep.toml").path
    let specText =
      "workload = \"transformer\"\n" + SweepSpecs.smallLayer(seq: 16) + """
        [grid]
        machine = ["qins-fast", "int8", "bf16"]
        "array.rows" = [16, 32]
        """
    try Data(specText.utf8).write(to: URL(fileURLWithPath: spec))
    let sweep = dir.appendingPathComponent("sweep").path
    #expect(try CommandRunner.run("qinssim", ["sweep", spec, "-o", sweep]).status == 0)
    // Its frontiers are coloured and labelled by machine.
    let sweepPage = String(
      decoding: try Data(contentsOf: URL(fileURLWithPath: sweep + "/report.html")), as: UTF8.self)
    for machine in ["qins-fast", "int8", "bf16"] {
      #expect(sweepPage.contains(#""label":"\#(machine): on the frontier""#), "\(machine)")
      #expect(sweepPage.contains(#""label":"\#(machine)""#), "\(machine)")
    }
    // A label that would open a comment and a script inside the page's script (issue 27):
    // escaped, every plot still draws.
    let stats = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: inputs[1])))
    var hostile = stats as! [String: Any]
    hostile["machine"] = "<!--<script>x</script>"
    let hostileInput = dir.appendingPathComponent("hostile.json").path
    try JSONSerialization.data(withJSONObject: hostile).write(
      to: URL(fileURLWithPath: hostileInput))
    let hostileReport = dir.appendingPathComponent("hostile.html").path
    let h = try CommandRunner.run("qinssim", ["report", hostileInput, "-o", hostileReport])
    #expect(h.status == 0 && h.stdout.contains("6 plots"), "\(h.stdout) \(h.stderr)")
    for (file, count) in [
      (out, 15), (direct, 1), (sweep + "/report.html", 3), (hostileReport, 6),
    ] {
      let r = try CommandRunner.run(
        executable: URL(fileURLWithPath: chromiumPath!),
        [
          "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=10000",
          "--user-data-dir=" + dir.appendingPathComponent("profile").path, "--dump-dom",
          "file://" + file,
        ])
      let dom = r.stdout
      let start = try #require(
        dom.range(of: "<pre id=\"render-status\">"), "\(r.stderr.prefix(400))")
      let end = try #require(dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex))
      let status = try #require(
        try JSONSerialization.jsonObject(with: Data(dom[start.upperBound..<end.lowerBound].utf8))
          as? [String: Any])
      #expect(status["charts"] as? Int == count)
      #expect((status["errors"] as? [Any])?.isEmpty == true, "\(status)")
      let drawn = (status["drawn"] as? [Int]) ?? []
      let painted = (status["painted"] as? [Int]) ?? []
      #expect(drawn.count == count && drawn.allSatisfy { $0 > 0 }, "\(drawn)")
      #expect(painted.count == count && painted.allSatisfy { $0 > 1000 }, "\(painted)")
    }
  }
}
