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
  /// What else the figures depend on, by item (``SweepInputs``); absent in folders written
  /// before it was recorded.
  public var inputs: [String: String]?

  public init(_ spec: SweepSpecification, inputs: [String: String]? = nil) {
    sweep = spec.digest
    workload = spec.workload
    fields = spec.fields
    total = spec.pointCount
    self.inputs = inputs
  }

  /// Why `other` (a folder's manifest) is not this sweep's, or nil: another spec, or inputs
  /// that differ, named (a folder without recorded inputs is taken as it is).
  public func mismatch(with other: SweepManifest) -> String? {
    var a = self
    var b = other
    a.inputs = nil
    b.inputs = nil
    guard a == b else { return "another sweep (its spec differs)" }
    guard let mine = inputs, let theirs = other.inputs else { return nil }
    let changed = SweepInputs.differences(mine, theirs)
    guard !changed.isEmpty else { return nil }
    return "this sweep with other inputs: "
      + changed.map {
        $0 == "tool"
          ? "the tool's version (\(theirs[$0] ?? "none") there, \(mine[$0] ?? "none") here)" : $0
      }
      .joined(separator: ", ") + " changed since its points were computed"
  }
}
