#!/usr/bin/env python3
"""Turn the raw measurements of bench/run.sh into a table and a JSON file.

    python3 bench/report.py RESULTS_DIR OUT.json    (what run.sh does)
    python3 bench/report.py --show RESULT.json      (print the table of a saved result)

RESULTS_DIR holds facts.txt (key=value lines), one hyperfine-style JSON file
per measurement (NAME.json), the outputs of the untimed validation runs
(NAME.out), rss.txt (peak RSS in KiB, one line per run) and main.repo.json
(generate.py's summary), and lsp.out (bench/lsp_latency.py's JSON), when the
language server was measured. The table is Markdown. Python 3 standard library only.
"""

import json
import math
import os
import sys
import time

# (id, label, numerator, denominator, limit, comparison)
RATIO_TARGETS = [
    ("history_vs_git_log", "full check vs `git log --format=%ct --name-only HEAD`",
     "full", "gitlog", 2.0, "<="),
    ("no_history_vs_rumdl", "`--no-history` check vs `rumdl check --no-cache .`",
     "nohist", "rumdl", 1.0, "<"),
    ("changed_since_vs_full", "`--changed-since HEAD~50` vs full check",
     "changed", "full", 2.2, "<="),
    ("report_vs_full", "`report --format html` vs full check", "report", "full", 1.2, "<="),
    ("map_vs_full", "`map` (Mermaid) vs full check", "map", "full", 1.2, "<="),
    # Reported, no target: two analyses (the first commit and HEAD), about two checks (SPEC §16).
    ("diff_vs_full", "`diff <first commit> HEAD --format json` vs full check (reported)",
     "diff", "full", None, None),
    ("initiatives_vs_git_log",
     "full check with initiatives linking commits vs its `git log` (issue 25)",
     "full_init", "gitlog_init", 2.0, "<="),
]
RSS_LIMIT_MB = 100.0
LSP_LIMIT_MS = 15.0  # issue 24 (SPEC §13 asks 100 ms)
LINEAR_EXPONENT = 1.2


def load_measure(path):
    r = json.load(open(path))["results"][0]
    return {
        "median_s": r["median"], "mean_s": r["mean"], "min_s": r["min"], "max_s": r["max"],
        "user_s": r.get("user"), "system_s": r.get("system"),
        "runs": len(r["times"]), "times_s": r["times"],
    }


def counts(path):
    if not os.path.exists(path):
        return None
    try:
        doc = json.load(open(path))
    except ValueError as e:
        sys.exit("report.py: %s is not JSON: %s" % (path, e))
    by_code = {}
    for d in doc.get("diagnostics", []):
        by_code[d["code"]] = by_code.get(d["code"], 0) + 1
    return {"summary": doc.get("summary"), "by_code": dict(sorted(by_code.items()))}


def collect(res):
    """The raw inputs, from run.sh's results directory."""
    facts = {}
    with open(os.path.join(res, "facts.txt")) as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition("=")
            facts[k] = v
    meas = {}
    for f in sorted(os.listdir(res)):
        if f.endswith(".json") and f not in ("main.repo.json", "init.repo.json"):
            meas[f[:-5]] = load_measure(os.path.join(res, f))
    init_repo = os.path.join(res, "init.repo.json")
    diags = {"full": counts(os.path.join(res, "full.out")),
             "with_initiatives": counts(os.path.join(res, "full_init.out")),
             "no_history": counts(os.path.join(res, "nohist.out"))}
    if facts.get("changed_available") == "1":
        diags["changed_since"] = counts(os.path.join(res, "changed.out"))
    lsp = os.path.join(res, "lsp.out")
    lsp_20k = os.path.join(res, "lsp20k.out")
    mcp = os.path.join(res, "mcp.out")
    return {
        "facts": facts,
        "repository": json.load(open(os.path.join(res, "main.repo.json"))),
        "repository_with_initiatives":
            json.load(open(init_repo)) if os.path.exists(init_repo) else None,
        "measurements": meas,
        "rss_kb": [int(x) for x in open(os.path.join(res, "rss.txt")).read().split()],
        "diagnostics": diags,
        "lsp": json.load(open(lsp)) if os.path.exists(lsp) else None,
        "mcp": json.load(open(mcp)) if os.path.exists(mcp) else None,
        "lsp_20k": json.load(open(lsp_20k)) if os.path.exists(lsp_20k) else None,
    }


def exponent(points):
    """Least-squares slope of log(time) against log(size)."""
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den if den else float("nan")


def steps(points):
    """The exponent between each pair of neighbouring sizes."""
    return [math.log(t2 / t1) / math.log(n2 / n1) for (n1, t1), (n2, t2) in zip(points, points[1:])]


def evaluate(raw):
    """The result document: raw inputs plus targets and verdicts."""
    facts, meas = raw["facts"], raw["measurements"]
    smoke = facts["smoke"] == "1"
    targets = []
    for tid, label, num, den, limit, cmp in RATIO_TARGETS:
        a, b = meas.get(num), meas.get(den)
        ratio = a["median_s"] / b["median_s"] if a and b else None
        if ratio is None or limit is None:
            ok = None
        else:
            ok = ratio <= limit if cmp == "<=" else ratio < limit
        cpu = None
        if a and b and a["user_s"] is not None and b["user_s"] is not None:
            cpu = (a["user_s"] + a["system_s"]) / max(1e-9, b["user_s"] + b["system_s"])
        targets.append({"id": tid, "measure": label, "value_s": a and a["median_s"],
                        "reference_s": b and b["median_s"], "ratio": ratio, "cpu_ratio": cpu,
                        "limit": limit, "comparison": cmp, "pass": None if smoke else ok})

    rss_mb = max(raw["rss_kb"]) / 1024.0
    targets.append({"id": "peak_rss", "measure": "peak RSS of the full check (max of %d)"
                    % len(raw["rss_kb"]), "value_mb": rss_mb, "limit": RSS_LIMIT_MB,
                    "comparison": "<=", "pass": None if smoke else rss_mb <= RSS_LIMIT_MB})

    lsp = raw.get("lsp")
    if lsp:
        lat, burst = lsp["latency_ms"], lsp["burst"]
        targets.append({"id": "lsp_recheck", "measure": "LSP re-check after a keystroke (median)",
                        "value_ms": lat["median"], "p90_ms": lat["p90"], "max_ms": lat["max"],
                        "rounds": lat["n"], "file": lsp["file"],
                        "burst_changes": burst["changes"],
                        "burst_interval_ms": burst["interval_ms"],
                        "burst_final_ms": burst["final_ms"],
                        "burst_publishes": burst["publishes"],
                        "burst_window_ms": burst["window_ms"],
                        "limit": LSP_LIMIT_MS, "comparison": "<=",
                        "pass": None if smoke else lat["median"] <= LSP_LIMIT_MS})
    lsp_20k = raw.get("lsp_20k")
    if lsp_20k:
        lat = lsp_20k["latency_ms"]
        # Reported, with no target of its own (issue 24).
        targets.append({"id": "lsp_recheck_20k",
                        "measure": "LSP re-check after a keystroke, 20,000 documents (median)",
                        "value_ms": lat["median"], "p90_ms": lat["p90"], "max_ms": lat["max"],
                        "rounds": lat["n"], "file": lsp_20k["file"],
                        "burst_final_ms": lsp_20k["burst"]["final_ms"],
                        "burst_publishes": lsp_20k["burst"]["publishes"],
                        "limit": None, "comparison": None, "pass": None})

    mcp = raw.get("mcp")
    if mcp:
        lat = mcp["latency_ms"]
        # SPEC §17 / issue 28: a tool call answers within the LSP's target once history is read.
        targets.append({"id": "mcp_call", "measure": "MCP tool call once history is read (median)",
                        "value_ms": lat["median"], "p90_ms": lat["p90"], "max_ms": lat["max"],
                        "calls": lat["n"], "first_ms": mcp["first_ms"],
                        "by_tool_ms": {k: v["median"] for k, v in mcp["by_tool"].items()},
                        "limit": LSP_LIMIT_MS, "comparison": "<=",
                        "pass": None if smoke else lat["median"] <= LSP_LIMIT_MS})

    scaling = {}
    for axis, short, key, fixed in (
            ("documents", "docs", "scale_docs", "{:,} commits".format(int(facts["main_commits"]))),
            ("commits", "commits", "scale_commits", "{:,} documents".format(int(facts["main_docs"])))):
        sizes = [int(x) for x in facts[key].split()]
        points = [(n, meas["scale-%s-%d" % (short, n)]["median_s"]) for n in sizes]
        fit, st = exponent(points), steps(points)
        scaling[axis] = {"fixed": fixed, "points": [{"size": n, "median_s": t} for n, t in points],
                         "exponent": fit, "step_exponents": st}
        # A fixed start-up cost flattens the small sizes, so judge the worst step, not the fit.
        targets.append({"id": "scaling_" + axis, "measure": "full check time vs %s (%s)"
                        % (axis, fixed), "exponent": fit, "step_exponents": st,
                        "limit": LINEAR_EXPONENT, "comparison": "<=",
                        "pass": None if smoke else max(st) <= LINEAR_EXPONENT})

    return {
        "schema": 1,
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "smoke": smoke,
        "timer": facts["timer"],
        "runs": int(facts["runs"]),
        "scale_runs": int(facts["scale_runs"]),
        "now": facts["now"],
        "machine": {k: facts.get(k) for k in ("nproc", "cpu", "mem_kb", "kernel", "loadavg_start",
                                               "loadavg")},
        "tools": {k: facts.get(k) for k in ("stratlint_version", "stratlint_commit", "rustc", "git",
                                             "rumdl", "hyperfine")},
        "build_seconds": None if facts["build_seconds"] == "null" else int(facts["build_seconds"]),
        "total_seconds": int(facts["seconds"]),
        "repository": raw["repository"],
        "diagnostics": raw["diagnostics"],
        "targets": targets,
        "scaling": scaling,
        "measurements": meas,
        "rss_kb": raw["rss_kb"],
        "lsp": lsp,
        "lsp_20k": lsp_20k,
        "mcp": mcp,
        "facts": facts,
    }


def ms(s):
    if s is None:
        return "n/a"
    return "%.0f ms" % (s * 1000) if s >= 0.1 else "%.1f ms" % (s * 1000)


def times(x, digits=2):
    return "n/a" if x is None else "%.*f×" % (digits, x)


def print_table(doc, out=sys.stdout):
    facts, repo, smoke = doc["facts"], doc["repository"], doc["smoke"]

    def verdict(t):
        if smoke:
            return "(smoke)"
        return "n/a" if t["pass"] is None else ("PASS" if t["pass"] else "FAIL")

    rows = []
    for t in doc["targets"]:
        if "ratio" in t:
            rows.append((t["measure"], ms(t["value_s"]), ms(t["reference_s"]), times(t["ratio"]),
                         times(t["cpu_ratio"]),
                         "reported" if t["limit"] is None else
                         "%s %g×" % ("≤" if t["comparison"] == "<=" else "<", t["limit"]),
                         "" if t["limit"] is None else verdict(t)))
        elif t["id"] == "peak_rss":
            rows.append((t["measure"], "%.1f MB" % t["value_mb"], "", "", "",
                         "≤ %g MB" % t["limit"], verdict(t)))
        elif t["id"] == "lsp_recheck":
            rows.append((t["measure"], ms(t["value_ms"] / 1000), "", "", "",
                         "≤ %g ms" % t["limit"], verdict(t)))
        elif t["id"] == "mcp_call":
            rows.append((t["measure"], ms(t["value_ms"] / 1000), "", "", "",
                         "≤ %g ms" % t["limit"], verdict(t)))
        elif t["id"] == "lsp_recheck_20k":
            rows.append((t["measure"], ms(t["value_ms"] / 1000), "", "", "", "reported", ""))
    for axis, s in doc["scaling"].items():
        sizes = " / ".join("{:,}".format(p["size"]) for p in s["points"])
        rows.append(("full check at %s %s (%s)" % (sizes, axis, s["fixed"]),
                     " / ".join(ms(p["median_s"]) for p in s["points"]), "",
                     "steps %s" % ", ".join("%.2f" % x for x in s["step_exponents"]), "",
                     "linear (≤ %g)" % LINEAR_EXPONENT,
                     verdict(next(t for t in doc["targets"] if t["id"] == "scaling_" + axis))))

    p = lambda *a: print(*a, file=out)
    p()
    p("Repository: %s documents, %s commits (%s principles, %s objectives, %s KPIs). "
      "Medians of %s runs (%s), scaling %s runs." % (
          "{:,}".format(repo["documents"]), "{:,}".format(repo["commits"]), repo["principles"],
          repo["objectives"], repo["kpis"], doc["runs"], doc["timer"], doc["scale_runs"]))
    m = doc["machine"]
    p("Machine: %s cores, %s; load average %s at the start, %s at the end." % (
        m["nproc"], m["cpu"], m.get("loadavg_start") or "?", m["loadavg"]))
    p("stratlint %s. Times are wall-clock medians; the CPU ratio compares mean user+system "
      "time; a scaling step is log(t2/t1)/log(n2/n1)." % doc["tools"]["stratlint_commit"])
    p()
    hdr = ("measurement", "stratlint", "reference", "ratio", "CPU ratio", "target", "result")
    widths = [max(len(str(r[i])) for r in rows + [hdr]) for i in range(len(hdr))]
    line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"
    p(line(hdr))
    p("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        p(line(r))
    p()
    full = doc["diagnostics"]["full"]
    p("Diagnostics of the full check: %s (planted: %s)" % (
        ", ".join("%s ×%d" % kv for kv in full["by_code"].items()) or "none",
        ", ".join("%s ×%d" % kv for kv in repo["expected_diagnostics"].items())))
    if full["by_code"] != repo["expected_diagnostics"]:
        p("note: the full check's diagnostics differ from the ones the generator planted")
    t = next((t for t in doc["targets"] if t["id"] == "lsp_recheck"), None)
    if t:
        p("Language server (`stratlint server`, editing %s): %d keystrokes, median %.1f ms, "
          "p90 %.1f, max %.1f; a burst of %d changes %g ms apart: the final text's diagnostics "
          "%.1f ms after the last change, %d publishDiagnostics for the file within %.1f s "
          "(a debounced server sends far fewer than %d)." % (
              t["file"], t["rounds"], t["value_ms"], t["p90_ms"], t["max_ms"],
              t["burst_changes"], t["burst_interval_ms"], t["burst_final_ms"],
              t["burst_publishes"], t["burst_window_ms"] / 1000, t["burst_changes"]))
    if smoke:
        p("Smoke run: targets not judged.")
    else:
        failed = [t["id"] for t in doc["targets"] if t["pass"] is False]
        p("Targets missed: %s" % (", ".join(failed) if failed else "none"))


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--show":
        saved = json.load(open(sys.argv[2]))
        doc = evaluate({k: saved.get(k) for k in ("facts", "repository", "measurements",
                                                  "rss_kb", "diagnostics", "lsp",
                                                  "lsp_20k")})
        print_table(doc)
        return
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip())
    doc = evaluate(collect(sys.argv[1]))
    with open(sys.argv[2], "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    print_table(doc)


if __name__ == "__main__":
    main()
