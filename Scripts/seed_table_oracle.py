#!/usr/bin/env python3
"""The seed's QINS table generator, re-implemented in numpy, as a test oracle.

The seed (chapter 5) computes the exact harmonic sum in s-space as a float and stores
256 - s into a uint8 array, which truncates. This script does the same for ADD and, with the
same store rule, for MUL (s = a*b/256), and compares the result byte for byte with the
add.bin and mul.bin that `qinssim tables export --rounding seed` wrote to DIR.

Usage: seed_table_oracle.py DIR      exit 0 if identical, 1 with the first difference if not.
"""
import sys

import numpy as np


def seed_table(op):
    s = np.arange(1, 257, dtype=np.float64)           # s = 1..256
    a, b = np.meshgrid(s, s, indexing="ij")
    exact_s = a * b / (a + b) if op == "add" else a * b / 256.0
    stored = np.where(exact_s == 256, 0.0, 256.0 - exact_s)
    stored = np.clip(stored, 0, 255.999)               # a uint8 store of 255.x keeps 255
    codes = stored.astype(np.uint8)                    # the truncating store
    binary = (256 - s).astype(np.int64) % 256          # index by code byte b = 256 - s
    table = np.zeros((256, 256), dtype=np.uint8)
    table[np.ix_(binary, binary)] = codes
    return table


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    ok = True
    for op in ("add", "mul"):
        got = np.fromfile(f"{sys.argv[1]}/{op}.bin", dtype=np.uint8).reshape(256, 256)
        want = seed_table(op)
        diff = np.argwhere(got != want)
        if len(diff):
            i, j = diff[0]
            print(f"{op}[{i}][{j}]: qinssim {got[i, j]}, seed generator {want[i, j]}"
                  f" ({len(diff)} entries differ)")
            ok = False
        else:
            mu = 256.0 / (256 - np.arange(256))
            exact = mu[:, None] + mu[None, :] if op == "add" else mu[:, None] * mu[None, :]
            err = np.abs(mu[want] - exact)
            print(f"{op}: identical; mean |mu error| {err.mean():.12f}, max {err.max():.6g}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
