; dma_double_buffer.qasm: streams a long vector through the scratchpad with two buffers, so
; that the DMA engine loads tile i + 1 while the LUT ALU works on tile i.
;
; Computes y = x * w + b element-wise in QINS (MUL and ADD tables), for LENGTH values in
; tiles of TILE. The FP32 input x is encoded to the storage format on the way in (the seed's
; Pattern B: v.cvt with a fitted scale); w and b are already in the storage format. Tags 0
; and 1 track the two buffers' loads, tag 2 the stores.

.include "lib/loops.qinc"

.const LENGTH = 65536
.const TILE = 4096

.tensor X   dram [LENGTH] fp32    bind "x"
.tensor W   dram [TILE]   storage bind "w"
.tensor Bv  dram [TILE]   storage bind "b"
.tensor Y   dram [LENGTH] storage bind "y"
.tensor X0  spad [TILE]   fp32
.tensor X1  spad [TILE]   fp32
.tensor Q   spad [TILE]   storage
.tensor Ws  spad [TILE]   storage
.tensor Bs  spad [TILE]   storage
.tensor Yt  spad [TILE]   storage

    LI2 x1, 1, x2, TILE
    li x3, LENGTH
    dma.shape x1, x2
    v.shape x1, x2
    dma.copy Ws, W, 3
    dma.copy Bs, Bv, 3
    dma.copy X0, X, 0           ; prime the first buffer
    dma.wait 3
    li x10, 0                   ; offset of the tile being computed
loop:
    add x11, x10, x2            ; offset of the next tile
    and x12, x10, x2            ; which buffer holds this tile: (offset / TILE) is even or odd
    bne x12, zero, odd
    bge x11, x3, wait_even      ; no next tile after the last
    dma.copy X1, X[x11], 1      ; load the next tile into the other buffer
wait_even:
    dma.wait 0
    v.cvt Q, X0, fit
    jmp compute
odd:
    bge x11, x3, wait_odd
    dma.copy X0, X[x11], 0
wait_odd:
    dma.wait 1
    v.cvt Q, X1, fit
compute:
    dma.wait 2                  ; the previous store has left Yt
    v.mul Yt, Q, Ws
    v.add Yt, Yt, Bs
    dma.copy Y[x10], Yt, 2
    NEXT x10, TILE, x3, loop
    wait all
    halt
