/// Finds the longest special token that starts at a place in a text: a trie over the tokens'
/// UTF-8 bytes, so that a text of n bytes is scanned in O(n x the longest token), however
/// many special tokens a vocabulary lists (some list thousands).
struct SpecialTokenMatcher: Sendable {
  /// Each node's children by byte, and the length in bytes of the token ending there (0 for
  /// none).
  private var children: [[UInt8: Int32]] = [[:]]
  private var ending: [Int] = [0]

  init(_ tokens: [String]) {
    for t in tokens where !t.isEmpty {
      var node = 0
      for b in t.utf8 {
        if let c = children[node][b] {
          node = Int(c)
        } else {
          children.append([:])
          ending.append(0)
          children[node][b] = Int32(children.count - 1)
          node = children.count - 1
        }
      }
      ending[node] = t.utf8.count
    }
  }

  var isEmpty: Bool { children[0].isEmpty }

  /// The byte length of the longest token that `bytes` starts with, or nil.
  func longestMatch<C: Collection<UInt8>>(at bytes: C) -> Int? {
    var node = 0
    var best: Int?
    for b in bytes {
      guard let c = children[node][b] else { break }
      node = Int(c)
      if ending[node] > 0 { best = ending[node] }
    }
    return best
  }
}
