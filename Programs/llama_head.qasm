; llama_head.qasm: a Llama-family model's final RMS norm and output head (SmolLM2-135M at
; its defaults): logits [SEQ, VOCAB] = RMSNorm(x) * output_norm * W^T, with W [VOCAB, HIDDEN]
; bound as "head" (the token embeddings where the model ties them), in the storage format on
; the array; the logits come out of the accumulators.

.include "lib/gemm.qinc"

.const SEQ = 1                       ; rows (1: the next token of a decode step)
.const HIDDEN = 576
.const VOCAB = 49152
.const EPS = 1e-5
.const TN = 64
.const TK = 64
.const TR = 1                        ; rows per SFU tile (dividing SEQ)
.const TNH = TN                      ; the head's column tile (dividing VOCAB): wider tiles
                                     ; fill the array's columns (a decode step's GEMV takes
                                     ; its weights a row a cycle, a tile's width at a time)

.tensor X      dram [SEQ, HIDDEN]       fp32    bind "x"
.tensor NORM   dram [1, HIDDEN]         fp32    bind "output_norm"
.tensor WH     dram [VOCAB, HIDDEN]     storage bind "head"
.tensor LOGITS dram [SEQ, VOCAB]        acc     bind "logits"
.tensor H      dram [SEQ, HIDDEN]       storage
.tensor CT     acc  [2 * SEQ, TNH]      acc
.tensor AT     spad [GEMM_SLOTS * SEQ, TK]       storage
.tensor WT     spad [GEMM_SLOTS * TNH, TK]       storage
.tensor RF     spad [2 * TR, HIDDEN]    fp32        ; two row tiles, used alternately
.tensor RS     spad [2 * TR, HIDDEN]    storage
.tensor G1     spad [1, HIDDEN]         fp32

    .operator output_norm
    li x1, 1
    li x2, HIDDEN
    dma.shape x1, x2
    dma.copy G1, NORM, 0
    sfu.eps EPS
    ; h = RMSNorm(x), TR rows at a time: the next rows are fetched while these are normalised
    li x3, TR
    li x4, SEQ
    sfu.shape x3, x2
    dma.shape x3, x2
    dma.copy RF, X, 0
    li x10, 0
    li x18, 0                            ; the half these rows use
norm:
    li x19, 1
    xor x19, x18, x19
    addi x11, x10, TR
    bge x11, x4, norm_use
    muli x11, x11, HIDDEN
    muli x30, x19, TR * HIDDEN
    dma.copy RF[x30], X[x11], 0
norm_use:
    muli x30, x18, TR * HIDDEN
    muli x11, x10, HIDDEN
    sfu.rmsnorm RS[x30], RF[x30], G1
    dma.copy H[x11], RS[x30], 1
    mov x18, x19
    addi x10, x10, TR
    blt x10, x4, norm
    .operator lm_head
    GEMM_WT LOGITS, H, WH, CT, AT, WT, SEQ, VOCAB, HIDDEN, TNH, TK
    halt
