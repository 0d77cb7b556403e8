import Foundation
import QINSTestSupport
import Testing

/// The tools outside the checkout: the executable copied alone into an empty directory and
/// run from `/`, as a cluster user runs a tool copied to a shared filesystem. The programs
/// and the chart library are compiled into it; nothing beside it is read.
@Suite("An installed copy")
struct InstalledCopyTests {
  static let smallLayer = [
    "transformer", "--model", "phi-3.5-mini", "--seq", "16", "--hidden", "256", "--heads", "4",
    "--head-dim", "64", "--intermediate", "512", "--machines", "qins-fast,bf16",
  ]

  /// A two-point transformer sweep of the same small layer.
  static let sweepSpec = """
    workload = "transformer"
    machine = "qins-fast"

    [set]
    "transformer.model" = "phi-3.5-mini"
    "transformer.seq" = 16
    "transformer.hidden" = 256
    "transformer.heads" = 4
    "transformer.head_dim" = 64
    "transformer.intermediate" = 512

    [grid]
    machine = ["qins-fast", "int8"]
    """

  /// Runs `arguments` with the copy (from `/`) and with the build tree's qinssim; both must
  /// succeed with the same standard output.
  static func same(_ copy: URL, _ arguments: (String) -> [String], root: URL) throws {
    let installed = try CommandRunner.run(
      executable: copy, arguments(root.appendingPathComponent("installed").path),
      in: URL(fileURLWithPath: "/"))
    #expect(installed.status == 0, "\(installed.stderr)")
    let tree = try CommandRunner.run("qinssim", arguments(root.appendingPathComponent("tree").path))
    #expect(tree.status == 0, "\(tree.stderr)")
    // The same output but for the folder it names.
    #expect(
      installed.stdout.replacingOccurrences(of: "/installed", with: "/tree") == tree.stdout)
  }

  @Test(
    "qinssim copied alone runs transformer, report and sweep from / with the build tree's figures")
  func installedCopy() throws {
    let root = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let fm = FileManager.default
    for side in ["install", "installed", "tree"] {
      try fm.createDirectory(
        at: root.appendingPathComponent(side), withIntermediateDirectories: true)
    }
    let copy = root.appendingPathComponent("install/qinssim")
    try fm.copyItem(at: CommandRunner.productsDirectory.appendingPathComponent("qinssim"), to: copy)
    #expect(
      try fm.contentsOfDirectory(atPath: root.appendingPathComponent("install").path) == ["qinssim"]
    )
    let spec = root.appendingPathComponent("spec.toml")
    try Data(Self.sweepSpec.utf8).write(to: spec)

    try Self.same(copy, { Self.smallLayer + ["--json", $0 + "/layer.json"] }, root: root)
    try Self.same(copy, { ["report", $0 + "/layer.json", "-o", $0 + "/layer.html"] }, root: root)
    try Self.same(copy, { ["sweep", spec.path, "-o", $0 + "/sweep"] }, root: root)
    // The same files, but for the input's path the report names.
    for file in [
      "layer.json", "layer.html", "sweep/results.csv", "sweep/sensitivity.csv", "sweep/report.html",
    ] {
      let a = fm.contents(atPath: root.appendingPathComponent("installed/" + file).path)
      let b = fm.contents(atPath: root.appendingPathComponent("tree/" + file).path)
      #expect(a != nil && b != nil, "\(file)")
      #expect(
        String(decoding: a ?? Data(), as: UTF8.self).replacingOccurrences(
          of: "/installed/", with: "/tree/") == String(decoding: b ?? Data(), as: UTF8.self),
        "\(file)")
    }
    let html = String(
      decoding: fm.contents(atPath: root.appendingPathComponent("installed/layer.html").path)
        ?? Data(),
      as: UTF8.self)
    #expect(html.contains("Chart.js v"), "the chart library is in the page")
  }

  @Test("--programs still reads a directory, and names what is missing in it")
  func programsDirectory() throws {
    let root = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let r = try CommandRunner.run("qinssim", Self.smallLayer + ["--programs", root.path])
    #expect(r.status == 1)
    #expect(
      r.stderr.contains("--programs \(root.path): llama_prefill.qasm is not in this directory"),
      "\(r.stderr)")
    #expect(r.stdout.isEmpty)
  }

  @Test("--version prints the tool, its version and the commit it was built from")
  func version() throws {
    for tool in ["qinssim", "qinsasm"] {
      let r = try CommandRunner.run(tool, ["--version"])
      #expect(r.status == 0, "\(r.stderr)")
      #expect(r.stdout.hasPrefix("\(tool) 0."), "\(r.stdout)")
      let git = Process()
      git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      git.arguments = ["git", "-C", repositoryRoot.path, "rev-parse", "HEAD"]
      let pipe = Pipe()
      git.standardOutput = pipe
      git.standardError = FileHandle.nullDevice
      guard (try? git.run()) != nil else { continue }
      let head = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        .trimmingCharacters(in: .whitespacesAndNewlines)
      git.waitUntilExit()
      if git.terminationStatus == 0 && !head.isEmpty {
        #expect(r.stdout.contains("(commit \(head)"), "\(r.stdout)")
      }
    }
  }
}
