// Vector kernels for the simulator's hot loops, in C so that one source is compiled for each
// x86-64 vector width (SSE2, AVX2, AVX-512) and the widest the CPU has is chosen at run time
// (other architectures get one 4-lane build).
// Compiled with -ffp-contract=off: every multiply and add is a separate IEEE operation, as in
// the Swift code these loops replace.
#ifndef QINS_CKERNELS_H
#define QINS_CKERNELS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// c[i][j] = c[i][j] + a[i][kk] * b[kk][j] for kk = k0 ..< k1 in order, i < rows,
/// j < columns. Row i of A starts at a + i * a_stride (indexed by kk), row kk of B at
/// b + kk * b_stride, row i of C at c + i * c_stride.
void qins_fp32_accumulate(const float *a, ptrdiff_t a_stride, const float *b,
                          ptrdiff_t b_stride, float *c, ptrdiff_t c_stride, ptrdiff_t rows,
                          ptrdiff_t k0, ptrdiff_t k1, ptrdiff_t columns);

/// c[i][j] = c[i][j] + (sa * sb) * (ua * ub) for kk = k0 ..< k1 in order, where A's element
/// (i, kk) is the pair (ua, sa) at a + i * a_stride + 2 * kk and B's element (kk, j) the pair
/// (ub, sb) at b + kk * b_stride + 2 * j.
void qins_fp32_accumulate_scaled(const float *a, ptrdiff_t a_stride, const float *b,
                                 ptrdiff_t b_stride, float *c, ptrdiff_t c_stride,
                                 ptrdiff_t rows, ptrdiff_t k0, ptrdiff_t k1, ptrdiff_t columns);

/// The squared error of QINS8 quantization at `scale` over values[0], values[step], ...
/// (fewer than `count`): for each finite v, d = (double)(sign(v) q * scale) - (double)v where q
/// is the unit magnitude v / scale rounds to (`largest` when v / scale is infinite), summed in
/// sample order in double. `threshold` and `entries` are the bucket tables of Swift's
/// QINS8UnitEncoder; `nearest` selects nearest rounding (else the seed's).
double qins_qins8_squared_error(const float *values, ptrdiff_t count, ptrdiff_t step,
                                float scale, const float *threshold, const float *entries,
                                int nearest, float largest);

/// The vector width the kernels use on this CPU, in floats (4, 8 or 16).
int qins_vector_width(void);

/// Limits the kernels to vectors of at most `lanes` floats (4 or 8; 0 lifts the limit), so
/// that tests can check that every width gives the same bits.
void qins_limit_vector_width(int lanes);

#ifdef __cplusplus
}
#endif

#endif
