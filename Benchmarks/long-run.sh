#!/usr/bin/env bash
# Benchmark: a run of more than ten million cycles with both traces streamed to disk.
# Prints the simulated cycles, the wall time, the peak resident memory and the trace sizes.
# The target (issue 4): resident memory under 200 MiB however long the run.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product qinssim >/dev/null
out=$(mktemp -d)
/usr/bin/time -f "%e %M" -o "$out/time" .build/release/qinssim run Benchmarks/long_run.qasm \
  --stats "$out/stats.json" --trace "$out/trace.json" --trace "$out/trace.vcd" >/dev/null
read -r seconds kib < "$out/time"
cycles=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['cycles'])" "$out/stats.json")
echo "cycles simulated:      $cycles"
echo "wall time:             $seconds s"
echo "peak resident memory:  $((kib / 1024)) MiB"
echo "Chrome trace:          $(($(stat -c %s "$out/trace.json") / 1048576)) MiB"
echo "VCD trace:             $(($(stat -c %s "$out/trace.vcd") / 1048576)) MiB"
rm -rf "$out"
