//! `--changed-since REV`: only diagnostics new since `git merge-base REV HEAD`,
//! with the merge base read from the object database.

mod common;
use common::{OWNERS, Project, principle, run_binary};

fn at(day: &str) -> String {
    format!("{day}T12:00:00+0000")
}

const COMPANY: &str = r#"[[objective]]
id = "CO-1"
title = "Win the mid-market"
level = "company"
owner = "alice"

[[objective]]
id = "DEP-1"
title = "Open the carrier network"
level = "department"
parent = "CO-1"
owner = "alice"

[[kpi]]
id = "K-CO"
title = "ARR"
objective = "CO-1"
owner = "alice"
baseline = 10
target = 20
"#;

const TEAMS: &str = r#"[[objective]]
id = "T-1"
title = "Ship the carrier API"
level = "team"
parent = "DEP-1"
owner = "alice"

[[kpi]]
id = "K-T1"
title = "Carriers on the API"
objective = "T-1"
owner = "bob"
baseline = 3
target = 30
"#;

const OLD_TENET: &str = "[[tenet]]\nid = \"TEN-OLD\"\ntext = \"When unsure, we choose speed over polish because fast.\"\n";

/// main: a clean tree plus one old error (TEN005); feature: deletes DEP-1
/// (its child T-1 lives in untouched teams.toml) and adds a KPI owned by
/// someone not in the registry. main then moves on and fixes the old error.
fn pull_request() -> Project {
    let p = Project::new();
    // Its KPIs are not measured on a schedule: KPI005 is not what this is about.
    p.write("stratlint.toml", "[kpis]\nmeasure_every = \"5y\"\n");
    p.write("owners.toml", OWNERS);
    p.write("objectives/company.toml", COMPANY);
    p.write("objectives/teams.toml", TEAMS);
    p.write("tenets.toml", OLD_TENET);
    p.commit_all("Strategy", &at("2026-01-10"));
    p.git(&["checkout", "-q", "-b", "feature"], &at("2026-02-01"));
    let without_dep = COMPANY
        .split("[[objective]]\nid = \"DEP-1\"")
        .next()
        .unwrap()
        .to_owned()
        + "[[kpi]]\nid = \"K-CO\"\ntitle = \"ARR\"\nobjective = \"CO-1\"\nowner = \"alice\"\nbaseline = 10\ntarget = 20\n";
    p.write("objectives/company.toml", &without_dep);
    p.write("kpis/new.toml", "[[kpi]]\nid = \"K-NEW\"\ntitle = \"NPS\"\nobjective = \"CO-1\"\nowner = \"zoe\"\nbaseline = 20\ntarget = 40\n");
    p.commit_all("Drop DEP-1, add NPS", &at("2026-02-01"));
    p.git(&["checkout", "-q", "main"], &at("2026-02-02"));
    p.write(
        "tenets.toml",
        &OLD_TENET.replace("because fast.", "because speed wins deals this year."),
    );
    p.commit_all("Explain the old tenet", &at("2026-02-02"));
    p.git(&["checkout", "-q", "feature"], &at("2026-02-03"));
    p
}

#[test]
fn only_new_diagnostics_are_reported_against_the_merge_base() {
    let p = pull_request();
    let full = p.check_json(&[]);
    let mut codes: Vec<String> = full
        .diagnostics()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect();
    codes.sort();
    assert_eq!(
        codes,
        ["OBJ001", "OWN002", "TEN005"],
        "{:?}",
        full.summary()
    );

    let run = p.check_json(&["--changed-since", "main"]);
    assert_eq!(
        run.summary(),
        vec![
            (
                "OWN002".to_owned(),
                "kpis/new.toml".to_owned(),
                5,
                Some("K-NEW".to_owned())
            ),
            (
                "OBJ001".to_owned(),
                "objectives/teams.toml".to_owned(),
                5,
                Some("T-1".to_owned())
            ),
        ]
    );
    assert_eq!(run.code, 1);
    // The merge base, not main's tip, is the baseline: main fixed TEN005
    // after the branch point, yet it is not new here.
    run.expect_none("TEN005");
    let summary = run.json()["summary"].clone();
    assert_eq!(
        (summary["errors"].as_u64(), summary["warnings"].as_u64()),
        (Some(2), Some(0))
    );

    let concise = p.run(&[
        "check",
        "--format",
        "concise",
        "--now",
        "2026-11-25",
        "--changed-since",
        "main",
    ]);
    assert_eq!(
        concise.stdout,
        "kpis/new.toml:5:9: error[OWN002] owner `zoe` of kpi `K-NEW` is not in the owners registry\n\
         objectives/teams.toml:5:10: error[OBJ001] `parent` of objective `T-1` names `DEP-1`, which does not exist\n"
    );
    let human = p.run(&["check", "--now", "2026-11-25", "--changed-since", "main"]);
    assert!(
        human.stdout.contains("OBJ001")
            && human.stdout.contains("OWN002")
            && !human.stdout.contains("TEN005"),
        "{}",
        human.stdout
    );
    assert!(
        human
            .stdout
            .lines()
            .last()
            .unwrap()
            .starts_with("2 errors, 0 warnings"),
        "{}",
        human.stdout
    );
    // The old TEN005 was there at the merge base: the summary says it left one out.
    assert!(
        human
            .stdout
            .trim_end()
            .ends_with("ms; 1 already at the merge base left out"),
        "{}",
        human.stdout
    );
}

#[test]
fn nothing_new_is_exit_zero_and_the_base_is_read_without_touching_the_tree() {
    let p = pull_request();
    p.git(&["checkout", "-q", "main"], &at("2026-02-04"));
    let status_before = p.git(&["status", "--porcelain", "--ignored"], &at("2026-02-04"));
    let run = p.check_json(&["--changed-since", "HEAD"]);
    run.expect_clean();
    assert_eq!(run.code, 0);
    assert_eq!(
        p.git(&["status", "--porcelain", "--ignored"], &at("2026-02-04")),
        status_before
    );
    assert_eq!(
        p.git(&["worktree", "list", "--porcelain"], &at("2026-02-04"))
            .matches("worktree ")
            .count(),
        1
    );
}

#[test]
fn uncommitted_work_is_compared_too() {
    let p = pull_request();
    p.write(
        "tenets.toml",
        &format!("{OLD_TENET}\n[[tenet]]\nid = \"TEN-NEW\"\ntext = \"We prefer tea.\"\n"),
    );
    let run = p.check_json(&["--changed-since", "main"]);
    let new_tenet: Vec<_> = run
        .diagnostics()
        .iter()
        .filter(|d| d["object"] == "TEN-NEW")
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(new_tenet, ["TEN001", "TEN002", "TEN003"]);
    run.expect_none("TEN005");
}

#[test]
fn the_base_uses_its_own_config() {
    let p = Project::new();
    p.write("owners.toml", OWNERS);
    p.write("tenets.toml", OLD_TENET);
    p.write("stratlint.toml", "[lint]\nignore = [\"TEN005\"]\n");
    p.commit_all("Quiet TEN005", &at("2026-01-10"));
    // The change turns TEN005 back on: the old short rationale is new to this check.
    p.write("stratlint.toml", "");
    p.commit_all("Strict again", &at("2026-01-11"));
    let run = p.check_json(&["--changed-since", "HEAD~1"]);
    run.expect_one("TEN005", "tenets.toml", 3, Some("TEN-OLD"));
}

#[test]
fn a_base_config_that_does_not_parse_is_replaced_by_today_s_with_a_note() {
    let p = Project::new();
    p.write("owners.toml", OWNERS);
    p.write("tenets.toml", OLD_TENET);
    p.write("stratlint.toml", "[lint]\nignore = [\"TEN005\"\n");
    p.commit_all("A broken config", &at("2026-01-10"));
    p.write("stratlint.toml", "");
    p.commit_all("Fixed", &at("2026-01-11"));
    let run = p.check_json(&["--changed-since", "HEAD~1"]);
    assert!(
        run.stderr
            .contains("note: the merge base's config does not parse")
            && run.stderr.contains("using today's"),
        "{}",
        run.stderr
    );
    // Judged with today's config, the old TEN005 was already there.
    run.expect_none("TEN005");
    // Said once, and only when the base's config is broken.
    assert_eq!(run.stderr.matches("merge base's config").count(), 1);
    let quiet = p.check_json(&["--changed-since", "HEAD"]);
    assert!(!quiet.stderr.contains("merge base"), "{}", quiet.stderr);
}

#[test]
fn a_rev_that_does_not_resolve_is_exit_2_naming_it() {
    let p = pull_request();
    let run = p.run(&["check", "--changed-since", "no-such-branch"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no-such-branch"), "{}", run.stderr);
    let bare = Project::new();
    let run = bare.run(&["check", "--changed-since", "main"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("git repository"), "{}", run.stderr);
}

#[test]
fn a_shallow_clone_without_the_base_says_how_to_fix_it() {
    let p = pull_request();
    let (_dir, dest) = p.shallow_clone(&["--branch", "feature"]);
    let run = run_binary(&dest, &["check", "--changed-since", "HEAD~1"], &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("shallow") && run.stderr.contains("fetch-depth: 0"),
        "{}",
        run.stderr
    );
}

/// One walk of history serves both checks; the merge base's share of it is
/// the base's own history. Here a side branch, merged after the branch
/// point, revalidated P-1 at a date older than the merge base: that commit
/// comes after the merge base in the walk, yet it is no ancestor of it.
#[test]
fn the_merge_base_is_dated_by_its_own_history_only() {
    let p = Project::new();
    p.write("owners.toml", OWNERS);
    p.write(
        "principles/p1.md",
        &principle("P-1", "We ship small batches."),
    );
    p.write(
        "principles/p2.md",
        &principle("P-2", "We test in production."),
    );
    p.commit_all("Add P-1 and P-2", &at("2024-01-01"));
    p.git(&["checkout", "-q", "-b", "side"], &at("2025-06-01"));
    p.write(
        "principles/p1.md",
        &principle("P-1", "We ship small, reversible batches."),
    );
    p.commit_all("Revalidate P-1 on side", &at("2025-06-01"));
    p.git(&["checkout", "-q", "main"], &at("2026-03-01"));
    p.write("notes.txt", "unrelated\n");
    p.commit_all("Unrelated work", &at("2026-03-01"));
    p.git(&["checkout", "-q", "-b", "feature"], &at("2026-11-01"));
    p.git(
        &["merge", "-q", "--no-ff", "side", "-m", "Merge side"],
        &at("2026-11-01"),
    );

    // HEAD: P-1 dates from the side branch (HL001), P-2 from the start (HL002).
    let full = p.check_json(&[]);
    let d = full.expect_one("HL001", "principles/p1.md", 3, Some("P-1"));
    let note = d["related"][0]["message"].as_str().unwrap_or_default();
    assert!(note.contains("Revalidate P-1 on side"), "{d:#}");
    // (expect_one also checks P-2 is the only HL002: P-1 is not.)
    full.expect_one("HL002", "principles/p2.md", 3, Some("P-2"));

    // The merge base (main's tip) never saw the side branch: there P-1 is
    // HL002, so HEAD's HL001 is new; P-2 was HL002 there too, so it is not.
    let run = p.check_json(&["--changed-since", "main"]);
    assert_eq!(
        run.summary(),
        vec![(
            "HL001".to_owned(),
            "principles/p1.md".to_owned(),
            3,
            Some("P-1".to_owned())
        )]
    );
}

/// The walk compares the directories HEAD's strategy files live in; the
/// merge base's files in a directory HEAD no longer has are compared by the
/// base's check itself.
#[test]
fn the_merge_base_dates_files_in_directories_head_no_longer_has() {
    let p = Project::new();
    p.write("owners.toml", OWNERS);
    p.write("old/p3.md", &principle("P-3", "We keep one queue."));
    p.commit_all("Add P-3", &at("2024-01-01"));
    p.write("notes.txt", "unrelated\n");
    p.commit_all("Unrelated work", &at("2024-02-01"));
    p.git(&["checkout", "-q", "-b", "feature"], &at("2026-11-01"));
    std::fs::create_dir_all(p.path().join("principles")).unwrap();
    p.git(&["mv", "old/p3.md", "principles/p3.md"], &at("2026-11-01"));
    p.commit_all("Move P-3", &at("2026-11-01"));

    // A move is no revalidation: P-3 is as old at HEAD as at the merge base.
    let full = p.check_json(&[]);
    let d = full.expect_one("HL002", "principles/p3.md", 3, Some("P-3"));
    let note = d["related"][0]["message"].as_str().unwrap_or_default();
    assert!(note.contains("Add P-3"), "{d:#}");
    let run = p.check_json(&["--changed-since", "main"]);
    run.expect_clean();
}

#[test]
fn select_and_ignore_judge_the_merge_base_alike() {
    // The committed config reports OBJ rules only; an OWN002 has been in
    // HEAD all along. `--select OWN` must not make it look new: the merge
    // base is judged with the same command-line selection.
    let p = Project::new();
    p.write("stratlint.toml", "[lint]\nselect = [\"OBJ\"]\n");
    p.write("owners.toml", OWNERS);
    p.write(
        "objectives.toml",
        &COMPANY.replace(
            "objective = \"CO-1\"\nowner = \"alice\"",
            "objective = \"CO-1\"\nowner = \"zed\"",
        ),
    );
    p.commit_all("Strategy", &at("2026-01-10"));
    let args = ["--changed-since", "HEAD", "--no-history", "--select", "OWN"];
    let run = p.check_json(&args);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    run.expect_clean();
    // Without --changed-since it is there.
    let run = p.check_json(&["--no-history", "--select", "OWN"]);
    run.expect_one("OWN002", "objectives.toml", 18, Some("K-CO"));
    // A new OWN problem is reported as new.
    p.write(
        "objectives.toml",
        &COMPANY
            .replace(
                "objective = \"CO-1\"\nowner = \"alice\"",
                "objective = \"CO-1\"\nowner = \"zed\"",
            )
            .replace(
                "level = \"department\"\nparent = \"CO-1\"\nowner = \"alice\"",
                "level = \"department\"\nparent = \"CO-1\"\nowner = \"yan\"",
            ),
    );
    let run = p.check_json(&args);
    run.expect_one("OWN002", "objectives.toml", 12, Some("DEP-1"));
    assert_eq!(run.diagnostics().len(), 1, "{:#?}", run.summary());
}

#[test]
fn undated_adopted_records_are_dated_at_the_merge_base_too() {
    // Issue 24's finding: the merge base never dated adopted ADRs without a
    // `Date:` line, so deleting the only record that cites a tenet gave
    // TEN006 in `check` and none with `--changed-since HEAD` (both sides
    // looked "already there"). Both sides are dated by git alike now.
    // The citation as a `Tenets:` line, and in YAML (the finding's form).
    for first in [
        "# 1. Use an event log\n\n## Status\n\nAccepted\n\nTenets: T-1\n\n## Context\n\nx\n",
        "---\ntenets: [T-1]\n---\n# 1. Use an event log\n\n## Status\n\nAccepted\n\n## Context\n\nx\n",
    ] {
        let p = Project::new();
        p.write("stratlint.toml", "[decisions]\nadr = [\"docs/adr\"]\n");
        p.write(
            "tenets.toml",
            "[[tenet]]\nid = \"T-1\"\ntext = \"When reports disagree, we choose the event log over the report because reports can be rebuilt.\"\n\n\
             [[tenet]]\nid = \"T-2\"\ntext = \"When a release date and test coverage conflict, we choose the release date over full coverage because our customers plan around it.\"\n",
        );
        p.write("docs/adr/0001-use-an-event-log.md", first);
        p.write(
            "docs/adr/0002-ship-on-fridays.md",
            "# 2. Ship on Fridays\n\nDate: 2026-06-01\n\n## Status\n\nAccepted\n\nTenets: T-2\n\n## Context\n\nx\n",
        );
        p.commit_all("Adopt the ADRs", "2026-06-01T12:00:00+0000");
        p.check_json(&[]).expect_clean();
        std::fs::remove_file(p.path().join("docs/adr/0001-use-an-event-log.md")).unwrap();
        let full = p.check_json(&[]);
        full.expect_one("TEN006", "tenets.toml", 2, Some("T-1"));
        let changed = p.check_json(&["--changed-since", "HEAD"]);
        changed.expect_one("TEN006", "tenets.toml", 2, Some("T-1"));
        assert_eq!(changed.diagnostics().len(), 1, "{:#?}", changed.summary());
    }
}
