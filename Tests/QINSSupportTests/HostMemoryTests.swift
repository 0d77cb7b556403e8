import QINSSupport
import Testing

@Suite("Host memory")
struct HostMemoryTests {
  #if os(Linux)
    @Test("glibc accepts the allocator settings (mmap off for allocations, no trimming)")
    func glibcSettings() {
      #expect(HostMemory.keepFreedMemoryForReuse())
      // Allocation still works after it, large and small.
      let big = [Float](repeating: 1, count: 50_000_000)
      #expect(big[49_999_999] == 1)
    }
  #endif
}
