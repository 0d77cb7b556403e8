; layernorm.qasm: LayerNorm over the hidden dimension, as BERT and MiniLM use it.
;
; y = (x - mean) / sqrt(var + eps) * gamma + beta for each of the SEQ rows, computed in FP32
; by the SFU (the seed's Pattern C). gamma and beta are FP32 vectors of HIDDEN values; eps is
; 1e-12 as in BERT's configuration. With -D RMS=1 the program computes RMSNorm instead (no
; mean, no beta; eps 1e-5 as in Phi-3), then a residual add in FP32.

.include "lib/loops.qinc"

.const SEQ = 128
.const HIDDEN = 384
.const TR = 16
.const EPS = 1e-12
.const RMS = 0

.tensor X     dram [SEQ, HIDDEN] storage bind "x"
.tensor Y     dram [SEQ, HIDDEN] storage bind "y"
.tensor Gamma dram [1, HIDDEN]   fp32    bind "gamma"
.tensor Beta  dram [1, HIDDEN]   fp32    bind "beta"
.tensor Xt    spad [TR, HIDDEN]  storage
.tensor Yt    spad [TR, HIDDEN]  storage

    LI2 x1, TR, x2, HIDDEN
    LI2 x3, SEQ, x4, RMS
    dma.shape x1, x2
    sfu.shape x1, x2
    sfu.eps EPS
    li x10, 0
rows:
    TILE_OFFSET x11, x10, zero, x2
    dma.copy Xt, X[x11], 0
    dma.wait 0
    bne x4, zero, rms
    sfu.layernorm Yt, Xt, Gamma, Beta
    jmp store
rms:
    sfu.rmsnorm Yt, Xt, Gamma
    sfu.add Yt, Yt, Xt          ; the residual connection
store:
    dma.copy Y[x11], Yt, 1
    dma.wait 1
    NEXT x10, TR, x3, rows
    halt
