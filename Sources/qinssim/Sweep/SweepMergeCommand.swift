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
      run would have written. When points are in none of the folders (a shard that failed, \
      was killed or has not run yet), the merge names them, writes nothing and exits 1: run \
      their shards again (the same command resumes a shard), or merge what there is with \
      --partial. The tables of OUT are made from every point file in OUT, so merging into a \
      folder that already holds points of the sweep keeps them consistent.
      """
  )

  @Argument(help: "The shards' folders.") var directories: [String]
  @Option(name: [.short, .customLong("output")], help: "The merged folder.") var output: String
  @Flag(help: "Merge even when points are missing from every folder (the tables say how many).")
  var partial = false

  func validate() throws {
    guard !directories.isEmpty else { throw ValidationError("Give the shards' folders.") }
    let out = URL(fileURLWithPath: output).standardizedFileURL.path
    for d in directories where URL(fileURLWithPath: d).standardizedFileURL.path == out {
      throw ValidationError("-o \(output) is one of the shards' folders; merge into another.")
    }
  }

  func run() throws {
    let (manifest, gathered) = try SweepMerge.gather(directories.map(SweepDirectory.init))
    let missing = SweepMerge.missing(manifest, gathered)
    if !missing.isEmpty && !partial {
      throw CommandError(
        "\(missing.count) of \(manifest.total) points are in none of the folders (points \(SweepMerge.ranges(missing))); nothing was written. Run their shards again (the same command runs only a shard's missing points), or merge what there is with --partial"
      )
    }
    let merged = SweepDirectory(path: output)
    try merged.prepare()
    try merged.claim(for: manifest)
    for p in gathered { try merged.write(p) }
    let points = Array(try merged.points(of: manifest.sweep).values)
    let table = SweepTable(workload: manifest.workload, fields: manifest.fields, points: points)
    try merged.writeTables(table)
    try SweepReport.write(table, in: output)
    let absent = manifest.total - points.count
    print(
      "\(points.count) of \(manifest.total) points from \(directories.count) folders in \(output)/results.csv"
        + (absent > 0 ? "; \(absent) points are in none of them (run their shards again)" : ""))
    SweepSummary.print(table)
  }
}
