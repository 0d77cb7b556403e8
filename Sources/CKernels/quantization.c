#include "CKernels.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

/// The unit-scale QINS8 magnitude |y| rounds to (see QINS8UnitEncoder): clamp into [1, 256],
/// take the bucket, pick its first or second entry by the threshold, zero below the range.
/// `floor` is the largest magnitude that rounds to zero's side: representable means a > floor
/// (1/2 for nearest rounding; the float below 1 for the seed's, whose smallest is 1).
static inline __attribute__((always_inline)) float magnitude(float y, const float *threshold,
                                                            const float *values, float floor) {
  const float a = fabsf(y);
  const float clamped = a < 1.0f ? 1.0f : (a > 256.0f ? 256.0f : a);
  uint32_t bits;
  memcpy(&bits, &clamped, 4);
  const uint32_t b = (bits - 0x3F800000u) >> 13;
  const float m = values[2 * b + (clamped >= threshold[b] ? 1 : 0)];
  return a > floor ? m : 0.0f;
}

/// d^2 for `count` contiguous samples, into `out`: vectorisable (no reduction). One copy per
/// instruction set, chosen by an ifunc resolver at load; not under the thread sanitizer, whose
/// instrumented resolver would run before the sanitizer has started.
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define QINS_NO_CLONES 1
#endif
#endif
#if defined(__x86_64__) && !defined(QINS_NO_CLONES)
#define CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define CLONES
#endif

CLONES static void
squares(const float *restrict values, int count, float scale, const float *threshold,
        const float *entries, float floor, float largest, double *restrict out) {
#pragma clang loop vectorize(enable)
  for (int n = 0; n < count; n++) {
    const float v = values[n];
    const float y = v / scale;
    const float q = fabsf(y) <= FLT_MAX ? magnitude(y, threshold, entries, floor) : largest;
    const double d = (double)((v < 0 ? -q : q) * scale) - (double)v;
    out[n] = fabsf(v) <= FLT_MAX ? d * d : 0.0;
  }
}

double qins_qins8_squared_error(const float *values, ptrdiff_t count, ptrdiff_t step,
                                float scale, const float *threshold, const float *entries,
                                int nearest, float largest) {
  enum { block = 256 };
  double squared[block];
  float sample[block];
  double e = 0;
  const ptrdiff_t samples = (count + step - 1) / step;
  for (ptrdiff_t first = 0; first < samples; first += block) {
    const ptrdiff_t n = samples - first < block ? samples - first : block;
    for (ptrdiff_t i = 0; i < n; i++) sample[i] = values[(first + i) * step];
    squares(sample, (int)n, scale, threshold, entries, nearest ? 0.5f : nextafterf(1.0f, 0.0f),
            largest, squared);
    // In sample order, one add at a time: the sum the Swift loop forms.
    for (ptrdiff_t i = 0; i < n; i++) e += squared[i];
  }
  return e;
}
