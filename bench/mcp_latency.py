#!/usr/bin/env python3
"""Measure how fast `stratlint mcp` answers a tool call once history is read (SPEC §17).

    python3 bench/mcp_latency.py --binary target/release/stratlint \\
        --repo /tmp/stratlint-bench/repos/d2000-c5000 --now 2026-11-25

A scripted MCP client over stdio (newline-delimited JSON-RPC; Python 3 standard
library only):

1. starts `stratlint mcp --now DATE` in the repository, sends `initialize`
   (revision 2025-06-18) and `notifications/initialized`;
2. the first call, `check` with `limit: 1`, reads history and the project:
   timed on its own (`first_ms`);
3. --rounds rounds of three calls, each timed from the moment it is written to
   the moment its response arrives: `check` (`codes: ["HL"]`, `limit: 5`),
   `object` (the first KPI id of the first department file) and `search`
   (a word of that KPI's title);
4. prints one JSON object (also to --out): the median, p90 and max of every
   timed call after the first, and of each tool.

It exits 1, saying why on stderr, when the server dies, does not answer within
--timeout seconds, or answers a call with an error; a slow answer is a
measurement, not a failure. The server writes no file.
"""

import argparse
import json
import pathlib
import queue
import re
import statistics
import subprocess
import sys
import threading
import time


class Failure(Exception):
    """The server crashed, hung or answered with an error."""


class Client:
    """An MCP client over the server's stdin and stdout."""

    def __init__(self, argv, cwd, timeout):
        self.proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.inbox = queue.Queue()
        self.timeout = timeout
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            t = time.perf_counter()
            try:
                self.inbox.put((t, json.loads(line)))
            except ValueError:
                self.inbox.put((t, {"_bad": line[:200].decode("utf-8", "replace")}))
        self.inbox.put((time.perf_counter(), None))

    def send(self, msg):
        data = (json.dumps(msg) + "\n").encode("utf-8")
        t = time.perf_counter()
        try:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError) as e:
            raise Failure("the server is gone (%s)" % e)
        return t

    def request(self, method, params):
        """Sends a request; its response and the milliseconds it took."""
        self.next_id += 1
        rid = self.next_id
        sent = self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        while True:
            try:
                t, msg = self.inbox.get(timeout=self.timeout)
            except queue.Empty:
                raise Failure("no answer to %s within %gs" % (method, self.timeout))
            if msg is None:
                raise Failure("the server closed its output during %s" % method)
            if msg.get("id") == rid:
                if "error" in msg:
                    raise Failure("%s answered %s" % (method, msg["error"]))
                return msg["result"], (t - sent) * 1000.0

    def call(self, tool, arguments):
        result, ms = self.request("tools/call", {"name": tool, "arguments": arguments})
        if result.get("isError"):
            raise Failure("tool %s failed: %s" % (tool, result.get("content")))
        return result, ms

    def close(self):
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()


def stats(samples):
    s = sorted(samples)
    return {"n": len(s), "median": statistics.median(s),
            "p90": s[min(len(s) - 1, int(round(0.9 * (len(s) - 1))))], "max": s[-1]}


def target_kpi(repo):
    """The first KPI id of the first department file, and a word of its title."""
    files = sorted(pathlib.Path(repo).glob("objectives/d-*.toml"))
    if not files:
        raise Failure("no objectives/d-*.toml in %s" % repo)
    text = files[0].read_text()
    for table in text.split("[[kpi]]")[1:]:
        kid = re.search(r'^id\s*=\s*"([^"]+)"', table, re.M)
        title = re.search(r'^title\s*=\s*"([^"]+)"', table, re.M)
        if kid and title:
            words = [w for w in re.findall(r"[A-Za-z]{4,}", title.group(1))]
            return kid.group(1), (words[0] if words else kid.group(1))
    raise Failure("no KPI in %s" % files[0])


def measure(args):
    kpi, word = target_kpi(args.repo)
    binary = str(pathlib.Path(args.binary).resolve())
    argv = [binary, "mcp"] + (["--now", args.now] if args.now else [])
    c = Client(argv, args.repo, args.timeout)
    try:
        c.request("initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                                 "clientInfo": {"name": "mcp_latency.py", "version": "1"}})
        c.send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        _, first = c.call("check", {"limit": 1})
        calls = {"check": [], "object": [], "search": []}
        for _ in range(args.rounds):
            calls["check"].append(c.call("check", {"codes": ["HL"], "limit": 5})[1])
            calls["object"].append(c.call("object", {"id": kpi})[1])
            calls["search"].append(c.call("search", {"query": word})[1])
    finally:
        c.close()
    every = [ms for v in calls.values() for ms in v]
    return {"binary": args.binary, "repo": args.repo, "now": args.now, "kpi": kpi,
            "query": word, "rounds": args.rounds, "first_ms": first,
            "latency_ms": stats(every), "by_tool": {k: stats(v) for k, v in calls.items()}}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", default="target/release/stratlint", help="the stratlint binary")
    ap.add_argument("--repo", required=True, help="the repository to serve")
    ap.add_argument("--now", help="passed to `stratlint mcp --now` (bench uses 2026-11-25)")
    ap.add_argument("--rounds", type=int, default=20, help="rounds of three calls (default 20)")
    ap.add_argument("--timeout", type=float, default=60.0,
                    help="longest wait for one answer, in seconds (default 60)")
    ap.add_argument("--out", help="also write the JSON here")
    args = ap.parse_args()
    if args.rounds < 1:
        ap.error("--rounds must be at least 1")
    try:
        result = measure(args)
    except Failure as e:
        sys.exit("mcp_latency.py: error: %s" % e)
    text = json.dumps(result, indent=2)
    if args.out:
        pathlib.Path(args.out).write_text(text + "\n")
    print(text)
    lat = result["latency_ms"]
    print("mcp_latency.py: %d tool calls after the first (%.1f ms): median %.1f ms, p90 %.1f, max %.1f"
          % (lat["n"], result["first_ms"], lat["median"], lat["p90"], lat["max"]), file=sys.stderr)


if __name__ == "__main__":
    main()
