; encoder_block.qasm: one BERT/MiniLM encoder layer (all-MiniLM-L6-v2 at its defaults).
;
;   q, k, v = x Wq^T + bq, x Wk^T + bk, x Wv^T + bv          (array; SFU bias)
;   ctx_h   = softmax(q_h k_h^T / sqrt(d)) v_h                (array per head; SFU)
;   x1      = LayerNorm(x + ctx Wo^T + bo)                    (array; SFU, FP32)
;   y       = LayerNorm(x1 + GELU(x1 Wi^T + bi) Wout^T + bout)
;
; Weights are bound in PyTorch layout ([out, in]) under Hugging Face BERT's names (query, key,
; value, attention_output, intermediate, output, with _bias, and the two LayerNorms' gamma and
; beta). Matrix products run on the array in the storage format and accumulate in the
; accumulator format; biases, softmax, GELU (exact erf), residual adds and layer norms run in
; the FP32 SFU; the residual stream and the output are FP32.
;
; The schedule keeps the DMA engine, the array and the SFU busy together, as in
; lib/llama_layer.qinc: the GEMMs overlap (lib/gemm.qinc), the intermediate GEMM applies its
; bias and GELU column tile by column tile behind the array (GEMM_GELU_WT), and every row
; loop and the attention heads use buffers of two tiles (halves), fetching the next tile
; while the current one is worked on and writing results back without waiting (a write-back
; that waits for a long computation goes one iteration later, behind the next fetches). The
; values are those of the plain loops.

.include "lib/gemm.qinc"

.const SEQ = 128
.const HIDDEN = 384
.const HEADS = 12
.const HEAD_DIM = 32
.const INTER = 1536
.const EPS = 1e-12
.const TN = 128
.const TK = 128
.const TR = 16

.tensor X      dram [SEQ, HIDDEN]     fp32    bind "x"
.tensor Y      dram [SEQ, HIDDEN]     fp32    bind "y"
.tensor WQ     dram [HIDDEN, HIDDEN]  storage bind "query"
.tensor WK     dram [HIDDEN, HIDDEN]  storage bind "key"
.tensor WV     dram [HIDDEN, HIDDEN]  storage bind "value"
.tensor WO     dram [HIDDEN, HIDDEN]  storage bind "attention_output"
.tensor WI     dram [INTER, HIDDEN]   storage bind "intermediate"
.tensor WOUT   dram [HIDDEN, INTER]   storage bind "output"
.tensor BQ     dram [1, HIDDEN]       fp32    bind "query_bias"
.tensor BK     dram [1, HIDDEN]       fp32    bind "key_bias"
.tensor BV     dram [1, HIDDEN]       fp32    bind "value_bias"
.tensor BO     dram [1, HIDDEN]       fp32    bind "attention_output_bias"
.tensor BI     dram [1, INTER]        fp32    bind "intermediate_bias"
.tensor BOUT   dram [1, HIDDEN]       fp32    bind "output_bias"
.tensor LN1G   dram [1, HIDDEN]       fp32    bind "attention_norm_gamma"
.tensor LN1B   dram [1, HIDDEN]       fp32    bind "attention_norm_beta"
.tensor LN2G   dram [1, HIDDEN]       fp32    bind "output_norm_gamma"
.tensor LN2B   dram [1, HIDDEN]       fp32    bind "output_norm_beta"

; Intermediate tensors in DRAM.
.tensor XS     dram [SEQ, HIDDEN]     storage
.tensor Q      dram [SEQ, HIDDEN]     acc
.tensor K      dram [SEQ, HIDDEN]     acc
.tensor V      dram [SEQ, HIDDEN]     acc
.tensor CTX    dram [SEQ, HIDDEN]     storage
.tensor O      dram [SEQ, HIDDEN]     acc
.tensor X1     dram [SEQ, HIDDEN]     fp32
.tensor X1S    dram [SEQ, HIDDEN]     storage
.tensor F      dram [SEQ, INTER]      fp32        ; GELU(x1 Wi^T + bi)
.tensor ACT    dram [SEQ, INTER]      storage
.tensor D      dram [SEQ, HIDDEN]     acc

; On-chip buffers. [2 * ...] buffers hold two tiles, used alternately.
.tensor CT     acc  [2 * SEQ, TN]     acc
.tensor AT     spad [GEMM_SLOTS * SEQ, TK]     storage
.tensor WT     spad [GEMM_SLOTS * TN, TK]      storage
.tensor RF     spad [2 * TR, HIDDEN]  fp32
.tensor RG     spad [2 * TR, HIDDEN]  fp32
.tensor RS     spad [2 * TR, HIDDEN]  storage
.tensor RA     spad [2 * TR, HIDDEN]  acc
.tensor SBQ    spad [1, HIDDEN]       fp32
.tensor SBK    spad [1, HIDDEN]       fp32
.tensor SBV    spad [1, HIDDEN]       fp32
.tensor SBO    spad [1, HIDDEN]       fp32
.tensor SBI    spad [1, INTER]        fp32
.tensor SBOUT  spad [1, HIDDEN]       fp32
.tensor G1     spad [1, HIDDEN]       fp32
.tensor B1     spad [1, HIDDEN]       fp32
.tensor G2     spad [1, HIDDEN]       fp32
.tensor B2     spad [1, HIDDEN]       fp32
.tensor QA     spad [2 * SEQ, HEAD_DIM] acc    ; a head's q, k and v, accumulator format
.tensor KA     spad [2 * SEQ, HEAD_DIM] acc
.tensor VA     spad [2 * SEQ, HEAD_DIM] acc
.tensor QS     spad [2 * SEQ, HEAD_DIM] storage ; q with its bias; then the head's context
.tensor KS     spad [2 * SEQ, HEAD_DIM] storage
.tensor VS     spad [2 * SEQ, HEAD_DIM] storage
.tensor SC     acc  [2 * SEQ, SEQ]    acc
.tensor SF     spad [2 * SEQ, SEQ]    fp32
.tensor PS     spad [2 * SEQ, SEQ]    storage
.tensor CH     acc  [2 * SEQ, HEAD_DIM] acc
.tensor FT     spad [2 * SEQ, TN]     fp32     ; column tiles of F
.tensor IF     spad [2 * TR, INTER]   fp32
.tensor IS     spad [2 * TR, INTER]   storage

    .operator parameters
    ; ---- biases and norm parameters to the scratchpad
    li x1, 1
    li x2, HIDDEN
    li x8, INTER
    dma.shape x1, x2
    dma.copy SBQ, BQ, 0
    dma.copy SBK, BK, 0
    dma.copy SBV, BV, 0
    dma.copy SBO, BO, 0
    dma.copy SBOUT, BOUT, 0
    dma.copy G1, LN1G, 0
    dma.copy B1, LN1B, 0
    dma.copy G2, LN2G, 0
    dma.copy B2, LN2B, 0
    dma.shape x1, x8
    dma.copy SBI, BI, 0
    sfu.eps EPS

    .operator x_to_storage
    ; ---- x in the storage format, TR rows at a time
    li x3, TR
    li x4, SEQ
    v.shape x3, x2
    dma.shape x3, x2
    dma.copy RF, X, 0
    li x10, 0
    li x18, 0                       ; the half these rows use
tostorage:
    li x19, 1
    xor x19, x18, x19               ; the other half
    addi x11, x10, TR
    bge x11, x4, tostorage_use
    muli x11, x11, HIDDEN
    muli x30, x19, TR * HIDDEN
    dma.copy RF[x30], X[x11], 0     ; the next rows
tostorage_use:
    muli x30, x18, TR * HIDDEN
    muli x11, x10, HIDDEN
    v.cvt RS[x30], RF[x30], keep
    dma.copy XS[x11], RS[x30], 1
    mov x18, x19
    addi x10, x10, TR
    blt x10, x4, tostorage

    ; ---- q, k, v
    .operator q_proj
    GEMM_WT Q, XS, WQ, CT, AT, WT, SEQ, HIDDEN, HIDDEN, TN, TK
    .operator k_proj
    GEMM_WT K, XS, WK, CT, AT, WT, SEQ, HIDDEN, HIDDEN, TN, TK
    .operator v_proj
    GEMM_WT V, XS, WV, CT, AT, WT, SEQ, HIDDEN, HIDDEN, TN, TK

    ; ---- attention, head by head: the next head's q, k and v are fetched into the other
    ; halves while this head works; its context goes back one head later (x31 = 1 while one
    ; waits, from column x30 and the half other than x17)
    .operator attention
    li x5, HEAD_DIM
    li x6, HEADS
    li x12, 0
    li x17, 0                       ; the half this head uses
    li x31, 0
    dma.shape x4, x5
    dma.copy QA, Q, 0
    dma.copy KA, K, 1
    dma.copy VA, V, 2
heads:
    muli x13, x12, HEAD_DIM
    li x18, 1
    xor x18, x17, x18               ; the other half
    addi x11, x12, 1
    bge x11, x6, head_use
    muli x11, x11, HEAD_DIM
    muli x10, x18, SEQ * HEAD_DIM
    dma.shape x4, x5
    dma.copy QA[x10], Q[x11], 0
    dma.copy KA[x10], K[x11], 1
    dma.copy VA[x10], V[x11], 2
head_use:
    muli x10, x17, SEQ * HEAD_DIM
    sfu.shape x4, x5
    v.shape x4, x5
    sfu.bias QS[x10], QA[x10], SBQ[x13]
    sfu.bias KS[x10], KA[x10], SBK[x13]
    sfu.bias VS[x10], VA[x10], SBV[x13]
    ; the previous head's context goes back now, behind this head's fetches
    beq x31, zero, head_scores
    muli x11, x18, SEQ * HEAD_DIM
    dma.shape x4, x5
    dma.copy CTX[x30], QS[x11], 3
    li x31, 0
head_scores:
    sa.shape x4, x5, x4
    sa.load.t KS[x10]
    muli x11, x17, SEQ * SEQ
    sa.matmul SC[x11], QS[x10], set
    sfu.shape x4, x4
    sfu.scalar 1.0 / sqrt(HEAD_DIM)
    sfu.muls SF[x11], SC[x11]
    sfu.softmax PS[x11], SF[x11]
    sa.shape x4, x4, x5
    sa.load VS[x10]
    sa.matmul CH[x10], PS[x11], set
    v.cvt QS[x10], CH[x10], keep
    li x31, 1
    mov x30, x13
    mov x17, x18
    addi x12, x12, 1
    blt x12, x6, heads
    ; the last head's context
    li x18, 1
    xor x18, x17, x18
    muli x11, x18, SEQ * HEAD_DIM
    dma.shape x4, x5
    dma.copy CTX[x30], QS[x11], 3

    ; ---- x1 = LayerNorm(x + ctx Wo^T + bo), kept in FP32 and in the storage format
    .operator o_proj
    GEMM_WT O, CTX, WO, CT, AT, WT, SEQ, HIDDEN, HIDDEN, TN, TK
    .operator attn_residual_norm
    sfu.shape x3, x2
    v.shape x3, x2
    dma.shape x3, x2
    dma.copy RF, X, 0
    dma.copy RA, O, 1
    li x10, 0
    li x18, 0
norm1:
    li x19, 1
    xor x19, x18, x19
    addi x11, x10, TR
    bge x11, x4, norm1_use
    muli x11, x11, HIDDEN
    muli x30, x19, TR * HIDDEN
    dma.copy RF[x30], X[x11], 0
    dma.copy RA[x30], O[x11], 1
norm1_use:
    muli x30, x18, TR * HIDDEN
    muli x11, x10, HIDDEN
    sfu.bias RG[x30], RA[x30], SBO
    sfu.add RG[x30], RG[x30], RF[x30]
    sfu.layernorm RF[x30], RG[x30], G1, B1
    dma.copy X1[x11], RF[x30], 2
    v.cvt RS[x30], RF[x30], keep
    dma.copy X1S[x11], RS[x30], 3
    mov x18, x19
    addi x10, x10, TR
    blt x10, x4, norm1

    ; ---- act = GELU(x1 Wi^T + bi): bias and GELU column tile by column tile behind the
    ; array, then the storage format row tile by row tile, since the scales follow rows
    .operator intermediate_gelu
    GEMM_GELU_WT F, X1S, WI, SBI, CT, AT, WT, FT, SEQ, INTER, HIDDEN, TN, TK
    .operator act_to_storage
    li x8, INTER
    v.shape x3, x8
    dma.shape x3, x8
    dma.copy IF, F, 0
    li x10, 0
    li x18, 0
mlp:
    li x19, 1
    xor x19, x18, x19
    addi x11, x10, TR
    bge x11, x4, mlp_use
    muli x11, x11, INTER
    muli x30, x19, TR * INTER
    dma.copy IF[x30], F[x11], 0
mlp_use:
    muli x30, x18, TR * INTER
    muli x11, x10, INTER
    v.cvt IS[x30], IF[x30], keep
    dma.copy ACT[x11], IS[x30], 1
    mov x18, x19
    addi x10, x10, TR
    blt x10, x4, mlp

    ; ---- y = LayerNorm(x1 + act Wout^T + bout)
    .operator output_proj
    GEMM_WT D, ACT, WOUT, CT, AT, WT, SEQ, HIDDEN, INTER, TN, TK
    .operator ffn_residual_norm
    li x2, HIDDEN
    sfu.shape x3, x2
    dma.shape x3, x2
    dma.copy RF, X1, 0
    dma.copy RA, D, 1
    li x10, 0
    li x18, 0
norm2:
    li x19, 1
    xor x19, x18, x19
    addi x11, x10, TR
    bge x11, x4, norm2_use
    muli x11, x11, HIDDEN
    muli x30, x19, TR * HIDDEN
    dma.copy RF[x30], X1[x11], 0
    dma.copy RA[x30], D[x11], 1
norm2_use:
    muli x30, x18, TR * HIDDEN
    muli x11, x10, HIDDEN
    sfu.bias RG[x30], RA[x30], SBOUT
    sfu.add RG[x30], RG[x30], RF[x30]
    sfu.layernorm RF[x30], RG[x30], G2, B2
    dma.copy Y[x11], RF[x30], 2
    mov x18, x19
    addi x10, x10, TR
    blt x10, x4, norm2
    halt
