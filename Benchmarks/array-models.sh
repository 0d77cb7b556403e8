#!/usr/bin/env bash
# Benchmark: the array models' speed (issue 5 targets), release build, median of 5 runs. Prints
#  - the functional fast model on QINS8 operands with an FP32 accumulator against the same
#    multiply-accumulates in FP32 (the model's own FP32 path, which vectorises) and against a
#    plain FP32 loop (Benchmarks/plain_fp32_gemm.swift); target: within 3x of a plain loop;
#  - the PE-level model's PE-steps per second (target: at least 100 million).
# Times are of the model's multiply alone (`functional.model_seconds` in --json).
# QINS8 runs use qins-seed: the seed's PEs (MUL table, one exponent per tensor), which the functional
# models compute; qins-default's decoded-product path runs through qinssim run.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product qinssim >/dev/null
q=.build/release/qinssim
median() { python3 -c "import json,sys,statistics; print(statistics.median(json.loads(l)['functional']['$1'] for l in sys.stdin.read().split('\n---\n') if l.strip()))"; }
runs() { for _ in 1 2 3 4 5; do "$@"; echo; echo ---; done; }
shape=(gemm --m 256 --n 256 --k 1024 --rows 128 --cols 128 --dataflow ws --functional --json)
fp=$(runs $q "${shape[@]}" --machine fp32-reference | median model_seconds)
qi=$(runs $q "${shape[@]}" --machine qins-seed | median model_seconds)
python3 -c "print(f'functional fast model, 256x1024 by 1024x256 (67.1 M MACs), median of 5: fp32 {$fp*1e3:.0f} ms, qins8 hybrid {$qi*1e3:.0f} ms, ratio {$qi/$fp:.2f}')"
# The plain loop: i, j, k with a scalar sum, compiled on its own with -O.
plain_bin=$(mktemp)
swiftc -O Benchmarks/plain_fp32_gemm.swift -o "$plain_bin" 2>/dev/null
plain=$("$plain_bin" 256 256 1024 | cut -d' ' -f1)
rm -f "$plain_bin"
python3 -c "print(f'plain FP32 loop (i, j, k), same size, median of 5: {$plain*1e3:.0f} ms; qins8 hybrid against it: {$qi/$plain:.2f}x')"
pe=(gemm --m 128 --n 128 --k 512 --rows 32 --cols 32 --dataflow ws --model pe --json --machine fp32-reference)
steps=$($q "${pe[@]}" | python3 -c "import json,sys; print(json.load(sys.stdin)['functional']['pe_steps'])")
t=$(runs $q "${pe[@]}" | median model_seconds)
python3 -c "print(f'PE-level model, 32x32 array, 128x512 by 512x128, fp32, median of 5: {$steps} PE-steps in {$t*1e3:.0f} ms: {$steps/$t/1e6:.1f} M PE-steps/s')"
