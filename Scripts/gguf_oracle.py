#!/usr/bin/env python3
"""The test oracle for the GGUF reader (Sources/TensorIO/GGUF), written with the `gguf` PyPI
package (llama.cpp's own Python reader and writer).

    gguf_oracle.py synthetic DIR
        Writes DIR/oracle.gguf with metadata of every GGUF value type (nested arrays too) and
        tensors of every type the reader supports, filled with random blocks (their half
        scales random finite values), plus one Q2_K tensor; DIR/metadata.json with what was
        written (floats as bit patterns); and DIR/<tensor>.npy with gguf's dequantization
        of each supported tensor (float32, row-major, GGML's dimensions reversed).

    gguf_oracle.py model FILE DIR NAME...
        Writes DIR/<NAME>.npy with gguf's dequantization of tensors NAME of FILE.
"""
import json
import os
import sys

import numpy as np
import gguf
from gguf import GGMLQuantizationType as T, GGUFValueType as V
from gguf.quants import dequantize


def half_offsets(t):
    """The byte offsets of the IEEE half fields in one block of type t."""
    return {T.Q4_0: [0], T.Q4_1: [0, 2], T.Q5_0: [0], T.Q5_1: [0, 2], T.Q8_0: [0],
            T.Q4_K: [0, 2], T.Q5_K: [0, 2], T.Q6_K: [208], T.Q2_K: [80, 82]}[t]


def random_blocks(rng, t, rows, cols):
    block, size = gguf.GGML_QUANT_SIZES[t]
    n = rows * cols // block
    raw = rng.integers(0, 256, size=(n, size), dtype=np.uint8)
    for o in half_offsets(t):
        h = rng.uniform(-2.0, 2.0, size=n).astype(np.float16)
        raw[:, o:o + 2] = h.view(np.uint8).reshape(n, 2)
    return raw.reshape(rows, cols // block * size)


def synthetic(out):
    rng = np.random.default_rng(20261201)
    path = os.path.join(out, "oracle.gguf")
    w = gguf.GGUFWriter(path, "llama")
    meta = {}

    def kv(key, value, vtype, shown=None):
        w.add_key_value(key, value, vtype)
        meta[key] = {"type": vtype.name, "value": value if shown is None else shown}

    f32bits = lambda x: int(np.array([x], dtype=np.float32).view(np.uint32)[0])
    f64bits = lambda x: int(np.array([x], dtype=np.float64).view(np.uint64)[0])
    kv("test.uint8", 200, V.UINT8)
    kv("test.int8", -100, V.INT8)
    kv("test.uint16", 60000, V.UINT16)
    kv("test.int16", -30000, V.INT16)
    kv("test.uint32", 4000000000, V.UINT32)
    kv("test.int32", -2000000000, V.INT32)
    kv("test.float32", 1e-5, V.FLOAT32, f32bits(1e-5))
    kv("test.bool", True, V.BOOL)
    kv("test.string", "grüße, 世界 🙂", V.STRING)
    kv("test.uint64", 2**63 + 5, V.UINT64)
    kv("test.int64", -(2**62), V.INT64)
    kv("test.float64", 3.141592653589793, V.FLOAT64, f64bits(3.141592653589793))
    kv("test.array.int32", [1, -2, 3], V.ARRAY)
    meta["test.array.int32"]["element"] = "INT32"
    kv("test.array.string", ["a", "", "ǅ"], V.ARRAY)
    meta["test.array.string"]["element"] = "STRING"
    kv("test.array.nested", [["x", "y"], ["z"]], V.ARRAY)
    meta["test.array.nested"]["element"] = "ARRAY"
    w.add_custom_alignment(64)
    meta["general.alignment"] = {"type": "UINT32", "value": 64}

    tensors = []
    x = rng.standard_normal((3, 4, 5)).astype(np.float32)
    w.add_tensor("f32", x)
    tensors.append("f32")
    w.add_tensor("f16", rng.standard_normal(48).astype(np.float16))
    tensors.append("f16")
    bf = (rng.standard_normal((2, 40)).astype(np.float32).view(np.uint32) >> 16).astype(np.uint16)
    w.add_tensor("bf16", bf.view(np.uint8).reshape(2, 80), raw_dtype=T.BF16)
    tensors.append("bf16")
    for t, rows, cols in [(T.Q4_0, 3, 64), (T.Q4_1, 2, 96), (T.Q5_0, 3, 64), (T.Q5_1, 2, 64),
                          (T.Q8_0, 4, 64), (T.Q4_K, 3, 512), (T.Q5_K, 2, 512),
                          (T.Q6_K, 3, 256), (T.Q2_K, 1, 256)]:
        name = t.name.lower()
        w.add_tensor(name, random_blocks(rng, t, rows, cols), raw_dtype=t)
        if t != T.Q2_K:
            tensors.append(name)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()

    with open(os.path.join(out, "metadata.json"), "w") as f:
        json.dump(meta, f, ensure_ascii=False)
    dump(path, out, tensors)


def dump(path, out, names):
    r = gguf.GGUFReader(path)
    by_name = {t.name: t for t in r.tensors}
    for name in names:
        t = by_name[name]
        values = dequantize(t.data, t.tensor_type).astype(np.float32)
        shape = tuple(int(d) for d in reversed(t.shape))
        np.save(os.path.join(out, name + ".npy"), values.reshape(shape))


if __name__ == "__main__":
    if sys.argv[1] == "synthetic":
        synthetic(sys.argv[2])
    elif sys.argv[1] == "model":
        dump(sys.argv[2], sys.argv[3], sys.argv[4:])
    else:
        sys.exit(__doc__)
