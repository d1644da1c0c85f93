#!/usr/bin/env bash
# Adopt real public ADR collections with the minimal config and record what stratlint says.
#
# A maintainer's tool, not part of .ci/run: CI cannot fetch. Bring each repository below as a bare
# git directory MIRRORS/<owner>+<name>/repo first (a `git clone --mirror` of the public repository,
# or the `fetch` snapshot), then run
#
#     scripts/adr-collections.sh MIRRORS path/to/stratlint [OUT]
#
# Each collection is cloned (history kept) into a scratch directory, checked out at the pinned
# commit, given an untracked `stratlint.toml` holding only `[decisions] adr = [...]`, and checked
# with `--now` the UTC day of that commit, so the results do not move with the calendar. Nothing of
# those repositories is kept here: only the list below (where they are, what layout they use).
#
# OUT (default: a temporary directory) receives, per collection, check.json, check.txt (concise),
# check.err, report.json (the decisions as read: status, date, supersedes), map.json, and
# summary.tsv: collection, record-like files in the adopted directories, decisions read, diagnostics
# by code, seconds for the check and for `git log --format=%ct -- <adopted dirs>` (best of three;
# set COMMIT_GRAPH=1 to write a commit-graph with changed-path Bloom filters in each clone first).
#
# docs/adr-collections.md gives the judgement of every diagnostic.
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

# name | owner/name | commit | adopted directories (comma-separated) | layout
collections='
adr-tools|npryce/adr-tools|b3279baf9be2207d1a4f4bbd608fd0b591c72aee|doc/adr|adr-tools (Nygard): NNNN-slug.md, Date: line, ## Status paragraph
adr-tools-superseded|npryce/adr-tools|b3279baf9be2207d1a4f4bbd608fd0b591c72aee|doc/adr|the same, plus three records its own `adr new -s 1`, `-s 10` and `-l 3:Amends:Amended by` write (Supercedes / Superceded by)
madr|adr/madr|11807d877dbc5eb952591d54bc3124ddbc4c924c|docs/decisions|MADR 4: YAML front matter (Jekyll keys, status optional), 0000-use-markdown-…, adr-template.md, index.md
log4brains|thomvaill/log4brains|37187fc8e0cd615c155eb27d6116e1e05681a918|docs/adr|log4brains: YYYYMMDD-slug.md, MADR 2 `- Status:`/`- Date:` list, template.md, index.md
jph-examples|joelparkerhenderson/architecture-decision-record|a5c0ed4e8c54d0f1f009f601a73e6571cea84f6d|locales/en/examples|one folder per record without a number: slug/index.md
arachne|arachne-framework/architecture|060a956277a5ad71df93da49fee52463408841af|.|adr-NNN-slug.md at the repository root, **Status:** paragraph
home-assistant|home-assistant/architecture|be288928486f8539345b5be804778a4f24e55ca7|adr|NNNN-slug.md, mixed case, several records per number
govuk-aws|alphagov/govuk-aws|81ee9f6e91fd8692fbf751ecf980c671c13aa3c0|docs/architecture/decisions|adr-tools in a 4k-commit infrastructure repository
gsp|alphagov/gsp|a9f80de52b39d460d4c8d00ae5fd9f7a4c9da383|docs/architecture/adr|ADRNNN-slug.md (letters and digits, no separator), ADR000-template.md
cloud-platform|ministryofjustice/cloud-platform|7f879f3af6cd39f8711ec99ee3b4d2163ff54024|architecture-decision-record|NNN-Title.md (three digits, capitalised slugs), in a 3k-commit repository
modernisation-platform|ministryofjustice/modernisation-platform|ed8a7936d0d18f09f9ed74671d4884b3adfdc1aa|architecture-decision-record|adr-tools records in a 22k-commit infrastructure repository
cometbft|cometbft/cometbft|5bba72c14f2be2b06ac4d89dbdf6712e2e5e095c|docs/references/architecture,docs/references/architecture/tendermint-core|adr-NNN-slug.md, adr-template.md, in an 11k-commit code repository
hyades|DependencyTrack/hyades|0c46b1b9af37cbfd49a4d0bbae98baf39bf3d6be|docs/architecture/decisions|NNN-slug.md with no title heading (titles live in mkdocs.yml), status and date in a table, 000-index.md, in a 3k-commit code repository
nats|nats-io/nats-architecture-and-design|f5f5126268f850017f049b53aef278dafc0dd401|adr|ADR-N.md (number without a slug), metadata table
edc|eclipse-edc/Connector|ed3f509e36a90a94d46e3a7d53c6b7e6db4a6da3|docs/developer/decision-records|one folder per record named YYYY-MM-DD-slug/README.md, in a 3k-commit code repository
pipecd-tutorial|pipe-cd/tutorial|412a9e53010cf443e8ece0639e814c9c1f191a15|adr|one folder per record named YYYYMMDD-slug/index.md
ghaf|tiiuae/ghaf|d08dc67d2813275c7ee5847a39f81e6f240c3135|docs/src/architecture/adr|slug.md without a number, SPDX licence comment before the title
'

# The day (UTC) of the checked-out commit.
head_day() { TZ=UTC git -C "$1" log -1 --format=%cd --date=format-local:%Y-%m-%d; }

# Files and folders in an adopted directory that a reader would call records: Markdown files and
# folders holding index.md/README.md, less README/index (000-index.md too) and templates.
record_like() {
    local dir=$1 n=0 entry base
    for entry in "$dir"/*; do
        base=$(basename "$entry")
        case "${base,,}" in readme.md | index.md) continue ;; esac
        [[ "${base,,}" =~ (^|[^a-z])template([^a-z]|$) ]] && continue
        [[ "${base,,}" =~ ^[0-9]+-(index|readme)\.md$ ]] && continue
        if [ -f "$entry" ]; then
            case "${base,,}" in *.md | *.markdown) n=$((n + 1)) ;; esac
        elif [ -f "$entry/index.md" ] || [ -f "$entry/README.md" ]; then
            n=$((n + 1))
        fi
    done
    echo "$n"
}

# The best of three wall-clock times (seconds) of a command run in a directory, output discarded.
best_of_3() {
    local dir=$1 best='' i start end t
    shift
    for i in 1 2 3; do
        start=$(date +%s.%N)
        (cd "$dir" && "$@" >/dev/null 2>&1) || true
        end=$(date +%s.%N)
        t=$(echo "$end - $start" | bc)
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
    done
    printf '%.2f' "$best"
}

# adr-tools' own `adr` script (from the checked-out snapshot) writes superseding records, so its
# spellings `Supercedes` / `Superceded by` appear as its users' repositories have them.
prepare_adr_tools_superseded() {
    local dir=$1
    (
        cd "$dir"
        export ADR_DATE=2020-04-01 VISUAL=true EDITOR=true
        export GIT_AUTHOR_DATE=2020-04-01T12:00:00Z GIT_COMMITTER_DATE=2020-04-01T12:00:00Z
        export GIT_AUTHOR_NAME=adr-collections GIT_AUTHOR_EMAIL=adr-collections@example.invalid
        export GIT_COMMITTER_NAME=adr-collections GIT_COMMITTER_EMAIL=adr-collections@example.invalid
        ./src/adr new -s 1 Record decisions in a wiki >/dev/null
        ./src/adr new -s 10 Record decisions in Markdown again >/dev/null
        ./src/adr new -l "3:Amends:Amended by" Allow subcommand aliases >/dev/null
        git add -A doc/adr
        git commit -q -m "adr new -s 1, -s 10, -l 3:Amends:Amended by"
    )
}

printf 'collection\trecord_like\tread (report)\tdiagnostics\tcheck_s\tgit_log_s\n' >"$out/summary.tsv"
echo "$collections" | while IFS='|' read -r name repo commit dirs layout; do
    [ -n "$name" ] || continue
    bare="$mirrors/${repo/\//+}/repo"
    if [ ! -d "$bare" ]; then
        echo "$name: no mirror at $bare, skipped" >&2
        continue
    fi
    work="$scratch/$name"
    git clone -q --no-checkout "$bare" "$work"
    # A snapshot may lack its largest blobs: the checkout then leaves those files out, which is
    # fine as long as HEAD is the pinned commit.
    git -C "$work" -c advice.detachedHead=false checkout -q "$commit" 2>/dev/null || true
    if [ "$(git -C "$work" rev-parse HEAD)" != "$commit" ]; then
        echo "$name: cannot check out $commit, skipped" >&2
        continue
    fi
    [ "$name" = adr-tools-superseded ] && prepare_adr_tools_superseded "$work"
    if [ "${COMMIT_GRAPH:-0}" = 1 ]; then git -C "$work" commit-graph write --reachable --changed-paths; fi
    IFS=',' read -r -a dir_list <<<"$dirs"
    {
        printf '[decisions]\nadr = ['
        sep=''
        for d in "${dir_list[@]}"; do
            printf '%s"%s"' "$sep" "$d"
            sep=', '
        done
        printf ']\n'
    } >"$work/stratlint.toml"
    echo stratlint.toml >>"$work/.git/info/exclude"
    day=$(head_day "$work")
    dest="$out/$name"
    mkdir -p "$dest"
    records=0
    for d in "${dir_list[@]}"; do records=$((records + $(record_like "$work/$d"))); done
    check_s=$(best_of_3 "$work" "$binary" check --format json --color never --now "$day")
    (cd "$work" && "$binary" check --format json --color never --now "$day" >"$dest/check.json" 2>"$dest/check.err") || true
    (cd "$work" && "$binary" check --format concise --color never --now "$day" >"$dest/check.txt" 2>/dev/null) || true
    (cd "$work" && "$binary" report --format json --now "$day" >"$dest/report.json" 2>/dev/null) || true
    (cd "$work" && "$binary" map --format json --now "$day" >"$dest/map.json" 2>/dev/null) || true
    git_s=$(best_of_3 "$work" git log --format=%ct -- "${dir_list[@]}")
    read_count=$(python3 -c 'import json,sys
try: d=json.load(open(sys.argv[1]))["decisions"]
except Exception: print("?"); sys.exit()
unread = sum(1 for x in d if x["status"] is None)
print(f"{len(d)} ({unread} without status)")' "$dest/report.json")
    codes=$(python3 -c 'import json,sys,collections
try: d=json.load(open(sys.argv[1]))["diagnostics"]
except Exception: print("unreadable"); sys.exit()
c=collections.Counter(x["code"] for x in d)
print(" ".join(f"{k}:{v}" for k,v in sorted(c.items())) or "none")' "$dest/check.json")
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$records" "$read_count" "$codes" "$check_s" "$git_s" \
        >>"$out/summary.tsv"
done
column -t -s $'\t' "$out/summary.tsv"
echo "outputs in $out"
