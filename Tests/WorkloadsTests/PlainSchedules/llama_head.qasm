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

.tensor X      dram [SEQ, HIDDEN]       fp32    bind "x"
.tensor NORM   dram [1, HIDDEN]         fp32    bind "output_norm"
.tensor WH     dram [VOCAB, HIDDEN]     storage bind "head"
.tensor LOGITS dram [SEQ, VOCAB]        acc     bind "logits"
.tensor H      dram [SEQ, HIDDEN]       storage
.tensor CT     acc  [SEQ, TN]           acc
.tensor AT     spad [SEQ, TK]           storage
.tensor WT     spad [TN, TK]            storage
.tensor RF     spad [TR, HIDDEN]        fp32
.tensor RS     spad [TR, HIDDEN]        storage
.tensor G1     spad [1, HIDDEN]         fp32

    li x1, 1
    li x2, HIDDEN
    dma.shape x1, x2
    dma.copy G1, NORM, 0
    dma.wait 0
    sfu.eps EPS
    li x3, TR
    li x4, SEQ
    sfu.shape x3, x2
    li x10, 0
norm:
    mul x11, x10, x2
    dma.shape x3, x2
    dma.copy RF, X[x11], 0
    dma.wait 0
    sfu.rmsnorm RS, RF, G1
    dma.copy H[x11], RS, 1
    dma.wait 1
    addi x10, x10, TR
    blt x10, x4, norm
    GEMM_WT LOGITS, H, WH, CT, AT, WT, SEQ, VOCAB, HIDDEN, TN, TK
    halt
