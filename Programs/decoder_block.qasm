; decoder_block.qasm: one Phi-3 decoder layer (Phi-3.5-mini at its defaults).
;
;   h  = RMSNorm(x) * input_norm                       (SFU, FP32)
;   qkv = h Wqkv^T ; q, k = RoPE(q), RoPE(k)           (array; SFU)
;   ctx_h = softmax_causal(q_h k_h^T / sqrt(d)) v_h    (array per head; SFU)
;   x1 = x + ctx Wo^T                                  (array; SFU residual, FP32)
;   h2 = RMSNorm(x1) * post_norm
;   y  = x1 + (silu(h2 Wg^T) * (h2 Wu^T)) Wd^T         (array; SFU)
;
; Weights are bound in PyTorch layout ([out, in]) and Phi-3's fused projections: qkv_proj
; [3H, H] and gate_up_proj [2I, H]. Matrix products run on the array in the storage format
; and accumulate in the accumulator format (the seed's Pattern A); norms, RoPE, softmax, SiLU
; and residual adds run in the FP32 SFU (Pattern C); the residual stream and the output are
; FP32. SEQ rows go through every GEMM in one pass (SEQ <= the array's streamed length).

.include "lib/gemm.qinc"

.const SEQ = 128
.const HIDDEN = 3072
.const HEADS = 32
.const HEAD_DIM = 96
.const INTER = 8192
.const EPS = 1e-5
.const ROPE_BASE = 10000.0
.const TN = 128
.const TK = 128
.const TR = 16                      ; rows per SFU tile

.tensor X      dram [SEQ, HIDDEN]       fp32    bind "x"
.tensor Y      dram [SEQ, HIDDEN]       fp32    bind "y"
.tensor NORM1  dram [1, HIDDEN]         fp32    bind "input_norm"
.tensor NORM2  dram [1, HIDDEN]         fp32    bind "post_norm"
.tensor WQKV   dram [3 * HIDDEN, HIDDEN] storage bind "qkv_proj"
.tensor WO     dram [HIDDEN, HIDDEN]    storage bind "o_proj"
.tensor WGU    dram [2 * INTER, HIDDEN] storage bind "gate_up_proj"
.tensor WD     dram [HIDDEN, INTER]     storage bind "down_proj"

; Intermediate tensors in DRAM.
.tensor H      dram [SEQ, HIDDEN]       storage
.tensor QKV    dram [SEQ, 3 * HIDDEN]   acc
.tensor CTX    dram [SEQ, HIDDEN]       storage
.tensor O      dram [SEQ, HIDDEN]       acc
.tensor X1     dram [SEQ, HIDDEN]       fp32
.tensor GU     dram [SEQ, 2 * INTER]    acc
.tensor ACT    dram [SEQ, INTER]        storage
.tensor D      dram [SEQ, HIDDEN]       acc

; On-chip buffers.
.tensor CT     acc  [SEQ, TN]           acc
.tensor AT     spad [SEQ, TK]           storage
.tensor WT     spad [TN, TK]            storage
.tensor RF     spad [TR, HIDDEN]        fp32        ; a row tile of the FP32 stream
.tensor RS     spad [TR, HIDDEN]        storage     ; the same in the storage format
.tensor RA     spad [TR, HIDDEN]        acc         ; the same in the accumulator format
.tensor G1     spad [1, HIDDEN]         fp32
.tensor G2     spad [1, HIDDEN]         fp32
.tensor HA     spad [SEQ, HEAD_DIM]     acc         ; one head's q, k or v, accumulator format
.tensor HS     spad [SEQ, HEAD_DIM]     storage     ; the same in the storage format
.tensor KT     spad [SEQ, HEAD_DIM]     storage
.tensor VT     spad [SEQ, HEAD_DIM]     storage
.tensor SC     acc  [SEQ, SEQ]          acc         ; scores
.tensor SF     spad [SEQ, SEQ]          fp32
.tensor PS     spad [SEQ, SEQ]          storage     ; probabilities
.tensor CH     acc  [SEQ, HEAD_DIM]     acc         ; one head's context
.tensor GA     spad [TR, INTER]         acc
.tensor UA     spad [TR, INTER]         acc
.tensor AF     spad [TR, INTER]         fp32
.tensor AS     spad [TR, INTER]         storage

    ; ---- the norm gains
    li x1, 1
    li x2, HIDDEN
    dma.shape x1, x2
    dma.copy G1, NORM1, 0
    dma.copy G2, NORM2, 0
    dma.wait 0
    sfu.eps EPS
    sfu.ropebase ROPE_BASE

    ; ---- h = RMSNorm(x), TR rows at a time
    li x3, TR
    li x4, SEQ
    sfu.shape x3, x2
    li x10, 0
norm1:
    mul x11, x10, x2
    dma.shape x3, x2
    dma.copy RF, X[x11], 0
    dma.wait 0
    sfu.rmsnorm RS, RF, G1
    dma.copy H[x11], RS, 1
    dma.wait 1
    addi x10, x10, TR
    blt x10, x4, norm1

    ; ---- qkv = h Wqkv^T
    GEMM_WT QKV, H, WQKV, CT, AT, WT, SEQ, 3 * HIDDEN, HIDDEN, TN, TK

    ; ---- per head: RoPE on q and k, v to the storage format, attention
    li x5, HEAD_DIM
    li x6, HEADS
    li x7, 3 * HIDDEN
    li x12, 0                       ; head
heads:
    muli x13, x12, HEAD_DIM         ; column of this head in q (and, + HIDDEN, in k)
    dma.shape x4, x5
    sfu.shape x4, x5
    v.shape x4, x5
    ; q
    dma.copy HA, QKV[x13], 0
    dma.wait 0
    sfu.rope HS, HA, zero           ; HS keeps q_h for the scores below
    ; k
    addi x14, x13, HIDDEN
    dma.copy HA, QKV[x14], 2
    dma.wait 2
    sfu.rope KT, HA, zero
    ; v
    addi x14, x13, 2 * HIDDEN
    dma.copy HA, QKV[x14], 3
    dma.wait 3
    v.cvt VT, HA, keep
    ; scores = q k^T / sqrt(d), causal softmax
    li x15, SEQ
    sa.shape x4, x5, x15
    sa.load.t KT
    sa.matmul SC, HS, set
    sfu.shape x4, x4
    sfu.scalar 1.0 / sqrt(HEAD_DIM)
    sfu.muls SF, SC
    sfu.softmax.causal PS, SF, zero
    ; ctx_h = p v_h
    sa.shape x4, x4, x5
    sa.load VT
    sa.matmul CH, PS, set
    v.cvt HS, CH, keep
    dma.copy CTX[x13], HS, 5
    dma.wait 5
    addi x12, x12, 1
    blt x12, x6, heads

    ; ---- x1 = x + ctx Wo^T
    GEMM_WT O, CTX, WO, CT, AT, WT, SEQ, HIDDEN, HIDDEN, TN, TK
    li x2, HIDDEN
    sfu.shape x3, x2
    li x10, 0
residual1:
    mul x11, x10, x2
    dma.shape x3, x2
    dma.copy RF, X[x11], 0
    dma.copy RA, O[x11], 1
    dma.wait 0
    dma.wait 1
    sfu.add RF, RF, RA
    dma.copy X1[x11], RF, 2
    ; h2 = RMSNorm(x1)
    sfu.rmsnorm RS, RF, G2
    dma.copy H[x11], RS, 3
    dma.wait 2
    dma.wait 3
    addi x10, x10, TR
    blt x10, x4, residual1

    ; ---- act = silu(h2 Wg^T) * (h2 Wu^T)
    GEMM_WT GU, H, WGU, CT, AT, WT, SEQ, 2 * INTER, HIDDEN, TN, TK
    li x8, INTER
    li x9, 2 * INTER
    sfu.shape x3, x8
    li x10, 0
mlp:
    mul x11, x10, x9
    dma.shape x3, x8
    dma.copy GA, GU[x11], 0
    add x14, x11, x8
    dma.copy UA, GU[x14], 1
    dma.wait 0
    dma.wait 1
    sfu.silu AF, GA
    sfu.mul AF, AF, UA
    v.shape x3, x8
    v.cvt AS, AF, keep
    mul x11, x10, x8
    dma.copy ACT[x11], AS, 2
    dma.wait 2
    addi x10, x10, TR
    blt x10, x4, mlp

    ; ---- y = x1 + act Wd^T
    GEMM_WT D, ACT, WD, CT, AT, WT, SEQ, HIDDEN, INTER, TN, TK
    sfu.shape x3, x2
    li x10, 0
residual2:
    mul x11, x10, x2
    dma.shape x3, x2
    dma.copy RF, X1[x11], 0
    dma.copy RA, D[x11], 1
    dma.wait 0
    dma.wait 1
    sfu.add RF, RF, RA
    dma.copy Y[x11], RF, 2
    dma.wait 2
    addi x10, x10, TR
    blt x10, x4, residual2
    halt
