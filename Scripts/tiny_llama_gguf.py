#!/usr/bin/env python3
"""Writes a tiny Llama-family GGUF model for the tests of `qinssim generate` and `perplexity`,
with the `gguf` package (llama.cpp's writer):

    tiny_llama_gguf.py OUT.gguf

Architecture llama: hidden 64, 2 layers, 4 query heads sharing 2 KV heads of 16, SwiGLU MLP
of 96, RMS eps 1e-5, RoPE base 10000, tied output head. Vocabulary: the 256 byte-level
symbols, 59 merges of common English pairs and words, and the control token
<|endoftext|> (type 3): 320 tokens (a multiple of 32, as the machine's GEMM tiles need).
Weights are random (fixed seed), normal with sigma 0.02 (embeddings sigma 1), stored as F32,
F16 and Q8_0 (quantized with gguf's own quantizer) so that the reader's paths are exercised.
"""
import sys

import numpy as np
import gguf
from gguf import GGMLQuantizationType as T
from gguf.quants import quantize


def byte_alphabet():
    printable = list(range(0x21, 0x7F)) + list(range(0xA1, 0xAD)) + list(range(0xAE, 0x100))
    table, n = {}, 0
    for b in range(256):
        if b in printable:
            table[b] = chr(b)
        else:
            table[b] = chr(256 + n)
            n += 1
    return [table[b] for b in range(256)]


def main(out):
    rng = np.random.default_rng(64)
    hidden, layers, heads, kv_heads, head_dim, inter = 64, 2, 4, 2, 16, 96
    merges = ["Ġ t", "h e", "Ġ a", "i n", "r e", "o n", "Ġt he", "e r", "Ġ s", "a t",
              "e n", "Ġ w", "o r", "Ġ o", "e s", "Ġ c", "a n", "i s", "l l", "Ġ b",
              "Ġ f", "i t", "Ġ m", "Ġ p", "Ġ h", "o u", "in g", "e d", "Ġ d", "Ġ l",
              "Ġo f", "Ġa n", "Ġan d", "Ġ in", "Ġt o", "Ġ is", "a r", "a l", "o r", "Ġ n",
              "Ġ g", "Ġ e", "i c", "l e", "h t", "Ġ re", "i g", "l o", "Ġw h", "Ġ he",
              "Ġ y", "Ġt h", "v e", "o m", "u r", "Ġ be", "Ġ on", "r o", "Ġ u"]
    tokens = byte_alphabet()
    for m in merges:
        joined = m.replace(" ", "")
        if joined not in tokens:
            tokens.append(joined)
    tokens.append("<|endoftext|>")
    while len(tokens) % 32:
        tokens.append(f"<|unused{len(tokens)}|>")
    types = [1] * len(tokens)
    types[tokens.index("<|endoftext|>")] = 3
    for i, t in enumerate(tokens):
        if t.startswith("<|unused"):
            types[i] = 5
    vocab = len(tokens)

    w = gguf.GGUFWriter(out, "llama")
    w.add_block_count(layers)
    w.add_context_length(256)
    w.add_embedding_length(hidden)
    w.add_feed_forward_length(inter)
    w.add_head_count(heads)
    w.add_head_count_kv(kv_heads)
    w.add_layer_norm_rms_eps(1e-5)
    w.add_rope_freq_base(10000.0)
    w.add_rope_dimension_count(head_dim)
    w.add_vocab_size(vocab)
    w.add_tokenizer_model("gpt2")
    w.add_tokenizer_pre("smollm")
    w.add_token_list(tokens)
    w.add_token_types(types)
    w.add_token_merges(merges)
    w.add_eos_token_id(tokens.index("<|endoftext|>"))
    w.add_bos_token_id(tokens.index("<|endoftext|>"))
    w.add_add_bos_token(False)

    def normal(shape, sigma=0.02):
        return (rng.standard_normal(shape) * sigma).astype(np.float32)

    def q8(name, a):
        w.add_tensor(name, quantize(a, T.Q8_0), raw_dtype=T.Q8_0)

    q8("token_embd.weight", normal((vocab, hidden), 1.0))
    w.add_tensor("output_norm.weight", (1 + normal(hidden)).astype(np.float32))
    for l in range(layers):
        p = f"blk.{l}."
        w.add_tensor(p + "attn_norm.weight", (1 + normal(hidden)).astype(np.float32))
        w.add_tensor(p + "ffn_norm.weight", (1 + normal(hidden)).astype(np.float32))
        q8(p + "attn_q.weight", normal((heads * head_dim, hidden)))
        q8(p + "attn_k.weight", normal((kv_heads * head_dim, hidden)))
        w.add_tensor(p + "attn_v.weight", normal((kv_heads * head_dim, hidden)).astype(np.float16))
        w.add_tensor(p + "attn_output.weight", normal((hidden, heads * head_dim)))
        q8(p + "ffn_gate.weight", normal((inter, hidden)))
        q8(p + "ffn_up.weight", normal((inter, hidden)))
        w.add_tensor(p + "ffn_down.weight", normal((hidden, inter)).astype(np.float16))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
