import Synchronization

/// Which choice of a scale an element's scale came from: two elements share an ID exactly when
/// one choice set both their scales (one row of one write under the `row` rule, one write
/// under `tile`, a tensor's first write under `first_write`, one output channel of a weight).
///
/// The array applies element scales once per output when every row of A and every column of
/// the stationary B take their scales from one choice along K, and once per product otherwise
/// (``Simulator/multiplyScaled(c:a:b:m:k:n:accumulate:)``). Deciding from where the scales came
/// rather than from their values makes the decision, and so the energy, the same in a
/// timing-only run.
///
/// IDs are unique within the process (an atomic counter), so tensors converted once and given
/// to later runs (converted weights, a resident KV cache) never share one with a later write.
/// ID 0 is the scale 1 every element holds before anything is written, and BF16's, which is
/// always 1.
struct ScaleChoiceID: Hashable {
  var raw: UInt64

  /// The scale 1 of an element never written, and of BF16 (no choice).
  static let unit = ScaleChoiceID(raw: 0)

  private static let counter = Atomic<UInt64>(1)

  /// `count` new consecutive IDs; the first is returned.
  static func reserve(_ count: Int) -> ScaleChoiceID {
    let n = UInt64(max(1, count))
    return ScaleChoiceID(raw: counter.add(n, ordering: .relaxed).oldValue)
  }

  /// A new ID.
  static func next() -> ScaleChoiceID { reserve(1) }

  func advanced(by n: Int) -> ScaleChoiceID { ScaleChoiceID(raw: raw + UInt64(n)) }
}

/// The scale choices of a tensor as it was bound, before any write: none (every scale 1), or
/// one per group of `group` consecutive elements (a weight's output channel, or the whole
/// tensor) from `first` on.
enum BoundScaleChoices: Hashable {
  case unscaled
  case groups(first: ScaleChoiceID, group: Int)

  func choice(_ i: Int) -> ScaleChoiceID {
    switch self {
    case .unscaled: .unit
    case .groups(let first, let group): first.advanced(by: i / group)
    }
  }

  /// Writes the choices of elements `from`, `from + 1`, ... (`count` of them) to `out`,
  /// `out + step`, ...
  func fill(_ out: UnsafeMutablePointer<ScaleChoiceID>, from: Int, count: Int, step: Int) {
    switch self {
    case .unscaled:
      for i in 0..<count { out[i * step] = .unit }
    case .groups(let first, let group):
      // Runs of one group at a time.
      var i = 0
      while i < count {
        let g = (from + i) / group
        let end = min(count, (g + 1) * group - from)
        let id = first.advanced(by: g)
        if step == 1 {
          (out + i).update(repeating: id, count: end - i)
        } else {
          for j in i..<end { out[j * step] = id }
        }
        i = end
      }
    }
  }
}
