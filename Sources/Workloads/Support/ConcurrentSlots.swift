import QINSSupport

/// Results written by concurrent workers, one slot each, read after they have all finished.
public final class ConcurrentSlots<T: Sendable>: Sendable {
  private let slots: Locked<[T?]>

  public init(count: Int) { slots = Locked([T?](repeating: nil, count: count)) }

  public subscript(i: Int) -> T? {
    get { slots.withLock { $0[i] } }
    set { slots.withLock { $0[i] = newValue } }
  }
}
