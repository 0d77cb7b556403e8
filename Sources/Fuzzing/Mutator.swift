import QINSSupport

/// Deterministic mutations of bytes and text, driven by a seeded generator: the same seed
/// gives the same case, so every finding can be replayed from its seed alone.
public struct Mutator {
  public var random: SeededGenerator

  public init(seed: UInt64) { random = SeededGenerator(seed: seed) }

  /// A number in `0..<n` (0 when `n` is 0).
  public mutating func below(_ n: Int) -> Int {
    n <= 0 ? 0 : Int(random.next() % UInt64(n))
  }

  /// True with probability 1 in `n`.
  public mutating func oneIn(_ n: Int) -> Bool { below(n) == 0 }

  /// One element of `items`.
  public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

  /// `bytes` with 1 to `maxEdits` edits: bit flips, byte changes, deletions, insertions,
  /// duplicated runs, and hostile integers written over the bytes (little-endian, 1, 2, 4 or
  /// 8 bytes wide) where lengths, counts and offsets usually sit.
  public mutating func mutate(_ bytes: [UInt8], maxEdits: Int = 8) -> [UInt8] {
    var b = bytes
    for _ in 0..<(1 + below(maxEdits)) {
      let i = below(b.count)
      switch below(7) {
      case 0 where !b.isEmpty: b[i] ^= 1 << UInt8(below(8))
      case 1 where !b.isEmpty: b[i] = UInt8(truncatingIfNeeded: random.next())
      case 2 where !b.isEmpty: b.removeSubrange(i..<min(b.count, i + 1 + below(16)))
      case 3: b.insert(UInt8(truncatingIfNeeded: random.next()), at: min(i, b.count))
      case 4 where !b.isEmpty:
        let run = Array(b[i..<min(b.count, i + 1 + below(64))])
        b.insert(contentsOf: run, at: below(b.count + 1))
      case 5 where b.count >= 8:
        let width = pick([1, 2, 4, 8])
        let at = below(b.count - width + 1)
        let v = UInt64(bitPattern: pick(HostileValues.integers))
        for k in 0..<width { b[at + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt64(k))) }
      default:
        if b.count > 1 { b.removeLast(below(b.count)) }
      }
    }
    return b
  }

  /// `bytes` with 1 to `maxEdits` bytes in `range` changed in place (flipped bits, new
  /// values, hostile integers), the length kept: edits that keep a file's framing and reach
  /// the meaning of its fields.
  public mutating func overwrite(_ bytes: [UInt8], within range: Range<Int>, maxEdits: Int = 2)
    -> [UInt8]
  {
    var b = bytes
    let range = range.clamped(to: 0..<b.count)
    guard !range.isEmpty else { return b }
    for _ in 0..<(1 + below(maxEdits)) {
      let i = range.lowerBound + below(range.count)
      switch below(3) {
      case 0: b[i] ^= 1 << UInt8(below(8))
      case 1: b[i] = UInt8(truncatingIfNeeded: random.next())
      default:
        let v = UInt64(bitPattern: pick(HostileValues.integers))
        for k in 0..<min(8, range.upperBound - i) {
          b[i + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt64(k)))
        }
      }
    }
    return b
  }

  /// `text` with 1 to `maxEdits` edits a program's author or an attacker might make: numbers
  /// replaced by hostile ones, lines deleted or repeated, fragments inserted, CRLF line ends
  /// or a byte-order mark, and now and then a byte-level mutation.
  public mutating func mutate(text: String, fragments: [String], maxEdits: Int = 4) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for _ in 0..<(1 + below(maxEdits)) {
      let i = below(lines.count)
      switch below(8) {
      case 0, 1:
        lines[i] = replacingANumber(in: lines[i])
      case 2 where lines.count > 1: lines.remove(at: i)
      case 3: lines.insert(lines[i], at: i)
      case 4: lines.insert(pick(fragments), at: i)
      case 5: lines[i] += " " + pick(fragments)
      case 6:
        return String(
          decoding: mutate(Array(lines.joined(separator: "\n").utf8), maxEdits: 3), as: UTF8.self)
      default:
        let joined = lines.joined(separator: oneIn(2) ? "\r\n" : "\n")
        return oneIn(2) ? "\u{FEFF}" + joined : joined
      }
    }
    return lines.joined(separator: "\n")
  }

  /// `line` with one run of digits replaced by a hostile number.
  mutating func replacingANumber(in line: String) -> String {
    let chars = Array(line)
    let starts = chars.indices.filter {
      chars[$0].isNumber && ($0 == 0 || !chars[$0 - 1].isNumber)
    }
    guard !starts.isEmpty else { return line }
    let s = pick(starts)
    var e = s
    while e < chars.count && chars[e].isNumber { e += 1 }
    let replacement =
      oneIn(3) ? pick(HostileValues.numbers) : String(pick(HostileValues.integers))
    return String(chars[..<s]) + replacement + String(chars[e...])
  }
}
