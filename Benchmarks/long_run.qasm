; long_run.qasm: a long run for the trace-memory benchmark (Benchmarks/long-run.sh).
;
; ITER times: a 16 KiB tile comes from DRAM, the LUT ALU adds it to itself, and the result
; goes back. About 1,300 cycles an
; iteration on qins-default (the ALU shares its table through 8 ports): the default ITER
; runs past ten million cycles.

.const ITER = 8000
.const TILE = 8192

.tensor X  dram [TILE] storage bind "x"
.tensor Y  dram [TILE] storage
.tensor A  spad [TILE] storage
.tensor B  spad [TILE] storage

    li x1, 1
    li x2, TILE
    li x3, ITER
    dma.shape x1, x2
    v.shape x1, x2
    li x10, 0
loop:
    dma.copy A, X, 0
    dma.wait 0
    v.add B, A, A
    dma.copy Y, B, 1
    addi x10, x10, 1
    blt x10, x3, loop
    wait all
    halt
