#ifndef CHOST_H
#define CHOST_H

/// Tells glibc's allocator to serve large allocations from the heap rather than with mmap,
/// and never to trim the heap, so that freed memory is reused without page faults. Returns 1
/// if both settings were accepted, 0 otherwise (and on a C library other than glibc).
int qins_keep_freed_memory_for_reuse(void);

#endif
