#!/usr/bin/env bash
# libgit2 (git2) against gitoxide (gix) on the walk stratlint's history reads:
# every commit newest first, each compared with its parents, descending only
# into the directories that hold strategy files, and (mode `full`) both sides
# of every changed .md/.toml blob read once. Both libraries must print the same
# counts and checksums. See docs/performance.md.
#
#   bash bench/gitlibs/run.sh [REPO]
#
# REPO defaults to the benchmark's 2,000-document, 5,000-commit repository
# (run `bash bench/run.sh` once to generate it). Needs hyperfine.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=${1:-${TMPDIR:-/tmp}/stratlint-bench/repos/d2000-c5000}
[ -d "$repo/.git" ] || { echo "run.sh: no repository at $repo (run bash bench/run.sh first)" >&2; exit 1; }
target=${CARGO_TARGET_DIR:-$here/target}
build() { # name, features
  CARGO_TARGET_DIR="$target/$1" cargo build --release --locked -q \
    --manifest-path "$here/Cargo.toml" --no-default-features --features "$2"
  cp "$target/$1/release/stratlint-gitlibs-bench" "$target/bench-$1"
}
build git2 with-git2
build gix with-gix,gix-min,gix-sirocco
for mode in trees full; do
  "$target/bench-git2" git2 "$mode" "$repo"
  "$target/bench-gix" gix "$mode" "$repo" --obj-cache 1000000 --pack-cache none
done
hyperfine -N --warmup 2 -r 15 \
  -n "git log floor" "git -C $repo log --format=%ct --name-only HEAD" \
  -n "git2 trees" "$target/bench-git2 git2 trees $repo" \
  -n "git2 full" "$target/bench-git2 git2 full $repo" \
  -n "gix trees (sha1 + zlib-sirocco, 1 MB object cache, no pack cache)" \
     "$target/bench-gix gix trees $repo --obj-cache 1000000 --pack-cache none" \
  -n "gix full (same)" "$target/bench-gix gix full $repo --obj-cache 1000000 --pack-cache none"
