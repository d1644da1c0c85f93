//! `stratlint diff FROM [TO]` (SPEC §16): what changed in the strategy
//! between two states, on real repositories with fixed dates.

mod common;

use common::{OWNERS, Project, run_binary, run_without_now};
use serde_json::{Value, json};

fn at(day: &str) -> String {
    format!("{day}T12:00:00+0000")
}

const CONFIG: &str =
    "[kpis]\nmeasure_every = \"5y\"\n\n[lint]\nignore = [\"OBJ005\", \"KPI008\"]\n";

fn objective(id: &str, title: &str, level: &str, parent: Option<&str>, owner: &str) -> String {
    let parent = parent
        .map(|p| format!("parent = \"{p}\"\n"))
        .unwrap_or_default();
    format!(
        "[[objective]]\nid = \"{id}\"\ntitle = \"{title}\"\nlevel = \"{level}\"\n{parent}owner = \"{owner}\"\n\n"
    )
}

fn kpi(id: &str, objective: &str, target: u32, current: u32) -> String {
    format!(
        "[[kpi]]\nid = \"{id}\"\ntitle = \"ARR\"\nobjective = \"{objective}\"\nowner = \"alice\"\nbaseline = 10\ntarget = {target}\ncurrent = {current}\n\n"
    )
}

fn guardrail(min: u32) -> String {
    format!(
        "[[kpi]]\nid = \"K-G\"\ntitle = \"Uptime\"\nobjective = \"CO-1\"\nowner = \"alice\"\nmin = {min}\ncurrent = 99\n\n"
    )
}

fn decision(id: &str, status: &str, supersedes: &str) -> String {
    format!(
        "[[decision]]\nid = \"{id}\"\ntitle = \"Use Postgres\"\ndate = 2026-01-05\nstatus = \"{status}\"\ndeciders = [\"alice\"]\n{supersedes}\n"
    )
}

const MOVED: &str = "[[objective]]\nid = \"MV-1\"\ntitle = \"Moves house\"\nlevel = \"company\"\nowner = \"alice\"\n";

/// Commit `A` (2026-01-10), then commit `B` (2026-03-10) that touches every
/// group: NEW-1 added (its parent does not exist: OBJ001 introduced), OLD
/// removed (its OBJ001 fixed), D-1 superseded by the new D-2, RT-1
/// retired, O-3 and K-1 re-parented, K-1's target lowered and K-G's min
/// moved, K-1 measured, CO-1 handed to bob, CO-2's title edited, P-1
/// reviewed, MV-1 moved to another file.
fn history() -> (Project, String, String) {
    let p = Project::new();
    p.write("stratlint.toml", CONFIG);
    p.write("owners.toml", OWNERS);
    let before = [
        objective("CO-1", "Grow revenue", "company", None, "alice"),
        objective("CO-2", "Keep customers", "company", None, "alice"),
        objective("O-3", "Sell upmarket", "department", Some("CO-1"), "bob"),
        objective("RT-1", "Old bet", "company", None, "alice"),
        objective("OLD", "Dead end", "department", Some("NOWHERE"), "alice"),
        kpi("K-1", "CO-1", 20, 12),
        guardrail(90),
    ]
    .concat();
    p.write("objectives.toml", &before);
    p.write("decisions.toml", &decision("D-1", "accepted", ""));
    p.write("moved/a.toml", MOVED);
    p.write(
        "principles/p1.md",
        "+++\nkind = \"principle\"\nid = \"P-1\"\ntitle = \"Ship small\"\nowner = \"alice\"\nreviewed = 2026-01-10\n+++\n\nWe ship small batches.\n",
    );
    p.commit_all("Strategy", &at("2026-01-10"));
    let a = p
        .git(&["rev-parse", "HEAD"], &at("2026-01-10"))
        .trim()
        .to_owned();
    let after = [
        objective("CO-1", "Grow revenue", "company", None, "bob"),
        objective("CO-2", "Keep every customer", "company", None, "alice"),
        objective("O-3", "Sell upmarket", "department", Some("CO-2"), "bob"),
        objective("RT-1", "Old bet", "company", None, "alice").replace(
            "owner = \"alice\"\n",
            "owner = \"alice\"\nstatus = \"retired\"\n",
        ),
        objective("NEW-1", "Fresh", "department", Some("GONE"), "alice"),
        kpi("K-1", "CO-2", 18, 14),
        guardrail(85),
    ]
    .concat();
    p.write("objectives.toml", &after);
    p.write(
        "decisions.toml",
        &(decision("D-1", "superseded", "")
            + &decision("D-2", "accepted", "supersedes = [\"D-1\"]\n")),
    );
    std::fs::remove_file(p.path().join("moved/a.toml")).unwrap();
    p.write("moved/b.toml", MOVED);
    let reviewed = p.run(&["review", "P-1", "--date", "2026-03-10"]);
    assert_eq!(reviewed.code, 0, "{}", reviewed.stderr);
    p.commit_all("Quarter", &at("2026-03-10"));
    let b = p
        .git(&["rev-parse", "HEAD"], &at("2026-03-10"))
        .trim()
        .to_owned();
    (p, a, b)
}

fn diff_json(p: &Project, args: &[&str]) -> Value {
    let mut all = vec!["diff", "--format", "json"];
    all.extend_from_slice(args);
    let run = p.run(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("one JSON document")
}

fn codes(items: &Value) -> Vec<(String, String)> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["object"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[test]
fn every_group_between_two_commits() {
    let (p, a, b) = history();
    let d = diff_json(&p, &[&a, &b]);
    assert_eq!(d["version"], 1);
    assert_eq!(
        d["from"],
        json!({"rev": a, "commit": a, "date": "2026-01-10"})
    );
    assert_eq!(
        d["to"],
        json!({"rev": b, "commit": b, "date": "2026-03-10"})
    );
    assert_eq!(
        d["added"],
        json!([
            {"id": "D-2", "kind": "decision", "title": "Use Postgres"},
            {"id": "NEW-1", "kind": "objective", "title": "Fresh"}
        ])
    );
    assert_eq!(
        d["removed"],
        json!([{"id": "OLD", "kind": "objective", "title": "Dead end"}])
    );
    assert_eq!(
        d["status"],
        json!([
            {"id": "D-1", "from": "accepted", "to": "superseded"},
            {"id": "RT-1", "from": "active", "to": "retired"}
        ])
    );
    assert_eq!(
        d["reparented"],
        json!([
            {"id": "K-1", "field": "objective", "from": "CO-1", "to": "CO-2"},
            {"id": "O-3", "field": "parent", "from": "CO-1", "to": "CO-2"}
        ])
    );
    assert_eq!(
        d["goalposts"],
        json!([
            {"id": "K-1", "field": "target", "from": 20.0, "to": 18.0},
            {"id": "K-G", "field": "min", "from": 90.0, "to": 85.0}
        ])
    );
    assert_eq!(
        d["measurements"],
        json!([{"id": "K-1", "from": 12.0, "to": 14.0, "progress_from": 0.2, "progress_to": 0.5}])
    );
    assert_eq!(
        d["owners"],
        json!([{"id": "CO-1", "from": "alice", "to": "bob"}])
    );
    // CO-2's title only; not P-1 (a review stamp), not MV-1 (moved), not
    // RT-1, D-1, K-1, CO-1 (every change already shown above).
    assert_eq!(d["edited"], json!(["CO-2"]));
    let introduced = codes(&d["diagnostics"]["introduced"]);
    assert!(
        introduced.contains(&("OBJ001".into(), "NEW-1".into())),
        "{introduced:?}"
    );
    let fixed = codes(&d["diagnostics"]["fixed"]);
    assert!(
        fixed.contains(&("OBJ001".into(), "OLD".into())),
        "{fixed:?}"
    );
    assert!(
        !introduced.iter().any(|(_, o)| o == "MV-1"),
        "{introduced:?}"
    );
    // As check's JSON lists them.
    let first = &d["diagnostics"]["introduced"][0];
    for key in [
        "code",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "fingerprint",
        "related",
    ] {
        assert!(first.get(key).is_some(), "{key} in {first}");
    }
}

#[test]
fn json_shape_is_exact() {
    let (p, a, b) = history();
    let d = diff_json(&p, &[&a, &b]);
    let keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
    // In the order SPEC §16 writes them.
    let want = vec![
        "version",
        "from",
        "to",
        "added",
        "removed",
        "status",
        "reparented",
        "goalposts",
        "measurements",
        "owners",
        "edited",
        "diagnostics",
    ];
    assert_eq!(keys, want);
    let diagnostics: Vec<&String> = d["diagnostics"].as_object().unwrap().keys().collect();
    assert_eq!(diagnostics, ["introduced", "fixed"]);
    for m in d["measurements"].as_array().unwrap() {
        assert_eq!(m.as_object().unwrap().len(), 5, "{m}");
    }
}

#[test]
fn human_output_lists_the_groups_in_order_and_is_deterministic() {
    let (p, a, b) = history();
    let first = p.run(&["diff", &a, &b]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let second = p.run(&["diff", &a, &b]);
    assert_eq!(first.stdout, second.stdout);
    let out = &first.stdout;
    let order = [
        "Added (2)",
        "Removed (1)",
        "Status (2)",
        "Re-parented (2)",
        "Moved goalposts (2)",
        "Measurements (1)",
        "Owners (1)",
        "Edited (1)",
        "Diagnostics introduced",
        "Diagnostics fixed",
    ];
    let mut at = 0;
    for heading in order {
        let found = out[at..]
            .find(heading)
            .unwrap_or_else(|| panic!("{heading} after {at} in\n{out}"));
        at += found;
    }
    assert!(
        out.contains("K-1 current: 12 → 14 (progress 20% → 50%)"),
        "{out}"
    );
    assert!(out.contains("D-1: accepted → superseded"), "{out}");
    let md1 = p.run(&["diff", &a, &b, "--format", "markdown"]);
    let md2 = p.run(&["diff", &a, &b, "--format", "markdown"]);
    assert_eq!(md1.stdout, md2.stdout);
    assert!(
        md1.stdout.contains("### Measurements (1)"),
        "{}",
        md1.stdout
    );
    assert!(
        md1.stdout.contains("| K-1 | 12 | 14 | 20% | 50% |"),
        "{}",
        md1.stdout
    );
}

#[test]
fn the_working_tree_with_uncommitted_edits_and_a_date_as_from() {
    let (p, a, b) = history();
    p.write(
        "objectives.toml",
        &std::fs::read_to_string(p.path().join("objectives.toml"))
            .unwrap()
            .replace("Fresh", "Fresher"),
    );
    let d = diff_json(&p, &[&b]);
    assert_eq!(d["from"]["commit"], json!(b));
    assert_eq!(d["to"], json!({"rev": null, "commit": null, "date": null}));
    assert_eq!(d["edited"], json!(["NEW-1"]));
    assert_eq!(d["added"], json!([]));
    // A date names the newest commit on HEAD's first parents made by its end.
    let d = diff_json(&p, &["2026-02-01", &b]);
    assert_eq!(
        d["from"],
        json!({"rev": "2026-02-01", "commit": a, "date": "2026-01-10"})
    );
    assert_eq!(d["edited"], json!(["CO-2"]));
}

#[test]
fn one_clock_time_alone_introduces_nothing() {
    // A KPI measured every 30 days, last on 2026-01-10; on 2026-06-01 a
    // principle is added. Judged at FROM's own time, the KPI was fresh; at
    // TO's, it is stale on both sides: nothing the change made.
    let p = Project::new();
    p.write(
        "stratlint.toml",
        "[kpis]\nmeasure_every = \"30d\"\n\n[lint]\nignore = [\"OBJ005\", \"KPI008\"]\n",
    );
    p.write("owners.toml", OWNERS);
    p.write(
        "objectives.toml",
        &(objective("CO-1", "Grow revenue", "company", None, "alice")
            + &kpi("K-1", "CO-1", 20, 12)),
    );
    p.commit_all("Strategy", &at("2026-01-10"));
    p.write(
        "principles/p1.md",
        &common::principle("P-1", "We ship small batches."),
    );
    p.commit_all("A principle", &at("2026-06-01"));
    let to = run_without_now(p.path(), &["check", "--format", "json", "--as-of", "HEAD"]);
    assert!(
        to.stdout.contains("KPI005"),
        "the KPI is stale at TO: {}",
        to.stdout
    );
    let run = run_without_now(p.path(), &["diff", "--format", "json", "HEAD~1", "HEAD"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let d: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(d["diagnostics"]["introduced"], json!([]), "{}", run.stdout);
    assert_eq!(d["added"][0]["id"], "P-1");
}

#[test]
fn markdown_escapes_hostile_text() {
    let p = Project::new();
    p.write("owners.toml", OWNERS);
    p.write(
        "objectives.toml",
        &objective("CO-1", "Grow", "company", None, "alice"),
    );
    p.commit_all("Strategy", &at("2026-01-10"));
    p.write(
        "objectives.toml",
        &(objective("CO-1", "Grow", "company", None, "alice")
            + &objective(
                "CO-2",
                "<script>alert(1)</script> | `rm` [x](y)",
                "company",
                None,
                "alice",
            )),
    );
    let run = p.run(&[
        "diff",
        "HEAD",
        "--format",
        "markdown",
        "--now",
        "2026-02-01",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = &run.stdout;
    assert!(!out.contains("<script>"), "{out}");
    assert!(
        out.contains("&lt;script&gt;alert(1)&lt;/script&gt; \\| \\`rm\\` \\[x\\](y)"),
        "{out}"
    );
    assert!(out.contains("### Added (1)"), "{out}");
}

#[test]
fn usage_errors_exit_2() {
    let (p, _, _) = history();
    let run = p.run(&["diff", "no-such-rev"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no-such-rev"), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    let run = p.run(&["diff", "HEAD", "nope-either"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("nope-either"), "{}", run.stderr);
    let outside = Project::new();
    outside.write("owners.toml", OWNERS);
    let run = run_binary(outside.path(), &["diff", "HEAD"], &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("not in a git repository"),
        "{}",
        run.stderr
    );
}

#[test]
fn nothing_changed() {
    let (p, _, b) = history();
    let run = p.run(&["diff", &b, &b]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("No change."), "{}", run.stdout);
}

/// The `run:` script of the action's step named `name` (action.yml), its
/// indentation taken off.
fn action_step(name: &str) -> String {
    let action =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/action.yml")).unwrap();
    let step = &action[action.find(&format!("- name: {name}")).expect("the step")..];
    let run = &step[step.find("run: |\n").expect("its script") + "run: |\n".len()..];
    run.lines()
        .take_while(|l| l.is_empty() || l.starts_with("        "))
        .map(|l| l.get(8..).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_action_appends_the_diff_from_the_merge_base_to_the_job_summary() {
    let (p, _, _) = history();
    // A pull request: the base branch moves on after the branch point.
    p.git(&["checkout", "-q", "-b", "feature"], &at("2026-03-11"));
    p.write(
        "principles/p2.md",
        &common::principle("P-2", "We measure twice."),
    );
    p.commit_all("A principle", &at("2026-03-12"));
    let head = p
        .git(&["rev-parse", "HEAD"], &at("2026-03-12"))
        .trim()
        .to_owned();
    p.git(&["checkout", "-q", "main"], &at("2026-03-12"));
    p.write(
        "principles/p3.md",
        &common::principle("P-3", "On main only."),
    );
    p.commit_all("Main moves on", &at("2026-03-13"));
    let base = p
        .git(&["rev-parse", "HEAD"], &at("2026-03-13"))
        .trim()
        .to_owned();
    let runner = tempfile::tempdir().unwrap();
    let bin = runner.path().join("stratlint/bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::copy(common::binary(), bin.join("stratlint")).unwrap();
    let summary = runner.path().join("summary.md");
    std::fs::write(&summary, "before\n").unwrap();
    let out = std::process::Command::new("bash")
        .args([
            "-e",
            "-c",
            &action_step("Append the strategy diff to the job summary"),
        ])
        .current_dir(p.path())
        .env("RUNNER_TEMP", runner.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("STRATLINT_BASE", &base)
        .env("STRATLINT_HEAD", &head)
        .env("STRATLINT_NOW", "2026-11-25")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", p.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(text.starts_with("before\n## Strategy changes"), "{text}");
    // From the merge base (B), not the base's tip: P-3 is not the PR's.
    assert!(text.contains("| P-2 | principle |"), "{text}");
    assert!(!text.contains("P-3"), "{text}");
}
