#!/usr/bin/env python3
"""Measure how fast `stratlint server` re-checks after a keystroke (SPEC §13).

    python3 bench/lsp_latency.py --binary target/release/stratlint \\
        --repo /tmp/stratlint-bench/repos/d2000-c5000 --now 2026-11-25

A scripted LSP client over stdio (Python 3 standard library only):

1. starts `stratlint server --now DATE` in the repository, sends `initialize`
   (rootUri and workspaceFolders) and `initialized`, then waits for the
   initial diagnostics to settle: a request answered (the server handles
   messages in order) and then no `publishDiagnostics` for --settle seconds
   (at most --max-wait);
2. opens one strategy file (default: the first department KPI file,
   `objectives/d-*.toml`; --file to choose another) and settles again;
3. keystrokes: --rounds `didChange` notifications, each one incremental
   (a range edit of one character) and --gap seconds after the previous
   publish. They alternate between typing one letter after a KPI's `owner`
   id (an id not in the owners registry: OWN002) and deleting it again. Each
   is timed from the moment it is written to the server's stdin until a
   `publishDiagnostics` for the file arrives that has the OWN002 naming the
   new id, or (after a deletion) that no longer has it;
4. a typing burst: --burst one-letter insertions --burst-interval seconds
   apart, appended to the owner id (every state is an unknown owner, each
   with its own message). It times the last change to the publish that
   names the final id, and counts the `publishDiagnostics` for the file from
   the first change until --tail seconds after the last (or until the final
   publish, when that is later). A server that re-checks every change
   publishes once per change; a debounced one, far fewer;
5. `shutdown` and `exit`, and prints one JSON object (also to --out).

It exits 1, saying why on stderr, when the server dies, does not answer, or
never publishes what a change must produce (within --timeout seconds); a slow
answer is a measurement, not a failure. The server writes no file, so the
repository is left as it was.
"""

import argparse
import json
import os
import pathlib
import queue
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

CODE = "OWN002"


class Failure(Exception):
    """The server crashed, hung or never published: the measurement failed."""


class Client:
    """An LSP client over the server's stdin and stdout."""

    def __init__(self, argv, cwd):
        self.argv = argv
        self.proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0)
        self.inbox = queue.Queue()
        self.stderr = []
        self.next_id = 0
        self.responses = {}
        self.publishes = []   # (time, uri path, diagnostics), in arrival order
        self.other = []       # other notifications (window/showMessage, logs)
        threading.Thread(target=self._read, daemon=True).start()
        self.stderr_thread = threading.Thread(target=self._drain_stderr, daemon=True)
        self.stderr_thread.start()

    def _read(self):
        out = self.proc.stdout
        try:
            while True:
                length = None
                while True:
                    line = out.readline()
                    if not line:
                        self.inbox.put((time.perf_counter(), None))
                        return
                    line = line.strip()
                    if not line:
                        break
                    name, _, value = line.decode("ascii", "replace").partition(":")
                    if name.strip().lower() == "content-length":
                        length = int(value.strip())
                if length is None:
                    self.inbox.put((time.perf_counter(), {"_bad_frame": "no Content-Length"}))
                    continue
                body = b""
                while len(body) < length:
                    chunk = out.read(length - len(body))
                    if not chunk:
                        self.inbox.put((time.perf_counter(), None))
                        return
                    body += chunk
                t = time.perf_counter()
                try:
                    msg = json.loads(body)
                except ValueError:
                    msg = {"_bad_frame": body[:200].decode("utf-8", "replace")}
                self.inbox.put((t, msg))
        except (OSError, ValueError) as e:
            self.inbox.put((time.perf_counter(), {"_bad_frame": str(e)}))
            self.inbox.put((time.perf_counter(), None))

    def _drain_stderr(self):
        for line in self.proc.stderr:
            self.stderr.append(line.decode("utf-8", "replace").rstrip("\n"))
            del self.stderr[:-50]

    def _write(self, msg):
        body = json.dumps(msg).encode("utf-8")
        t = time.perf_counter()
        try:
            self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError) as e:
            raise Failure("the server is gone (writing %s: %s)%s"
                          % (msg.get("method", "a response"), e, self.why()))
        return t

    def notify(self, method, params):
        """Sends a notification; the time just before it was written."""
        return self._write({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        self.next_id += 1
        self._write({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return self.next_id

    def why(self):
        try:
            rc = self.proc.wait(0.5)
            self.stderr_thread.join(1.0)  # what it said before it died
        except subprocess.TimeoutExpired:
            rc = None
        s = "" if rc is None else "; exit code %s" % rc
        if self.stderr:
            s += "; its stderr ends:\n  " + "\n  ".join(self.stderr[-15:])
        return s

    def pump(self, until, stop=None):
        """Handles incoming messages until the clock reaches `until` or
        `stop(message)` is true; returns (time, message) of the stopping one."""
        while True:
            left = until - time.perf_counter()
            if left <= 0:
                return None
            try:
                t, msg = self.inbox.get(timeout=left)
            except queue.Empty:
                return None
            if msg is None:
                raise Failure("the server closed its stdout (it crashed or exited)%s" % self.why())
            self._handle(t, msg)
            if stop is not None and stop(msg):
                return t, msg

    def _handle(self, t, msg):
        if "_bad_frame" in msg:
            raise Failure("the server wrote a frame that is not JSON-RPC: %s" % msg["_bad_frame"])
        method = msg.get("method")
        if method is None:
            self.responses[msg.get("id")] = msg
        elif "id" in msg:
            # A request from the server: answer it so that it is not kept waiting.
            result = None
            if method == "workspace/configuration":
                result = [None for _ in msg.get("params", {}).get("items", [])]
            self._write({"jsonrpc": "2.0", "id": msg["id"], "result": result})
        elif method == "textDocument/publishDiagnostics":
            p = msg.get("params", {})
            self.publishes.append((t, uri_path(p.get("uri", "")), p.get("diagnostics", [])))
        else:
            self.other.append(msg)

    def call(self, method, params, timeout):
        """Sends a request and waits for its response; (seconds, response)."""
        i = self.request(method, params)
        t0 = time.perf_counter()
        got = self.pump(t0 + timeout, lambda m: m.get("method") is None and m.get("id") == i)
        if got is None:
            raise Failure("no response to %s within %g s%s" % (method, timeout, self.why()))
        return got[0] - t0, got[1]

    def settle(self, quiet, max_wait):
        """Waits until no publishDiagnostics arrived for `quiet` seconds, at
        most `max_wait`; (publishes seen, whether it settled)."""
        start, n0 = time.perf_counter(), len(self.publishes)
        last = start
        while True:
            now = time.perf_counter()
            if now - last >= quiet:
                return len(self.publishes) - n0, True
            if now - start >= max_wait:
                return len(self.publishes) - n0, False
            self.pump(min(last + quiet, start + max_wait))
            if len(self.publishes) > n0:
                last = max(last, self.publishes[-1][0])

    def close(self, timeout):
        """shutdown and exit; the exit code (None if it had to be killed)."""
        if self.proc.poll() is None:
            self.call("shutdown", None, timeout)
            self.notify("exit", None)
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def uri_path(uri):
    """A file URI's path, symlinks resolved, for comparing URIs."""
    p = urllib.parse.urlparse(uri)
    return os.path.realpath(urllib.parse.unquote(p.path)) if p.scheme == "file" else uri


def position(text, offset):
    """An LSP position (line, UTF-16 character) of a str offset."""
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return {"line": line, "character": len(text[start:offset].encode("utf-16-le")) // 2}


def find_owner(text):
    """(start, end) of the first KPI's owner id (after any `@`) in a TOML file,
    else of the first `owner` in the file (front matter or table)."""
    pat = re.compile(r'^owner\s*=\s*"@?([^"\n]+)"', re.M)
    kpi = text.find("[[kpi]]")
    m = (kpi >= 0 and pat.search(text, kpi)) or pat.search(text)
    return m and m.span(1)


def pick_file(repo, rel):
    if rel:
        return rel
    objectives = os.path.join(repo, "objectives")
    names = sorted(os.listdir(objectives)) if os.path.isdir(objectives) else []
    for name in [n for n in names if n != "company.toml"] + names:
        if name.endswith(".toml"):
            with open(os.path.join(objectives, name), encoding="utf-8") as f:
                if find_owner(f.read()):
                    return os.path.join("objectives", name)
    sys.exit("lsp_latency.py: no objectives/*.toml with an owner in %s (use --file)" % repo)


def names(diagnostics, name):
    """Whether the diagnostics hold the OWN002 about exactly `name`."""
    pat = re.compile(r"(?<![\w@-])@?%s(?![\w-])" % re.escape(name))
    return any(d.get("code") == CODE and pat.search(d.get("message", "")) for d in diagnostics)


def summary(xs):
    xs = sorted(xs)
    if not xs:
        return None
    p90 = statistics.quantiles(xs, n=10, method="inclusive")[8] if len(xs) > 1 else xs[0]
    return {"n": len(xs), "median": statistics.median(xs), "p90": p90, "max": xs[-1],
            "min": xs[0], "mean": statistics.mean(xs)}


def measure(args):
    repo = os.path.realpath(args.repo)
    rel = pick_file(repo, args.file)
    path = os.path.realpath(os.path.join(repo, rel))
    uri = pathlib.Path(path).as_uri()
    with open(path, encoding="utf-8") as f:
        text = f.read()
    span = find_owner(text)
    if not span:
        sys.exit("lsp_latency.py: no `owner = \"…\"` line in %s" % rel)
    owner_start, owner_end = span
    owner = text[owner_start:owner_end]
    binary = os.path.realpath(args.binary)
    argv = [binary, "server"] + (["--now", args.now] if args.now else [])
    result = {"binary": binary, "argv": argv[1:], "repo": repo, "now": args.now, "file": rel,
              "owner": owner, "rule": CODE}

    client = Client(argv, repo)
    try:
        root = pathlib.Path(repo).as_uri()
        t0 = time.perf_counter()
        _, init = client.call("initialize", {
            "processId": os.getpid(), "rootUri": root, "rootPath": repo,
            "workspaceFolders": [{"uri": root, "name": os.path.basename(repo)}],
            "capabilities": {"textDocument": {
                "synchronization": {"didSave": True, "dynamicRegistration": False},
                "publishDiagnostics": {"relatedInformation": True, "versionSupport": True}}},
            "clientInfo": {"name": "stratlint-bench"}}, args.timeout)
        if "error" in init:
            raise Failure("initialize failed: %s" % init["error"])
        info = init.get("result") or {}
        result["server_info"] = info.get("serverInfo")
        result["text_document_sync"] = (info.get("capabilities") or {}).get("textDocumentSync")
        client.notify("initialized", {})
        # A request is answered once the messages before it are handled (today:
        # the whole initial check); then wait for the publishes to stop.
        hover = {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}
        client.call("textDocument/hover", hover, args.max_wait)
        result["initial_response_ms"] = (time.perf_counter() - t0) * 1000
        n, settled = client.settle(args.settle, args.max_wait)
        result["initial_publishes"] = n
        result["initial_settled"] = settled

        version = 1
        client.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "toml" if path.endswith(".toml") else "markdown",
            "version": version, "text": text}})
        client.call("textDocument/hover", hover, args.max_wait)
        client.settle(args.settle, args.max_wait)

        def change(at, end, new):
            """One incremental didChange replacing text[at:end] by `new`."""
            nonlocal text, version
            version += 1
            edit = {"range": {"start": position(text, at), "end": position(text, end)},
                    "text": new}
            text = text[:at] + new + text[end:]
            return client.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version}, "contentChanges": [edit]})

        def wait_publish(since, has, name, what):
            """Waits for a publish for the file that has (or lacks) the OWN002
            about `name`; its arrival time."""
            def done(msg):
                if msg.get("method") != "textDocument/publishDiagnostics":
                    return False
                p = msg.get("params", {})
                return (uri_path(p.get("uri", "")) == path
                        and names(p.get("diagnostics", []), name) == has)
            got = client.pump(since + args.timeout, done)
            if got is None:
                raise Failure("no publishDiagnostics for %s %s the %s about `%s` within %g s "
                              "of %s%s" % (rel, "with" if has else "without", CODE, name,
                                           args.timeout, what, client.why()))
            return got[0]

        # Keystrokes: type one letter after the owner id, then delete it.
        introduce, revert, publishes = [], [], 0
        n0 = len(client.publishes)
        for i in range(args.rounds + args.rounds % 2):
            if i % 2 == 0:
                bad = owner + chr(ord("a") + (i // 2) % 26)
                sent = change(owner_end, owner_end, bad[-1])
                got = wait_publish(sent, True, bad, "typing a letter")
                if i < args.rounds:
                    introduce.append((got - sent) * 1000)
            else:
                sent = change(owner_end, owner_end + 1, "")
                got = wait_publish(sent, False, bad, "deleting it")
                if i < args.rounds:
                    revert.append((got - sent) * 1000)
            client.pump(got + args.gap)
        publishes = sum(1 for p in client.publishes[n0:] if p[1] == path)
        samples = [x for pair in zip(introduce, revert + [None]) for x in pair if x is not None]
        result["rounds"] = len(samples)
        result["samples_ms"] = [round(x, 2) for x in samples]
        result["latency_ms"] = summary(samples)
        result["introduce_ms"] = summary(introduce)
        result["revert_ms"] = summary(revert)
        result["round_publishes"] = publishes

        # A typing burst: one letter every --burst-interval seconds.
        letters = "".join(chr(ord("a") + k % 26) for k in range(args.burst))
        at = owner_end
        n0 = len(client.publishes)
        start = time.perf_counter()
        sends = []
        for k, c in enumerate(letters):
            delay = start + k * args.burst_interval - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            sends.append(change(at + k, at + k, c))
        final = owner + letters
        got = wait_publish(sends[-1], True, final, "the last change of the burst")
        window_end = max(sends[-1] + args.tail, got)
        client.pump(window_end)
        burst = [p for p in client.publishes[n0:] if p[1] == path and p[0] <= window_end]
        result["burst"] = {
            "changes": args.burst, "interval_ms": args.burst_interval * 1000,
            "sent_in_ms": (sends[-1] - sends[0]) * 1000,
            "final_ms": (got - sends[-1]) * 1000,
            "publishes": len(burst),
            "window_ms": (window_end - sends[0]) * 1000,
            "last_publish_ms": (burst[-1][0] - sends[-1]) * 1000 if burst else None,
            # Each publish's arrival, from the last change (negative: during the burst).
            "publish_ms": [round((p[0] - sends[-1]) * 1000, 2) for p in burst],
        }
        # Undo it, so that the server ends on the text on disk.
        sent = change(at, at + len(letters), "")
        wait_publish(sent, False, final, "undoing the burst")

        result["other_notifications"] = sorted({m.get("method") for m in client.other})
        rc = client.close(args.timeout)
        result["exit_code"] = rc
        if rc is None:
            print("lsp_latency.py: warning: the server did not exit after `exit`; killed it",
                  file=sys.stderr)
        elif rc < 0:
            raise Failure("the server died of signal %d at exit%s" % (-rc, client.why()))
        elif rc != 0:
            print("lsp_latency.py: warning: the server exited %d after shutdown and exit" % rc,
                  file=sys.stderr)
    finally:
        client.kill()
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 2)[2])
    ap.add_argument("--binary", default="target/release/stratlint", help="the stratlint binary")
    ap.add_argument("--repo", required=True, help="the repository (workspace root)")
    ap.add_argument("--now", help="passed to `stratlint server --now` (bench uses 2026-11-25)")
    ap.add_argument("--file", help="the file to edit, relative to --repo "
                    "(default: the first objectives/d-*.toml)")
    ap.add_argument("--rounds", type=int, default=30, help="timed keystrokes (default 30)")
    ap.add_argument("--gap", type=float, default=0.3,
                    help="seconds between a publish and the next keystroke (default 0.3)")
    ap.add_argument("--burst", type=int, default=20, help="changes in the burst (default 20)")
    ap.add_argument("--burst-interval", type=float, default=0.005,
                    help="seconds between the burst's changes (default 0.005)")
    ap.add_argument("--tail", type=float, default=2.0,
                    help="seconds after the burst's last change to count publishes (default 2)")
    ap.add_argument("--settle", type=float, default=1.0,
                    help="seconds without a publish that count as settled (default 1)")
    ap.add_argument("--max-wait", type=float, default=120.0,
                    help="longest wait for the initial check to settle (default 120)")
    ap.add_argument("--timeout", type=float, default=30.0,
                    help="longest wait for a publish a change must produce (default 30)")
    ap.add_argument("--out", help="also write the JSON here")
    args = ap.parse_args()
    if args.rounds < 1 or args.burst < 1:
        ap.error("--rounds and --burst must be at least 1")
    try:
        result = measure(args)
    except Failure as e:
        sys.exit("lsp_latency.py: error: %s" % e)
    doc = json.dumps(result, indent=2)
    if args.out:
        with open(args.out, "w") as f:
            f.write(doc + "\n")
    print(doc)
    lat, b = result["latency_ms"], result["burst"]
    print("lsp_latency.py: %d keystrokes in %s: median %.1f ms, p90 %.1f, max %.1f; burst of %d "
          "changes %g ms apart: final diagnostics %.1f ms after the last, %d publishes"
          % (lat["n"], result["file"], lat["median"], lat["p90"], lat["max"], b["changes"],
             b["interval_ms"], b["final_ms"], b["publishes"]), file=sys.stderr)


if __name__ == "__main__":
    main()
