; softmax.qasm: row-wise softmax of a ROWS x COLS matrix, the seed's Pattern C.
;
; The rows arrive in the machine's storage format; the SFU decodes them to FP32, computes
; exp(x - max) / sum in FP32 and encodes the result back, all at its boundary. Rows are
; processed TR at a time through the scratchpad. With -D CAUSAL=1 the softmax is masked
; causally (row r sees columns 0..r), as attention over a prefix needs.

.include "lib/loops.qinc"

.const ROWS = 128
.const COLS = 128
.const TR = 32
.const CAUSAL = 0

.tensor S  dram [ROWS, COLS] storage bind "scores"
.tensor P  dram [ROWS, COLS] storage bind "probs"
.tensor St spad [TR, COLS]   storage
.tensor Pt spad [TR, COLS]   storage

    LI2 x1, TR, x2, COLS
    li x3, ROWS
    li x4, CAUSAL
    dma.shape x1, x2
    sfu.shape x1, x2
    li x10, 0                   ; first row of the tile
rows:
    TILE_OFFSET x11, x10, zero, x2
    dma.copy St, S[x11], 0
    dma.wait 0
    beq x4, zero, plain
    sfu.softmax.causal Pt, St, x10   ; row r of the tile is query x10 + r
    jmp store
plain:
    sfu.softmax Pt, St
store:
    dma.copy P[x11], Pt, 1
    dma.wait 1
    NEXT x10, TR, x3, rows
    halt
