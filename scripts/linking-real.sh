#!/usr/bin/env bash
# Link commits to initiatives on real public histories, and check stratlint against git itself.
#
# A maintainer's tool, not part of .ci/run: CI cannot fetch. Bring each repository below as a bare
# git directory MIRRORS/<owner>+<name>/repo first (a `git clone --mirror` of the public repository,
# or the `fetch` snapshot), then run
#
#     scripts/linking-real.sh MIRRORS path/to/stratlint [OUT]
#
# Each repository is cloned (history kept) into a scratch directory, checked out at the pinned
# commit, and given a small strategy directory in one commit with a fixed date (a minute after the
# pinned commit): `stratlint.toml` (`execution.trailers` names trailers that history uses), one
# objective, and initiatives whose `keys` are issue keys from that history, whose `paths` are its
# code directories, and whose ids appear as trailer values there. stratlint then runs with `--now`
# the UTC day after that commit: `check`, `trace` of each initiative's path, and `report` (the
# Execution section's activity in `execution.window`, 100 days, and last linked day), and once more
# with `window = "100y"` written in the working tree's stratlint.toml, so that the activity is every
# linked commit.
#
# The ground truth is computed by git alone, as SPEC §14 reads it:
#   - merges are left out (`--no-merges`), and so are commits whose author name ends in `[bot]`;
#   - a trailer line: `git log --grep` of `^<Trailer>:` (the name in any case) followed by the id
#     between separators (whitespace or commas), anywhere in the message;
#   - a key: `git log --grep` of the key bounded by the line's start or end or a character that is
#     not a letter, digit, `-` or `_`;
#   - paths: `git log --full-history -- <pathspecs>` (every commit reachable from HEAD that changes
#     a matching file against its parent, not git's simplified history), less the commits that
#     name any initiative by trailer or key;
#   - the window: committer time t with now - 100 days < t <= now.
# For the trailers it also prints how many of those commits carry the trailer in git's own trailer
# block (`%(trailers:key=…)`): SPEC §14 reads any line of the message, git only the last paragraph.
#
# OUT (default: a temporary directory) receives, per repository, the strategy files written
# (stratlint.toml, strategy/), check.json, report.json,
# report-all.json, trace.json, years.tsv (per year, the initiatives whose commits linked by its
# first of January stratlint and git count alike, and those they do not), linking.tsv (initiative; linked by stratlint and by git, all
# and in the window; last linked day by each), trace.tsv (the first and last file at HEAD below each
# initiative's paths; the initiatives `trace` names for it, and those whose pathspecs `git ls-files`
# matches it with), and summary.tsv. The exit status is 1 when stratlint
# and git disagree anywhere.
#
# TIMING=1 also times `stratlint check` on the largest history, with and without the initiatives
# (5 runs each, median; the initiatives file moved out of the working tree for "without"), with
# the initiatives less their `paths` (only messages read), and, for scale, `git log --no-merges
# --format=%an%n%B` (every message, once) and `git log --full-history -- <every pathspec>`. COMMIT_GRAPH=1 writes a
# commit-graph with changed-path Bloom filters in each clone first.
#
# docs/execution.md ("Tested on real histories") gives the results and what they found.
set -euo pipefail

if [ $# -lt 2 ]; then
    echo "usage: $0 MIRRORS BINARY [OUT]" >&2
    exit 2
fi
mirrors=$(cd "$1" && pwd)
binary=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
out=${3:-$(mktemp -d)}
mkdir -p "$out"
out=$(cd "$out" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# name | owner/name | commit | execution.trailers (comma-separated) | initiatives (a name in the
# table below) | depth (empty: the whole history; N: a shallow clone, `git fetch --depth N`)
repos='
commons-lang|apache/commons-lang|d15939ef46f0bd4144994df8be95cf5a7f91eb52|Strategy,Co-authored-by|commons-lang|
commons-io|apache/commons-io|d83aeb6f4774aee75d857b29fb6cd89132c9a91b|Strategy|commons-io|
runc|opencontainers/runc|76d9cf5da5683ff449ae967db58fa8c5927ca54b|Signed-off-by|runc|
oslo.config|openstack/oslo.config|57da8d31a756596c62f87b5b7919c4876b7041fe|Blueprint,Implements|oslo.config|
commons-lang-depth-300|apache/commons-lang|d15939ef46f0bd4144994df8be95cf5a7f91eb52|Strategy,Co-authored-by|commons-lang|300
runc-depth-200|opencontainers/runc|76d9cf5da5683ff449ae967db58fa8c5927ca54b|Signed-off-by|runc|200
'

# initiatives | initiative id | keys (space-separated) | paths as .gitignore lines (space-separated)
# | the same paths as git pathspecs (space-separated) | why
initiatives='
commons-lang|I-LANG-1480|LANG-1480|||the key most mentioned in history (35 messages)
commons-lang|I-LANG-1448|LANG-1448|||`[LANG-1448J Javadoc` is no mention: not a whole word
commons-lang|I-LANG-RECENT|LANG-1833 LANG-1832 LANG-1827 LANG-1815|||keys of the last 100 days
commons-lang|I-TIME||src/main/java/org/apache/commons/lang3/time/ src/test/java/org/apache/commons/lang3/time/|src/main/java/org/apache/commons/lang3/time/ src/test/java/org/apache/commons/lang3/time/|a package (main and tests)
commons-lang|I-STRINGUTILS||StringUtils.java|:(glob)**/StringUtils.java|a file name at any depth (renamed packages included)
commons-lang|I-CI||/.github/|.github/|CI files, most changed by dependabot[bot] (ignored)
commons-lang|Gregory||||`Co-authored-by: Gary Gregory <…>`: the id among the trailer'"'"'s words
commons-lang|Karwasz||||`Co-authored-by: Piotr P. Karwasz <…>`
commons-io|I-IO-856|IO-856|||the key most mentioned (18 messages)
commons-io|I-IO-789|IO-789|||only ever written as `IO-789_SymbolicLinkFileFilter_…`: links nothing
commons-io|I-IO-RECENT|IO-892 IO-891 IO-867|||keys of the last 100 days
commons-io|I-INPUT||src/main/java/org/apache/commons/io/input/|src/main/java/org/apache/commons/io/input/|a package
commons-io|I-FILEUTILS||FileUtils.java|:(glob)**/FileUtils.java|a file name at any depth
commons-io|I-BUILD||/pom.xml /.github/workflows/*.yml|pom.xml :(glob).github/workflows/*.yml|the build, often bumped by dependabot[bot]
runc|Sarai||||`Signed-off-by: Aleksa Sarai <…>`
runc|rajasec||||`Signed-off-by: rajasec <…>`
runc|I-CVE-2019-5736|CVE-2019-5736|||a CVE as a key (digits and dashes)
runc|I-CVE-2024|CVE-2024-21626 CVE-2024-45310|||two keys
runc|I-CGROUPS||libcontainer/cgroups/|libcontainer/cgroups/|a directory since moved to its own repository
runc|I-BATS||*.bats|:(glob)**/*.bats|a glob at any depth
runc|I-VENDOR||/vendor/|vendor/|vendored code, much of it bumped by dependabot[bot]
oslo.config|oslo-config-drivers||oslo_config/sources/|oslo_config/sources/|`Blueprint: oslo-config-drivers`, and the code it added
oslo.config|oslo-config-generator||||`blueprint: oslo-config-generator` (lower-case trailer)
oslo.config|remove-namespace-packages||||`Blueprint: remove-namespace-packages` once, `Blueprint remove-…` (no colon) once
oslo.config|advanced-option||||`Implements: blueprint advanced-option`
oslo.config|I-OSLO-SPHINX|oslo.sphinx|||a key with a dot (the old documentation package)
oslo.config|I-SPHINX||oslo_config/sphinxext.py oslo_config/sphinxconfiggen.py|oslo_config/sphinxext.py oslo_config/sphinxconfiggen.py|two files
'

# The UTC day of a Unix time.
utc_day() { TZ=UTC date -d "@$1" +%Y-%m-%d; }

# The median of five wall-clock times (seconds) of a command run in a directory, output discarded.
median_of_5() {
    local dir=$1 i start end
    shift
    for i in 1 2 3 4 5; do
        start=$(date +%s.%N)
        (cd "$dir" && "$@" >/dev/null 2>&1) || true
        end=$(date +%s.%N)
        echo "$end - $start" | bc
    done | sort -n | sed -n 3p | xargs printf '%.2f'
}

# Writes the strategy directory of repository $1 into $2, and its stratlint.toml.
write_strategy() {
    local name=$1 work=$2 trailers=$3 first=1
    mkdir -p "$work/strategy"
    {
        printf '[execution]\ntrailers = ['
        local sep='' t
        IFS=',' read -r -a tl <<<"$trailers"
        for t in "${tl[@]}"; do
            printf '%s"%s"' "$sep" "$t"
            sep=', '
        done
        printf ']\nwindow = "100d"\n'
    } >"$work/stratlint.toml"
    printf '[[objective]]\nid = "O-REAL"\ntitle = "Carry the work this history records"\nlevel = "company"\nowner = "maintainers"\n' \
        >"$work/strategy/objectives.toml"
    printf '[people.maintainers]\nname = "The maintainers"\n' >"$work/owners.toml"
    echo "$initiatives" | while IFS='|' read -r repo id keys paths pathspecs why; do
        [ "$repo" = "$name" ] || continue
        [ $first = 1 ] || echo
        first=0
        printf '[[initiative]]\nid = "%s"\ntitle = "%s"\nowner = "maintainers"\nserves = ["O-REAL"]\n' \
            "$id" "${why//\"/\\\"}"
        for field in keys paths; do
            local list=${!field}
            [ -n "$list" ] || continue
            printf '%s = [' "$field"
            local sep='' w
            for w in $list; do
                printf '%s"%s"' "$sep" "$w"
                sep=', '
            done
            printf ']\n'
        done
    done >"$work/strategy/initiatives.toml"
}

# The ground truth by git, as SPEC §14 reads it: one line per initiative (id, linked, in the
# window, last linked day, commits carrying the trailer in git's trailer block); and, in file
# $5, each initiative's linked commits' committer times.
ground_truth() {
    local name=$1 work=$2 trailers=$3 now=$4 times_file=$5
    python3 - "$name" "$work" "$trailers" "$now" "$initiatives" "$times_file" <<'PY'
import re, subprocess, sys, time, calendar

name, work, trailers, now, table, times_file = sys.argv[1:7]
times_out = open(times_file, "w")
now_s = calendar.timegm(time.strptime(now, "%Y-%m-%d"))
window = 100 * 86400

def git(*args):
    out = subprocess.run(["git", "-C", work, *args], check=True, capture_output=True)
    return out.stdout.decode("utf-8", "replace")

def log(*args):
    return set(git("log", "--no-merges", "--format=%H", *args).split())

# Every non-merge commit: author name and committer time.
meta = {}
for line in git("log", "--no-merges", "--format=%H%x00%an%x00%ct").splitlines():
    h, an, ct = line.split("\0")
    meta[h] = (an, int(ct))
bots = {h for h, (an, _) in meta.items() if an.endswith("[bot]")}

def ci(word):
    # A case-insensitive POSIX ERE for a literal word: [Cc][Oo]-...
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else re.escape(c) for c in word)

sep = "[[:space:],]"
rows = []
for line in table.strip().splitlines():
    repo, ident, keys, paths, pathspecs, _ = line.split("|")
    if repo != name:
        continue
    named = set()
    in_block = set()
    for t in trailers.split(","):
        named |= log("-E", f"--grep=^{ci(t)}:(.*{sep})?{re.escape(ident)}({sep}|$)")
        # git's own trailer block, for comparison only.
        for l in git("log", "--no-merges", f"--format=%H%x00%(trailers:key={t},valueonly,separator=%x01)").splitlines():
            h, _, vals = l.partition("\0")
            for v in vals.split("\x01"):
                if ident in re.split(r"[\s,]+", v.strip()):
                    in_block.add(h)
    for k in keys.split():
        named |= log("-E", f"--grep=(^|[^A-Za-z0-9_-]){re.escape(k)}([^A-Za-z0-9_-]|$)")
    rows.append([ident, named, pathspecs.split(), in_block - bots])

# A commit that names any initiative by trailer or key is linked to those alone.
any_named = set().union(*(r[1] for r in rows)) if rows else set()
for ident, named, pathspecs, in_block in rows:
    linked = named
    if pathspecs:
        linked = linked | (log("--full-history", "--", *pathspecs) - any_named)
    linked -= bots
    times = [meta[h][1] for h in linked]
    print(ident, *sorted(times), sep="\t", file=times_out)
    in_window = sum(1 for t in times if now_s - window < t <= now_s)
    last = time.strftime("%Y-%m-%d", time.gmtime(max(times))) if times else "-"
    print(f"{ident}\t{len(linked)}\t{in_window}\t{last}\t{len(in_block)}")
PY
}

# Runs `trace` on files below each initiative's paths and compares the initiatives it names with
# those whose pathspecs git matches the file with; writes trace.json and trace.tsv.
trace_check() {
    local name=$1 work=$2 now=$3 dest=$4
    python3 - "$name" "$work" "$now" "$dest" "$binary" "$initiatives" <<'PY'
import json, subprocess, sys

name, work, now, dest, binary, table = sys.argv[1:7]
def files(specs):
    out = subprocess.run(["git", "-C", work, "ls-files", "-z", "--", *specs], check=True,
                         capture_output=True).stdout.decode("utf-8", "replace")
    return sorted(f for f in out.split("\0") if f and not f.startswith("strategy/"))
specs = {}
for line in table.strip().splitlines():
    repo, ident, _, _, pathspecs, _ = line.split("|")
    if repo == name and pathspecs:
        specs[ident] = files(pathspecs.split())
traced = sorted({f for fs in specs.values() for f in (fs[:1] + fs[-1:])})
if not traced:
    sys.exit(0)
run = subprocess.run([binary, "trace", "--format", "json", "--now", now, *traced], cwd=work,
                     capture_output=True)
open(f"{dest}/trace.json", "wb").write(run.stdout)
got = {}
for p in json.loads(run.stdout or b'{"paths": []}')["paths"]:
    got[p["path"]] = sorted(o["id"] for o in p["objects"] if o["kind"] == "initiative")
bad = 0
with open(f"{dest}/trace.tsv", "w") as out:
    print("file\tstratlint trace\tgit ls-files\tverdict", file=out)
    for f in traced:
        want = sorted(i for i, fs in specs.items() if f in fs)
        ok = got.get(f) == want
        bad += not ok
        print(f"{f}\t{' '.join(got.get(f, ['?']))}\t{' '.join(want)}\t{'ok' if ok else 'DISAGREE'}",
              file=out)
sys.exit(1 if bad else 0)
PY
}

# With now on the first of January of each year from the first commit's to now's, stratlint's
# activity over a century (the commits linked by then) per initiative against git's; writes
# years.tsv: year, initiatives that agree, those that disagree (by id).
by_year() {
    local work=$1 dest=$2
    python3 - "$work" "$dest" "$binary" <<'PY'
import calendar, json, subprocess, sys, time

work, dest, binary = sys.argv[1:4]
times = {}
for line in open(f"{dest}/git-times.tsv"):
    ident, *ts = line.rstrip("\n").split("\t")
    times[ident] = [int(t) for t in ts]
first = int(subprocess.run(["git", "-C", work, "log", "--reverse", "--format=%ct"], check=True,
                           capture_output=True).stdout.split()[0])
last = int(subprocess.run(["git", "-C", work, "log", "-1", "--format=%ct"], check=True,
                          capture_output=True).stdout)
bad = 0
with open(f"{dest}/years.tsv", "w") as out:
    print("now\tagree\tdisagree", file=out)
    for year in range(time.gmtime(first).tm_year + 1, time.gmtime(last).tm_year + 2):
        now = f"{year}-01-01"
        now_s = calendar.timegm(time.strptime(now, "%Y-%m-%d"))
        run = subprocess.run([binary, "report", "--format", "json", "--now", now], cwd=work,
                             capture_output=True)
        got = {i["id"]: i["activity"] for i in json.loads(run.stdout or b"{}").get("initiatives") or []}
        wrong = [i for i, ts in times.items() if got.get(i) != sum(1 for t in ts if t <= now_s)]
        bad += len(wrong)
        print(now, len(times) - len(wrong), " ".join(wrong) or "-", sep="\t", file=out)
sys.exit(1 if bad else 0)
PY
}

# stratlint's activity per initiative from a report: id, activity, last linked day.
report_activity() {
    python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
for i in d.get("initiatives") or []:
    print(i["id"], i["activity"], i["last_activity"] or "-", sep="\t")' "$1"
}

status=0
largest='' largest_n=0
printf 'repository\tcommits\tnon_merge\tinitiatives\tlinked (stratlint)\tlinked (git)\tyears compared\tdisagreements\n' >"$out/summary.tsv"
while IFS='|' read -r name repo commit trailers set depth; do
    [ -n "$name" ] || continue
    bare="$mirrors/${repo/\//+}/repo"
    if [ ! -d "$bare" ]; then
        echo "$name: no mirror at $bare, skipped" >&2
        continue
    fi
    work="$scratch/$name"
    if [ -n "$depth" ]; then
        # A shallow clone: its boundary commits have no parent there (git log and stratlint
        # alike read them as root commits, each changing every file it has).
        git init -q "$work"
        git -C "$work" fetch -q --depth "$depth" "file://$bare" "$commit" 2>/dev/null || true
        git -C "$work" -c advice.detachedHead=false checkout -q FETCH_HEAD 2>/dev/null || true
    else
        git clone -q --no-checkout "$bare" "$work"
        git -C "$work" -c advice.detachedHead=false checkout -q "$commit" 2>/dev/null || true
    fi
    if [ "$(git -C "$work" rev-parse HEAD)" != "$commit" ]; then
        echo "$name: cannot check out $commit, skipped" >&2
        continue
    fi
    if [ "${COMMIT_GRAPH:-0}" = 1 ]; then git -C "$work" commit-graph write --reachable --changed-paths || true; fi
    write_strategy "$set" "$work" "$trailers"
    # One commit, a minute after the pinned one; now is the UTC day after it.
    when=$(($(git -C "$work" log -1 --format=%ct) + 60))
    (
        cd "$work"
        export GIT_AUTHOR_DATE="@$when +0000" GIT_COMMITTER_DATE="@$when +0000"
        export GIT_AUTHOR_NAME=linking-real GIT_AUTHOR_EMAIL=linking-real@example.invalid
        export GIT_COMMITTER_NAME=linking-real GIT_COMMITTER_EMAIL=linking-real@example.invalid
        git add stratlint.toml owners.toml strategy
        git commit -q -m "Strategy for linking-real"
    )
    now=$(utc_day $((when + 86400)))
    dest="$out/$name"
    mkdir -p "$dest"
    cp -r "$work/stratlint.toml" "$work/strategy" "$dest/"
    (cd "$work" && "$binary" check --format json --color never --now "$now" >"$dest/check.json" 2>"$dest/check.err") || true
    (cd "$work" && "$binary" report --format json --now "$now" >"$dest/report.json" 2>/dev/null) || true
    # trace: the first and last file (by name) of each initiative's paths at HEAD; git says which
    # initiatives' pathspecs hold it (`git ls-files`), trace which initiatives govern it.
    trace_check "$set" "$work" "$now" "$dest" || status=1
    ground_truth "$set" "$work" "$trailers" "$now" "$dest/git-times.tsv" >"$dest/git.tsv"
    # Every linked commit: the same run with a window of a century; and with now on the first of
    # January of each year of the history, the commits linked by then, year by year.
    sed -i 's/^window = .*/window = "100y"/' "$work/stratlint.toml"
    (cd "$work" && "$binary" report --format json --now "$now" >"$dest/report-all.json" 2>/dev/null) || true
    by_year "$work" "$dest" || status=1
    git -C "$work" checkout -q -- stratlint.toml
    report_activity "$dest/report.json" >"$dest/window.tsv"
    report_activity "$dest/report-all.json" >"$dest/all.tsv"
    # initiative, stratlint all, git all, stratlint window, git window, stratlint last, git last, git trailer block
    python3 - "$dest" <<'PY' >"$dest/linking.tsv" || status=1
import sys
d = sys.argv[1]
def rows(f):
    return {l.split("\t")[0]: l.rstrip("\n").split("\t")[1:] for l in open(f"{d}/{f}") if l.strip()}
git, window, every = rows("git.tsv"), rows("window.tsv"), rows("all.tsv")
bad = 0
print("initiative\tlinked stratlint\tlinked git\twindow stratlint\twindow git\tlast stratlint\tlast git\tgit trailer block\tverdict")
for ident, (g_all, g_win, g_last, block) in git.items():
    s_all = every.get(ident, ["?", "?"])[0]
    s_win, s_last = window.get(ident, ["?", "?"])
    ok = (s_all, s_win, s_last) == (g_all, g_win, g_last)
    bad += not ok
    print(f"{ident}\t{s_all}\t{g_all}\t{s_win}\t{g_win}\t{s_last}\t{g_last}\t{block}\t{'ok' if ok else 'DISAGREE'}")
sys.exit(1 if bad else 0)
PY
    commits=$(git -C "$work" rev-list --count HEAD)
    non_merge=$(git -C "$work" rev-list --count --no-merges HEAD)
    disagree=$(cat "$dest/linking.tsv" "$dest"/trace.tsv 2>/dev/null | grep -c DISAGREE || true)
    disagree=$((disagree + $(awk -F'\t' 'NR > 1 && $3 != "-" { n += split($3, x, " ") } END { print n + 0 }' "$dest/years.tsv")))
    years=$(($(wc -l <"$dest/years.tsv") - 1))
    n_init=$(($(wc -l <"$dest/linking.tsv") - 1))
    s_sum=$(awk -F'\t' 'NR > 1 { s += $2 } END { print s + 0 }' "$dest/linking.tsv")
    g_sum=$(awk -F'\t' 'NR > 1 { s += $3 } END { print s + 0 }' "$dest/linking.tsv")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$commits" "$non_merge" "$n_init" "$s_sum" "$g_sum" "$years" "$disagree" \
        >>"$out/summary.tsv"
    shallow=''
    [ -n "$depth" ] && shallow=", depth $depth: $(wc -l <"$work/.git/shallow") boundary commits"
    echo "== $name ($repo at ${commit:0:12}$shallow, now $now): $commits commits, $non_merge without merges"
    column -t -s $'\t' "$dest/linking.tsv"
    echo
    echo "activity by year: $years years, $(awk -F'\t' 'NR > 1 && $3 != "-"' "$dest/years.tsv" | wc -l) with a disagreement (years.tsv)"
    echo
    if [ -f "$dest/trace.tsv" ]; then
        column -t -s $'\t' "$dest/trace.tsv"
        echo
    fi
    if [ "$commits" -gt "$largest_n" ]; then largest=$name largest_set=$set largest_n=$commits; fi
    if [ "${TIMING:-0}" = 1 ]; then echo "$now" >"$dest/now"; else rm -rf "$work"; fi
done <<<"$repos"

if [ "${TIMING:-0}" = 1 ] && [ -n "$largest" ]; then
    work="$scratch/$largest"
    now=$(cat "$out/$largest/now")
    with=$(median_of_5 "$work" "$binary" check --format json --color never --now "$now")
    mv "$work/strategy/initiatives.toml" "$scratch/initiatives.toml"
    without=$(median_of_5 "$work" "$binary" check --format json --color never --now "$now")
    # The same initiatives without `paths`: messages only.
    grep -v '^paths = ' "$scratch/initiatives.toml" >"$work/strategy/initiatives.toml"
    messages_only=$(median_of_5 "$work" "$binary" check --format json --color never --now "$now")
    mv "$scratch/initiatives.toml" "$work/strategy/initiatives.toml"
    git_messages=$(median_of_5 "$work" git log --no-merges --format=%an%n%B)
    read -r -a specs <<<"$(echo "$initiatives" | awk -F'|' -v n="$largest_set" '$1 == n && $5 != "" { printf "%s ", $5 }')"
    git_paths=$(median_of_5 "$work" git log --no-merges --full-history --format=%H -- "${specs[@]}")
    {
        printf 'repository\tcommits\tcheck without initiatives (s)\twith, keys and trailers only (s)\twith, paths too (s)\tgit log of every message (s)\tgit log -- <every path> (s)\n'
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$largest" "$largest_n" "$without" "$messages_only" "$with" "$git_messages" "$git_paths"
    } >"$out/timing.tsv"
    column -t -s $'\t' "$out/timing.tsv"
    echo
fi

column -t -s $'\t' "$out/summary.tsv"
echo "outputs in $out"
exit $status
