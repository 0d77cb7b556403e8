#include "CKernels.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__)

#define SUFFIX sse
#define TARGET __attribute__((target("sse2")))
#define LANES 4
#include "KernelBody.h"
#undef SUFFIX
#undef TARGET
#undef LANES

#define SUFFIX avx2
#define TARGET __attribute__((target("avx2")))
#define LANES 8
#include "KernelBody.h"
#undef SUFFIX
#undef TARGET
#undef LANES

#define SUFFIX avx512
#define TARGET __attribute__((target("avx512f")))
#define LANES 16
#include "KernelBody.h"
#undef SUFFIX
#undef TARGET
#undef LANES

#define HAS_WIDE 1

#else  // Other architectures: one 4-lane build (NEON on arm64), the same order.

#define SUFFIX sse
#define TARGET
#define LANES 4
#include "KernelBody.h"
#undef SUFFIX
#undef TARGET
#undef LANES

#define HAS_WIDE 0

#endif

/// A limit set by qins_limit_vector_width (0: none).
static _Atomic int limit = 0;

/// The widest vectors this CPU has, in floats, within the limit.
static int widest(void) {
  int lanes = 4;
#if HAS_WIDE
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) lanes = 16;
  else if (__builtin_cpu_supports("avx2")) lanes = 8;
#endif
  const int most = atomic_load(&limit);
  while (most >= 4 && lanes > most) lanes /= 2;
  return lanes;
}

int qins_vector_width(void) { return widest(); }

void qins_limit_vector_width(int lanes) { atomic_store(&limit, lanes); }

void qins_fp32_accumulate(const float *a, ptrdiff_t a_stride, const float *b,
                          ptrdiff_t b_stride, float *c, ptrdiff_t c_stride, ptrdiff_t rows,
                          ptrdiff_t k0, ptrdiff_t k1, ptrdiff_t columns) {
  if (rows <= 0 || columns <= 0 || k1 <= k0) return;
  const int lanes = widest();
  float *packed = malloc(sizeof(float) * (size_t)(k1 - k0) * 2 * (size_t)lanes);
  if (!packed) abort();
#if HAS_WIDE
  if (lanes == 16)
    fp32_accumulate_avx512(a, a_stride, b, b_stride, c, c_stride, rows, k0, k1, columns, packed);
  else if (lanes == 8)
    fp32_accumulate_avx2(a, a_stride, b, b_stride, c, c_stride, rows, k0, k1, columns, packed);
  else
#endif
    fp32_accumulate_sse(a, a_stride, b, b_stride, c, c_stride, rows, k0, k1, columns, packed);
  free(packed);
}

void qins_fp32_accumulate_scaled(const float *a, ptrdiff_t a_stride, const float *b,
                                 ptrdiff_t b_stride, float *c, ptrdiff_t c_stride,
                                 ptrdiff_t rows, ptrdiff_t k0, ptrdiff_t k1, ptrdiff_t columns) {
  if (rows <= 0 || columns <= 0 || k1 <= k0) return;
  const int lanes = widest();
  float *packed = malloc(sizeof(float) * (size_t)(k1 - k0) * 4 * (size_t)lanes);
  if (!packed) abort();
#if HAS_WIDE
  if (lanes == 16)
    fp32_accumulate_scaled_avx512(a, a_stride, b, b_stride, c, c_stride, rows, k0, k1, columns,
                                  packed);
  else if (lanes == 8)
    fp32_accumulate_scaled_avx2(a, a_stride, b, b_stride, c, c_stride, rows, k0, k1, columns,
                                packed);
  else
#endif
    fp32_accumulate_scaled_sse(a, a_stride, b, b_stride, c, c_stride, rows, k0, k1, columns,
                               packed);
  free(packed);
}
