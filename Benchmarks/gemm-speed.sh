#!/usr/bin/env bash
# Benchmark: the fast array model's speed (issue 5). Prints the mean wall time of the whole
# `qinssim gemm` process over 20 runs for two GEMMs on a 128 x 128 array; the simulation
# itself is a part of that. With QINS_SCALESIM=1 it also times SCALE-Sim v3 on the second
# point (installed in .build/scalesim-venv) and prints the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product qinssim >/dev/null
time_ms() {
  local start end
  start=$(date +%s%N)
  for _ in $(seq 20); do "$@" >/dev/null; done
  end=$(date +%s%N)
  echo $(( (end - start) / 20000000 ))
}
a=$(time_ms .build/release/qinssim gemm --m 128 --n 3072 --k 8192 --rows 128 --cols 128 --dataflow ws --json)
b=$(time_ms .build/release/qinssim gemm --m 128 --n 3072 --k 3072 --rows 128 --cols 128 --dataflow ws --timing scalesim --json)
echo "qinssim gemm 128x8192 by 8192x3072, 128x128 ws:              ${a} ms per process"
echo "qinssim gemm 128x3072 by 3072x3072, 128x128 ws, scalesim:    ${b} ms per process"
if [ "${QINS_SCALESIM:-}" = 1 ]; then
  start=$(date +%s%N)
  .build/scalesim-venv/bin/python Scripts/scalesim_gemm.py ws 128 128 128 3072 3072 >/dev/null
  end=$(date +%s%N)
  s=$(( (end - start) / 1000000 ))
  echo "SCALE-Sim v3, same point:                                    ${s} ms"
  echo "ratio:                                                       $(( s / (b > 0 ? b : 1) ))x"
fi
