; gemm.qasm: C = A * B on the systolic array, tiled to the array and its buffers.
;
; A is M x K and B is K x N in DRAM, in the machine's storage format (QINS8 on the default
; machine, FP32 on the reference machine). C is M x N in the accumulator format (FP32 in
; the hybrid design, QINS8 or FPINS in the pure one). For each TM x TN tile of C, the K
; dimension is walked in steps of TK: DMA brings the A and B tiles to the scratchpad, the
; array holds the B tile (weight-stationary) and streams the A tile through, the first step
; setting the accumulator tile and later steps adding to it; the finished tile goes back to
; DRAM. Override the sizes with -D, for example -D M=128 -D K=3072 -D N=3072.

.include "lib/loops.qinc"

.const M = 256
.const N = 256
.const K = 256
.const TM = 128
.const TN = 128
.const TK = 128

.tensor A  dram [M, K]   storage bind "a"
.tensor B  dram [K, N]   storage bind "b"
.tensor C  dram [M, N]   acc     bind "c"
.tensor At spad [TM, TK] storage
.tensor Bt spad [TK, TN] storage
.tensor Ct acc  [TM, TN] acc

    LI2 x1, TM, x2, TK
    li x3, TN
    LI2 x20, M, x21, N
    li x22, K
    sa.config ws
    sa.shape x1, x2, x3
    li x10, 0                   ; m: first row of the C tile
m_loop:
    li x11, 0                   ; n: first column of the C tile
n_loop:
    li x12, 0                   ; k
k_loop:
    TILE_OFFSET x13, x10, x12, x22
    dma.shape x1, x2
    dma.copy At, A[x13], 0      ; A[m:m+TM, k:k+TK]
    TILE_OFFSET x14, x12, x11, x21
    dma.shape x2, x3
    dma.copy Bt, B[x14], 1      ; B[k:k+TK, n:n+TN]
    dma.wait 0
    dma.wait 1
    sa.load Bt
    bne x12, zero, accumulate
    sa.matmul Ct, At, set       ; the first K step starts the tile
    jmp next_k
accumulate:
    sa.matmul Ct, At, acc
next_k:
    NEXT x12, TK, x22, k_loop
    TILE_OFFSET x15, x10, x11, x21
    dma.shape x1, x3
    dma.copy C[x15], Ct, 2      ; C[m:m+TM, n:n+TN]
    dma.wait 2
    NEXT x11, TN, x21, n_loop
    NEXT x10, TM, x20, m_loop
    halt
