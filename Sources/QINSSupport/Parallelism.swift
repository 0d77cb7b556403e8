import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How many host threads a piece of independent work may use.
///
/// The simulator's results never depend on it: work is split only where the parts are
/// independent (output tiles of a product, channels of a weight, whole machine runs), and each
/// part is computed in the same order whatever thread runs it. One thread runs everything
/// inline on the caller's thread.
public struct Parallelism: Hashable, Sendable {
  /// At least 1.
  public let threads: Int

  /// `threads` below 1 is taken as 1.
  public init(threads: Int) { self.threads = Swift.max(1, threads) }

  /// Everything on the calling thread.
  public static let serial = Parallelism(threads: 1)

  /// One thread per core the process may run on.
  public static var allCores: Parallelism { Parallelism(threads: onlineCores) }

  /// The cores online.
  public static var onlineCores: Int { Swift.max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

  /// Calls `body(i)` once for every `i` in `0..<count`: in order on this thread with one
  /// thread or one item, otherwise on up to `threads` workers that each take the next index
  /// not yet taken. Returns when every call has returned. `body` must only touch state that no
  /// other index touches; which worker runs an index is not fixed, so nothing may depend on
  /// it.
  public func forEach(_ count: Int, _ body: @Sendable (Int) -> Void) {
    let workers = Swift.min(threads, count)
    if workers <= 1 {
      for i in 0..<count { body(i) }
      return
    }
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while true {
        let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
        if i >= count { break }
        body(i)
      }
    }
  }
}

/// A buffer that the workers of ``Parallelism/forEach(_:_:)`` share, each reading what it
/// likes and writing only the elements that belong to its indices. Valid while the buffer it
/// was made from is.
public struct SharedPointer<Element>: @unchecked Sendable {
  public let base: UnsafeMutablePointer<Element>

  @inlinable public init(_ buffer: UnsafeMutableBufferPointer<Element>) {
    base = buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: MemoryLayout<Element>.alignment)!
  }

  @inlinable public init(_ pointer: UnsafeMutablePointer<Element>) { base = pointer }

  /// A buffer the workers only read (writing through it is undefined behaviour).
  @inlinable public init(reading buffer: UnsafeBufferPointer<Element>) {
    base = UnsafeMutablePointer(
      mutating: buffer.baseAddress
        ?? UnsafePointer(bitPattern: MemoryLayout<Element>.alignment)!)
  }

  @inlinable public subscript(i: Int) -> Element {
    get { base[i] }
    nonmutating set { base[i] = newValue }
  }
}
