/// The candidate merges of one word, lowest rank first and, among equal ranks, leftmost first:
/// a binary min-heap, so that a word of n symbols merges in O(n log n) instead of scanning
/// every pair after every merge.
///
/// An entry names the pair by its left symbol's position and both symbols' versions when it
/// was queued; a merge changes the versions, so entries it made stale are recognised and
/// skipped when they come out.
struct MergeQueue {
  struct Entry: Comparable {
    var rank: Int
    /// Position of the left symbol (symbols keep their first position when they grow, so
    /// positions keep the text's order).
    var left: Int
    var right: Int
    var leftVersion: Int
    var rightVersion: Int

    static func < (a: Entry, b: Entry) -> Bool { (a.rank, a.left) < (b.rank, b.left) }
  }

  private var entries: [Entry] = []

  var isEmpty: Bool { entries.isEmpty }

  mutating func push(_ e: Entry) {
    entries.append(e)
    var i = entries.count - 1
    while i > 0 {
      let parent = (i - 1) / 2
      guard entries[i] < entries[parent] else { break }
      entries.swapAt(i, parent)
      i = parent
    }
  }

  mutating func pop() -> Entry? {
    guard let top = entries.first else { return nil }
    let last = entries.removeLast()
    if !entries.isEmpty {
      entries[0] = last
      var i = 0
      while true {
        let l = 2 * i + 1
        let r = l + 1
        var smallest = i
        if l < entries.count && entries[l] < entries[smallest] { smallest = l }
        if r < entries.count && entries[r] < entries[smallest] { smallest = r }
        if smallest == i { break }
        entries.swapAt(i, smallest)
        i = smallest
      }
    }
    return top
  }
}
