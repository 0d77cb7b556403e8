; llama_decode.qasm: one new token through one Llama-family decoder layer (SmolLM2-135M at
; its defaults) at position POS, against the layer's KV cache: its key and value are written
; to cache row POS, and it attends to cache rows 0 ... POS. See lib/llama_layer.qinc.

.const SEQ = 1
.const POS = 32
.const CTX = 64                     ; the cache's positions (prompt + tokens to generate)
.const HIDDEN = 576
.const HEADS = 9
.const KV_HEADS = 3
.const HEAD_DIM = 64
.const INTER = 1536
.const EPS = 1e-5
.const ROPE_BASE = 100000.0
.const TN = 64
.const TK = 64
.const TR = 1

.include "lib/llama_layer.qinc"
