/// The elements of a tensor an operation touches, as one contiguous range: from a tile's first
/// element to one past its last (the rows between included), or the whole tensor.
struct ElementSpan: Hashable {
  var tensor: Int
  var lower: Int
  var upper: Int

  init(_ tile: Tile) {
    tensor = tile.tensor
    lower = tile.offset
    upper = tile.offset + max(0, tile.rows - 1) * tile.rowLength + tile.cols
  }

  /// Every element of a tensor.
  init(wholeTensor tensor: Int) {
    self.tensor = tensor
    lower = 0
    upper = .max
  }

  func overlaps(_ other: ElementSpan) -> Bool { lower < other.upper && other.lower < upper }
}

/// The scoreboard over tensor elements: when the scheduled writes and reads of each part of a
/// tensor complete. An operation reading a span waits for the writes that overlap it; one
/// writing a span waits for the writes and reads that overlap it. Two halves of one buffer
/// (a double buffer addressed by offset) are independent, as in hardware that tracks buffer
/// regions; a tile's span covers the rows between its rows, so interleaved column tiles of
/// one tensor are ordered (conservatively).
///
/// Entries that complete at or before the current cycle are dropped as operations are
/// recorded: nothing can start before the current cycle, so they no longer constrain anything.
struct Scoreboard {
  private struct Entry {
    var span: ElementSpan
    var done: Int
    /// Written by the array: results leave it in the order its operations entered, so a
    /// later array operation accumulating into them needs no wait (its sums reach each row
    /// after the earlier ones).
    var byArray = false
  }
  private var writes: [[Entry]]
  private var reads: [[Entry]]

  init(tensors: Int) {
    writes = Array(repeating: [], count: tensors)
    reads = Array(repeating: [], count: tensors)
  }

  /// When every scheduled write overlapping `span` is done (the array's own writes left out
  /// for an operation of the array, `byArray`).
  func written(_ span: ElementSpan, byArray: Bool = false) -> Int {
    var t = 0
    for e in writes[span.tensor] where e.span.overlaps(span) && !(byArray && e.byArray) {
      t = max(t, e.done)
    }
    return t
  }

  /// When every scheduled read and write overlapping `span` is done (the array's own writes
  /// left out for an operation of the array, `byArray`).
  func free(_ span: ElementSpan, byArray: Bool = false) -> Int {
    var t = written(span, byArray: byArray)
    for e in reads[span.tensor] where e.span.overlaps(span) { t = max(t, e.done) }
    return t
  }

  mutating func recordWrite(_ span: ElementSpan, done: Int, now: Int, byArray: Bool = false) {
    Self.record(&writes[span.tensor], span, done: done, now: now, byArray: byArray)
  }

  mutating func recordRead(_ span: ElementSpan, done: Int, now: Int) {
    Self.record(&reads[span.tensor], span, done: done, now: now)
  }

  private static func record(
    _ list: inout [Entry], _ span: ElementSpan, done: Int, now: Int, byArray: Bool = false
  ) {
    list.removeAll { $0.done <= now || ($0.span == span && $0.done <= done) }
    list.append(Entry(span: span, done: done, byArray: byArray))
  }
}
