#!/usr/bin/env python3
"""NumPy implementations of the two transformer layers, as an independent oracle for
FP32Reference (the tests run them; nothing here is part of the simulator).

Usage:
  transformer_numpy.py minilm MODEL.safetensors LAYER INPUT.npy OUTPUT.npy
      Layer LAYER of a BERT/MiniLM safetensors file (read with numpy alone) on INPUT
      [seq, 384], float32 throughout.
  transformer_numpy.py phi DIR HEADS HEAD_DIM INPUT.npy OUTPUT.npy
      A Phi-3 decoder layer whose weights are .npy files in DIR (input_norm, qkv, output,
      post_norm, gate_up, down; PyTorch [out, in] layout), RMS eps 1e-5, RoPE base 10000.
"""
import json
import math
import struct
import sys

import numpy as np


def safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] != "F32":
            continue
        a, b = info["data_offsets"]
        out[name] = np.frombuffer(data[a:b], dtype="<f4").reshape(info["shape"])
    return out


def erf(x):
    return np.vectorize(math.erf, otypes=[np.float64])(x).astype(np.float32)


def layer_norm(x, g, b, eps):
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return ((x - mean) / np.sqrt(var + np.float32(eps)) * g + b).astype(np.float32)


def softmax(s, causal=False):
    if causal:
        s = s + np.triu(np.full(s.shape[-2:], -np.inf, dtype=np.float32), 1)
    e = np.exp(s - s.max(axis=-1, keepdims=True))
    return (e / e.sum(axis=-1, keepdims=True)).astype(np.float32)


def attention(q, k, v, heads, hd, causal):
    seq = q.shape[0]
    q = q.reshape(seq, heads, hd).transpose(1, 0, 2)
    k = k.reshape(seq, heads, hd).transpose(1, 0, 2)
    v = v.reshape(seq, heads, hd).transpose(1, 0, 2)
    p = softmax((q @ k.transpose(0, 2, 1)) * np.float32(1 / math.sqrt(hd)), causal)
    return (p @ v).transpose(1, 0, 2).reshape(seq, heads * hd).astype(np.float32)


def minilm(path, layer, x):
    w = safetensors(path)
    p = f"encoder.layer.{layer}."
    lin = lambda x, n: (x @ w[p + n + ".weight"].T + w[p + n + ".bias"]).astype(np.float32)
    ctx = attention(lin(x, "attention.self.query"), lin(x, "attention.self.key"),
                    lin(x, "attention.self.value"), 12, 32, False)
    x1 = layer_norm(lin(ctx, "attention.output.dense") + x, w[p + "attention.output.LayerNorm.weight"],
                    w[p + "attention.output.LayerNorm.bias"], 1e-12)
    h = lin(x1, "intermediate.dense")
    h = (np.float32(0.5) * h * (1 + erf(h / np.float32(math.sqrt(2))))).astype(np.float32)
    return layer_norm(lin(h, "output.dense") + x1, w[p + "output.LayerNorm.weight"],
                      w[p + "output.LayerNorm.bias"], 1e-12)


def rope(x, heads, hd, base=10000.0):
    seq = x.shape[0]
    x = x.reshape(seq, heads, hd)
    half = hd // 2
    pos = np.arange(seq, dtype=np.float32)[:, None]
    inv = np.power(np.float32(base), -2 * np.arange(half, dtype=np.float32) / np.float32(hd))
    theta = (pos * inv).astype(np.float32)
    c, s = np.cos(theta)[:, None, :], np.sin(theta)[:, None, :]
    a, b = x[..., :half], x[..., half:]
    return np.concatenate([a * c - b * s, b * c + a * s], axis=-1).reshape(seq, heads * hd).astype(np.float32)


def rms(x, g, eps=1e-5):
    return (x / np.sqrt((x * x).mean(axis=-1, keepdims=True) + np.float32(eps)) * g).astype(np.float32)


def phi(d, heads, hd, x):
    w = {n: np.load(f"{d}/{n}.npy") for n in ("input_norm", "qkv", "output", "post_norm", "gate_up", "down")}
    width = heads * hd
    qkv = rms(x, w["input_norm"]) @ w["qkv"].T
    ctx = attention(rope(qkv[:, :width], heads, hd), rope(qkv[:, width:2 * width], heads, hd),
                    qkv[:, 2 * width:], heads, hd, True)
    x1 = (x + ctx @ w["output"].T).astype(np.float32)
    gu = rms(x1, w["post_norm"]) @ w["gate_up"].T
    inter = w["down"].shape[1]
    gate, up = gu[:, :inter], gu[:, inter:]
    act = (gate / (1 + np.exp(-gate)) * up).astype(np.float32)
    return (x1 + act @ w["down"].T).astype(np.float32)


def main():
    kind = sys.argv[1]
    if kind == "minilm":
        y = minilm(sys.argv[2], int(sys.argv[3]), np.load(sys.argv[4]))
        np.save(sys.argv[5], y)
    elif kind == "phi":
        y = phi(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), np.load(sys.argv[5]))
        np.save(sys.argv[6], y)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
