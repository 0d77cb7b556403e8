#!/usr/bin/env bash
# Runs a fixed set of qinssim commands and keeps every output, so that two builds can be
# compared byte for byte after a refactor (issue 9):
#   Scripts/compare-outputs.sh OLD/.build/release /tmp/old-out
#   Scripts/compare-outputs.sh .build/release /tmp/new-out
#   diff -r /tmp/old-out /tmp/new-out && echo identical
# The commands: transformer (Phi-3.5-mini layer 0 at seq 128 on five machines; MiniLM with a
# QINS8 accumulator; MiniLM's six layers timing-only with a VCD trace; a small Phi layer with a
# Chrome trace and its output tensor), run on every top-level program with --stats and both
# traces (and timing-only on bf16) and its output tensors dumped, and gemm on four shapes. Wall-clock fields (gemm's
# model_seconds) are masked; nothing else is (the programs are built in, so traces name
# them built-in:Programs/... wherever the tool was built).
set -u
B=$(cd "$1" && pwd); O=$2
rm -rf "$O"; mkdir -p "$O"; O=$(cd "$O" && pwd)
S=$B/qinssim
cd "$(dirname "$0")/.."
"$S" transformer --model phi-3.5-mini --seq 128 --machines qins-default,qins-fast,int8,fp8-e4m3,bf16 --json "$O"/phi.json > "$O"/phi.txt 2>"$O"/phi.err
"$S" transformer --model minilm-l6 --seq 32 --layers 0-1 --accumulator qins8 --machines qins-seed --json "$O"/minilm.json > "$O"/minilm.txt 2>"$O"/minilm.err
"$S" transformer --model minilm-l6 --layers 0-5 --timing-only --machines qins-fast,int8 --trace "$O"/t.vcd --json "$O"/minilm-timing.json > "$O"/minilm-timing.txt 2>"$O"/minilm-timing.err
"$S" transformer --model phi-3.5-mini --seq 16 --hidden 256 --heads 4 --head-dim 64 --intermediate 512 --trace "$O"/small.trace.json --output "$O"/small.npy --json "$O"/small.json > "$O"/small.txt 2>"$O"/small.err
dumps() {  # the output tensors of each program, by binding name
  case $1 in
    gemm) echo c ;; softmax) echo probs ;; layernorm|dma_double_buffer|encoder_block) echo y ;;
    llama_prefill|llama_decode) echo y k_cache v_cache ;; llama_head) echo logits ;;
  esac
}
for q in Programs/*.qasm; do
  p=$(basename "$q" .qasm)
  d=(); for t in $(dumps "$p"); do d+=(--dump "$t=$O/$p.$t.npy"); done
  "$S" run Programs/$p.qasm "${d[@]}" --stats "$O"/$p.stats.json --trace "$O"/$p.vcd --trace "$O"/$p.trace.json > "$O"/$p.txt 2>"$O"/$p.err
  "$S" run Programs/$p.qasm --machine bf16 --timing-only --stats "$O"/$p.t.stats.json > "$O"/$p.t.txt 2>"$O"/$p.t.err
  for m in qins-seed qins-fast int8 fp8-e4m3 bf16 fp32-reference; do
    d=(); for t in $(dumps "$p"); do d+=(--dump "$t=$O/$p.$m.$t.npy"); done
    "$S" run Programs/$p.qasm --machine $m "${d[@]}" --stats "$O"/$p.$m.stats.json > "$O"/$p.$m.txt 2>"$O"/$p.$m.err
  done
done
"$S" gemm --m 300 --n 200 --k 100 --functional --machine qins-seed --json > "$O"/gemm1.json 2>&1
"$S" gemm --m 64 --n 48 --k 40 --dataflow ws --json > "$O"/gemm2.json 2>&1
"$S" gemm --m 512 --n 512 --k 512 --machine tpu-v1-like --json > "$O"/gemm3.json 2>&1
"$S" gemm --m 100 --n 70 --k 300 --dataflow is --functional --machine qins-seed --json > "$O"/gemm4.json 2>&1
sed -i "s/\"model_seconds\" : [0-9.e-]*/MS/" "$O"/gemm*.json
