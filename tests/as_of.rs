//! `--as-of REV|DATE` (SPEC §16): the project judged as it was at a commit,
//! read from git's object database, its history up to that commit only, on
//! real repositories with fixed dates.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{OWNERS, Project, Run, run_binary, run_without_now};
use serde_json::Value;

fn at(day: &str) -> String {
    format!("{day}T12:00:00+0000")
}

/// KPIs measured once in five years; no word on what I-1 moves, nor a KPI
/// for EX-1.
const CONFIG: &str =
    "[kpis]\nmeasure_every = \"5y\"\n\n[lint]\nignore = [\"EXE002\", \"OBJ005\"]\n";

fn company(current: u32, target: u32, paths: &str) -> String {
    format!(
        r#"[[objective]]
id = "CO-1"
title = "Grow revenue"
level = "company"
owner = "alice"

[[kpi]]
id = "K-ARR"
title = "ARR"
objective = "CO-1"
owner = "alice"
baseline = 10
target = {target}
current = {current}

[[initiative]]
id = "I-1"
title = "Sell more"
owner = "alice"
serves = ["CO-1"]
paths = ["{paths}"]
"#
    )
}

const EXTRA: &str = "[[objective]]\nid = \"EX-1\"\ntitle = \"Orphan\"\nlevel = \"department\"\nparent = \"GONE\"\nowner = \"bob\"\n";

const HIRED: &str = "\n[people.dave]\nname = \"Dave\"\n\n[people.erin]\nname = \"Erin\"\n\n[people.frank]\nname = \"Frank\"\n";

/// The repository every test here reads, and the commit `X` it judges:
///
/// - 2025-06-10: the strategy (P-1, CO-1 with K-ARR at 12 and initiative
///   I-1, and EX-1 whose parent does not exist: OBJ001);
/// - 2026-02-15, `X`: K-ARR measured at 14 (a commit linked to I-1);
/// - 2026-03-20: `objectives/company.toml` moved to `strategy/`, K-ARR at
///   18 and its target moved (KPI004), I-1's paths changed, the config
///   given a 30-day half-life for principles, EX-1 deleted, P-1 reworded
///   (linked to I-1 too);
/// - 2026-04-10: the owners registry from two active people to five (a
///   headcount inflection);
/// - uncommitted: K-ARR at 25, and a new file with an OBJ001.
fn history() -> (Project, String) {
    let p = Project::new();
    p.write("stratlint.toml", CONFIG);
    p.write("owners.toml", OWNERS);
    p.write("objectives/company.toml", &company(12, 20, "services/arr/"));
    p.write("objectives/extra.toml", EXTRA);
    p.write(
        "principles/small.md",
        &common::principle("P-1", "We ship small batches."),
    );
    p.commit_all("Strategy", &at("2025-06-10"));
    p.write("objectives/company.toml", &company(14, 20, "services/arr/"));
    p.commit_all("Measure ARR\n\nStrategy: I-1", &at("2026-02-15"));
    let x = p
        .git(&["rev-parse", "HEAD"], &at("2026-02-15"))
        .trim()
        .to_owned();
    std::fs::create_dir_all(p.path().join("strategy")).unwrap();
    p.git(
        &["mv", "objectives/company.toml", "strategy/company.toml"],
        &at("2026-03-20"),
    );
    p.write(
        "strategy/company.toml",
        &company(18, 25, "services/revenue/"),
    );
    p.write(
        "stratlint.toml",
        &format!("{CONFIG}\n[half_life]\nprinciple = \"30d\"\n"),
    );
    std::fs::remove_file(p.path().join("objectives/extra.toml")).unwrap();
    p.write(
        "principles/small.md",
        &common::principle("P-1", "We ship small, reversible batches."),
    );
    p.commit_all("Reorganize\n\nStrategy: I-1", &at("2026-03-20"));
    p.write("owners.toml", &format!("{OWNERS}{HIRED}"));
    p.commit_all("Hire", &at("2026-04-10"));
    p.write(
        "strategy/company.toml",
        &company(25, 25, "services/revenue/"),
    );
    p.write("objectives/new.toml", &EXTRA.replace("EX-1", "EX-2"));
    (p, x)
}

/// A checkout of `rev` of `p`'s repository in a directory of its own (a
/// linked worktree), for as long as the returned directory lives.
fn checkout(p: &Project, rev: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let dest = dir.path().join("wt");
    let dest_arg = dest.to_string_lossy().into_owned();
    p.git(
        &["worktree", "add", "-q", "--detach", &dest_arg, rev],
        &at("2026-05-01"),
    );
    (dir, dest)
}

fn codes(run: &Run) -> Vec<(String, String)> {
    run.diagnostics()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["file"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The report's item (in `list`, by `id`).
fn item<'a>(list: &'a Value, id: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == id)
        .unwrap_or_else(|| panic!("{id} in {list}"))
}

#[test]
fn check_map_and_report_as_of_a_commit_equal_a_checkout_of_it_byte_for_byte() {
    let (p, x) = history();
    let (_keep, wt) = checkout(&p, &x);
    for args in [
        &["check", "--format", "json"][..],
        &["report", "--format", "json"],
        &["report", "--format", "markdown"],
        &["map", "--format", "json"],
    ] {
        let now = ["--now", "2026-06-01"];
        let as_of = [args, &now, &["--as-of", &x]].concat();
        let there = [args, &now].concat();
        let past = p.run(&as_of);
        let checked_out = run_binary(&wt, &there, &[]);
        assert!(past.code <= 1, "{args:?}: {}", past.stderr);
        assert_eq!(past.stdout, checked_out.stdout, "{args:?}");
        assert_eq!(past.stderr, checked_out.stderr, "{args:?}");
        assert_eq!(past.code, checked_out.code, "{args:?}");
    }
    // The same read through git's commit-graph and its Bloom filters.
    let first = p.run(&[
        "check",
        "--format",
        "json",
        "--now",
        "2026-06-01",
        "--as-of",
        &x,
    ]);
    p.git(
        &["commit-graph", "write", "--reachable", "--changed-paths"],
        &at("2026-05-01"),
    );
    let graphed = p.run(&[
        "check",
        "--format",
        "json",
        "--now",
        "2026-06-01",
        "--as-of",
        &x,
    ]);
    assert_eq!(first.stdout, graphed.stdout);
    // What that state is: the file where it was, the object deleted since,
    // the config then (a one-year half-life: P-1 is not stale yet), no moved
    // goalpost nor headcount inflection yet, nothing uncommitted.
    let run = p.run(&[
        "check",
        "--format",
        "json",
        "--now",
        "2026-06-01",
        "--as-of",
        &x,
    ]);
    assert_eq!(
        codes(&run),
        [("OBJ001".to_owned(), "objectives/extra.toml".to_owned())],
        "{}",
        run.stdout
    );
    let today = p.run(&["check", "--format", "json", "--now", "2026-06-01"]);
    let today = codes(&today);
    for code in ["HL002", "HL003", "KPI004"] {
        assert!(
            today.iter().any(|(c, _)| c == code),
            "{code} today: {today:?}"
        );
    }
}

#[test]
fn history_after_the_commit_is_not_seen() {
    let (p, x) = history();
    let report = p
        .run(&[
            "report",
            "--format",
            "json",
            "--now",
            "2026-06-01",
            "--as-of",
            &x,
        ])
        .json();
    let x_short = &x[..7];
    assert_eq!(
        report["as_of"],
        serde_json::json!({"now": "2026-06-01", "commit": x, "date": "2026-02-15", "uncommitted": false})
    );
    // K-ARR as measured at X, in the file it was in, its goalposts unmoved.
    let kpi = item(&item(&report["objectives"], "CO-1")["kpis"], "K-ARR");
    assert_eq!(kpi["current"], 14.0, "{kpi}");
    assert_eq!(kpi["target"], 20.0, "{kpi}");
    assert_eq!(kpi["last_measured"], "2026-02-15", "{kpi}");
    assert_eq!(kpi["moved"], Value::Null, "{kpi}");
    // P-1 last revalidated by its first commit: the rewording came later.
    let p1 = item(&report["freshness"], "P-1");
    assert_eq!(p1["last_revalidated"]["date"], "2025-06-10", "{p1}");
    assert_ne!(p1["last_revalidated"]["commit"], x_short, "{p1}");
    assert_eq!(p1["half_life_days"], 365, "{p1}");
    // I-1's linked commits: X, out of the 100-day window ending 2026-06-01;
    // the reorganization (in it) came later.
    let i1 = item(&report["initiatives"], "I-1");
    assert_eq!(i1["activity"], 0, "{i1}");
    assert_eq!(i1["last_activity"], "2026-02-15", "{i1}");
    // Today, all of that is seen.
    let now = p
        .run(&["report", "--format", "json", "--now", "2026-06-01"])
        .json();
    let kpi = item(&item(&now["objectives"], "CO-1")["kpis"], "K-ARR");
    assert_eq!(kpi["current"], 25.0, "{kpi}");
    assert_ne!(kpi["moved"], Value::Null, "{kpi}");
    let i1 = item(&now["initiatives"], "I-1");
    assert_eq!(i1["activity"], 1, "{i1}");
    assert_eq!(now["as_of"]["uncommitted"], true);
}

#[test]
fn trace_as_of_a_commit_reads_the_initiatives_of_then() {
    let (p, x) = history();
    let args = ["trace", "services/arr/quote.rs", "--format", "json"];
    let past = p.run(&[&args[..], &["--as-of", &x]].concat());
    assert_eq!(past.code, 0, "{}", past.stderr);
    assert!(past.stdout.contains("\"I-1\""), "{}", past.stdout);
    let today = p.run(&args);
    assert_eq!(today.code, 0, "{}", today.stderr);
    assert!(!today.stdout.contains("\"I-1\""), "{}", today.stdout);
}

#[test]
fn a_revision_brings_its_committer_time_as_now() {
    let (p, x) = history();
    // No STRATLINT_NOW: now is X's committer time, 2026-02-15 12:00 UTC,
    // 250 days after P-1's first commit (at the day's start, 249).
    let report = run_without_now(p.path(), &["report", "--format", "json", "--as-of", &x]).json();
    assert_eq!(report["as_of"]["now"], "2026-02-15");
    assert_eq!(report["as_of"]["commit"], x.as_str());
    assert_eq!(item(&report["freshness"], "P-1")["age_days"], 250);
    // --now (or STRATLINT_NOW) still decides.
    let report = run_without_now(
        p.path(),
        &[
            "report",
            "--format",
            "json",
            "--as-of",
            &x,
            "--now",
            "2026-02-20",
        ],
    )
    .json();
    assert_eq!(report["as_of"]["now"], "2026-02-20");
    assert_eq!(item(&report["freshness"], "P-1")["age_days"], 254);
}

#[test]
fn a_date_names_the_newest_first_parent_commit_that_day_and_judges_on_that_day() {
    let (p, x) = history();
    let first = p.git(&["rev-list", "--max-parents=0", "HEAD"], &at("2026-01-01"));
    let first = first.trim();
    let report = |date: &str| {
        let run = run_without_now(p.path(), &["report", "--format", "json", "--as-of", date]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.json()
    };
    for (date, commit, day) in [
        ("2026-03-01", x.as_str(), "2026-02-15"),
        ("2026-02-15", x.as_str(), "2026-02-15"),
        ("2026-02-14", first, "2025-06-10"),
        ("2025-06-10", first, "2025-06-10"),
    ] {
        let r = report(date);
        assert_eq!(
            r["as_of"],
            serde_json::json!({"now": date, "commit": commit, "date": day, "uncommitted": false}),
            "--as-of {date}"
        );
    }
    // On X's own day, X (made at noon) counts as on or before now: I-1's
    // activity holds it.
    let r = report("2026-02-15");
    assert_eq!(item(&r["initiatives"], "I-1")["activity"], 1);
    assert_eq!(item(&r["freshness"], "P-1")["age_days"], 249);
    // A commit merged from a side branch is not on HEAD's first-parent
    // chain: main merges one made on 2026-02-12 on top of the first commit.
    let tree = |rev: &str| {
        let t = p.git(
            &["rev-parse", &format!("{rev}^{{tree}}")],
            &at("2026-05-01"),
        );
        t.trim().to_owned()
    };
    let side = p.git(
        &["commit-tree", &tree(first), "-p", first, "-m", "Side"],
        &at("2026-02-12"),
    );
    let merge = p.git(
        &[
            "commit-tree",
            &tree("HEAD"),
            "-p",
            "HEAD",
            "-p",
            side.trim(),
            "-m",
            "Merge side",
        ],
        &at("2026-05-01"),
    );
    p.git(
        &["update-ref", "refs/heads/main", merge.trim()],
        &at("2026-05-01"),
    );
    assert_eq!(report("2026-02-13")["as_of"]["commit"], first);
    assert_eq!(report("2026-05-01")["as_of"]["commit"], merge.trim());
}

#[test]
fn a_date_before_the_first_commit_is_a_usage_error_saying_so() {
    let (p, _) = history();
    let run = p.run(&["check", "--as-of", "2025-06-09"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("--as-of 2025-06-09")
            && run
                .stderr
                .contains("no commit on HEAD's first-parent chain")
            && run.stderr.contains("2025-06-10"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty(), "{}", run.stdout);
}

#[test]
fn an_unknown_revision_or_no_git_is_a_usage_error_naming_it() {
    let (p, _) = history();
    for cmd in ["check", "map", "report"] {
        let run = p.run(&[cmd, "--as-of", "no-such-rev"]);
        assert_eq!(run.code, 2, "{cmd}: {}", run.stderr);
        assert!(
            run.stderr.contains("`no-such-rev`"),
            "{cmd}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
    let run = p.run(&["trace", "a.rs", "--as-of", "no-such-rev"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let outside = Project::new();
    outside.write("o.toml", EXTRA);
    let run = outside.run(&["check", "--as-of", "HEAD~1"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("--as-of HEAD~1") && run.stderr.contains("not in a git repository"),
        "{}",
        run.stderr
    );
    let run = outside.run(&["check", "--as-of", "2026-01-01"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("2026-01-01"), "{}", run.stderr);
}

#[test]
fn with_changed_since_or_staged_it_is_a_usage_error() {
    let (p, x) = history();
    for other in [&["--changed-since", "HEAD"][..], &["--staged"]] {
        let run = p.run(&[&["check", "--as-of", &x][..], other].concat());
        assert_eq!(run.code, 2, "{other:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("--as-of") && run.stderr.contains(other[0]),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn the_config_is_the_one_committed_then_defaults_when_there_was_none() {
    let p = Project::bare();
    p.write("owners.toml", OWNERS);
    p.write("objectives/extra.toml", EXTRA);
    p.commit_all("No config yet", &at("2026-01-10"));
    p.write("stratlint.toml", "[lint]\nignore = [\"OBJ001\"]\n");
    p.commit_all("Config", &at("2026-01-20"));
    let now = p.check_json(&[]);
    now.expect_none("OBJ001");
    let then = p.check_json(&["--as-of", "HEAD~1"]);
    then.expect_one("OBJ001", "objectives/extra.toml", 5, Some("EX-1"));
    // A config that did not parse then is a config error, located at the
    // commit.
    p.write("stratlint.toml", "[lint\n");
    p.commit_all("Broken config", &at("2026-01-25"));
    p.write("stratlint.toml", "");
    let run = p.check_json(&["--as-of", "HEAD"]);
    let head = p.git(&["rev-parse", "--short=7", "HEAD"], &at("2026-01-25"));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("{}:stratlint.toml:1:", head.trim())),
        "{}",
        run.stderr
    );
    // Today's config, broken or naming an ADR directory not there today,
    // plays no part: the commit's is judged.
    for today in ["[lint\n", "[decisions]\nadr = [\"no/such/dir\"]\n"] {
        p.write("stratlint.toml", today);
        assert_eq!(p.check_json(&[]).code, 2, "{today}");
        let run = p.check_json(&["--as-of", "HEAD~1"]);
        assert_eq!(run.code, 0, "{today}: {}", run.stderr);
        run.expect_none("OBJ001");
    }
}

/// Every file below `dir` (`.git` included) with its bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                out.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

#[test]
fn nothing_is_written_and_nothing_checked_out() {
    let (p, x) = history();
    let status = || {
        p.git(
            &["status", "--porcelain", "--untracked-files=all"],
            &at("2026-05-01"),
        )
    };
    let before_status = status();
    let before = files(p.path());
    for args in [
        &["check", "--format", "json"][..],
        &["report", "--format", "html"],
        &["map", "--format", "dot"],
        &["trace", "services/arr/a.rs"],
    ] {
        let run = p.run(&[args, &["--as-of", &x]].concat());
        assert!(run.code <= 1, "{args:?}: {}", run.stderr);
    }
    assert!(before == files(p.path()), "a file was written or changed");
    assert_eq!(status(), before_status);
    assert!(
        before_status.contains("strategy/company.toml")
            && before_status.contains("objectives/new.toml"),
        "{before_status}"
    );
}

#[test]
fn now_before_the_commit_s_day_warns_as_for_head() {
    let (p, x) = history();
    let run = p.run(&[
        "check",
        "--format",
        "json",
        "--as-of",
        &x,
        "--now",
        "2026-02-01",
    ]);
    assert!(
        run.stderr
            .contains("now (2026-02-01) is before the day of the commit judged (2026-02-15)")
            && run.stderr.contains("`--as-of 2026-02-01`"),
        "{}",
        run.stderr
    );
    let run = p.run(&[
        "check",
        "--format",
        "json",
        "--as-of",
        &x,
        "--now",
        "2026-02-15",
    ]);
    assert!(!run.stderr.contains("is before the day"), "{}", run.stderr);
}

#[test]
fn the_library_refuses_as_of_with_another_source_too() {
    use stratlint::analysis::{Options, analyze};
    let (p, x) = history();
    for (changed_since, staged) in [(Some("HEAD".to_owned()), false), (None, true)] {
        let options = Options {
            as_of: Some(x.clone()),
            changed_since,
            staged,
            ..Options::default()
        };
        let project = stratlint::project::locate(p.path(), &[], None).unwrap();
        let e = analyze(project, &Default::default(), &options).unwrap_err();
        assert!(matches!(e, stratlint::Fatal::Usage(_)), "{e}");
    }
}

#[test]
fn without_history_the_commit_s_files_are_judged_and_shown_as_that_commit() {
    let (p, x) = history();
    let run = p.run(&["report", "--format", "json", "--no-history", "--as-of", &x]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = run.json();
    assert_eq!(report["as_of"]["commit"], x.as_str());
    assert_eq!(report["as_of"]["uncommitted"], false);
    let kpi = item(&item(&report["objectives"], "CO-1")["kpis"], "K-ARR");
    assert_eq!(kpi["current"], 14.0, "{kpi}");
    assert_eq!(item(&report["freshness"], "P-1")["age_days"], Value::Null);
}
