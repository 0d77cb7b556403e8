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
      if let why = manifest.mismatch(with: m) {
        throw SweepError("\(d.path) holds \(why), against \(first.path)")
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

extension SweepMerge {
  /// The indices of the sweep's points that none of `points` is, ascending.
  public static func missing(_ manifest: SweepManifest, _ points: [SweepPointResult]) -> [Int] {
    let present = Set(points.map(\.index))
    return (0..<manifest.total).filter { !present.contains($0) }
  }

  /// Indices as ranges, `0-3, 7, 9-12`, at most `limit` ranges and then how many more.
  public static func ranges(_ indices: [Int], limit: Int = 20) -> String {
    var parts: [String] = []
    var i = 0
    while i < indices.count {
      var j = i
      while j + 1 < indices.count && indices[j + 1] == indices[j] + 1 { j += 1 }
      parts.append(i == j ? "\(indices[i])" : "\(indices[i])-\(indices[j])")
      i = j + 1
    }
    guard parts.count > limit else { return parts.joined(separator: ", ") }
    return parts.prefix(limit).joined(separator: ", ") + " and \(parts.count - limit) more ranges"
  }
}
