#!/usr/bin/env bash
# Smoke test of .pre-commit-hooks.yaml with the real pre-commit client, on real commits.
#
# Installs the `stratlint` hook (from a committed snapshot of this checkout) in throwaway
# strategy repositories with `pre-commit install`, then makes real `git commit`s:
#   1. deleting an objective whose child lives in a file the commit does not touch must fail
#      (OBJ001 in that file);
#   2. marking a person as departed in owners.toml while they own a KPI elsewhere must fail
#      (OWN003 in that file), whether the change is staged and committed, or only in the working
#      tree and committed with `git commit -am` or `git commit owners.toml` (git then builds the
#      commit in a temporary index, named in GIT_INDEX_FILE, which pre-commit passes on);
#   3. a harmless edit must pass, although an old problem sits in HEAD, and unstaged and
#      untracked broken work must not block it;
#   4. in a repository with no commit yet, a broken first commit must fail and a clean one pass.
#
# pre-commit builds the hook with `cargo install` (language: rust). Needs git, python3
# (pre-commit is installed from PyPI into a temporary venv when it is not on PATH) and cargo.
# Crates come from the usual CARGO_HOME; build output is kept in target/pre-commit-smoke
# (STRATLINT_SMOKE_TARGET_DIR overrides), so later runs recompile only stratlint itself.
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
     /^```/ && inblock { inblock = 0; if (!done && text ~ /(^|\n)repos:/) { printf "%s", text; done = 1 }; next }
     inblock { text = text $0 "\n" }' "$ROOT/docs/ci.md" >"$WORK/docs-pre-commit-config.yaml"
grep -q 'id: stratlint' "$WORK/docs-pre-commit-config.yaml" ||
    fail "docs/ci.md has no .pre-commit-config.yaml snippet with the stratlint hook"
"$PC" validate-config "$WORK/docs-pre-commit-config.yaml" ||
    fail "the .pre-commit-config.yaml snippet in docs/ci.md is invalid"
ok "the .pre-commit-config.yaml snippet in docs/ci.md validates"

# The hook repository: a committed snapshot of this checkout's working tree (tracked and
# untracked files, not ignored ones), so what is tested is what is here.
step "hook repository: a snapshot of the working tree"
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
HOOK_REV=$(git -C "$HOOK_REPO" rev-parse HEAD)
echo "hook repository: $HOOK_REPO at $HOOK_REV"

OUT="$WORK/out.txt"
# Commits in $1 with message $2 (and any further arguments to `git commit`: -a, paths); sets RC
# and prints the output. The installed hook makes `git commit` exit 1 when stratlint fails.
commit() {
    local repo=$1 msg=$2 t0=$SECONDS rc=0
    shift 2
    (cd "$repo" && timeout "${STRATLINT_SMOKE_TIMEOUT:-900}" git commit -q -m "$msg" "$@") </dev/null >"$OUT" 2>&1 || rc=$?
    sed 's/^/    | /' "$OUT"
    echo "git commit exited $rc after $((SECONDS - t0)) s"
    [ "$rc" -ne 124 ] || fail "git commit timed out (building the hook?)"
    if grep -q 'An unexpected error has occurred' "$OUT"; then
        fail "pre-commit could not build or run the hook"
    fi
    RC=$rc
}
config() {
    printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: stratlint\n' \
        "$HOOK_REPO" "$HOOK_REV" >"$1/.pre-commit-config.yaml"
}

# (b) A strategy repository with a committed history.
step "strategy repository"
REPO="$WORK/strategy"
mkdir -p "$REPO/objectives"
git -C "$REPO" -c init.defaultBranch=main init -q
OWNERS='[people.maya]
name = "Maya Okafor"

[people.bob]
name = "Bob Stone"
'
printf '%s' "$OWNERS" >"$REPO/owners.toml"
COMPANY='[[objective]]
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
'
DEP='
[[objective]]
id = "DEP-1"
title = "Open the carrier network"
level = "department"
parent = "CO-1"
owner = "maya"
'
printf '%s%s' "$COMPANY" "$DEP" >"$REPO/objectives/company.toml"
cat >"$REPO/objectives/teams.toml" <<'EOF'
[[objective]]
id = "T-1"
title = "Ship the carrier API"
level = "team"
parent = "DEP-1"
owner = "maya"

[[kpi]]
id = "K-T1"
title = "Carriers on the API"
objective = "T-1"
owner = "bob"
baseline = 3
target = 30
EOF
# An old problem, already in HEAD: it must never block a commit.
cat >"$REPO/tenets.toml" <<'EOF'
[[tenet]]
id = "TEN-OLD"
text = "When unsure, we choose speed over polish because fast."
EOF
config "$REPO"
git -C "$REPO" add -A
git -C "$REPO" commit -q -m "Strategy"
(cd "$REPO" && "$PC" install) >/dev/null || fail "pre-commit install failed"
ok "committed a strategy with one old problem (TEN005) and installed the hook"

step "1. delete DEP-1, whose child T-1 lives in objectives/teams.toml (builds the hook: minutes)"
printf '%s' "$COMPANY" >"$REPO/objectives/company.toml"
git -C "$REPO" add objectives/company.toml
commit "$REPO" "Drop DEP-1"
[ "$RC" -ne 0 ] || fail "the commit that left T-1 dangling went through"
grep -q 'OBJ001' "$OUT" || fail "the output does not name OBJ001"
grep -q 'objectives/teams.toml' "$OUT" || fail "the output does not name objectives/teams.toml"
if grep -q 'TEN005' "$OUT"; then fail "the old TEN005 in HEAD was reported"; fi
git -C "$REPO" reset -q --hard
ok "the commit fails on the dangling child in an untouched file"

step "2. mark bob as departed while he owns K-T1 in objectives/teams.toml"
printf '%sactive = false\n' "$OWNERS" >"$REPO/owners.toml"
git -C "$REPO" add owners.toml
commit "$REPO" "Bob has left"
[ "$RC" -ne 0 ] || fail "the commit that left K-T1 with a departed owner went through"
grep -q 'OWN003' "$OUT" || fail "the output does not name OWN003"
grep -q 'objectives/teams.toml' "$OUT" || fail "the output does not name objectives/teams.toml"
git -C "$REPO" reset -q --hard
ok "the commit fails on the KPI still owned by the departed person"

step "2b. the same departure only in the working tree, committed with git commit -am"
HEAD_BEFORE=$(git -C "$REPO" rev-parse HEAD)
printf '%sactive = false\n' "$OWNERS" >"$REPO/owners.toml"
commit "$REPO" "Bob has left" -a
[ "$RC" -ne 0 ] || fail "git commit -am recorded K-T1 with a departed owner"
grep -q 'OWN003' "$OUT" || fail "the output of git commit -am does not name OWN003"
grep -q 'objectives/teams.toml' "$OUT" || fail "the output of git commit -am does not name objectives/teams.toml"
[ "$(git -C "$REPO" rev-parse HEAD)" = "$HEAD_BEFORE" ] || fail "git commit -am recorded a commit"
ok "git commit -am fails on the KPI still owned by the departed person"

step "2c. the same departure, committed by path: git commit owners.toml"
commit "$REPO" "Bob has left" -- owners.toml
[ "$RC" -ne 0 ] || fail "git commit owners.toml recorded K-T1 with a departed owner"
grep -q 'OWN003' "$OUT" || fail "the output of git commit owners.toml does not name OWN003"
[ "$(git -C "$REPO" rev-parse HEAD)" = "$HEAD_BEFORE" ] || fail "git commit owners.toml recorded a commit"
git -C "$REPO" reset -q --hard
ok "git commit <paths> fails on the KPI still owned by the departed person"

step "3. a harmless edit, with broken unstaged and untracked work beside it"
sed -i 's/Ship the carrier API/Ship the carrier API v2/' "$REPO/objectives/teams.toml"
git -C "$REPO" add objectives/teams.toml
printf '%s' "$COMPANY" >"$REPO/objectives/company.toml" # unstaged: drops DEP-1
printf '[[kpi]]\nid = "K-WIP"\ntitle = "WIP"\nobjective = "CO-9"\nowner = "maya"\nbaseline = 1\ntarget = 2\n' \
    >"$REPO/objectives/wip.toml" # untracked
commit "$REPO" "Rename T-1"
[ "$RC" -eq 0 ] || fail "a harmless commit was blocked"
grep -q 'Passed' "$OUT" || fail "pre-commit did not report Passed"
ok "the harmless commit passes: the old problem, unstaged and untracked work do not block it"

# (c) A repository with no commit yet.
step "4. a first commit"
FIRST="$WORK/first"
mkdir -p "$FIRST"
git -C "$FIRST" -c init.defaultBranch=main init -q
printf '%s' "$OWNERS" >"$FIRST/owners.toml"
cat >"$FIRST/kpis.toml" <<'EOF'
[[kpi]]
id = "KPI-CHURN"
title = "Logo churn"
objective = "CO-1"
owner = "ghost"
baseline = 6
target = 3
EOF
config "$FIRST"
git -C "$FIRST" add -A
(cd "$FIRST" && "$PC" install) >/dev/null || fail "pre-commit install failed"
commit "$FIRST" "First"
[ "$RC" -ne 0 ] || fail "a broken first commit went through"
grep -q 'OWN002' "$OUT" || fail "the first commit's OWN002 is not reported"
grep -q 'OBJ001' "$OUT" || fail "the first commit's OBJ001 is not reported"
printf '%s' "$COMPANY" >"$FIRST/company.toml"
sed -i 's/owner = "ghost"/owner = "maya"/' "$FIRST/kpis.toml"
git -C "$FIRST" add -A
commit "$FIRST" "First"
[ "$RC" -eq 0 ] || fail "a clean first commit was blocked"
ok "in a repository with no commit yet, everything is checked"

printf '\npre-commit smoke: OK, all held (%d s)\n' "$((SECONDS - STARTED))"
