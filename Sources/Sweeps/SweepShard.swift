/// One part of a sweep split over processes: shard `index` of `count` runs the points whose
/// index leaves `index` when divided by `count`, a split every process computes alike.
public struct SweepShard: Hashable, Sendable, CustomStringConvertible {
  public let index: Int
  public let count: Int

  /// The whole sweep.
  public static let all = SweepShard(index: 0, count: 1)

  public init(index: Int, count: Int) {
    self.index = index
    self.count = count
  }

  /// Parses `I/N` with 0 <= I < N.
  public init?(_ text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1,
      (0..<n).contains(i)
    else { return nil }
    self.init(index: i, count: n)
  }

  public func contains(_ point: Int) -> Bool { point % count == index }

  public var description: String { "\(index)/\(count)" }
}
