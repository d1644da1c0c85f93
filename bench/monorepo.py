#!/usr/bin/env python3
"""Generate a synthetic monorepo for benchmarking stratlint's history reading.

    python3 bench/monorepo.py --commits 100000 --docs 1000 --out /tmp/mono

The shape of issue 19's measurements: `--docs` strategy documents in
`strategy/` (principles, with a thesis, an objective tree and KPIs), the
configuration and owners registry at the repository's top, and a code tree
of `--code` files in `src/` (`--code` is 30,000 by default) with a
`CHANGELOG.md` and `README.md` at the top. About one commit in a hundred
touches strategy (`--strategy-every`); the others touch a few code files,
and one in ten also the changelog. Committer dates grow by 10 minutes per
commit from 2020-01-01. Built with `git fast-import` (deterministic from
`--seed`); `--graph` then writes a commit-graph with changed-path Bloom
filters (`git commit-graph write --reachable --changed-paths`).

Two other shapes (issue 23; docs/performance.md, "A strategy that grows,
and adopted ADRs in a code repository"):

- a strategy that grows: `--adds SHARE` is the share of strategy commits
  that add a document (the others revise one; 0.5 by default, as long as
  `--docs` leaves documents to add), and `--strategy-code N` makes each
  strategy commit also change N code files, as a pull request that ships a
  decision with its code does (0 by default). Issue 23's shape is
  `--commits 100000 --adds 0.45 --strategy-code 3`.
- a code repository with adopted ADRs: `--adrs N` adds N undated records
  (adr-tools' layout, `docs/adr/NNNN-title.md` with no `Date:` line) at
  evenly spaced commits, and the configuration adopts `docs/adr`. With
  `--docs 0` there is no other strategy: issue 23's shape is
  `--commits 24000 --docs 0 --adrs 120`.

Issue 25's shape, execution in a monorepo: `--initiatives N` adds
`strategy/initiatives.toml` with N done initiatives serving the company
objective, each owning one code package as `paths` (`src/m000/`,
`src/m010/`, ...: every `500 // N`-th of the 500), so that linking compares
each commit with its parent in those directories (issue 25's shape is
`--commits 100000 --initiatives 50`; its floor is git's
`git log --format=%ct -- strategy/ <those directories>`).

The repository lints with `--now 2026-11-25`: principles have a half-life
of 20 years, so history is read to its start for each of them.
"""

import argparse
import os
import random
import subprocess
import sys

START = 1577836800  # 2020-01-01T00:00:00Z
STEP = 600


def blob(data):
    data = data.encode()
    return b"data %d\n%s\n" % (len(data), data)


def principle(i, rev):
    return (
        "+++\n"
        'kind = "principle"\n'
        f'id = "P-{i:04d}"\n'
        f'title = "Principle {i}"\n'
        'owner = "alice"\n'
        'half_life = "20y"\n'
        'serves = ["TH-1"]\n'
        "+++\n\n"
        f"We keep principle {i} (revision {rev}).\n"
    )


def record(k, rev):
    return (
        f"# {k}. Decide thing {k}\n\n"
        "## Status\n\nAccepted\n\n"
        f"## Context\n\nWe had to decide thing {k} (revision {rev}).\n\n"
        "## Decision\n\nWe decided.\n\n"
        "## Consequences\n\nSome.\n"
    )


def packages(n):
    """The code packages the `n` initiatives own, one each."""
    return ["src/m%03d/" % (k * (500 // n)) for k in range(n)]


def initiatives(n):
    return "\n".join(
        '[[initiative]]\nid = "INIT-%02d"\ntitle = "Initiative %d"\nowner = "alice"\n'
        'serves = ["CO-1"]\nstatus = "done"\npaths = ["%s"]\n' % (k + 1, k + 1, path)
        for k, path in enumerate(packages(n)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--commits", type=int, default=20000)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--code", type=int, default=30000)
    ap.add_argument("--strategy-every", type=int, default=100)
    ap.add_argument("--seed", type=int, default=20261201)
    ap.add_argument("--graph", action="store_true")
    ap.add_argument("--merges", type=int, default=0,
                    help="every N-th code commit is made on a side branch and merged back (--no-ff)")
    ap.add_argument("--readmes", action="store_true",
                    help="a plain README.md in every code package, touched by one code commit in five")
    ap.add_argument("--adds", type=float, default=0.5,
                    help="the share of strategy commits that add a document (the others revise one)")
    ap.add_argument("--strategy-code", type=int, default=0,
                    help="code files each strategy commit also changes")
    ap.add_argument("--adrs", type=int, default=0,
                    help="undated ADRs in docs/adr/ (adopted by the config), added at evenly spaced commits")
    ap.add_argument("--initiatives", type=int, default=0,
                    help="done initiatives in strategy/, each owning a code package as paths")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    if args.initiatives and not 0 < args.initiatives <= 500:
        ap.error("--initiatives must be between 1 and 500")
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=False)
    subprocess.run(["git", "init", "-q", "-b", "main", args.out], check=True)
    fi = subprocess.Popen(
        ["git", "fast-import", "--quiet", "--done"], cwd=args.out, stdin=subprocess.PIPE
    )
    out = fi.stdin
    revs = [0] * args.docs
    mark = 0
    main_mark = 0
    added = args.docs // 4
    adr_every = args.commits // args.adrs if args.adrs else 0
    adrs = 0
    for n in range(args.commits):
        t = START + n * STEP
        adr_commit = adr_every and n % adr_every == adr_every // 2 and adrs < args.adrs
        side = (args.merges and n > 0 and n % args.strategy_every != 0 and n % args.merges == 0
                and not adr_commit)
        out.write(b"commit refs/heads/side\n" if side else b"commit refs/heads/main\n")
        mark += 1
        out.write(b"mark :%d\n" % mark)
        out.write(b"committer Bench <bench@example.com> %d +0000\n" % t)
        out.write(blob(f"change {n}"))
        if side:
            out.write(b"from :%d\n" % main_mark)
        else:
            main_mark = mark
        if n == 0:
            config = '[decisions]\nadr = ["docs/adr"]\n' if args.adrs else ""
            out.write(b"M 100644 inline stratlint.toml\n" + blob(config))
            out.write(
                b"M 100644 inline owners.toml\n"
                + blob('[people.alice]\nname = "Alice"\nteam = "core"\n\n[teams.core]\nname = "Core"\nlead = "alice"\n')
            )
            out.write(b"M 100644 inline README.md\n" + blob("# Monorepo\n"))
            if args.adrs:
                out.write(b"M 100644 inline docs/adr/README.md\n" + blob("# Decisions\n"))
                out.write(b"M 100644 inline docs/adr/0001-decide-thing-1.md\n" + blob(record(1, 0)))
                adrs = 1
        if n == 0 and args.docs:
            out.write(
                b"M 100644 inline strategy/thesis.md\n"
                + blob('+++\nkind = "thesis"\nid = "TH-1"\ntitle = "Why we win"\nowner = "alice"\nhalf_life = "20y"\n+++\n\nBecause.\n')
            )
            out.write(
                b"M 100644 inline strategy/objectives.toml\n"
                + blob('[[objective]]\nid = "CO-1"\ntitle = "Grow"\nlevel = "company"\nowner = "alice"\n\n[[kpi]]\nid = "K-1"\ntitle = "Revenue"\nobjective = "CO-1"\nowner = "alice"\nbaseline = 1\ntarget = 2\ncurrent = 1\nmeasure_every = "20y"\n')
            )
            for i in range(added):
                out.write(b"M 100644 inline strategy/principles/p%04d.md\n" % i + blob(principle(i, 0)))
            if args.initiatives:
                out.write(b"M 100644 inline strategy/initiatives.toml\n"
                          + blob(initiatives(args.initiatives)))
        if n == 0:
            for c in range(args.code):
                out.write(b"M 100644 inline src/m%03d/f%05d.rs\n" % (c % 500, c) + blob(f"// {c}\n"))
            if args.readmes:
                for m in range(500):
                    out.write(b"M 100644 inline src/m%03d/README.md\n" % m + blob(f"# Package {m}\n"))
        elif adr_commit:
            # A new record; one commit in four also revises an older one.
            adrs += 1
            out.write(b"M 100644 inline docs/adr/%04d-decide-thing-%d.md\n" % (adrs, adrs) + blob(record(adrs, 0)))
            if adrs % 4 == 0:
                k = rng.randrange(1, adrs)
                out.write(b"M 100644 inline docs/adr/%04d-decide-thing-%d.md\n" % (k, k) + blob(record(k, adrs)))
            c = rng.randrange(args.code)
            out.write(b"M 100644 inline src/m%03d/f%05d.rs\n" % (c % 500, c) + blob(f"// {c} at {n}\n"))
        elif args.docs and n % args.strategy_every == 0:
            for _ in range(args.strategy_code):
                c = rng.randrange(args.code)
                out.write(b"M 100644 inline src/m%03d/f%05d.rs\n" % (c % 500, c) + blob(f"// {c} at {n}\n"))
            if added < args.docs and rng.random() < args.adds:
                i = added
                added += 1
            else:
                i = rng.randrange(added)
            revs[i] += 1
            out.write(b"M 100644 inline strategy/principles/p%04d.md\n" % i + blob(principle(i, revs[i])))
        elif args.merges and n % args.merges == 0:
            # The code change on a side branch, then a merge commit on main
            # that brings it in (its tree is the side's).
            c = rng.randrange(args.code)
            change = b"M 100644 inline src/m%03d/f%05d.rs\n" % (c % 500, c) + blob(f"// {c} at {n}\n")
            out.write(change)
            out.write(b"\n")
            side_mark = mark
            mark += 1
            out.write(b"commit refs/heads/main\n")
            out.write(b"mark :%d\n" % mark)
            out.write(b"committer Bench <bench@example.com> %d +0000\n" % (t + 1))
            out.write(blob(f"Merge change {n}"))
            out.write(b"from :%d\n" % main_mark)
            out.write(b"merge :%d\n" % side_mark)
            out.write(change)
            main_mark = mark
        else:
            for _ in range(3):
                c = rng.randrange(args.code)
                out.write(b"M 100644 inline src/m%03d/f%05d.rs\n" % (c % 500, c) + blob(f"// {c} at {n}\n"))
            if n % 10 == 0:
                out.write(b"M 100644 inline CHANGELOG.md\n" + blob(f"# Changes\n\n- {n}\n"))
            if args.readmes and n % 5 == 0:
                m = rng.randrange(500)
                out.write(b"M 100644 inline src/m%03d/README.md\n" % m + blob(f"# Package {m}\n\nRevised at {n}.\n"))
        out.write(b"\n")
    out.write(b"done\n")
    out.close()
    if fi.wait() != 0:
        sys.exit("git fast-import failed")
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=args.out, check=True)
    if args.graph:
        subprocess.run(
            ["git", "commit-graph", "write", "--reachable", "--changed-paths"],
            cwd=args.out,
            check=True,
        )


if __name__ == "__main__":
    main()
