#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for trying the sweep recipes of Docs/sweeps.md
# and for the test that runs them (Tests/qinssimTests/SlurmRecipeTests.swift). Everything
# lives in DIR: the munge key and socket, slurm.conf, state, spool, logs and pid files.
# Nothing outside DIR is written or changed (no /etc/slurm, no system munge).
#
#   Scripts/local-slurm.sh start DIR   # prints the environment to use, e.g.
#   eval "$(Scripts/local-slurm.sh start /tmp/cluster)" && sinfo
#   Scripts/local-slurm.sh stop DIR    # stops the daemons by their pids
#
# Needs Debian's slurm-wlm and munge (apt-get install -y slurm-wlm munge). Exit status 2
# with the reason on standard error when they are missing or a daemon does not start.
set -euo pipefail
usage() { echo "usage: $0 start|stop DIR" >&2; exit 64; }
[ $# -eq 2 ] || usage
action="$1"
mkdir -p "$2"
dir="$(cd "$2" && pwd)"

stop() {
  for d in slurmd slurmctld munged; do
    if [ -f "$dir/$d.pid" ]; then
      pid="$(cat "$dir/$d.pid")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$dir/$d.pid"
    fi
  done
}

fail() {
  echo "local-slurm: $1" >&2
  for log in "$dir"/*.log; do [ -f "$log" ] && { echo "--- $log" >&2; tail -5 "$log" >&2; }; done
  stop
  exit 2
}

# Runs a daemon with no file descriptor of this script's but 0-2 (pointed at /dev/null and
# a log): a caller that waits for the script's pipes or exit descriptors to close (as
# Foundation's Process does) must not wait for the daemons too.
detached() {
  local log="$1"
  shift
  (
    for fd in /proc/self/fd/*; do
      n="${fd##*/}"
      [ "$n" -gt 2 ] 2>/dev/null && eval "exec $n>&-" 2>/dev/null
    done
    exec "$@" </dev/null >/dev/null 2>>"$log"
  )
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
  for tool in munged slurmctld slurmd sbatch sinfo; do
    command -v "$tool" >/dev/null || PATH="$PATH:/usr/sbin"
    command -v "$tool" >/dev/null || fail "$tool is not installed (apt-get install -y slurm-wlm munge)"
  done
  stop
  mkdir -p "$dir/state" "$dir/spool" "$dir/munge"
  chmod 700 "$dir/munge"
  [ -f "$dir/munge/munge.key" ] || {
    head -c 1024 /dev/urandom >"$dir/munge/munge.key"
    chmod 400 "$dir/munge/munge.key"
  }
  detached "$dir/munged.log" munged --key-file="$dir/munge/munge.key" \
    --socket="$dir/munge/munge.socket" --pid-file="$dir/munged.pid" \
    --log-file="$dir/munged.log" --seed-file="$dir/munge/seed" --force ||
    fail "munged did not start"
  for _ in $(seq 50); do [ -S "$dir/munge/munge.socket" ] && break; sleep 0.1; done
  [ -S "$dir/munge/munge.socket" ] || fail "munged made no socket"

  host="$(hostname -s)"
  cpus="$(nproc)"
  memory="$(awk '/MemTotal/ { print int($2 / 1024 * 0.9) }' /proc/meminfo)"
  user="$(id -un)"
  cat >"$dir/slurm.conf" <<CONF
# Written by Scripts/local-slurm.sh: one node, this machine, everything under $dir.
ClusterName=qins-local
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=1
MpiDefault=none
ReturnToService=2
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
SlurmctldTimeout=30
SlurmdTimeout=30
MinJobAge=600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF="$dir/slurm.conf"
  detached "$dir/slurmctld.log" slurmctld -i -f "$SLURM_CONF" || fail "slurmctld did not start"
  detached "$dir/slurmd.log" slurmd -f "$SLURM_CONF" || fail "slurmd did not start"
  for _ in $(seq 150); do
    state="$(sinfo -h -o %T 2>/dev/null || true)"
    [ "$state" = "idle" ] && break
    sleep 0.2
  done
  [ "$state" = "idle" ] || fail "the node did not become idle (sinfo says '${state:-nothing}')"
  echo "export SLURM_CONF=$dir/slurm.conf"
}

case "$action" in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
