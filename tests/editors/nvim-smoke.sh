#!/usr/bin/env bash
# Neovim smoke test of `stratlint server` (docs/editors.md): headless nvim,
# configured with nothing but the docs/editors.md snippet for its version (0.7,
# 0.8-0.10 or 0.11+) and with the binary first on PATH, opens a file of
# fixtures/broken; the snippet attaches the server, and nvim prints the
# diagnostics it received once they settle (the server publishes again when
# its background read of history ends); they must equal `stratlint check
# --format json` for that file (line, column, code).
#
#   bash tests/editors/nvim-smoke.sh [BINARY] [FILE below fixtures/broken]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin=$(realpath "${1:-$here/target/release/stratlint}")
rel=${2:-kpis/cases.toml}
command -v nvim >/dev/null || { echo "nvim-smoke: nvim is not installed" >&2; exit 1; }
cd "$here/fixtures/broken"
lua=$(mktemp --suffix .lua) init=$(mktemp --suffix .lua)
got=$(mktemp) want=$(mktemp)
trap 'rm -f "$lua" "$init" "$got" "$want"' EXIT
# The docs' snippet for this Neovim: 0.11+ vim.lsp.config, 0.8-0.10 vim.lsp.start, else 0.7's.
version=$(nvim --version | sed -n '1s/^NVIM v\([0-9]*\)\.\([0-9]*\).*/\1 \2/p')
read -r major minor <<<"$version"
if [ "$major" -gt 0 ] || [ "$minor" -ge 11 ]; then marker='vim.lsp.config("stratlint"'
elif [ "$minor" -ge 8 ]; then marker='vim.lsp.start({'
else marker='-- stratlint for Neovim 0.7'; fi
python3 - "$here/docs/editors.md" "$marker" >"$init" <<'PY'
import re, sys
text, marker = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2]
section = text[text.index("### Neovim"):]
section = section[: section.index("\n### ", 1)]
blocks = [b for b in re.findall(r"```lua\n(.*?)```", section, re.S) if marker in b]
if len(blocks) != 1:
    sys.exit("nvim-smoke: docs/editors.md has %d Neovim snippets with %r" % (len(blocks), marker))
sys.stdout.write(blocks[0])
PY
echo "nvim-smoke: $(nvim --version | head -n 1), the docs/editors.md snippet with ${marker}"
# The binary under test is the `stratlint` the snippet starts.
bindir=$(mktemp -d)
trap 'rm -f "$lua" "$init" "$got" "$want"; rm -rf "$bindir"' EXIT
ln -s "$bin" "$bindir/stratlint"
export PATH="$bindir:$PATH" STRATLINT_NOW=2026-11-25
cat >"$lua" <<LUA
local clients = vim.lsp.get_clients or vim.lsp.get_active_clients
vim.wait(15000, function() return #clients() > 0 end, 50)
if #clients() == 0 then
  io.stdout:write("no client attached\\n")
  vim.cmd("qa!")
end
vim.wait(15000, function() return #vim.diagnostic.get(0) > 0 end, 50)
-- Settled: the same diagnostics for two seconds (history arrives after the first ones).
local function seen()
  local s = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(s, string.format("%d:%d %s", d.lnum, d.col, d.code or "?"))
  end
  table.sort(s)
  return table.concat(s, ",")
end
local last, since = seen(), vim.loop.now()
vim.wait(20000, function()
  local now = seen()
  if now ~= last then last, since = now, vim.loop.now() end
  return vim.loop.now() - since >= 2000
end, 100)
for _, d in ipairs(vim.diagnostic.get(0)) do
  io.stdout:write(string.format("%d:%d %s\\n", d.lnum + 1, d.col + 1, d.code or "?"))
end
vim.cmd("qa!")
LUA
nvim --headless --noplugin -u "$init" -i NONE -c "luafile $lua" "$rel" 2>/dev/null | tr -d '\r' | sort >"$got"
json=$(mktemp)
trap 'rm -f "$lua" "$init" "$got" "$want" "$json"; rm -rf "$bindir"' EXIT
# Exit 1 means "diagnostics found": expected here.
"$bin" check --format json --now 2026-11-25 "$rel" >"$json" 2>/dev/null || [ $? -eq 1 ]
python3 -c '
import json, sys
d = json.load(sys.stdin)
for x in (d["diagnostics"] if isinstance(d, dict) else d):
    print("%d:%d %s" % (x["line"], x["column"], x["code"]))
' <"$json" | sort >"$want"
echo "nvim received ($(wc -l <"$got") diagnostics for fixtures/broken/$rel):"
sed 's/^/  /' "$got"
if ! diff -u "$want" "$got"; then
  echo "nvim-smoke: FAILED: what nvim received differs from stratlint check" >&2
  exit 1
fi
echo "nvim-smoke: OK"
