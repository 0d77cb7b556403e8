#!/usr/bin/env python3
"""The test oracle for the byte-level BPE tokenizer (Sources/Tokenization): Hugging Face's
`tokenizers` built from a GGUF file's vocabulary and merges (read with the `gguf` package).

    bpe_oracle.py MODEL.gguf TEXTS.json OUT.json

TEXTS.json is a list of strings; OUT.json gets, for each, {"ids": [...], "text": decoded}.
The pre-tokenizer follows the file's tokenizer.ggml.pre as llama.cpp maps it: "smollm" (and
starcoder, refact, codeshell, command-r) cut every numeric character into a piece of its own
before GPT-2's pattern; "gpt2"/"default" apply GPT-2's pattern alone. Control and
user-defined tokens (types 3 and 4) are special tokens matched in the raw text.
"""
import json
import sys

import gguf
from tokenizers import Tokenizer, AddedToken, decoders, models, pre_tokenizers


def main(path, texts_path, out_path):
    r = gguf.GGUFReader(path)
    f = r.fields
    tokens = f["tokenizer.ggml.tokens"].contents()
    merges = f["tokenizer.ggml.merges"].contents()
    types = f["tokenizer.ggml.token_type"].contents()
    pre = f["tokenizer.ggml.pre"].contents() if "tokenizer.ggml.pre" in f else "default"
    vocab = {}
    for i, t in enumerate(tokens):
        vocab.setdefault(t, i)
    bpe = models.BPE(vocab=vocab, merges=[tuple(m.split(" ")) for m in merges])
    tok = Tokenizer(bpe)
    byte_level = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
    if pre in ("smollm", "starcoder", "refact", "codeshell", "command-r"):
        tok.pre_tokenizer = pre_tokenizers.Sequence(
            [pre_tokenizers.Digits(individual_digits=True), byte_level])
    elif pre in ("gpt2", "default"):
        tok.pre_tokenizer = byte_level
    else:
        sys.exit(f"pre-tokenizer {pre} is not modelled")
    tok.decoder = decoders.ByteLevel()
    tok.add_special_tokens([AddedToken(tokens[i], special=True, normalized=False)
                            for i, t in enumerate(types) if t in (3, 4)])
    texts = json.load(open(texts_path, encoding="utf-8"))
    out = []
    for t in texts:
        ids = tok.encode(t, add_special_tokens=False).ids
        out.append({"ids": ids, "text": tok.decode(ids, skip_special_tokens=False)})
    json.dump(out, open(out_path, "w", encoding="utf-8"), ensure_ascii=False)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
