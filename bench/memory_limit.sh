#!/usr/bin/env bash
# How much memory the history read needs to run at speed (docs/performance.md,
# "Memory at a million commits"): runs stratlint's full check and
# `git log --format=%ct -- strategy/` in a repository under cgroup memory
# limits that count the page cache too, each from a cold cache, and prints
# wall time and whether each finished within the timeout. Needs root and a
# writable cgroup memory controller (v1 or v2); drops the page cache.
#
#   sudo bash bench/memory_limit.sh REPO [--limits 1024,512,384,256] [--timeout 60] [--bin PATH]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=${1:?usage: memory_limit.sh REPO [--limits MB,...] [--timeout S] [--bin PATH]}; shift
limits=1024,512,384,256 timeout=60 bin="$here/../target/release/stratlint"
while [ $# -gt 0 ]; do
  case "$1" in
    --limits) limits=$2; shift ;;
    --timeout) timeout=$2; shift ;;
    --bin) bin=$2; shift ;;
    *) echo "memory_limit.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
die() { echo "memory_limit.sh: error: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "needs root (cgroups, dropping the page cache)"
# This shell's memory cgroup, v2 or v1, and a child of it for the runs.
if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
  parent=/sys/fs/cgroup$(sed -n 's/^0:://p' /proc/self/cgroup); knob=memory.max
else
  parent=/sys/fs/cgroup/memory$(sed -n 's/^[0-9]*:memory://p' /proc/self/cgroup); knob=memory.limit_in_bytes
fi
cg="$parent/stratlint-bench-$$"
mkdir "$cg" || die "cannot create a cgroup under $parent"
trap 'rmdir "$cg" 2>/dev/null || true' EXIT
run() { # limit-MB name command...
  local mb=$1 name=$2; shift 2
  echo $((mb << 20)) >"$cg/$knob"
  sync; echo 3 >/proc/sys/vm/drop_caches
  local s e rc=0
  s=$(date +%s%N)
  (cd "$repo" && sh -c 'echo $$ >"$1/cgroup.procs"; shift; exec timeout "$@"' _ "$cg" "$timeout" "$@" >/dev/null 2>&1) || rc=$?
  e=$(date +%s%N)
  local verdict=finished; [ "$rc" = 124 ] && verdict="not finished in ${timeout} s"
  printf '| %s MB | %s | %s ms | %s |\n' "$mb" "$name" $(( (e - s) / 1000000 )) "$verdict"
}
echo "| limit | command | wall (cold cache) | |"
echo "|---|---|---|---|"
IFS=, read -ra list <<<"$limits"
for mb in "${list[@]}"; do
  run "$mb" "stratlint check" "$bin" check --now 2026-11-25 --format concise
  run "$mb" "git log -- strategy/" git log --format=%ct -- strategy/
done
