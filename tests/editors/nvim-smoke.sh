#!/usr/bin/env bash
# Neovim smoke test of `stratlint server` (docs/editors.md): headless nvim
# opens a file of fixtures/broken with the server attached and prints the
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
lua=$(mktemp --suffix .lua)
got=$(mktemp) want=$(mktemp)
trap 'rm -f "$lua" "$got" "$want"' EXIT
cat >"$lua" <<LUA
-- Neovim 0.7 API (Debian's): start_client + buf_attach_client.
local id = vim.lsp.start_client({
  name = "stratlint",
  cmd = { "$bin", "server", "--now", "2026-11-25" },
  root_dir = vim.fn.getcwd(),
})
vim.lsp.buf_attach_client(0, id)
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
  io.stdout:write(string.format("%d:%d %s\n", d.lnum + 1, d.col + 1, d.code or "?"))
end
vim.cmd("qa!")
LUA
nvim --headless -u NONE -i NONE -c "luafile $lua" "$rel" 2>/dev/null | tr -d '\r' | sort >"$got"
json=$(mktemp)
trap 'rm -f "$lua" "$got" "$want" "$json"' EXIT
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
