#!/usr/bin/env python3
"""Interleaved timing of commands on a shared machine: each round runs every
command once, in turn, so a change in the machine's load moves them all
alike; prints each command's median wall time and median CPU time (user +
system, from wait4) and both as ratios to the first command's (the floor).
Python standard library only.

    python3 bench/interleave.py [--runs N] DIR 'FLOOR COMMAND' 'COMMAND' ...

Commands are split like a shell would (no pipes or redirections) and run in
DIR with their output discarded; one warm-up run each comes first.
"""
import argparse
import os
import shlex
import statistics
import subprocess
import time


def run(cmd, cwd):
    start = time.perf_counter()
    p = subprocess.Popen(shlex.split(cmd), cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    wall = (time.perf_counter() - start) * 1000
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"failed ({os.waitstatus_to_exitcode(status)}): {cmd}")
    return wall, (usage.ru_utime + usage.ru_stime) * 1000


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("dir")
    ap.add_argument("commands", nargs="+")
    args = ap.parse_args()
    walls = {c: [] for c in args.commands}
    cpus = {c: [] for c in args.commands}
    for c in args.commands:
        run(c, args.dir)
    for _ in range(args.runs):
        for c in args.commands:
            w, u = run(c, args.dir)
            walls[c].append(w)
            cpus[c].append(u)
    floor = args.commands[0]
    fw, fc = statistics.median(walls[floor]), statistics.median(cpus[floor])
    print(f"load average {os.getloadavg()[0]:.2f}, {args.runs} rounds")
    for c in args.commands:
        w, u = statistics.median(walls[c]), statistics.median(cpus[c])
        print(f"{w:9.1f} ms wall ({w / fw:5.2f}x)  {u:9.1f} ms CPU ({u / fc:5.2f}x)  {c}")


if __name__ == "__main__":
    main()
