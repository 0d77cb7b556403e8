import CHost

/// How the host's allocator treats the simulator's large, short-lived arrays.
public enum HostMemory {
  /// Keeps freed memory in the process for reuse instead of returning it to the system.
  ///
  /// A multi-layer run allocates and frees gigabytes of tensors per layer (weights, their
  /// converted forms, transposes). By default glibc serves each allocation above 32 MiB with
  /// a fresh `mmap` and unmaps it when freed, so every layer faults in and zeroes its pages
  /// again: 17 % of the CPU time of a Phi-3.5 layer. With `mmap` off for allocations and no
  /// trimming, later layers reuse the heap; a 4-layer run takes 23 s instead of 27.6 s on the
  /// 2-core host of Docs/performance.md, for about 7 % more peak memory. No result changes.
  /// A no-op where the allocator is not glibc's; returns whether the settings took effect.
  @discardableResult public static func keepFreedMemoryForReuse() -> Bool {
    qins_keep_freed_memory_for_reuse() == 1
  }
}
