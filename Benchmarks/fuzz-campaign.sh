#!/usr/bin/env bash
# The long fuzzing campaign of Docs/reliability.md (issue 14): every surface of qinsfuzz,
# release build, each command under an 8 GB address-space cap and a 300 s limit. Prints the
# figures table; findings (if any) are kept in .build/fuzz-campaign/findings/. A command
# counts as hung after 300 s: the slowest legitimate case, `qinssim formats --samples 2^20`,
# takes about 3 minutes (17.7 s per 100,000 samples at depth 7 on the 2-core host).
#   Benchmarks/fuzz-campaign.sh                     15,000 cases per reader, 3,000 per command surface
#   READER_CASES=50000 CASES=10000 SEED=7 Benchmarks/fuzz-campaign.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product qinssim >/dev/null
swift build -c release --product qinsasm >/dev/null
swift build -c release --product qinsfuzz >/dev/null
out=.build/fuzz-campaign
rm -rf "$out"
mkdir -p "$out"
start=$(date +%s)
status=0
.build/release/qinsfuzz --seed "${SEED:-2026}" --reader-cases "${READER_CASES:-15000}" \
  --cases "${CASES:-3000}" --memory 8G --timeout 300 --out "$out" --json "$out/figures.json" \
  || status=$?
echo "wall time: $(( $(date +%s) - start )) s on $(nproc) cores"
exit $status
