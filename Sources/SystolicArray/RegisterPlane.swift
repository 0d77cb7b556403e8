/// One register per PE, double-buffered: every PE reads its neighbours' registers as they
/// were at the start of the cycle and writes its own for the next cycle, as clocked hardware
/// does; ``advance()`` is the clock edge.
///
/// The storage is two flat buffers (row-major, `rows * cols` PEs) owned by the plane and freed
/// by ``deallocate()``, so the fold loops index raw memory without nested
/// `withUnsafeBufferPointer` closures. A plane is a local of one fold and never escapes it.
@usableFromInline
struct RegisterPlane<Value> {
  /// The registers as they are this cycle.
  @usableFromInline var current: UnsafeMutableBufferPointer<Value>
  /// The registers as they will be after the clock edge.
  @usableFromInline var next: UnsafeMutableBufferPointer<Value>

  /// `count` registers, all holding `value` now and next.
  @inlinable
  init(repeating value: Value, count: Int) {
    current = .allocate(capacity: count)
    current.initialize(repeating: value)
    next = .allocate(capacity: count)
    next.initialize(repeating: value)
  }

  /// Registers holding `values` now and next (the stationary operands, loaded before a
  /// fold streams).
  @inlinable
  init(_ values: [Value]) {
    current = .allocate(capacity: values.count)
    _ = current.initialize(from: values)
    next = .allocate(capacity: values.count)
    _ = next.initialize(from: values)
  }

  /// PE `pe`'s register this cycle.
  @inlinable
  subscript(pe: Int) -> Value { current[pe] }

  /// Changes PE `pe`'s register in place, for this cycle and on (registers that hold their
  /// value across cycles: output-stationary accumulators).
  @inlinable
  func update(_ pe: Int, _ value: Value) { current[pe] = value }

  /// Sets PE `pe`'s register for the next cycle.
  @inlinable
  func set(_ pe: Int, _ value: Value) { next[pe] = value }

  /// The clock edge: next becomes current.
  @inlinable
  mutating func advance() { swap(&current, &next) }

  /// Frees both buffers; the plane must not be used afterwards.
  @inlinable
  func deallocate() {
    current.deinitialize().deallocate()
    next.deinitialize().deallocate()
  }
}
