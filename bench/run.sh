#!/usr/bin/env bash
# stratlint benchmark: builds the release binary, generates synthetic strategy
# repositories (bench/generate.py) and measures, on the same repository,
#   1. the full check (with history) against one `git log --name-only` pass,
#   2. the --no-history check against rumdl on the same files,
#   3. --changed-since HEAD~50 against the full check, and `report` and `map` against it,
#      and `diff <first commit> HEAD --format json` (reported, no target),
#   4. the full check's peak RSS, and (4b) the full check of the same repository
#      with initiatives (bench/generate.py --initiatives) against its git log,
#   5. how the full check scales with documents and with commits,
#   6. the language server's re-check latency after a keystroke and a typing
#      burst (bench/lsp_latency.py), and the same at 20,000 documents (2,000
#      commits; reported, no target; not with --smoke),
#   7. `stratlint mcp`: tool calls (check, object, search) once history is read
#      (bench/mcp_latency.py), against the LSP's target,
# then prints a table and writes it as JSON. See docs/performance.md.
#
#   bash bench/run.sh                  # the full benchmark (about 5 minutes)
#   bash bench/run.sh --smoke          # tiny sizes, one repetition (CI)
#   bash bench/run.sh --monorepo [...] # history in a monorepo, with and without
#                                      # git's commit-graph (bench/monorepo.sh)
#
# Options:
#   --smoke          50 documents, 100 commits, one run each, 3 LSP keystrokes;
#                    no verdicts
#   --out FILE       where to write the JSON (default bench/results/<date>.json;
#                    with --smoke, <workdir>/smoke.json)
#   --workdir DIR    generated repositories and the rumdl venv
#                    (default ${TMPDIR:-/tmp}/stratlint-bench; reused across runs)
#   --runs N         timed runs per command (default 10; scaling 5; smoke 1)
#   --no-build       use the binary already in the target directory
#
# Timing uses hyperfine when it is installed (apt-get install hyperfine), else
# a bash loop (date +%s%N); BENCH_TIMER=loop forces the loop.
# The build honours CARGO_TARGET_DIR (default: the repository's target/).
# Missing a target is a measurement, not a failure: the script exits non-zero
# only when something goes wrong (a build or generation failure, a checker
# exiting 2, unparseable output, the language server crashing or never
# publishing).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)

smoke=0 out="" workdir="${TMPDIR:-/tmp}/stratlint-bench" runs="" build=1
if [ "${1:-}" = --monorepo ]; then
  shift
  exec bash "$here/monorepo.sh" "$@"
fi
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=1 ;;
    --out) out=${2:?--out needs a file}; shift ;;
    --workdir) workdir=${2:?--workdir needs a directory}; shift ;;
    --runs) runs=${2:?--runs needs a number}; shift ;;
    --no-build) build=0 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

die() { echo "run.sh: error: $*" >&2; exit 1; }
log() { echo "== $*" >&2; }

NOW=2026-11-25
if [ "$smoke" = 1 ]; then
  main_docs=50 main_commits=100 main_initiatives=5
  scale_docs=(25 50 100) scale_commits=(60 100 200)
  runs=${runs:-1} scale_runs=${runs} warmup=0 rss_runs=1
  lsp_args=(--rounds 3 --settle 0.3)
else
  main_docs=2000 main_commits=5000 main_initiatives=100
  scale_docs=(500 2000 8000) scale_commits=(1000 5000 20000)
  runs=${runs:-10} scale_runs=$(( runs < 5 ? runs : 5 )) warmup=1 rss_runs=3
  lsp_args=(--rounds 30)
fi
case "$runs" in ''|*[!0-9]*|0) die "--runs must be a positive integer" ;; esac
if [ -z "$out" ]; then
  if [ "$smoke" = 1 ]; then out="$workdir/smoke.json"; else out="$root/bench/results/$(date -u +%Y-%m-%d).json"; fi
fi
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
mkdir -p "$workdir" "$(dirname "$out")"
workdir=$(cd "$workdir" && pwd)
started=$(date +%s)
loadavg_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')

# ---- tools ------------------------------------------------------------------
command -v git >/dev/null || die "git is required"
command -v python3 >/dev/null || die "python3 is required"
if [ ! -x /usr/bin/time ]; then
  log "installing Debian's time package for /usr/bin/time"
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time; } >&2 \
      || die "apt-get install time failed"
  fi
  [ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"
fi
venv="$workdir/venv"
rumdl="$venv/bin/rumdl"
if ! "$rumdl" --version >/dev/null 2>&1; then
  log "installing rumdl from PyPI into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv" || die "python3 -m venv failed"
  "$venv/bin/pip" install -q --disable-pip-version-check rumdl >&2 || die "pip install rumdl failed"
fi
# The targets were set with hyperfine: install it where we can (a bash loop
# adds a fork per run to both sides and moves the ratios).
if [ "${BENCH_TIMER:-}" != loop ] && ! command -v hyperfine >/dev/null \
   && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  log "installing Debian's hyperfine package"
  { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine; }; } >&2 \
    || log "apt-get install hyperfine failed"
fi
if [ "${BENCH_TIMER:-}" != loop ] && command -v hyperfine >/dev/null; then timer=hyperfine; else
  timer=loop
  log "hyperfine not found (apt-get install hyperfine); timing with a bash loop instead"
fi

# ---- build --------------------------------------------------------------------
target_dir=${CARGO_TARGET_DIR:-$root/target}
case "$target_dir" in /*) ;; *) target_dir="$root/$target_dir" ;; esac
bin="$target_dir/release/stratlint"
if [ "$build" = 1 ]; then
  log "cargo build --release --locked (target dir: $target_dir)"
  build_start=$(date +%s)
  (cd "$root" && CARGO_TARGET_DIR="$target_dir" cargo build --release --locked) \
    || die "cargo build --release --locked failed"
  build_seconds=$(( $(date +%s) - build_start ))
else
  build_seconds=null
fi
[ -x "$bin" ] || die "no binary at $bin"

# ---- repositories -----------------------------------------------------------
gen_hash=$(python3 -c 'import hashlib,sys;print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest()[:16])' "$here/generate.py")
repo_for() { # repo_for DOCS COMMITS [INITIATIVES] -> prints the path, generating it if needed
  local name="d$1-c$2${3:+-i$3}" dir stamp
  dir="$workdir/repos/$name"; stamp="$workdir/repos/$name.stamp"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$gen_hash" ] || [ -n "$(git -C "$dir" status --porcelain 2>/dev/null || echo broken)" ]; then
    log "generating $1 documents, $2 commits${3:+, $3 initiatives}"
    rm -rf "$dir" "$stamp"
    mkdir -p "$workdir/repos"
    python3 "$here/generate.py" --docs "$1" --commits "$2" --initiatives "${3:-0}" --out "$dir" \
      > "$workdir/repos/$name.json" || die "generate.py --docs $1 --commits $2 failed"
    echo "$gen_hash" > "$stamp"
  fi
  echo "$dir"
}

res="$workdir/results.$$"
rm -rf "$res"; mkdir -p "$res"
trap 'rm -rf "$res"' EXIT

# measure NAME RUNS CMD... : times CMD in the current directory, writes $res/NAME.json
measure() {
  local name=$1 n=$2; shift 2
  local cmdline; cmdline=$(printf '%q ' "$@")
  if [ "$timer" = hyperfine ]; then
    hyperfine -N -i --style basic --warmup "$warmup" --runs "$n" \
      --export-json "$res/$name.json" --command-name "$name" "$cmdline" >&2 \
      || die "hyperfine failed for $name"
  else
    local i t0 t1 times=()
    for ((i = 0; i < warmup; i++)); do "$@" >/dev/null 2>&1 || true; done
    for ((i = 0; i < n; i++)); do
      t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s%N)
      times+=("$(( t1 - t0 ))")
    done
    python3 - "$res/$name.json" "$name" "${times[@]}" <<'PY'
import json, statistics, sys
t = [int(x) / 1e9 for x in sys.argv[3:]]
json.dump({"results": [{"command": sys.argv[2], "times": t, "median": statistics.median(t),
           "mean": statistics.mean(t), "min": min(t), "max": max(t),
           "user": None, "system": None}]}, open(sys.argv[1], "w"))
PY
  fi
}

check=("$bin" check --now "$NOW" --format json -q)

# run_checked NAME CMD... : one untimed run; exit 2 (or a crash) is an error
run_checked() {
  local name=$1 rc=0; shift
  "$@" > "$res/$name.out" 2> "$res/$name.err" || rc=$?
  echo "$rc" > "$res/$name.rc"
  if [ "$rc" -ge 2 ]; then
    cat "$res/$name.err" >&2
    die "$name exited $rc: $*"
  fi
}

log "stratlint $("$bin" --version 2>/dev/null || echo '?'), timer $timer, runs $runs"
main=$(repo_for "$main_docs" "$main_commits")
cp "$workdir/repos/d$main_docs-c$main_commits.json" "$res/main.repo.json"
cd "$main"
log "main repository: $main"

run_checked full "${check[@]}"
run_checked nohist "${check[@]}" --no-history
git log --format=%ct --name-only HEAD > /dev/null || die "git log failed in $main"
rc=0; "$rumdl" check --no-cache . > "$res/rumdl.out" 2>&1 || rc=$?
[ "$rc" -le 1 ] || { cat "$res/rumdl.out" >&2; die "rumdl exited $rc"; }
changed=1; rc=0
"${check[@]}" --changed-since HEAD~50 > "$res/changed.out" 2> "$res/changed.err" || rc=$?
echo "$rc" > "$res/changed.rc"
if [ "$rc" -ge 2 ]; then
  changed=0
  log "--changed-since is not available (exit $rc): recording n/a"
  head -c 2000 "$res/changed.err" >&2 || true
fi

log "1. full check vs git log"
measure full "$runs" "${check[@]}"
measure gitlog "$runs" git log --format=%ct --name-only HEAD
log "2. --no-history vs rumdl"
measure nohist "$runs" "${check[@]}" --no-history
measure rumdl "$runs" "$rumdl" check --no-cache .
if [ "$changed" = 1 ]; then
  log "3. --changed-since HEAD~50"
  measure changed "$runs" "${check[@]}" --changed-since HEAD~50
fi
log "3b. report and map vs the full check"
measure report "$runs" "$bin" report --now "$NOW" --format html
measure map "$runs" "$bin" map --now "$NOW"
log "3c. diff from the first commit to HEAD vs the full check (reported)"
first=$(git rev-list --max-parents=0 HEAD | tail -n 1)
diff_cmd=("$bin" diff --now "$NOW" --format json "$first" HEAD)
run_checked diff "${diff_cmd[@]}"
measure diff "$runs" "${diff_cmd[@]}"
log "4. peak RSS"
for ((i = 0; i < rss_runs; i++)); do
  /usr/bin/time -f %M -o "$res/rss.$i" "${check[@]}" > /dev/null || [ $? -eq 1 ] || die "RSS run failed"
done
cat "$res"/rss.* > "$res/rss.txt"

log "4b. the full check with initiatives linking commits vs git log"
init=$(repo_for "$main_docs" "$main_commits" "$main_initiatives")
cp "$workdir/repos/d$main_docs-c$main_commits-i$main_initiatives.json" "$res/init.repo.json"
(cd "$init" && run_checked full_init "${check[@]}" \
  && measure full_init "$runs" "${check[@]}" \
  && measure gitlog_init "$runs" git log --format=%ct --name-only HEAD)

log "5. scaling"
for d in "${scale_docs[@]}"; do
  dir=$(repo_for "$d" "$main_commits")
  (cd "$dir" && run_checked "scale-docs-$d" "${check[@]}" && measure "scale-docs-$d" "$scale_runs" "${check[@]}")
done
for c in "${scale_commits[@]}"; do
  dir=$(repo_for "$main_docs" "$c")
  (cd "$dir" && run_checked "scale-commits-$c" "${check[@]}" && measure "scale-commits-$c" "$scale_runs" "${check[@]}")
done

log "6. LSP re-check after a keystroke"
python3 "$here/lsp_latency.py" --binary "$bin" --repo "$main" --now "$NOW" "${lsp_args[@]}" \
  --out "$res/lsp.out" > /dev/null \
  || die "lsp_latency.py failed: the language server crashed, hung or never published"
if [ "$smoke" = 0 ]; then
  log "6b. LSP re-check after a keystroke at 20,000 documents (reported)"
  big=$(repo_for 20000 2000)
  python3 "$here/lsp_latency.py" --binary "$bin" --repo "$big" --now "$NOW" "${lsp_args[@]}" \
    --out "$res/lsp20k.out" > /dev/null \
    || die "lsp_latency.py failed at 20,000 documents: the language server crashed, hung or never published"
fi
log "6c. MCP tool calls once history is read"
python3 "$here/mcp_latency.py" --binary "$bin" --repo "$main" --now "$NOW" \
  --rounds "$([ "$smoke" = 1 ] && echo 2 || echo 20)" --out "$res/mcp.out" > /dev/null \
  || die "mcp_latency.py failed: the MCP server crashed, hung or answered with an error"
cd "$root"

# ---- report -------------------------------------------------------------------
{
  echo "smoke=$smoke"
  echo "timer=$timer"
  echo "runs=$runs"
  echo "scale_runs=$scale_runs"
  echo "now=$NOW"
  echo "main_docs=$main_docs"
  echo "main_commits=$main_commits"
  echo "main_initiatives=$main_initiatives"
  echo "scale_docs=${scale_docs[*]}"
  echo "scale_commits=${scale_commits[*]}"
  echo "changed_available=$changed"
  echo "build_seconds=$build_seconds"
  echo "seconds=$(( $(date +%s) - started ))"
  echo "nproc=$(nproc 2>/dev/null || echo '?')"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //' || echo '?')"
  echo "mem_kb=$(awk '/MemTotal/ {print $2}' /proc/meminfo 2>/dev/null || echo '?')"
  echo "kernel=$(uname -sr)"
  echo "loadavg_start=$loadavg_start"
  echo "loadavg=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
  echo "stratlint_version=$("$bin" --version 2>/dev/null || echo '?')"
  echo "stratlint_commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" diff --quiet HEAD -- src Cargo.toml Cargo.lock 2>/dev/null || echo '-dirty')"
  echo "rustc=$(rustc --version 2>/dev/null || echo '?')"
  echo "git=$(git --version)"
  echo "rumdl=$("$rumdl" --version)"
  echo "hyperfine=$(hyperfine --version 2>/dev/null || echo none)"
} > "$res/facts.txt"
python3 "$here/report.py" "$res" "$out" || die "report.py failed"
log "wrote $out"
