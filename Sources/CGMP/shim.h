// C shim for GMP.
//
// Swift imports GMP's real functions (__gmpz_*, __gmpq_*) but not the function-like macros
// that gmp.h defines on top of them (mpz_sgn, mpq_numref, mpq_denref, mpz_cmp_si, ...).
// This header gives each of those a static inline function with a cgmp_ name, and adds a
// counting allocator so that tests can prove that the Swift wrappers free what they allocate.

#ifndef CGMP_SHIM_H
#define CGMP_SHIM_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <gmp.h>

// MARK: - Macros as functions

static inline int cgmp_mpz_sgn(const __mpz_struct *z) { return mpz_sgn(z); }
static inline int cgmp_mpq_sgn(const __mpq_struct *q) { return mpq_sgn(q); }
static inline __mpz_struct *cgmp_mpq_numref(__mpq_struct *q) { return mpq_numref(q); }
static inline __mpz_struct *cgmp_mpq_denref(__mpq_struct *q) { return mpq_denref(q); }
static inline int cgmp_mpz_cmp_si(const __mpz_struct *z, long v) { return mpz_cmp_si(z, v); }
static inline int cgmp_mpz_odd_p(const __mpz_struct *z) { return mpz_odd_p(z); }

// MARK: - Counting allocator
//
// Live GMP blocks are counted per thread, so a test that creates and drops values on one
// thread sees exactly its own allocations even while other tests run in parallel.
// The counter lives in the translation unit of the Swift module that calls these functions
// (ExactArithmetic); only that module reads it.

static inline long *cgmp_live_blocks_slot(void) {
  static _Thread_local long live = 0;
  return &live;
}

static inline void *cgmp_counting_alloc(size_t size) {
  void *p = malloc(size);
  if (p) { *cgmp_live_blocks_slot() += 1; }
  return p;
}

static inline void *cgmp_counting_realloc(void *p, size_t old_size, size_t new_size) {
  (void)old_size;
  void *q = realloc(p, new_size);
  if (p == NULL && q != NULL) { *cgmp_live_blocks_slot() += 1; }
  return q;
}

static inline void cgmp_counting_free(void *p, size_t size) {
  (void)size;
  if (p) { *cgmp_live_blocks_slot() -= 1; }
  free(p);
}

/// Routes GMP's allocations through the counting functions above. Idempotent.
static inline void cgmp_install_counting_allocator(void) {
  mp_set_memory_functions(cgmp_counting_alloc, cgmp_counting_realloc, cgmp_counting_free);
}

/// GMP blocks allocated and not yet freed by the calling thread.
static inline long cgmp_live_blocks(void) { return *cgmp_live_blocks_slot(); }

/// Frees a string returned by mpz_get_str / mpq_get_str through GMP's own free function.
static inline void cgmp_free_string(char *s) {
  void (*free_fn)(void *, size_t);
  mp_get_memory_functions(NULL, NULL, &free_fn);
  free_fn(s, strlen(s) + 1);
}

#endif
