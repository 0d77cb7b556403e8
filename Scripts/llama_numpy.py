#!/usr/bin/env python3
"""A NumPy implementation of a Llama-family GGUF model, the independent oracle for
FP32Reference's LlamaReference (the tests run it; nothing here is part of the simulator).

    llama_numpy.py MODEL.gguf TOKENS.json NEW OUT_DIR [LAYERS]

Reads the weights with the `gguf` package (dequantized to float32), runs the prompt TOKENS
(a JSON list of ids) and NEW greedy tokens, recomputing the whole sequence for each (no KV
cache), and writes OUT_DIR/logits.npy [prompt + NEW - 1, vocab] (float32) and
OUT_DIR/generated.json. Written from llama.cpp's conventions, not from the Swift code: the
weights stay in the GGUF's row order and RoPE rotates adjacent pairs (2i, 2i+1), as GGML
does; attention is grouped (query head h uses KV head h // (heads / kv_heads)). LAYERS, if
given, runs only the first LAYERS layers.
"""
import json
import os
import sys

import numpy as np
import gguf
from gguf.quants import dequantize

f32 = np.float32


def load(path):
    r = gguf.GGUFReader(path)
    meta = {k: v.contents() for k, v in r.fields.items()
            if not k.startswith("tokenizer.")}
    tensors = {}
    for t in r.tensors:
        values = dequantize(t.data, t.tensor_type).astype(f32)
        tensors[t.name] = values.reshape(tuple(int(d) for d in reversed(t.shape)))
    return meta, tensors


def rms_norm(x, g, eps):
    ms = (x * x).mean(axis=-1, keepdims=True, dtype=f32)
    return (x / np.sqrt(ms + f32(eps))) * g


def rope_pairs(x, heads, head_dim, base):
    """GGML's normal RoPE: pairs (2i, 2i+1) of each head rotate by pos * base^(-2i/d)."""
    seq = x.shape[0]
    x = x.reshape(seq, heads, head_dim // 2, 2)
    i = np.arange(head_dim // 2, dtype=np.float64)
    theta = np.arange(seq, dtype=np.float64)[:, None] * base ** (-2 * i / head_dim)
    c = np.cos(theta).astype(f32)[:, None, :]
    s = np.sin(theta).astype(f32)[:, None, :]
    a, b = x[..., 0], x[..., 1]
    out = np.stack([a * c - b * s, a * s + b * c], axis=-1)
    return out.reshape(seq, heads * head_dim)


def forward(meta, w, tokens, layers):
    hidden = int(meta["llama.embedding_length"])
    heads = int(meta["llama.attention.head_count"])
    kv_heads = int(meta.get("llama.attention.head_count_kv", heads))
    head_dim = hidden // heads
    eps = float(meta["llama.attention.layer_norm_rms_epsilon"])
    base = float(meta.get("llama.rope.freq_base", 10000.0))
    group = heads // kv_heads
    x = w["token_embd.weight"][tokens].astype(f32)
    seq = len(tokens)
    mask = np.triu(np.full((seq, seq), -np.inf, dtype=f32), 1)
    for l in range(layers):
        p = f"blk.{l}."
        h = rms_norm(x, w[p + "attn_norm.weight"], eps)
        q = rope_pairs(h @ w[p + "attn_q.weight"].T, heads, head_dim, base)
        k = rope_pairs(h @ w[p + "attn_k.weight"].T, kv_heads, head_dim, base)
        v = h @ w[p + "attn_v.weight"].T
        ctx = np.zeros((seq, heads * head_dim), dtype=f32)
        for hh in range(heads):
            kv = hh // group
            qh = q[:, hh * head_dim:(hh + 1) * head_dim]
            kh = k[:, kv * head_dim:(kv + 1) * head_dim]
            vh = v[:, kv * head_dim:(kv + 1) * head_dim]
            scores = (qh @ kh.T) * f32(1 / np.sqrt(head_dim)) + mask
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            probs = scores / scores.sum(axis=-1, keepdims=True)
            ctx[:, hh * head_dim:(hh + 1) * head_dim] = probs @ vh
        x = x + ctx @ w[p + "attn_output.weight"].T
        h2 = rms_norm(x, w[p + "ffn_norm.weight"], eps)
        g = h2 @ w[p + "ffn_gate.weight"].T
        u = h2 @ w[p + "ffn_up.weight"].T
        x = x + ((g / (f32(1) + np.exp(-g))) * u) @ w[p + "ffn_down.weight"].T
    head = w.get("output.weight", w["token_embd.weight"])
    return rms_norm(x, w["output_norm.weight"], eps) @ head.T


def main(path, tokens_path, new, out, layers=None):
    meta, w = load(path)
    layers = int(layers) if layers is not None else int(meta["llama.block_count"])
    tokens = list(json.load(open(tokens_path)))
    prompt = len(tokens)
    new = int(new)
    logits = None
    for step in range(new):
        logits = forward(meta, w, tokens, layers)
        tokens.append(int(np.argmax(logits[-1])))
    if new == 0:
        logits = forward(meta, w, tokens, layers)
    np.save(os.path.join(out, "logits.npy"), logits.astype(f32))
    json.dump(tokens[prompt:], open(os.path.join(out, "generated.json"), "w"))


if __name__ == "__main__":
    if len(sys.argv) not in (5, 6):
        sys.exit(__doc__)
    main(*sys.argv[1:])
