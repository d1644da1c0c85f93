#!/usr/bin/env bash
# Renders fixtures/demo's HTML report (`stratlint report --format html`) in headless Chromium at
# desktop and phone widths, and fails on a console error, a network request, a blank page or a
# page wider than the screen. Screenshots go to OUT_DIR (default: a temporary directory; pass
# docs/img to refresh the ones docs/report.md shows).
#
# Needs the release binary (cargo build --release), node and npm (playwright-core is installed
# into a temporary directory; it drives the system's Chromium, Debian package `chromium`).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${1:-$(mktemp -d "${TMPDIR:-/tmp}/stratlint-report.XXXXXX")}
mkdir -p "$OUT"
command -v chromium >/dev/null 2>&1 || { echo "report-screenshots.sh: chromium is not installed (apt-get install chromium)" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/stratlint-playwright.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
npm install --prefix "$WORK" --no-audit --no-fund --no-save --loglevel=error playwright-core@1 </dev/null >/dev/null
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/stratlint"
[ -x "$BIN" ] || (cd "$ROOT" && cargo build --locked --release >/dev/null)
(cd "$ROOT/fixtures/demo" && "$BIN" report --format html --now 2026-11-25 --no-history --output "$WORK/report.html")
NODE_PATH="$WORK/node_modules" CHROMIUM=$(command -v chromium) node "$ROOT/scripts/report-screenshots.cjs" "$WORK/report.html" "$OUT"
echo "report-screenshots.sh: OK, screenshots in $OUT"
