import ArgumentParser
import Foundation
import QINSSupport
import Sweeps

/// `qinssim sweep merge`: the folders of a sweep's shards gathered into one.
struct SweepMergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Gather the folders of a sweep's shards into one folder with one results table.",
    discussion: """
      Every folder must hold points of the same sweep (its sweep.json). OUT gets sweep.json, \
      every point file, results.csv and sensitivity.csv, byte for byte what one unsharded \
      run would have written. Points missing from every folder are reported.
      """
  )

  @Argument(help: "The shards' folders.") var directories: [String]
  @Option(name: [.short, .customLong("output")], help: "The merged folder.") var output: String

  func validate() throws {
    guard !directories.isEmpty else { throw ValidationError("Give the shards' folders.") }
    let out = URL(fileURLWithPath: output).standardizedFileURL.path
    for d in directories where URL(fileURLWithPath: d).standardizedFileURL.path == out {
      throw ValidationError("-o \(output) is one of the shards' folders; merge into another.")
    }
  }

  func run() throws {
    let (manifest, points) = try SweepMerge.gather(directories.map(SweepDirectory.init))
    let merged = SweepDirectory(path: output)
    try merged.prepare()
    try merged.claim(for: manifest)
    for p in points { try merged.write(p) }
    let table = SweepTable(workload: manifest.workload, fields: manifest.fields, points: points)
    try merged.writeTables(table)
    try SweepReport.write(table, in: output)
    let missing = manifest.total - points.count
    print(
      "\(points.count) of \(manifest.total) points from \(directories.count) folders in \(output)/results.csv"
        + (missing > 0 ? "; \(missing) points are in none of them (run their shards again)" : ""))
    SweepSummary.print(table)
  }
}
