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
.tensor I      dram [SEQ, INTER]      acc
.tensor ACT    dram [SEQ, INTER]      storage
.tensor D      dram [SEQ, HIDDEN]     acc

; On-chip buffers.
.tensor CT     acc  [SEQ, TN]         acc
.tensor AT     spad [SEQ, TK]         storage
.tensor WT     spad [TN, TK]          storage
.tensor RF     spad [TR, HIDDEN]      fp32
.tensor RG     spad [TR, HIDDEN]      fp32
.tensor RS     spad [TR, HIDDEN]      storage
.tensor RA     spad [TR, HIDDEN]      acc
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
.tensor HA     spad [SEQ, HEAD_DIM]   acc
.tensor QS     spad [SEQ, HEAD_DIM]   storage
.tensor KS     spad [SEQ, HEAD_DIM]   storage
.tensor VS     spad [SEQ, HEAD_DIM]   storage
.tensor SC     acc  [SEQ, SEQ]        acc
.tensor SF     spad [SEQ, SEQ]        fp32
.tensor PS     spad [SEQ, SEQ]        storage
.tensor CH     acc  [SEQ, HEAD_DIM]   acc
.tensor IA     spad [TR, INTER]       acc
.tensor IF     spad [TR, INTER]       fp32
.tensor IS     spad [TR, INTER]       storage

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
    dma.wait 0
    sfu.eps EPS

    ; ---- x in the storage format, TR rows at a time
    li x3, TR
    li x4, SEQ
    v.shape x3, x2
    li x10, 0
tostorage:
    mul x11, x10, x2
    dma.shape x3, x2
    dma.copy RF, X[x11], 0
    dma.wait 0
    v.cvt RS, RF, keep
    dma.copy XS[x11], RS, 1
    dma.wait 1
    addi x10, x10, TR
    blt x10, x4, tostorage

    ; ---- projections
    GEMM_WT Q, XS, WQ, CT, AT, WT, SEQ, HIDDEN, HIDDEN, TN, TK
    GEMM_WT K, XS, WK, CT, AT, WT, SEQ, HIDDEN, HIDDEN, TN, TK
    GEMM_WT V, XS, WV, CT, AT, WT, SEQ, HIDDEN, HIDDEN, TN, TK

    ; ---- attention, head by head
    li x5, HEAD_DIM
    li x6, HEADS
    li x12, 0
heads:
    muli x13, x12, HEAD_DIM
    dma.shape x4, x5
    sfu.shape x4, x5
    v.shape x4, x5
    dma.copy HA, Q[x13], 0
    dma.wait 0
    sfu.bias QS, HA, SBQ[x13]
    dma.copy HA, K[x13], 1
    dma.wait 1
    sfu.bias KS, HA, SBK[x13]
    dma.copy HA, V[x13], 2
    dma.wait 2
    sfu.bias VS, HA, SBV[x13]
    sa.shape x4, x5, x4
    sa.load.t KS
    sa.matmul SC, QS, set
    sfu.shape x4, x4
    sfu.scalar 1.0 / sqrt(HEAD_DIM)
    sfu.muls SF, SC
    sfu.softmax PS, SF
    sa.shape x4, x4, x5
    sa.load VS
    sa.matmul CH, PS, set
    v.cvt QS, CH, keep
    dma.copy CTX[x13], QS, 3
    dma.wait 3
    addi x12, x12, 1
    blt x12, x6, heads

    ; ---- x1 = LayerNorm(x + ctx Wo^T + bo)
    GEMM_WT O, CTX, WO, CT, AT, WT, SEQ, HIDDEN, HIDDEN, TN, TK
    sfu.shape x3, x2
    v.shape x3, x2
    li x10, 0
norm1:
    mul x11, x10, x2
    dma.shape x3, x2
    dma.copy RF, X[x11], 0
    dma.copy RA, O[x11], 1
    dma.wait 0
    dma.wait 1
    sfu.bias RG, RA, SBO
    sfu.add RG, RG, RF
    sfu.layernorm RF, RG, G1, B1
    dma.copy X1[x11], RF, 2
    v.cvt RS, RF, keep
    dma.copy X1S[x11], RS, 3
    dma.wait 2
    dma.wait 3
    addi x10, x10, TR
    blt x10, x4, norm1

    ; ---- act = GELU(x1 Wi^T + bi)
    GEMM_WT I, X1S, WI, CT, AT, WT, SEQ, INTER, HIDDEN, TN, TK
    sfu.shape x3, x8
    v.shape x3, x8
    li x10, 0
mlp:
    mul x11, x10, x8
    dma.shape x3, x8
    dma.copy IA, I[x11], 0
    dma.wait 0
    sfu.bias IF, IA, SBI
    sfu.gelu IF, IF
    v.cvt IS, IF, keep
    dma.copy ACT[x11], IS, 1
    dma.wait 1
    addi x10, x10, TR
    blt x10, x4, mlp

    ; ---- y = LayerNorm(x1 + act Wout^T + bout)
    GEMM_WT D, ACT, WOUT, CT, AT, WT, SEQ, HIDDEN, INTER, TN, TK
    sfu.shape x3, x2
    li x10, 0
norm2:
    mul x11, x10, x2
    dma.shape x3, x2
    dma.copy RF, X1[x11], 0
    dma.copy RA, D[x11], 1
    dma.wait 0
    dma.wait 1
    sfu.bias RG, RA, SBOUT
    sfu.add RG, RG, RF
    sfu.layernorm RF, RG, G2, B2
    dma.copy Y[x11], RF, 2
    dma.wait 2
    addi x10, x10, TR
    blt x10, x4, norm2
    halt
