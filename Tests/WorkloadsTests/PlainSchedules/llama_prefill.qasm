; llama_prefill.qasm: the prompt through one Llama-family decoder layer (SmolLM2-135M at its
; defaults): SEQ tokens at positions 0 ... SEQ-1, their keys and values written to the
; layer's KV cache, causal grouped-query attention among them. See lib/llama_layer.qinc.

.const SEQ = 32
.const POS = 0
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
.const TR = 16

.include "lib/llama_layer.qinc"
