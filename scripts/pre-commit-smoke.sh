#!/usr/bin/env bash
# Smoke test of .pre-commit-hooks.yaml with the real pre-commit client.
#
# Builds a throwaway strategy repository with one clean file and one broken file (a KPI whose
# owner is missing from owners.toml: OWN002), stages them, and runs
#   pre-commit try-repo <this checkout> stratlint --files <file>
# twice: on the broken file it must fail and name OWN002 and the file; on the clean file it must
# pass, although the repository still holds the broken file (pre-commit passes file names;
# stratlint loads the whole repository but reports only diagnostics in those files).
#
# try-repo builds the hook with `cargo install` (language: rust) from this checkout at HEAD plus
# its staged and modified tracked files. When .pre-commit-hooks.yaml itself is not committed yet,
# the script hands try-repo a committed snapshot of the working tree instead.
#
# Needs git, python3 (pre-commit is installed from PyPI into a temporary venv when it is not on
# PATH) and cargo. Crates come from the usual CARGO_HOME; build output is kept in
# target/pre-commit-smoke (STRATLINT_SMOKE_TARGET_DIR overrides), so the second build and later
# runs recompile only stratlint itself.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/stratlint-pre-commit-smoke.XXXXXX")
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT

export PRE_COMMIT_COLOR=never NO_COLOR=1 CARGO_TERM_COLOR=never
export PRE_COMMIT_HOME="$WORK/pre-commit-home" # pre-commit's own store and log, thrown away
if [ -z "${CARGO_HOME:-}" ] && [ -n "${HOME:-}" ]; then
    export CARGO_HOME="$HOME/.cargo" # reuse the crates already downloaded
fi
export CARGO_TARGET_DIR="${STRATLINT_SMOKE_TARGET_DIR:-$ROOT/target/pre-commit-smoke}"
# pre-commit builds the hook with `cargo install`, in the release profile. This checks the hook's
# wiring, not the optimized binary, so build it unoptimized: minutes faster (set these to override).
export CARGO_PROFILE_RELEASE_OPT_LEVEL="${CARGO_PROFILE_RELEASE_OPT_LEVEL:-0}"
export CARGO_PROFILE_RELEASE_LTO="${CARGO_PROFILE_RELEASE_LTO:-false}"
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS="${CARGO_PROFILE_RELEASE_CODEGEN_UNITS:-256}"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
# Keep the user's git configuration (hooks, templates, signing) out of the scratch repositories.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME=smoke GIT_AUTHOR_EMAIL=smoke@example.invalid
export GIT_COMMITTER_NAME=smoke GIT_COMMITTER_EMAIL=smoke@example.invalid

STARTED=$SECONDS
step() { printf '\n==> %s\n' "$*"; }
fail() {
    printf '\npre-commit smoke: FAIL: %s\n' "$*" >&2
    if [ -f "$PRE_COMMIT_HOME/pre-commit.log" ]; then
        # The error, without the version block and the traceback that repeats it.
        printf -- '--- pre-commit.log (error) ---\n' >&2
        sed -n '/^### error information/,/^Traceback/p' "$PRE_COMMIT_HOME/pre-commit.log" |
            grep -v '^ *Compiling ' >&2
    fi
    exit 1
}
ok() { printf 'ok: %s\n' "$*"; }

for tool in git python3 cargo; do
    command -v "$tool" >/dev/null 2>&1 || fail "$tool is not on PATH"
done

# (a) The pre-commit client.
step "pre-commit client"
if command -v pre-commit >/dev/null 2>&1; then
    PC=$(command -v pre-commit)
else
    python3 -m venv "$WORK/venv" || fail "python3 -m venv failed"
    "$WORK/venv/bin/python" -m pip install --quiet 'pre-commit>=3,<5' </dev/null ||
        fail "pip install pre-commit failed"
    PC="$WORK/venv/bin/pre-commit"
fi
echo "$PC: $("$PC" --version)"
"$PC" validate-manifest "$ROOT/.pre-commit-hooks.yaml" || fail ".pre-commit-hooks.yaml is invalid"
ok ".pre-commit-hooks.yaml validates"
# The .pre-commit-config.yaml snippet in docs/ci.md.
awk '/^```yaml/ { inblock = 1; text = ""; next }
     /^```/ && inblock { inblock = 0; if (text ~ /(^|\n)repos:/) printf "%s", text; next }
     inblock { text = text $0 "\n" }' "$ROOT/docs/ci.md" >"$WORK/docs-pre-commit-config.yaml"
grep -q 'id: stratlint' "$WORK/docs-pre-commit-config.yaml" ||
    fail "docs/ci.md has no .pre-commit-config.yaml snippet with the stratlint hook"
"$PC" validate-config "$WORK/docs-pre-commit-config.yaml" ||
    fail "the .pre-commit-config.yaml snippet in docs/ci.md is invalid"
ok "the .pre-commit-config.yaml snippet in docs/ci.md validates"

# The hook repository: this checkout, or a committed snapshot of its working tree when the hook
# manifest is not in HEAD (try-repo ignores untracked files).
HOOK_REPO=$ROOT
if ! git -C "$ROOT" cat-file -e HEAD:.pre-commit-hooks.yaml 2>/dev/null; then
    step ".pre-commit-hooks.yaml is not committed: using a snapshot of the working tree"
    HOOK_REPO="$WORK/stratlint-snapshot"
    mkdir -p "$HOOK_REPO"
    (
        cd "$ROOT"
        git ls-files -z --cached --others --exclude-standard |
            while IFS= read -r -d '' f; do [ -f "$f" ] && printf '%s\0' "$f"; done |
            tar --null -T - -cf -
    ) | tar -C "$HOOK_REPO" -xf -
    git -C "$HOOK_REPO" -c init.defaultBranch=main init -q
    git -C "$HOOK_REPO" add -A
    git -C "$HOOK_REPO" commit -q -m snapshot
fi
echo "hook repository: $HOOK_REPO"

# (b) A small strategy repository: one clean file, one broken file, all staged.
step "strategy repository"
REPO="$WORK/strategy"
mkdir -p "$REPO/objectives" "$REPO/kpis"
git -C "$REPO" -c init.defaultBranch=main init -q
cat >"$REPO/owners.toml" <<'EOF'
[people.maya]
name = "Maya Okafor"
EOF
CLEAN=objectives/company.toml
cat >"$REPO/$CLEAN" <<'EOF'
[[objective]]
id = "CO-1"
title = "Become the default TMS for mid-market shippers"
level = "company"
owner = "maya"

[[kpi]]
id = "KPI-ARR"
title = "Annual recurring revenue"
objective = "CO-1"
owner = "maya"
baseline = 18.5
target = 30
unit = "MUSD"
direction = "increase"
EOF
BROKEN=kpis/churn.toml
cat >"$REPO/$BROKEN" <<'EOF'
[[kpi]]
id = "KPI-CHURN"
title = "Logo churn"
objective = "CO-1"
owner = "ghost"
baseline = 6
target = 3
unit = "%"
direction = "decrease"
EOF
git -C "$REPO" add owners.toml "$CLEAN" "$BROKEN"
git -C "$REPO" status --short
echo "clean: $CLEAN; broken: $BROKEN (owner \`ghost\` is not in owners.toml: OWN002)"

# (c) pre-commit try-repo, once per file.
OUT="$WORK/out.txt"
# Runs try-repo on the given files; sets RC. pre-commit exits 1 when a hook fails, 3 on an error
# of its own (such as a failed build of the hook).
try_repo() {
    local t0=$SECONDS rc=0
    (cd "$REPO" && timeout "${STRATLINT_SMOKE_TIMEOUT:-480}" \
        "$PC" try-repo "$HOOK_REPO" stratlint --verbose --files "$@") </dev/null >"$OUT" 2>&1 || rc=$?
    sed 's/^/    | /' "$OUT"
    echo "exit status $rc after $((SECONDS - t0)) s"
    [ "$rc" -ne 124 ] || fail "pre-commit try-repo timed out"
    [ "$rc" -le 1 ] || fail "pre-commit try-repo exited $rc: it could not build or run the hook"
    RC=$rc
}

step "pre-commit try-repo $HOOK_REPO stratlint --files $BROKEN (builds the hook: a few minutes)"
try_repo "$BROKEN"
[ "$RC" -eq 1 ] || fail "the hook passed on $BROKEN"
grep -q 'Passed' "$OUT" && fail "pre-commit reported Passed on $BROKEN"
grep -q 'OWN002' "$OUT" || fail "the output does not name OWN002"
grep -q "$BROKEN" "$OUT" || fail "the output does not name $BROKEN"
ok "the hook fails on $BROKEN and reports OWN002 there"

step "pre-commit try-repo $HOOK_REPO stratlint --files $CLEAN"
try_repo "$CLEAN"
[ "$RC" -eq 0 ] || fail "the hook failed on $CLEAN"
grep -q 'Passed' "$OUT" || fail "pre-commit did not report Passed on $CLEAN"
grep -q 'OWN002' "$OUT" && fail "the error in $BROKEN was reported for $CLEAN"
grep -q '0 errors' "$OUT" || fail "stratlint's summary line is missing"
ok "the hook passes on $CLEAN; the error in $BROKEN is not reported"

printf '\npre-commit smoke: OK, both checks held (%d s)\n' "$((SECONDS - STARTED))"
