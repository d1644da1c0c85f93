#!/usr/bin/env bash
# The monorepo benchmark (issue 19; docs/performance.md, "Monorepos"): for each
# size, a synthetic monorepo (bench/monorepo.py: 1,000 strategy documents in
# strategy/, a 30,000-file code tree, about one commit in a hundred touching
# strategy, config at the top) is measured against two floors:
#   path floor   `git log --format=%ct -- strategy/` without a commit-graph
#   Bloom floor  the same with `git commit-graph write --reachable --changed-paths`
# and stratlint's full check, its peak RSS, its peak anonymous memory (what
# it owns, without the mapped pages of git's files) and `check FILE` (one principle, as a
# pre-commit hook runs it), with and without the graph. Prints a Markdown table
# and writes JSON.
#
# --shapes picks the repositories (issue 23; default `plain`):
#   plain  the shape above
#   grow   a strategy that grows: 45% of strategy commits add a document, and
#          each strategy commit also changes 3 code files (monorepo.py --adds
#          0.45 --strategy-code 3)
#   adr    a code repository with adopted ADRs and no other strategy: one
#          undated record per 200 commits in docs/adr (monorepo.py --docs 0
#          --adrs N/200); its floors are `git log --format=%ct -- docs/adr`
#   init   execution (issue 25): 50 done initiatives, each owning one code
#          package (every tenth of the 500) as `paths` (monorepo.py
#          --initiatives 50); its floors are `git log --format=%ct --
#          strategy/ <those 50 directories>`
#
#   bash bench/run.sh --monorepo [--sizes 20000,100000] [--shapes plain,grow,adr,init] [--runs N] [--workdir DIR] [--out FILE] [--no-build]
#
# Generating a repository takes about 30 s per 100,000 commits (kept in the work
# directory and reused); 1,000,000 commits take about 6 minutes and 1 GB of disk.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
sizes=20000,100000 shapes=plain runs=5 workdir="${TMPDIR:-/tmp}/stratlint-bench" out="" build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=${2:?--sizes needs a list}; shift ;;
    --shapes) shapes=${2:?--shapes needs a list}; shift ;;
    --runs) runs=${2:?--runs needs a number}; shift ;;
    --workdir) workdir=${2:?--workdir needs a directory}; shift ;;
    --out) out=${2:?--out needs a file}; shift ;;
    --no-build) build=0 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "monorepo.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
die() { echo "monorepo.sh: error: $*" >&2; exit 1; }
[ -x /usr/bin/time ] || die "/usr/bin/time is required (apt-get install time)"
target="${CARGO_TARGET_DIR:-$root/target}"
if [ "$build" = 1 ]; then
  (cd "$root" && cargo build --release --locked) || die "the release build failed"
fi
bin="$target/release/stratlint"
[ -x "$bin" ] || die "no binary at $bin"
mkdir -p "$workdir"
out=${out:-$workdir/monorepo.json}
NOW=2026-11-25
FILE=strategy/principles/p0003.md

# Median wall time (ms) of a command run in $repo.
median_ms() {
  local repo=$1; shift
  if command -v hyperfine >/dev/null; then
    local j; j=$(mktemp)
    (cd "$repo" && hyperfine -N -w 1 -r "$runs" --export-json "$j" "$*" >/dev/null 2>&1) || die "failed: $*"
    python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["results"][0]["median"]*1000, 1))' "$j"
    rm -f "$j"
  else
    local ts=()
    for _ in $(seq "$runs"); do
      local s e; s=$(date +%s%N); (cd "$repo" && "$@" >/dev/null 2>&1) || true; e=$(date +%s%N)
      ts+=($(( (e - s) / 1000 )))
    done
    printf '%s\n' "${ts[@]}" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f\n", m/1000}'
  fi
}
rss_mb() {
  local repo=$1; shift
  (cd "$repo" && /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1) | awk '{printf "%.1f\n", $1/1024}'
}
# Peak anonymous memory (MB): what the process owns, without the pages of
# the files it maps (bench/peak_anon.py; 0 where /proc is missing).
anon_mb() {
  local repo=$1; shift
  (cd "$repo" && python3 "$here/peak_anon.py" "$@")
}

rows=()
IFS=, read -ra list <<<"$sizes"
IFS=, read -ra kinds <<<"$shapes"
for shape in "${kinds[@]}"; do
for n in "${list[@]}"; do
  case "$shape" in
    plain) gen=(); floor=(strategy/); file=$FILE; repo="$workdir/mono-$n" ;;
    grow) gen=(--adds 0.45 --strategy-code 3); floor=(strategy/); file=$FILE; repo="$workdir/mono-grow-$n" ;;
    adr) gen=(--docs 0 --adrs $((n / 200))); floor=(docs/adr); file=docs/adr/0001-decide-thing-1.md; repo="$workdir/mono-adr-$n" ;;
    # 50 initiatives, each owning every tenth code package (monorepo.py --initiatives)
    init) gen=(--initiatives 50); floor=(strategy/); for k in $(seq 0 49); do floor+=("$(printf 'src/m%03d/' $((k * 10)))"); done
      file=$FILE; repo="$workdir/mono-init-$n" ;;
    *) die "unknown shape $shape (plain, grow, adr, init)" ;;
  esac
  stamp="$repo.stamp"
  want=$(sha1sum "$here/monorepo.py" | cut -c1-12)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    rm -rf "$repo"
    echo "== generating $repo ($shape, $n commits)" >&2
    python3 "$here/monorepo.py" --commits "$n" "${gen[@]}" --out "$repo" || die "generation failed"
    echo "$want" >"$stamp"
  fi
  graph="$repo/.git/objects/info/commit-graph"
  rm -f "$graph"
  echo "== $shape, $n commits, no commit-graph" >&2
  path=$(median_ms "$repo" git log --format=%ct -- "${floor[@]}")
  check_plain=$(median_ms "$repo" "$bin" check --now "$NOW" --format concise)
  rss_plain=$(rss_mb "$repo" "$bin" check --now "$NOW" --format concise)
  anon_plain=$(anon_mb "$repo" "$bin" check --now "$NOW" --format concise)
  (cd "$repo" && git commit-graph write --reachable --changed-paths 2>/dev/null)
  echo "== $shape, $n commits, with a commit-graph" >&2
  bloom=$(median_ms "$repo" git log --format=%ct -- "${floor[@]}")
  check_graph=$(median_ms "$repo" "$bin" check --now "$NOW" --format concise)
  rss_graph=$(rss_mb "$repo" "$bin" check --now "$NOW" --format concise)
  anon_graph=$(anon_mb "$repo" "$bin" check --now "$NOW" --format concise)
  one=$(median_ms "$repo" "$bin" check --now "$NOW" --format concise "$file")
  rows+=("$shape $n $path $bloom $check_plain $check_graph $rss_plain $rss_graph $anon_plain $anon_graph $one")
done
done

python3 - "$out" "${rows[@]}" <<'PY'
import json, sys
out, rows = sys.argv[1], [r.split() for r in sys.argv[2:]]
data = []
print("| shape | commits | path floor | Bloom floor | check, no graph | × path | check, graph | × Bloom | peak RSS (no graph / graph) | peak anonymous (no graph / graph) | `check FILE`, graph |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for shape, n, path, bloom, plain, graph, rss_p, rss_g, anon_p, anon_g, one in rows:
    path, bloom, plain, graph, one = map(float, (path, bloom, plain, graph, one))
    d = dict(shape=shape, commits=int(n), path_floor_ms=path, bloom_floor_ms=bloom, check_no_graph_ms=plain,
             ratio_path=round(plain / path, 2), check_graph_ms=graph, ratio_bloom=round(graph / bloom, 2),
             rss_no_graph_mb=float(rss_p), rss_graph_mb=float(rss_g),
             anon_no_graph_mb=float(anon_p), anon_graph_mb=float(anon_g), one_file_graph_ms=one)
    data.append(d)
    print(f"| {shape} | {int(n):,} | {path:.0f} ms | {bloom:.0f} ms | {plain:.0f} ms | {d['ratio_path']} | {graph:.0f} ms | "
          f"{d['ratio_bloom']} | {rss_p} / {rss_g} MB | {anon_p} / {anon_g} MB | {one:.0f} ms |")
json.dump({"monorepo": data}, open(out, "w"), indent=2)
print(f"\nwrote {out}", file=sys.stderr)
PY
