import Foundation
import PackagePlugin

/// Embeds files in a module at build time (with the `EmbedFiles` tool), so the installed
/// tools are one file each: no resource bundle beside them.
///
/// What each target embeds:
/// - `ProgramLibrary`: every `.qasm` and `.qinc` file under the package's `Programs/`, as
///   `EmbeddedPrograms`.
/// - `Reports`: the vendored chart library, `Sources/Reports/Vendor/*.js`, as `EmbeddedAssets`.
/// - `qinssim`, `qinsasm`: the commit they were built from (`git rev-parse`, with
///   `-modified` when tracked files differ from it; `unknown` outside a git checkout), as
///   `BuildCommit`. The commit file is rewritten only when it changes, so a build of the
///   same commit compiles nothing again.
@main
struct EmbedFilesPlugin: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
    let package = context.package.directoryURL
    let work = context.pluginWorkDirectoryURL
    switch target.name {
    case "ProgramLibrary":
      let root = package.appending(path: "Programs")
      return [
        try command(
          context, type: "EmbeddedPrograms", root: root,
          files: files(under: root, extensions: ["qasm", "qinc"]))
      ]
    case "Reports":
      let root = target.directoryURL.appending(path: "Vendor")
      return [
        try command(
          context, type: "EmbeddedAssets", root: root, files: files(under: root, extensions: ["js"])
        )
      ]
    case "qinssim", "qinsasm":
      try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
      let commitFile = work.appending(path: "commit.txt")
      let commit = Data(Self.commit(of: package).utf8)
      if FileManager.default.contents(atPath: commitFile.path) != commit {
        try commit.write(to: commitFile, options: .atomic)
      }
      return [try command(context, type: "BuildCommit", root: work, files: [commitFile])]
    default:
      Diagnostics.error("EmbedFilesPlugin has no files to embed in target \(target.name)")
      return []
    }
  }

  /// The command that writes `TYPE.swift` holding `files` named relative to `root`.
  func command(_ context: PluginContext, type: String, root: URL, files: [URL]) throws -> Command {
    let output = context.pluginWorkDirectoryURL.appending(path: "\(type).swift")
    return .buildCommand(
      displayName: "Embedding \(files.count) files as \(type)",
      executable: try context.tool(named: "EmbedFiles").url,
      arguments: [output.path, type, root.path] + files.map(\.path),
      inputFiles: files, outputFiles: [output])
  }

  /// The regular files under `root` whose extension is one of `extensions`, sorted.
  func files(under root: URL, extensions: Set<String>) -> [URL] {
    let fm = FileManager.default
    let names = (try? fm.subpathsOfDirectory(atPath: root.path)) ?? []
    return names.sorted().filter { extensions.contains(($0 as NSString).pathExtension) }
      .map { root.appending(path: $0) }
  }

  /// The checkout's commit, `-modified` when a tracked file differs from it.
  static func commit(of package: URL) -> String {
    guard let head = git(["rev-parse", "HEAD"], in: package), !head.isEmpty else {
      return "unknown"
    }
    let status = git(["status", "--porcelain", "--untracked-files=no"], in: package) ?? ""
    return head + (status.isEmpty ? "" : "-modified")
  }

  /// git's standard output, trimmed, or nil when git cannot run or fails.
  static func git(_ arguments: [String], in directory: URL) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", directory.path] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
