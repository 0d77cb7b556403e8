#!/usr/bin/env python3
"""An independent NumPy implementation of the machines' quantisation schemes, the test oracle
for `qinssim run` on the int8, fp8-e4m3, fp8-e5m2, bf16 and qins-default presets.

    quant_oracle.py gemm MACHINE A.npy W.npy OUT.npy

MACHINE is a preset name or qins-exact (qins-default with `array.product: exact`). It
computes C = A W^T as the machine does for one weight-stationary fold (K <= the array's rows):
A [M, K] and W [N, K] are bound tensors, quantised by the weight rule (one scale per row, FP32
scales, least-squared-error calibration); each output sums its unit products in FP32 in K
order (INT8: exactly, in integers) and is multiplied once by (scale_a * scale_b). Written from
Docs/machine.md's description, not from the Swift sources' structure.
"""
import sys
import numpy as np

f32 = np.float32

# ---- unit grids -------------------------------------------------------------------------

def qins8_unit(y):
    """Nearest QINS8 magnitude (256 / s, s = 1..256, or 0) to float32 y; ties to the even code
    (code = 256 - s). Returns (value, saturated)."""
    a = abs(float(y))
    sign = -1.0 if y < 0 else 1.0
    if a == 0:
        return 0.0, False
    if a > 256:
        return sign * 256.0, True
    if a < 1:
        return (sign * 1.0, False) if a > 0.5 else (0.0, False)
    s_lo = int(256 / a)
    while a * s_lo > 256:
        s_lo -= 1
    while s_lo < 256 and a * (s_lo + 1) <= 256:
        s_lo += 1
    if a * s_lo == 256:
        s = s_lo
    else:
        # |256/s_lo - a| vs |a - 256/(s_lo+1)|, cleared of denominators (exact in float64).
        lhs = a * s_lo * (s_lo + 1)
        rhs = 128.0 * (2 * s_lo + 1)
        if lhs > rhs:
            s = s_lo
        elif lhs < rhs:
            s = s_lo + 1
        else:
            s = s_lo if (256 - s_lo) % 2 == 0 else s_lo + 1
    return sign * float(f32(256.0 / s)), False


def float_grid(y, frac_bits, min_exp, largest):
    a = abs(float(y))
    if a == 0:
        return 0.0, False
    # floor(log2 a) from the float's own exponent, as frexp gives it exactly.
    _, ex = np.frexp(f32(a))
    e = max(int(ex) - 1, min_exp)
    q = 2.0 ** (e - frac_bits)
    r = float(np.round(f32(a) / f32(q))) * q  # np.round: ties to even
    sat = False
    if r > largest:
        r, sat = largest, True
    return (0.0 if r == 0 else (-r if y < 0 else r)), sat


def int8_unit(y):
    r = float(np.round(f32(y)))
    if r > 127:
        return 127.0, True
    if r < -127:
        return -127.0, True
    return (0.0 if r == 0 else r), False


FORMATS = {
    "int8": (int8_unit, 127.0, "clip"),
    "fp8_e4m3": (lambda y: float_grid(y, 3, -6, 448.0), 448.0, "clip"),
    "fp8_e5m2": (lambda y: float_grid(y, 2, -14, 57344.0), 57344.0, "clip"),
    "qins8": (qins8_unit, 256.0, "grow"),
}

# ---- scales -------------------------------------------------------------------------------

QUARTER = [f32(1), f32(1.1892071), f32(1.4142135), f32(1.6817928)]


def quarter_octave(t):
    return f32(np.ldexp(QUARTER[t & 3], t >> 2))


def choose_scale(values, fmt):
    unit, largest, direction = FORMATS[fmt]
    values = values.astype(f32)
    amax = f32(np.max(np.abs(values))) if values.size else f32(0)
    if amax == 0:
        return f32(1)
    base = f32(amax / f32(largest))
    if not (np.isfinite(base) and base >= np.finfo(f32).tiny):
        base = f32(1)
    step = max(1, values.size // 1024)
    sample = values[::step]

    def error(s):
        e = 0.0
        for v in sample:
            q, _ = unit(f32(v / s))
            d = float(f32(f32(q) * s)) - float(v)
            e += d * d
        return e

    def candidate(t):
        """The scale 2^(t/4) from the max scale and its error; None where it is not normal."""
        s = f32(base * quarter_octave(t))
        if not (np.isfinite(s) and s >= np.finfo(f32).tiny):
            return None
        return s, error(s)

    lo, hi = (0, 32) if direction == "grow" else (-8, 0)
    best, best_t, best_e, since = base, 0, float("inf"), 0
    # Whole octaves until 3 in a row do not improve, then the quarter-octaves around the best
    # (FP32 scales: the presets' type).
    for t in (range(0, hi + 1, 4) if lo == 0 else range(0, lo - 1, -4)):
        c = None if since >= 3 else candidate(t)
        if c is None:
            continue
        if c[1] < best_e:
            (best, best_e), best_t, since = c, t, 0
        else:
            since += 1
    for t in range(best_t - 3, best_t + 4):
        c = None if t % 4 == 0 or t < lo or t > hi else candidate(t)
        if c is not None and c[1] < best_e:
            best, best_e = c
    return best


def quantize_rows(x, fmt):
    """Unit values and per-row scales (bf16: scale 1)."""
    units = np.zeros(x.shape, dtype=np.float64)
    scales = np.ones(x.shape[0], dtype=f32)
    for r in range(x.shape[0]):
        if fmt == "bf16":
            b = x[r].astype(f32).view(np.uint32).astype(np.uint64)
            rounded = ((b + 0x7FFF + ((b >> 16) & 1)) & 0xFFFF0000).astype(np.uint32)
            units[r] = rounded.view(f32)
            continue
        s = choose_scale(x[r], fmt)
        scales[r] = s
        unit = FORMATS[fmt][0]
        for c in range(x.shape[1]):
            units[r, c] = unit(f32(f32(x[r, c]) / s))[0]
    return units, scales


def edge_decode(s, bits):
    """256 / s rounded to `bits` fraction bits, ties to even; 0 for a zero operand."""
    if s == 0:
        return 0.0
    x = 256.0 / s
    _, ex = np.frexp(x)
    q = 2.0 ** (int(ex) - 1 - bits)
    return float(np.round(x / q)) * q


def gemm(fmt, a, w, product="exact"):
    ua, sa = quantize_rows(a, fmt)
    uw, sw = quantize_rows(w, fmt)
    m, k = a.shape
    n = w.shape[0]
    if fmt == "int8":
        u = (ua.astype(np.int64) @ uw.astype(np.int64).T).astype(f32)
    else:
        u = np.zeros((m, n), dtype=f32)
        for kk in range(k):
            if fmt == "qins8":
                with np.errstate(divide="ignore"):
                    sa_s = np.where(ua[:, kk] == 0, 0, np.rint(256.0 / np.abs(ua[:, kk])))
                    sw_s = np.where(uw[:, kk] == 0, 0, np.rint(256.0 / np.abs(uw[:, kk])))
                if product == "exact":
                    # 65536 / (s_a s_b) rounded once to float32.
                    den = (sa_s[:, None] * sw_s[None, :]).astype(f32)
                    mag = np.where(den == 0, f32(0), f32(65536) / np.where(den == 0, f32(1), den))
                else:
                    # Each operand's 256 / s rounded to `bits` fraction bits, then multiplied
                    # (exact in float32).
                    da = np.array([edge_decode(s, product) for s in sa_s], dtype=f32)
                    dw = np.array([edge_decode(s, product) for s in sw_s], dtype=f32)
                    mag = (da[:, None] * dw[None, :]).astype(f32)
                sign = (np.sign(ua[:, kk])[:, None] * np.sign(uw[:, kk])[None, :]).astype(f32)
                p = (sign * mag).astype(f32)
            else:
                p = (ua[:, kk:kk + 1].astype(f32) * uw[:, kk].astype(f32)[None, :]).astype(f32)
            u = (u + p).astype(f32)
    scale = (sa[:, None] * sw[None, :]).astype(f32)
    return (u * scale).astype(f32)


# Machine name -> (format, QINS8 product path: "exact" or the decoded fraction bits).
MACHINES = {"int8": ("int8", None), "fp8-e4m3": ("fp8_e4m3", None),
            "fp8-e5m2": ("fp8_e5m2", None), "bf16": ("bf16", None),
            "qins-default": ("qins8", 7), "qins-exact": ("qins8", "exact")}

if __name__ == "__main__":
    if len(sys.argv) != 6 or sys.argv[1] != "gemm":
        sys.exit(__doc__)
    fmt, product = MACHINES[sys.argv[2]]
    a = np.load(sys.argv[3])
    w = np.load(sys.argv[4])
    np.save(sys.argv[5], gemm(fmt, a, w, product))
