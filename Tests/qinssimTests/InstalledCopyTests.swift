import Foundation
import QINSTestSupport
import Testing

/// The tools outside the checkout: the executable copied with the program library's bundle
/// beside it, run from another directory, with no `--programs`.
@Suite("An installed copy")
struct InstalledCopyTests {
  static let smallLayer = [
    "transformer", "--model", "phi-3.5-mini", "--seq", "16", "--hidden", "256", "--heads", "4",
    "--head-dim", "64", "--intermediate", "512", "--machines", "qins-fast,bf16",
  ]

  @Test("qinssim copied with its program bundle gives the checkout's figures from elsewhere")
  func installedCopy() throws {
    let root = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let fm = FileManager.default
    let install = root.appendingPathComponent("install")
    let work = root.appendingPathComponent("work")
    try fm.createDirectory(at: install, withIntermediateDirectories: true)
    try fm.createDirectory(at: work, withIntermediateDirectories: true)
    let bundle = "qins_ProgramLibrary.resources"
    try fm.copyItem(
      at: CommandRunner.productsDirectory.appendingPathComponent("qinssim"),
      to: install.appendingPathComponent("qinssim"))
    try fm.copyItem(
      at: CommandRunner.productsDirectory.appendingPathComponent(bundle),
      to: install.appendingPathComponent(bundle))
    let installed = try CommandRunner.run(
      executable: install.appendingPathComponent("qinssim"),
      Self.smallLayer + ["--json", "installed.json"], in: work)
    #expect(installed.status == 0, "\(installed.stderr)")
    let checkoutJSON = root.appendingPathComponent("checkout.json").path
    let checkout = try CommandRunner.run(
      "qinssim",
      Self.smallLayer + [
        "--programs", repositoryRoot.appendingPathComponent("Programs").path, "--json",
        checkoutJSON,
      ])
    #expect(checkout.status == 0, "\(checkout.stderr)")
    #expect(installed.stdout == checkout.stdout)
    let a = fm.contents(atPath: work.appendingPathComponent("installed.json").path)
    #expect(a != nil && a == fm.contents(atPath: checkoutJSON))

    // Without the bundle beside it, the copy says what is missing and how to go on.
    try fm.removeItem(at: install.appendingPathComponent(bundle))
    let bare = try CommandRunner.run(
      executable: install.appendingPathComponent("qinssim"), Self.smallLayer, in: work)
    #expect(bare.status == 1)
    #expect(bare.stderr.contains(bundle) && bare.stderr.contains("--programs"), "\(bare.stderr)")
    #expect(bare.stdout.isEmpty)
  }
}
