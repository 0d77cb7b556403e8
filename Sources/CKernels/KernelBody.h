// The kernels' body, included once per vector width by kernels.c with these defined:
//   SUFFIX   the name suffix (sse, avx2, avx512)
//   TARGET   the function attribute selecting the instruction set
//   LANES    floats per vector (4, 8, 16)
// A micro-tile is 4 rows by 2 vectors; B is packed strip by strip first.

#define CAT2(a, b) a##_##b
#define CAT(a, b) CAT2(a, b)
#define FN(name) CAT(name, SUFFIX)
#define VEC FN(qins_vec)

typedef float VEC __attribute__((vector_size(LANES * 4)));

static inline __attribute__((always_inline)) TARGET VEC FN(load)(const float *p) {
  VEC v;
  memcpy(&v, p, sizeof v);
  return v;
}

static inline __attribute__((always_inline)) TARGET void FN(store)(float *p, VEC v) {
  memcpy(p, &v, sizeof v);
}

static inline __attribute__((always_inline)) TARGET VEC FN(splat)(float x) {
  VEC v;
  for (int l = 0; l < LANES; l++) v[l] = x;
  return v;
}

static TARGET void FN(fp32_accumulate)(const float *a, ptrdiff_t as, const float *b,
                                       ptrdiff_t bs, float *c, ptrdiff_t cs, ptrdiff_t rows,
                                       ptrdiff_t k0, ptrdiff_t k1, ptrdiff_t columns,
                                       float *packed) {
  const ptrdiff_t depth = k1 - k0, w = 2 * LANES;
  ptrdiff_t j = 0;
  for (; j + w <= columns; j += w) {
    for (ptrdiff_t t = 0; t < depth; t++) memcpy(packed + t * w, b + (k0 + t) * bs + j, w * 4);
    ptrdiff_t i = 0;
    for (; i + 4 <= rows; i += 4) {
      float *c0 = c + i * cs + j, *c1 = c0 + cs, *c2 = c1 + cs, *c3 = c2 + cs;
      const float *a0 = a + i * as + k0, *a1 = a0 + as, *a2 = a1 + as, *a3 = a2 + as;
      VEC s00 = FN(load)(c0), s01 = FN(load)(c0 + LANES);
      VEC s10 = FN(load)(c1), s11 = FN(load)(c1 + LANES);
      VEC s20 = FN(load)(c2), s21 = FN(load)(c2 + LANES);
      VEC s30 = FN(load)(c3), s31 = FN(load)(c3 + LANES);
      for (ptrdiff_t t = 0; t < depth; t++) {
        const VEC b0 = FN(load)(packed + t * w), b1 = FN(load)(packed + t * w + LANES);
        VEC x = FN(splat)(a0[t]);
        s00 = s00 + x * b0;
        s01 = s01 + x * b1;
        x = FN(splat)(a1[t]);
        s10 = s10 + x * b0;
        s11 = s11 + x * b1;
        x = FN(splat)(a2[t]);
        s20 = s20 + x * b0;
        s21 = s21 + x * b1;
        x = FN(splat)(a3[t]);
        s30 = s30 + x * b0;
        s31 = s31 + x * b1;
      }
      FN(store)(c0, s00), FN(store)(c0 + LANES, s01);
      FN(store)(c1, s10), FN(store)(c1 + LANES, s11);
      FN(store)(c2, s20), FN(store)(c2 + LANES, s21);
      FN(store)(c3, s30), FN(store)(c3 + LANES, s31);
    }
    for (; i < rows; i++) {
      float *c0 = c + i * cs + j;
      const float *a0 = a + i * as + k0;
      VEC s0 = FN(load)(c0), s1 = FN(load)(c0 + LANES);
      for (ptrdiff_t t = 0; t < depth; t++) {
        const VEC x = FN(splat)(a0[t]);
        s0 = s0 + x * FN(load)(packed + t * w);
        s1 = s1 + x * FN(load)(packed + t * w + LANES);
      }
      FN(store)(c0, s0), FN(store)(c0 + LANES, s1);
    }
  }
  for (ptrdiff_t i = 0; i < rows && j < columns; i++) {
    for (ptrdiff_t jj = j; jj < columns; jj++) {
      float s = c[i * cs + jj];
      for (ptrdiff_t kk = k0; kk < k1; kk++) s = s + a[i * as + kk] * b[kk * bs + jj];
      c[i * cs + jj] = s;
    }
  }
}

static TARGET void FN(fp32_accumulate_scaled)(const float *a, ptrdiff_t as, const float *b,
                                              ptrdiff_t bs, float *c, ptrdiff_t cs,
                                              ptrdiff_t rows, ptrdiff_t k0, ptrdiff_t k1,
                                              ptrdiff_t columns, float *packed) {
  const ptrdiff_t depth = k1 - k0, w = 2 * LANES;
  float *units = packed, *scales = packed + depth * w;
  ptrdiff_t j = 0;
  for (; j + w <= columns; j += w) {
    for (ptrdiff_t t = 0; t < depth; t++) {
      const float *row = b + (k0 + t) * bs + 2 * j;
      for (ptrdiff_t l = 0; l < w; l++) {
        units[t * w + l] = row[2 * l];
        scales[t * w + l] = row[2 * l + 1];
      }
    }
    for (ptrdiff_t i = 0; i < rows; i++) {
      float *c0 = c + i * cs + j;
      const float *pairs = a + i * as + 2 * k0;
      VEC s0 = FN(load)(c0), s1 = FN(load)(c0 + LANES);
      for (ptrdiff_t t = 0; t < depth; t++) {
        const VEC ua = FN(splat)(pairs[2 * t]), sa = FN(splat)(pairs[2 * t + 1]);
        s0 = s0 + (sa * FN(load)(scales + t * w)) * (ua * FN(load)(units + t * w));
        s1 = s1 + (sa * FN(load)(scales + t * w + LANES)) * (ua * FN(load)(units + t * w + LANES));
      }
      FN(store)(c0, s0), FN(store)(c0 + LANES, s1);
    }
  }
  for (ptrdiff_t i = 0; i < rows && j < columns; i++) {
    for (ptrdiff_t jj = j; jj < columns; jj++) {
      float s = c[i * cs + jj];
      for (ptrdiff_t kk = k0; kk < k1; kk++) {
        const float ua = a[i * as + 2 * kk], sa = a[i * as + 2 * kk + 1];
        const float ub = b[kk * bs + 2 * jj], sb = b[kk * bs + 2 * jj + 1];
        s = s + (sa * sb) * (ua * ub);
      }
      c[i * cs + jj] = s;
    }
  }
}

#undef VEC
#undef FN
#undef CAT
#undef CAT2
