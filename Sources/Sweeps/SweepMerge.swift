/// Gathers the point files of a sweep's shards, each in its own folder, into one table.
public enum SweepMerge {
  /// The shards' manifest (all must be one sweep's) and their points; a point found in
  /// several folders must be the same in each.
  public static func gather(_ directories: [SweepDirectory]) throws(SweepError) -> (
    SweepManifest, [SweepPointResult]
  ) {
    guard let first = directories.first else { throw SweepError("give at least one folder") }
    let manifest = try first.manifest()
    var points: [Int: SweepPointResult] = [:]
    for d in directories {
      let m = try d.manifest()
      guard m == manifest else {
        throw SweepError(
          "\(d.path) holds another sweep than \(first.path) (their sweep.json differ)")
      }
      for (i, p) in try d.points(of: manifest.sweep) {
        if let q = points[i], q != p {
          throw SweepError("point \(i) differs between the folders (\(d.path) and another)")
        }
        points[i] = p
      }
    }
    return (manifest, points.values.sorted { $0.index < $1.index })
  }
}
