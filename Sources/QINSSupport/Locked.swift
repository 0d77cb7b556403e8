import Foundation

/// A value that threads share, read and changed only inside ``withLock(_:)``.
///
/// A pthread mutex (through `NSLock`) rather than `Synchronization.Mutex`: on Linux the thread
/// sanitizer does not see `Mutex`'s futex-based locking, so every access it orders is reported
/// as a race (a 4-thread counter under `Mutex` gives the right total and a report per thread),
/// and the sanitizer run of `.ci/run` would be noise. The sanitizer intercepts pthread mutexes.
///
/// `@unchecked Sendable`: `value` is touched only with `lock` held.
public final class Locked<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Value

  public init(_ value: Value) { self.value = value }

  /// Runs `body` on the value with the lock held.
  public func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
    lock.lock()
    defer { lock.unlock() }
    return try body(&value)
  }
}
