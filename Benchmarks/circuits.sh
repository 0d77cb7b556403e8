#!/usr/bin/env bash
# Benchmark: the synthesis of every circuit of Sources/RTL (issue 24). Prints the table of
# `qinssim circuits` (gates, flip-flops, transistors, NAND2 equivalents, area at 45 nm, logic
# depth), the tool versions and the wall time; the figures of Docs/circuits.md come from it.
# With QINS_RTL_FULL=1 it also runs the circuit tests in full (a million random operands of
# the wide circuits, the decoded path at 3, 7 and 11 fraction bits, every PE kind on both
# array sizes; about 6 minutes). Needs yosys (and verilator for the test): apt-get install -y
# yosys verilator.
#   Benchmarks/circuits.sh [JSON]   JSON: also write the reports there
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product qinssim >/dev/null
yosys -V
verilator --version 2>/dev/null || true
start=$(date +%s)
.build/release/qinssim circuits ${1:+--json "$1"}
echo "synthesis of every circuit: $(($(date +%s) - start)) s"
if [ "${QINS_RTL_FULL:-0}" = 1 ]; then
  swift build --build-tests >/dev/null
  QINS_RTL_FULL=1 swift test --skip-build --filter CircuitsTests
fi
