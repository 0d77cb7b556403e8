import CGMP

/// GMP's memory, seen from Swift.
///
/// Every GMP allocation made through this module passes through a counting allocator, so
/// that tests can show that ``ExactInteger`` and ``ExactRational`` free all they allocate.
public enum GMPMemory {
  /// Installs the counting allocator once, before the first GMP value is created.
  static let installed: Void = { cgmp_install_counting_allocator() }()

  /// GMP blocks allocated and not yet freed by the calling thread.
  ///
  /// The count is per thread: compare two readings taken on the same thread, around code
  /// that does not hop threads (a synchronous function).
  public static var liveBlocksOnCurrentThread: Int {
    _ = installed
    return Int(cgmp_live_blocks())
  }
}
