#!/usr/bin/env python3
"""Generate a synthetic strategy repository for benchmarking stratlint.

    python3 bench/generate.py --docs 2000 --commits 5000 --out /tmp/repo

The output is a git repository (branch `main`, work tree checked out and
clean) built with `git fast-import`. Everything is derived from `--seed`, so
the same arguments give byte-identical commits (same ids) on every machine.

What it holds, at HEAD:

* `stratlint.toml`, `owners.toml` (people and teams), a README and a
  Cargo.toml (neither is strategy: stratlint skips them);
* `strategy/thesis.md` (a thesis, half-life 6mo), `strategy/inflections.toml`,
  `strategy/tenets.toml`, `objectives/company.toml` (company objectives and
  their KPIs);
* about 10% of `--docs` as `objectives/<department>.toml`: one department
  objective, three team objectives and two KPIs per team (owned by people,
  baseline != target);
* the rest of `--docs` as Markdown principles `principles/<area>/*.md`,
  each with `serves`, `half_life`, `reviewed`, prose, a `## Decision tenets`
  list of canonical tenets and relative links to other principles;
* code files `src/**/*.rs` (a quarter as many as documents), never strategy;
* with `--initiatives N` (default 0: none, and the commits are the same as
  without the option), `execution/initiatives.toml`: N initiatives, each serving a team objective with an
  issue key (`ENG-<n>`) and, for half of them, a code file as `paths`; three
  in ten are active (with `moves`, a first signal after `NOW` and a due date
  in 2027, a third of them tech-health), the rest done. About 20% of commits
  carry a `Strategy: INIT-<n>` trailer and about 10% name a key in their
  subject, so linking reads every commit message (SPEC §14).

`--docs` counts strategy documents: principles, department files and the
four fixed strategy files above (the owners registry and config aside).

History: `--commits` commits with strictly increasing committer dates spread
evenly from 2023-01-02 to 2026-11-20. The first commit holds the objective
tree, the thesis and a third of the principles; later commits add the other
principles, revalidate principles (a real edit bumps `reviewed`; one in ten
edits only re-wraps a paragraph, which does not count as a revalidation),
update KPIs' `current`, tweak team objectives, re-argue the thesis, and, in
about half of them, touch only code. One principle in twenty is never edited
after the first commit, so dating walks the whole history.

Each principle's `half_life` is chosen from its planned age so that the
repository lints clean at `--now 2026-11-25`, except for three planted
warnings that prove the history rules run: two principles past their
half-life (HL001) and one whose served team objective changed after it was
last revalidated (HL004). `--no-history` is clean as well (ages come from
`reviewed`, which matches history), apart from HL001 on the same two.

Python 3 standard library only.
"""

import argparse
import bisect
import calendar
import json
import os
import random
import subprocess
import sys
import time

NOW = "2026-11-25"
HISTORY_START = "2023-01-02T09:00:00"
HISTORY_END = "2026-11-20T17:00:00"
DAY = 86400

AREAS = [
    "api", "billing", "data", "delivery", "edge", "identity", "ingest",
    "messaging", "mobile", "observability", "payments", "platform",
    "privacy", "reliability", "search", "security", "storage", "web",
]

ADJ = [
    "boring", "explicit", "small", "observable", "reversible", "durable",
    "idempotent", "versioned", "typed", "local", "cheap", "auditable",
    "stateless", "incremental", "replaceable", "measured",
]
NOUN = [
    "interfaces", "deployments", "schemas", "queues", "contracts", "caches",
    "migrations", "services", "pipelines", "releases", "dependencies",
    "events", "configs", "backfills", "runbooks", "tenants",
]
VERB = [
    "Prefer", "Keep", "Default to", "Design for", "Build on", "Insist on",
    "Invest in", "Standardize on",
]
SUBJECT = [
    "a deadline", "a new service", "a customer escalation", "an outage",
    "a vendor proposal", "a schema change", "a cost review",
    "a security finding", "a migration", "a launch", "a hiring plan",
    "a partner request", "a data request", "an audit",
]
PREDICATE = [
    "conflicts with test coverage", "needs a shared database",
    "arrives late in the quarter", "touches customer data",
    "doubles the on-call load", "crosses team boundaries",
    "changes a public contract", "needs a new dependency",
    "blocks another team", "lacks an owner",
]
PAIRS = [
    ("correctness", "latency"), ("the event log", "the report"),
    ("boring technology", "novel frameworks"), ("one owner", "a committee"),
    ("a reversible change", "a big-bang release"),
    ("managed services", "self-hosted clusters"),
    ("explicit contracts", "shared tables"), ("fewer features", "more toil"),
    ("a written decision", "a hallway agreement"),
    ("customer trust", "short-term revenue"),
    ("small batches", "long-lived branches"),
    ("measured impact", "anecdotes"),
]
VERBS = ["choose", "prefer", "favor", "prioritize"]
RATIONALE = [
    "it keeps the blast radius small",
    "customers notice it long before we do",
    "it can always be rebuilt from the source of truth",
    "the cost of undoing it later is far higher",
    "it lets teams ship without waiting on each other",
    "auditors and customers can both check it",
    "the people on call need to understand it at night",
    "it compounds over every release we make",
]
PROSE = [
    "Every team that owns a service owns its failure modes as well.",
    "We write down the trade-off so that the next team does not relitigate it.",
    "The cheapest incident is the one a design rules out.",
    "A decision that cannot be reversed deserves a written review.",
    "We measure before we optimise and we say what we measured.",
    "Interfaces outlive the code behind them, so we change them slowly.",
    "Data that nobody owns decays faster than code that nobody owns.",
    "On-call load is a design input, not an afterthought.",
    "We keep the number of moving parts small enough to explain.",
    "A principle we cannot test against a real decision is a slogan.",
    "When in doubt we pick the option that is easier to delete.",
    "Our customers judge us by the worst day, not the average one.",
]
FIRST = [
    "Ada", "Bea", "Cai", "Dev", "Eli", "Fay", "Gus", "Hal", "Ivy", "Jun",
    "Kai", "Lea", "Max", "Nia", "Oto", "Pia", "Raj", "Sol", "Tao", "Uma",
]
LAST = [
    "Okafor", "Moreau", "Lindqvist", "Rao", "Boateng", "Ferreira", "Iqbal",
    "Park", "Mendes", "Chen", "Novak", "Haddad", "Kowalski", "Silva",
]


def epoch(s):
    """Unix time of an ISO date or date-time (UTC)."""
    fmt = "%Y-%m-%dT%H:%M:%S" if "T" in s else "%Y-%m-%d"
    return calendar.timegm(time.strptime(s, fmt))


def iso_date(t):
    return time.strftime("%Y-%m-%d", time.gmtime(t))


def wrap(text, width, indent=""):
    """Greedy word wrap; continuation lines get `indent`."""
    lines, cur = [], ""
    for word in text.split():
        if cur and len(cur) + 1 + len(word) > width:
            lines.append(cur)
            cur = indent + word
        else:
            cur = (cur + " " + word) if cur else word
    if cur:
        lines.append(cur)
    return "\n".join(lines)


class Principle:
    def __init__(self, index, rng, created, area):
        self.index = index
        self.id = "P-%05d" % index
        self.created = created  # commit index
        self.area = area
        words = (rng.choice(VERB), rng.choice(ADJ), rng.choice(NOUN))
        self.title = "%s %s %s" % words
        slug = "-".join(w.lower().replace(" ", "-") for w in words[1:])
        self.path = "principles/%s/p-%05d-%s.md" % (area, index, slug)
        self.seed = rng.randrange(1 << 30)
        self.tenets = []
        for _ in range(rng.choice((1, 2, 2, 3))):
            a, b = rng.choice(PAIRS)
            # Every tenet takes the pair's side that strategy/tenets.toml
            # takes: a repository of consistent tenets, no TEN007 (the draw
            # is kept so the rest of the repository stays the same).
            rng.random()
            self.tenets.append(
                "When %s %s, we %s %s over %s because %s."
                % (rng.choice(SUBJECT), rng.choice(PREDICATE), rng.choice(VERBS),
                   a, b, rng.choice(RATIONALE)))
        self.owner = None
        self.serves = []
        self.links = []
        self.half_life = None  # None: the config default (1y)
        self.edits = []  # (commit, "real" | "ws")
        self.frozen = False
        self.planted = None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=2000,
                    help="strategy documents at HEAD (default 2000)")
    ap.add_argument("--commits", type=int, default=5000,
                    help="commits in history (default 5000)")
    ap.add_argument("--initiatives", type=int, default=0,
                    help="initiatives (default 0; bench/run.sh's row 4b uses 100)")
    ap.add_argument("--seed", type=int, default=20261125)
    ap.add_argument("--out", required=True,
                    help="directory to create (must not exist or be empty)")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    if args.docs < 20:
        ap.error("--docs must be at least 20")
    if args.commits < 60:
        ap.error("--commits must be at least 60 (benchmarks use HEAD~50)")
    if os.path.exists(args.out) and os.listdir(args.out):
        ap.error("%s exists and is not empty" % args.out)

    started = time.time()
    rng = random.Random(args.seed)
    n_docs, n_commits = args.docs, args.commits
    now = epoch(NOW)

    # ---- commit dates -------------------------------------------------------
    t0, t1 = epoch(HISTORY_START), epoch(HISTORY_END)
    step = (t1 - t0) / (n_commits - 1)
    dates = [t0 + int(round(i * step)) for i in range(n_commits)]
    assert all(a < b for a, b in zip(dates, dates[1:])), "too many commits for the span"

    def commit_near(day):
        t = epoch(day) + 12 * 3600
        return min(range(1, n_commits), key=lambda c: abs(dates[c] - t))

    # ---- people, teams, objective tree -------------------------------------
    n_dept = max(2, n_docs // 10)
    n_fixed = 4  # thesis, inflections, tenets, company objectives
    n_princ = n_docs - n_dept - n_fixed
    people = []  # (id, name, team, active)
    teams = []  # (id, name, lead)

    def new_person(team, active=True):
        pid = "u%05d" % (len(people) + 1)
        name = "%s %s" % (rng.choice(FIRST), rng.choice(LAST))
        people.append((pid, name, team, active))
        return pid

    leaders = [new_person("leadership") for _ in range(6)]
    teams.append(("leadership", "Leadership", leaders[0]))
    companies = []  # dicts
    for k in range(6):
        companies.append({
            "id": "CO-%d" % (k + 1),
            "title": "%s %s %s across the company" % (
                rng.choice(VERB), rng.choice(ADJ), rng.choice(NOUN)),
            "owner": leaders[k],
            "kpi_owner": leaders[k],
        })
    depts = []
    team_objs = []  # (dept index, team index in dept)
    kpis = []  # dicts; "file" is the dept index or -1 for company.toml
    for k, co in enumerate(companies):
        kpis.append(kpi_dict(rng, "K-%s" % co["id"], co["id"], co["kpi_owner"], -1))
    for d in range(n_dept):
        did = "D-%03d" % (d + 1)
        head = new_person("t-%03d-1" % (d + 1))
        dept = {
            "id": did,
            "path": "objectives/%s-%s.toml" % (did.lower(), rng.choice(NOUN)),
            "title": "%s %s %s" % (rng.choice(VERB), rng.choice(ADJ), rng.choice(NOUN)),
            "parent": companies[d % len(companies)]["id"],
            "owner": head,
            "teams": [],
            "kpis": [],
        }
        for t in range(3):
            tid = "t-%03d-%d" % (d + 1, t + 1)
            members = [head] if t == 0 else []
            while len(members) < 2:
                members.append(new_person(tid))
            if rng.random() < 0.05:
                new_person(tid, active=False)  # has left; owns nothing
            teams.append((tid, "Team %s" % tid[2:], members[0]))
            tobj = {
                "id": "%s.%d" % (did, t + 1),
                "title": "%s %s %s" % (rng.choice(VERB), rng.choice(ADJ), rng.choice(NOUN)),
                "owner": "@" + tid,
                "due_q": rng.randrange(4),
                "rev": 0,
            }
            dept["teams"].append(tobj)
            team_objs.append((d, t))
            for j in "ab":
                dept["kpis"].append(len(kpis))
                kpis.append(kpi_dict(rng, "K-%s-%d%s" % (did, t + 1, j), tobj["id"],
                                     rng.choice(members), d))
        depts.append(dept)

    # ---- principles ---------------------------------------------------------
    principles = []
    for i in range(n_princ):
        created = 0 if rng.random() < 0.35 else rng.randrange(1, n_commits)
        principles.append(Principle(i + 1, rng, created, rng.choice(AREAS)))
    principles.sort(key=lambda p: (p.created, p.index))
    root = [p for p in principles if p.created == 0]
    if len(root) < 8:  # tiny sizes: make sure there are enough old principles
        for p in principles[:8]:
            p.created = 0
        root = [p for p in principles if p.created == 0]
    stable_targets = [c["id"] for c in companies] + [d["id"] for d in depts]
    all_people = [p[0] for p in people if p[2] != "leadership" and p[3]]
    for n, p in enumerate(principles):
        p.owner = rng.choice(all_people) if rng.random() < 0.7 else "@" + rng.choice(teams[1:])[0]
        p.serves = rng.sample(stable_targets, rng.choice((1, 1, 2)))
        older = principles[:n]
        if older:
            p.links = [q for q in rng.sample(older, min(len(older), rng.choice((0, 1, 2))))]
    for n, p in enumerate(root):
        if n % 20 == 0:
            p.frozen = True

    # ---- plan history -------------------------------------------------------
    plans = [dict(create=[], edit=[], kpi=[], team=[], thesis=False, code=[], misc=False)
             for _ in range(n_commits)]
    for p in principles:
        if p.created:
            plans[p.created]["create"].append(p)
    n_code = max(20, n_docs // 4)
    alive_by = sorted(p.created for p in principles)
    thesis_every = max(1, n_commits // 16)
    for c in range(1, n_commits):
        plan = plans[c]
        r = rng.random()
        if r < 0.25:
            # revalidate one or two principles that exist by now
            alive = bisect.bisect_left(alive_by, c)
            for _ in range(1 if rng.random() < 0.8 else 2):
                p = principles[rng.randrange(alive)] if alive else None
                if p is not None and not p.frozen and p not in plan["edit"]:
                    p.edits.append((c, "ws" if rng.random() < 0.1 else "real"))
                    plan["edit"].append(p)
            if rng.random() < 0.3:
                plan["code"].append(rng.randrange(n_code))
        elif r < 0.40:
            for _ in range(rng.choice((1, 2, 3))):
                plan["kpi"].append(rng.randrange(len(kpis)))
        elif r < 0.43:
            plan["team"].append(rng.randrange(len(team_objs)))
        elif r < 0.47:
            plan["misc"] = True
            plan["code"].append(rng.randrange(n_code))
        else:
            for _ in range(rng.choice((1, 1, 2, 3))):
                plan["code"].append(rng.randrange(n_code))
        if c % thesis_every == 0:
            plan["thesis"] = True
    plans[commit_near("2026-10-01")]["thesis"] = True

    def lock(p, c, kind="real"):
        """Make `c` the principle's last edit (a real one)."""
        for e in p.edits:
            if e[0] >= c:
                plans[e[0]]["edit"].remove(p)
        p.edits = [e for e in p.edits if e[0] < c] + [(c, kind)]
        plans[c]["edit"].append(p)

    # planted: two HL001 (last revalidated ~1.5y ago, half-life 1y) ...
    cands = [p for p in root if not p.frozen]
    for p in (cands[1], cands[2]):
        lock(p, commit_near("2025-06-01"))
        p.planted = "HL001"
        p.half_life = "1y"
    # ... and one HL004: serves a team objective edited after its revalidation
    p = cands[3]
    lock(p, commit_near("2026-05-01"))
    served_team = team_objs[0]
    p.serves = [depts[served_team[0]]["id"], depts[served_team[0]]["teams"][served_team[1]]["id"]]
    p.planted = "HL004"
    p.half_life = "2y"
    plans[commit_near("2026-08-03")]["team"].append(0)

    # half-lives from planned ages: clean at NOW with some margin
    choices = [("1y", 365), ("18mo", 540), ("2y", 730), ("3y", 1095), ("5y", 1825)]
    ages = []
    for p in principles:
        real = [c for c, k in p.edits if k == "real"]
        last = dates[max(real)] if real else dates[p.created]
        p.reviewed = last
        age = (now - last) / DAY
        ages.append(age)
        if p.planted:
            continue
        ok = [n for n, d in choices if age < 0.85 * d]
        pick = ok[0] if rng.random() < 0.7 or len(ok) == 1 else ok[1]
        p.half_life = None if pick == "1y" and rng.random() < 0.4 else pick

    # ---- initiatives (SPEC 14), from their own random stream ---------------
    irng = random.Random(args.seed + 14)
    n_init = args.initiatives
    doers = [p[0] for p in people if p[3] and p[2] != "leadership"]
    initiatives = []
    for k in range(n_init):
        d, t = team_objs[irng.randrange(len(team_objs))]
        kp = kpis[depts[d]["kpis"][2 * t]]
        initiatives.append({
            "id": "INIT-%03d" % (k + 1),
            "title": "%s %s %s" % (irng.choice(VERB), irng.choice(ADJ), irng.choice(NOUN)),
            "owner": irng.choice(doers),
            "serves": depts[d]["teams"][t]["id"],
            "active": k % 10 < 3,
            "theme": "tech-health" if k % 3 == 0 else "product",
            "capacity": irng.choice((1, 2, 3)),
            "kpi": kp["id"],
            "sign": 1 if kp["target"] > kp["baseline"] else -1,
            "key": "ENG-%d" % (101 + k),
            "path": code_path(irng.randrange(n_code)) if k % 2 == 0 else None,
            # active ones exist before they start (2026-09-01)
            "created": 0 if k < n_init * 0.4 else
            irng.randrange(1, commit_near("2026-08-01") if k % 10 < 3 else n_commits),
        })
    init_created = {}
    for it in initiatives:
        init_created.setdefault(it["created"], []).append(it)
    linked = {"trailer": 0, "key": 0}

    # ---- emit ---------------------------------------------------------------
    os.makedirs(args.out, exist_ok=True)
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull,
               LC_ALL="C")
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)

    def git(*a, **kw):
        subprocess.run(("git",) + a, cwd=args.out, env=env, check=True, **kw)

    git("init", "-q", "-b", "main")
    fi = subprocess.Popen(["git", "fast-import", "--quiet", "--done"],
                          cwd=args.out, env=env, stdin=subprocess.PIPE)
    out = fi.stdin

    def data(b):
        out.write(b"data %d\n" % len(b))
        out.write(b)
        out.write(b"\n")

    person_name = {pid: name for pid, name, _, _ in people}
    committers = [pid for pid, _, _, active in people if active][:50]
    princ_state = {}  # id -> (version, width)
    code_ver = [0] * n_code
    thesis_rev = [0]
    kpi_state = [k["baseline"] for k in kpis]

    for c in range(n_commits):
        plan = plans[c]
        files = {}
        subject = []
        dept_files = depts if c == 0 else [depts[kpis[k]["file"]] for k in plan["kpi"]
                                           if kpis[k]["file"] >= 0] + \
            [depts[team_objs[t][0]] for t in plan["team"]]
        if c == 0:
            files["stratlint.toml"] = CONFIG
            files[".gitignore"] = "/target\n"
            files["README.md"] = README
            files["Cargo.toml"] = CARGO
            files["owners.toml"] = owners_toml(people, teams)
            files["strategy/inflections.toml"] = INFLECTIONS
            files["strategy/tenets.toml"] = tenets_toml(rng, leaders)
            for p in root:
                princ_state[p.id] = (0, 72)
                files[p.path] = None
            for i in range(n_code):
                files[code_path(i)] = code_rs(i, 0)
            files["strategy/thesis.md"] = None
            files["objectives/company.toml"] = None
            for d in depts:
                files[d["path"]] = None
            subject.append("Start the strategy repository")
        for p in plan["create"]:
            princ_state[p.id] = (0, 72)
            files[p.path] = None
            subject.append("Add %s" % p.id)
        for p in plan["edit"]:
            v, w = princ_state[p.id]
            kind = dict(p.edits)[c]
            princ_state[p.id] = (v, 64 if w == 72 else 72) if kind == "ws" else (v + 1, w)
            files[p.path] = None
            subject.append(("Re-wrap %s" if kind == "ws" else "Revalidate %s") % p.id)
        for k in plan["kpi"]:
            kp = kpis[k]
            lo, hi = sorted((kp["baseline"], kp["target"]))
            kpi_state[k] = rng.randint(lo, hi)
            path = "objectives/company.toml" if kp["file"] < 0 else depts[kp["file"]]["path"]
            files[path] = None
            subject.append("Update %s" % kp["id"])
        for t in plan["team"]:
            d, j = team_objs[t]
            tobj = depts[d]["teams"][j]
            tobj["rev"] += 1
            tobj["due_q"] = (tobj["due_q"] + 1) % 4
            files[depts[d]["path"]] = None
            subject.append("Re-plan %s" % tobj["id"])
        if plan["thesis"]:
            thesis_rev[0] += 1
            files["strategy/thesis.md"] = None
            subject.append("Re-argue the thesis")
        for i in plan["code"]:
            code_ver[i] += 1
            files[code_path(i)] = code_rs(i, code_ver[i])
            subject.append("Change %s" % code_path(i))
        if c and not (plan["create"] or plan["edit"] or plan["kpi"] or plan["team"]
                      or plan["thesis"] or plan["code"] or plan["misc"]):
            i = c % n_code  # a planned change was moved away: touch code instead
            code_ver[i] += 1
            files[code_path(i)] = code_rs(i, code_ver[i])
            subject.append("Change %s" % code_path(i))
        if plan["misc"]:
            files["README.md"] = README + "\nLast tidied in change %d.\n" % c
            subject.append("Tidy the README")
        if c in init_created:
            files["execution/initiatives.toml"] = initiatives_toml(
                [it for it in initiatives if it["created"] <= c])
            subject.append("Plan %s" % init_created[c][0]["id"])
        # render the strategy files touched in this commit from their state
        for p in [q for q in principles if q.path in files and files[q.path] is None] \
                if c == 0 else plan["create"] + plan["edit"]:
            v, w = princ_state[p.id]
            files[p.path] = principle_md(p, v, w, dates)
        if files.get("strategy/thesis.md", "") is None:
            files["strategy/thesis.md"] = thesis_md(thesis_rev[0], dates[c], leaders[0])
        if files.get("objectives/company.toml", "") is None:
            files["objectives/company.toml"] = company_toml(companies, kpis, kpi_state)
        for d in dept_files:
            if files.get(d["path"], "") is None:
                files[d["path"]] = dept_toml(d, kpis, kpi_state)

        who = committers[c % len(committers)]
        ident = ("%s <%s@example.com> %d +0000" % (person_name[who], who, dates[c])).encode()
        msg = subject[0] if len(subject) == 1 else "%s (+%d more)" % (subject[0], len(subject) - 1)
        existing = [it for it in initiatives if it["created"] < c]
        if existing:
            r = irng.random()
            if r < 0.2:
                msg += "\n\nStrategy: %s" % irng.choice(existing)["id"]
                linked["trailer"] += 1
            elif r < 0.3:
                msg += " (%s)" % irng.choice(existing)["key"]
                linked["key"] += 1
        out.write(b"commit refs/heads/main\nmark :%d\n" % (c + 1))
        out.write(b"author " + ident + b"\ncommitter " + ident + b"\n")
        data(msg.encode() + b"\n")
        if c:
            out.write(b"from :%d\n" % c)
        for path in sorted(files):
            out.write(b"M 100644 inline " + path.encode() + b"\n")
            data(files[path].encode())
        out.write(b"\n")
    out.write(b"done\n")
    out.close()
    if fi.wait() != 0:
        sys.exit("generate.py: git fast-import failed")
    # one pack, no loose objects, like a fresh clone
    git("repack", "-a", "-d", "-q")
    git("reset", "-q", "--hard", "main")

    ages.sort()
    summary = {
        "path": os.path.abspath(args.out),
        "seed": args.seed,
        "documents": n_docs,
        "principles": n_princ,
        "department_files": n_dept,
        "objectives": len(companies) + 4 * n_dept,
        "kpis": len(kpis),
        "people": len(people),
        "code_files": n_code,
        "initiatives": n_init,
        "commits_with_trailer": linked["trailer"],
        "commits_with_key": linked["key"],
        "commits": n_commits,
        "first_commit": iso_date(dates[0]),
        "last_commit": iso_date(dates[-1]),
        "principle_age_days": {
            "median": round(ages[len(ages) // 2]),
            "p90": round(ages[int(len(ages) * 0.9)]),
            "max": round(ages[-1]),
            "over_1y": sum(1 for a in ages if a >= 365),
        },
        "expected_diagnostics": {"HL001": 2, "HL004": 1},
        "seconds": round(time.time() - started, 1),
    }
    if not args.quiet:
        print(json.dumps(summary, indent=2))


# ---- file contents ----------------------------------------------------------

CONFIG = """\
# stratlint configuration for a synthetic benchmark repository.
owners = "owners.toml"
kpi_owner = "person"

[objectives]
levels = ["company", "department", "team"]

[half_life]
principle = "1y"
thesis = "6mo"

# The synthetic KPIs are measured at random, not on a schedule: KPI005 still
# dates every KPI's `current` from history (the walk follows it), but only a
# KPI untouched for five years would be flagged.
[kpis]
measure_every = "5y"
# Nor do they move at a pace (their values are drawn at random): KPI008 would
# flag a few hundred; it judges only once the whole period has passed, which
# it never does before the due date, so it stays quiet here.
pace_after = 1
"""

README = """\
# Synthetic strategy repository

Generated by stratlint's bench/generate.py. Strategy lives in `strategy/`,
`objectives/` and `principles/`; `src/` is ordinary code.
"""

CARGO = """\
[package]
name = "synthetic-service"
version = "0.1.0"
edition = "2021"

[dependencies]
"""

INFLECTIONS = """\
[[inflection]]
id = "INF-SEED"
title = "Seed round closed"
date = 2022-06-01

[[inflection]]
id = "INF-SERIES-A"
title = "Series A closed; moved up-market"
date = 2022-11-15
"""


def kpi_dict(rng, kid, objective, owner, file):
    baseline = rng.randrange(5, 60)
    target = baseline + rng.randrange(5, 40) * (1 if rng.random() < 0.7 else -1)
    if target <= 0:
        target = baseline + 10
    return {
        "id": kid, "objective": objective, "owner": owner, "file": file,
        "title": "%s %s rate" % (rng.choice(ADJ).capitalize(), rng.choice(NOUN)),
        "baseline": baseline, "target": target,
        "unit": rng.choice(("percent", "count", "hours", "ms")),
    }


def kpi_toml(k, current):
    return (
        '[[kpi]]\nid = "%s"\ntitle = "%s"\nobjective = "%s"\nowner = "%s"\n'
        "baseline = %d\ntarget = %d\ncurrent = %d\nunit = \"%s\"\ndirection = \"%s\"\n"
        % (k["id"], k["title"], k["objective"], k["owner"], k["baseline"], k["target"],
           current, k["unit"], "increase" if k["target"] > k["baseline"] else "decrease"))


def company_toml(companies, kpis, state):
    parts = ["# Company objectives and the KPIs that measure them.\n"]
    for co in companies:
        parts.append(
            '[[objective]]\nid = "%s"\ntitle = "%s"\nlevel = "company"\nowner = "%s"\n'
            'serves = ["THESIS-1"]\ndue = 2027-11-30\n'
            % (co["id"], co["title"], co["owner"]))
    for i, k in enumerate(kpis):
        if k["file"] < 0:
            parts.append(kpi_toml(k, state[i]))
    return "\n".join(parts)


def dept_toml(d, kpis, state):
    quarters = ["2027-02-28", "2027-05-31", "2027-08-31", "2027-11-30"]
    parts = ['[[objective]]\nid = "%s"\ntitle = "%s"\nlevel = "department"\n'
             'parent = "%s"\nowner = "%s"\ndue = 2027-11-30\n'
             % (d["id"], d["title"], d["parent"], d["owner"])]
    for t in d["teams"]:
        title = t["title"] + ("" if not t["rev"] else " (plan %d)" % (t["rev"] + 1))
        parts.append('[[objective]]\nid = "%s"\ntitle = "%s"\nlevel = "team"\n'
                     'parent = "%s"\nowner = "%s"\ndue = %s\n'
                     % (t["id"], title, d["id"], t["owner"], quarters[t["due_q"]]))
    for i in d["kpis"]:
        parts.append(kpi_toml(kpis[i], state[i]))
    return "\n".join(parts)


def initiatives_toml(initiatives):
    parts = ["# The roadmap: initiatives and the objectives they serve.\n"]
    for it in initiatives:
        s = ('[[initiative]]\nid = "%s"\ntitle = "%s"\nowner = "%s"\nserves = ["%s"]\n'
             'theme = "%s"\ncapacity = %d\nkeys = ["%s"]\n'
             % (it["id"], it["title"], it["owner"], it["serves"], it["theme"], it["capacity"],
                it["key"]))
        if it["path"]:
            s += 'paths = ["%s"]\n' % it["path"]
        if it["active"]:
            s += ('status = "active"\nstarted = 2026-09-01\ndue = 2027-03-31\n'
                  'moves = { "%s" = %d }\nfirst_signal = 2027-02-15\n'
                  % (it["kpi"], 5 * it["sign"]))
        else:
            s += 'status = "done"\n'
        parts.append(s)
    return "\n".join(parts)


def owners_toml(people, teams):
    parts = ["# Everyone who can own strategy.\n"]
    for pid, name, team, active in people:
        s = '[people.%s]\nname = "%s"\nteam = "%s"\n' % (pid, name, team)
        if not active:
            s += "active = false\n"
        parts.append(s)
    for tid, name, lead in teams:
        parts.append('[teams.%s]\nname = "%s"\nlead = "%s"\n' % (tid, name, lead))
    return "\n".join(parts)


def tenets_toml(rng, leaders):
    parts = []
    for i in range(12):
        a, b = PAIRS[i]
        parts.append('[[tenet]]\nid = "T-%02d"\ntext = "When %s %s, we %s %s over %s '
                     'because %s."\nowner = "%s"\n'
                     % (i + 1, SUBJECT[i], PREDICATE[i % len(PREDICATE)], VERBS[i % 4],
                        a, b, RATIONALE[i % len(RATIONALE)], leaders[i % len(leaders)]))
    return "\n".join(parts)


def thesis_md(rev, t, owner):
    return (
        '+++\nkind = "thesis"\nid = "THESIS-1"\ntitle = "Mid-market teams buy reliability, '
        'not features"\nowner = "%s"\nhalf_life = "6mo"\nreviewed = %s\n+++\n\n'
        "# Mid-market teams buy reliability, not features\n\n%s\n"
        % (owner, iso_date(t),
           wrap("Revision %d of the thesis. Our customers outgrew spreadsheets and cannot "
                "staff a platform team; they pay for a system that does not page them. "
                "We win while incumbents chase enterprise feature lists." % (rev + 1), 76)))


def principle_md(p, version, width, dates):
    rng = random.Random(p.seed * 1000 + version)
    real = [c for c, k in p.edits if k == "real"]
    # the `reviewed` date of this version: the commit that made it
    made = ([p.created] + real)[version]
    fm = ['+++', 'kind = "principle"', 'id = "%s"' % p.id, 'title = "%s"' % p.title,
          'owner = "%s"' % p.owner,
          "serves = [%s]" % ", ".join('"%s"' % s for s in p.serves)]
    if p.half_life:
        fm.append('half_life = "%s"' % p.half_life)
    fm.append("reviewed = %s" % iso_date(dates[made]))
    fm.append("+++")
    prose = " ".join(rng.sample(PROSE, 4))
    if version:
        prose += " Revalidated in architecture review %d." % version
    body = ["", "# %s" % p.title, "", wrap(prose, width), "", "## Decision tenets", ""]
    body += ["- " + wrap(t, 78, "  ") for t in p.tenets]
    body += ["", "## Related", ""]
    for q in p.links:
        rel = os.path.relpath(q.path, os.path.dirname(p.path))
        body.append("- [%s](%s): %s." % (q.id, rel, q.title.lower()))
    body.append("- The [decision tenets](#decision-tenets) above bind new designs.")
    return "\n".join(fm + body) + "\n"


def code_path(i):
    return "src/%s/mod_%03d.rs" % (AREAS[i % len(AREAS)], i)


def code_rs(i, version):
    return (
        "//! Synthetic module %d.\n\npub const VERSION: u32 = %d;\n\n"
        "pub fn handle(input: &str) -> usize {\n    input.len() + %d\n}\n\n"
        "#[cfg(test)]\nmod tests {\n    #[test]\n    fn handles() {\n"
        "        assert_eq!(super::handle(\"ab\"), %d);\n    }\n}\n"
        % (i, version, version % 7, 2 + version % 7))


if __name__ == "__main__":
    main()
