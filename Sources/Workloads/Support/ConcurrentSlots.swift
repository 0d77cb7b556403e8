import Foundation

/// Results written by concurrent workers, one slot each, read after they have all finished.
public final class ConcurrentSlots<T>: @unchecked Sendable {
  private var slots: [T?]
  private let lock = NSLock()

  public init(count: Int) { slots = [T?](repeating: nil, count: count) }

  public subscript(i: Int) -> T? {
    get {
      lock.lock()
      defer { lock.unlock() }
      return slots[i]
    }
    set {
      lock.lock()
      defer { lock.unlock() }
      slots[i] = newValue
    }
  }
}
