/// What a sweep's folder holds (`sweep.json`), written when the sweep starts: enough to make
/// its tables from its point files alone, and to check that shards merged together belong to
/// one sweep.
public struct SweepManifest: Codable, Sendable, Equatable {
  public var sweep: String
  public var workload: SweepWorkloadKind
  /// The fields shown per point, in the tables' order.
  public var fields: [String]
  /// The points of the whole sweep (every shard).
  public var total: Int

  public init(_ spec: SweepSpecification) {
    sweep = spec.digest
    workload = spec.workload
    fields = spec.fields
    total = spec.pointCount
  }
}
