#!/usr/bin/env bash
# Benchmark: how fast a sweep's points go through this machine (issue 26), so that a job
# array can be sized. Runs one spec (default Benchmarks/sweeps/transformer-formats.toml, 24
# points) with the installed kind of binary (release, Swift runtime linked statically):
#   - one shard, one thread;
#   - one shard, every core's thread (--threads $(nproc));
#   - two shards of one thread each, concurrently, then their merge;
#   - with QINS_SLURM=1, the Slurm job script of Docs/sweeps.md as written (extracted from
#     the file) on a one-node cluster started by Scripts/local-slurm.sh, as a 2-task and a
#     16-task array, from sbatch to the end of the merge job.
# Prints each wall time, points per hour, and checks every merged results.csv against the
# one-process run's (cmp). Writes only under a temporary folder.
#   Benchmarks/sweep-scaling.sh [SPEC.toml]
#   QINS_SLURM=1 Benchmarks/sweep-scaling.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
spec=$(realpath "${1:-Benchmarks/sweeps/transformer-formats.toml}")
swift build -c release --static-swift-stdlib --product qinssim >/dev/null
bin=$(swift build -c release --static-swift-stdlib --show-bin-path)
tmp=$(mktemp -d)
cluster="$tmp/cluster"
cleanup() {
  [ -f "$cluster/slurm.conf" ] && Scripts/local-slurm.sh stop "$cluster" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT
mkdir -p "$tmp/bin"
cp "$bin/qinssim" "$tmp/bin/qinssim"
export PATH="$tmp/bin:$PATH"
cp "$spec" "$tmp/design.toml"
cd "$tmp"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { print b - a }'; }
# report NAME SECONDS POINTS
report() {
  awk -v name="$1" -v s="$2" -v p="$3" \
    'BEGIN { printf "%-46s %4d points %8.2f s %9.0f points/hour\n", name, p, s, p * 3600 / s }'
}

echo "$(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(date -u +%Y-%m-%d), $(qinssim --version)"
echo "spec: $spec"

start=$(now)
qinssim sweep design.toml -o one-thread --threads 1 >/dev/null
points=$(find one-thread/points -name '*.json' | wc -l)
report "1 shard, 1 thread" "$(elapsed "$start")" "$points"

start=$(now)
qinssim sweep design.toml -o one-process --threads "$(nproc)" >/dev/null
report "1 shard, $(nproc) threads" "$(elapsed "$start")" "$points"
cmp one-thread/results.csv one-process/results.csv

start=$(now)
for i in 0 1; do
  qinssim sweep design.toml -o "two/shard$i" --shard "$i/2" --threads 1 >/dev/null &
done
wait
qinssim sweep merge two/shard0 two/shard1 -o two/all >/dev/null
report "2 shards of 1 thread, concurrently, + merge" "$(elapsed "$start")" "$points"
cmp one-process/results.csv two/all/results.csv

start=$(now)
qinssim sweep merge two/shard0 two/shard1 -o two/again >/dev/null
report "the merge alone" "$(elapsed "$start")" "$points"

[ "${QINS_SLURM:-0}" = 1 ] || exit 0
eval "$("$root/Scripts/local-slurm.sh" start "$cluster")"
recipe() { awk -v tag="<!-- recipe: $1 -->" '$0 == tag { on = 1; next } on && /^```sh/ { next } on && /^```/ { exit } on' "$root/Docs/sweeps.md"; }
recipe slurm-job >sweep.sbatch
recipe slurm-submit >submit.sh
for tasks in 2 16; do
  rm -rf results
  # The array size is the one change to the documented lines: sbatch's --array overrides
  # the script's #SBATCH --array (and SLURM_ARRAY_TASK_COUNT follows it).
  sed "s/^#SBATCH --array=.*/#SBATCH --array=0-$((tasks - 1))/" sweep.sbatch >sweep.sbatch.n
  mv sweep.sbatch.n sweep.sbatch
  start=$(now)
  merge=$(sh submit.sh)
  while squeue -h -j "$merge" 2>/dev/null | grep -q .; do sleep 0.2; done
  report "Slurm array of $tasks tasks (--exclusive) + merge job" "$(elapsed "$start")" "$points"
  cmp one-process/results.csv results/all/results.csv
done
