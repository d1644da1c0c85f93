//! HL001–HL005 on real git repositories with fixed commit dates: ages
//! follow objects by id, ignore whitespace, and count uncommitted work.

mod common;
use common::{Project, principle, run_binary};

const NOW: &str = "2026-11-25";

/// A repository with owners and one principle committed at `date`.
fn repo_with_principle(date: &str) -> Project {
    let p = Project::with_owners();
    p.write(
        "principles/small.md",
        &principle("P-1", "We ship small batches."),
    );
    p.commit_all("Add principle P-1", date);
    p
}

/// Asserts a history diagnostic's note on the last revalidation mentions
/// `text` (the commit's subject or date).
#[track_caller]
fn assert_dated_by(d: &serde_json::Value, text: &str) {
    let note = d["related"][0]["message"].as_str().unwrap_or_default();
    assert!(
        note.contains(text),
        "expected {text:?} in the revalidation note: {d:#}"
    );
}

fn at(day: &str) -> String {
    format!("{day}T12:00:00+0000")
}

fn hl(p: &Project, extra: &[&str]) -> common::Run {
    let mut args = vec!["check", "--format", "json", "--now", NOW];
    args.extend_from_slice(extra);
    p.run(&args)
}

#[test]
fn a_fresh_principle_is_quiet_and_an_old_one_gets_hl001_with_age_and_freshness() {
    let p = repo_with_principle(&at("2026-06-01"));
    let run = hl(&p, &[]);
    run.expect_none("HL001");
    run.expect_none("HL005");
    let p = repo_with_principle(&at("2025-08-01"));
    let run = hl(&p, &[]);
    let d = run.expect_one("HL001", "principles/small.md", 3, Some("P-1"));
    // 2025-08-01T12:00 to 2026-11-25T00:00 is 480.5 days; 0.5^(480.5/365) = 40.2%.
    let msg = d["message"].as_str().unwrap();
    assert!(
        msg.contains("480 days") && msg.contains("365 days") && msg.contains("40.2%"),
        "{msg}"
    );
    let related = d["related"][0]["message"].as_str().unwrap();
    assert!(
        related.contains("2025-08-01") && related.contains("Add principle P-1"),
        "{related}"
    );
    assert_eq!(run.code, 0, "HL001 is a warning");
}

#[test]
fn hl002_replaces_hl001_and_hl001_stays_away_even_when_hl002_is_ignored() {
    let p = repo_with_principle(&at("2024-01-01"));
    let run = hl(&p, &[]);
    run.expect_one("HL002", "principles/small.md", 3, Some("P-1"));
    run.expect_none("HL001");
    assert_eq!(run.code, 1);
    p.write("stratlint.toml", "[lint]\nignore = [\"HL002\"]\n");
    p.commit_all("config", &at("2024-01-02"));
    let run = hl(&p, &[]);
    run.expect_none("HL001");
    run.expect_none("HL002");
}

#[test]
fn whitespace_only_commits_do_not_revalidate() {
    let p = repo_with_principle(&at("2025-01-01"));
    p.write(
        "principles/small.md",
        &principle("P-1", "We   ship small\n\nbatches.  ").replace("title = ", "title =  "),
    );
    p.commit_all("Reflow", &at("2026-10-01"));
    let run = hl(&p, &[]);
    let d = run.expect_one("HL001", "principles/small.md", 3, Some("P-1"));
    assert_dated_by(&d, "2025-01-01");
}

#[test]
fn a_rename_keeps_the_age_and_a_rename_with_an_edit_resets_it() {
    let p = repo_with_principle(&at("2025-01-01"));
    p.git(
        &["mv", "principles/small.md", "principles/renamed.md"],
        &at("2026-10-01"),
    );
    p.commit_all("Rename", &at("2026-10-01"));
    hl(&p, &[]).expect_one("HL001", "principles/renamed.md", 3, Some("P-1"));

    p.git(
        &["mv", "principles/renamed.md", "principles/again.md"],
        &at("2026-10-02"),
    );
    p.write(
        "principles/again.md",
        &principle("P-1", "We ship small, reviewable batches."),
    );
    p.commit_all("Rename and edit", &at("2026-10-02"));
    hl(&p, &[]).expect_none("HL001");
}

/// A principle in a file directly in the project's directory: only the
/// candidates there are compared, so a file it was renamed or moved out
/// of must be followed too (SPEC §5: a `git mv` keeps the age).
#[test]
fn a_rename_or_move_out_of_the_project_directory_keeps_the_age() {
    let p = Project::with_owners();
    p.write("first.md", &principle("P-1", "We ship small batches."));
    p.commit_all("Add principle P-1", &at("2025-01-01"));
    p.git(&["mv", "first.md", "second.md"], &at("2026-10-01"));
    p.commit_all("Rename", &at("2026-10-01"));
    let d = hl(&p, &[]).expect_one("HL001", "second.md", 3, Some("P-1"));
    assert_dated_by(&d, "2025-01-01");
    std::fs::create_dir_all(p.path().join("principles")).unwrap();
    p.git(
        &["mv", "second.md", "principles/third.md"],
        &at("2026-10-02"),
    );
    p.commit_all("Move", &at("2026-10-02"));
    let d = hl(&p, &[]).expect_one("HL001", "principles/third.md", 3, Some("P-1"));
    assert_dated_by(&d, "2025-01-01");
    // A plain file of the project's directory that changes in the same
    // commit does not date it either.
    p.write("CHANGELOG.md", "# Changes\n");
    p.git(
        &["mv", "principles/third.md", "fourth.md"],
        &at("2026-10-03"),
    );
    p.commit_all("Move back", &at("2026-10-03"));
    let d = hl(&p, &[]).expect_one("HL001", "fourth.md", 3, Some("P-1"));
    assert_dated_by(&d, "2025-01-01");
    // The same file renamed with an edit is dated by that commit.
    p.git(&["mv", "fourth.md", "fifth.md"], &at("2026-10-04"));
    p.write(
        "fifth.md",
        &principle("P-1", "We ship small, reviewable batches."),
    );
    p.commit_all("Rename and edit", &at("2026-10-04"));
    hl(&p, &[]).expect_none("HL001");
}

#[test]
fn a_rename_in_a_project_below_the_repository_top_keeps_the_age() {
    let p = Project::with_owners();
    p.write("strategy/stratlint.toml", "");
    p.write(
        "strategy/first.md",
        &principle("P-1", "We ship small batches."),
    );
    p.commit_all("Add principle P-1", &at("2025-01-01"));
    p.git(
        &["mv", "strategy/first.md", "strategy/second.md"],
        &at("2026-10-01"),
    );
    p.commit_all("Rename", &at("2026-10-01"));
    let run = common::run_binary(
        &p.path().join("strategy"),
        &["check", "--format", "json", "--now", NOW],
        &[],
    );
    let d = run.expect_one("HL001", "second.md", 3, Some("P-1"));
    assert_dated_by(&d, "2025-01-01");
}

const TWO_TABLES: &str = "[[principle]]\nid = \"P-A\"\ntitle = \"A\"\nowner = \"alice\"\n\n[[principle]]\nid = \"P-B\"\ntitle = \"B\"\nowner = \"alice\"\n";

#[test]
fn a_table_moved_to_another_file_keeps_its_age() {
    let p = Project::with_owners();
    p.write("principles.toml", TWO_TABLES);
    p.commit_all("Add", &at("2025-01-01"));
    let (a, b) = TWO_TABLES.split_at(TWO_TABLES.find("\n[[principle]]\nid = \"P-B\"").unwrap() + 1);
    p.write("principles.toml", a);
    p.write("more/principles.toml", b);
    p.commit_all("Move P-B", &at("2026-10-01"));
    let run = hl(&p, &[]);
    let lines: Vec<(String, Option<String>)> = run
        .with_code("HL001")
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_owned(),
                d["object"].as_str().map(str::to_owned),
            )
        })
        .collect();
    assert_eq!(
        lines,
        vec![
            ("more/principles.toml".to_owned(), Some("P-B".to_owned())),
            ("principles.toml".to_owned(), Some("P-A".to_owned()))
        ]
    );
}

#[test]
fn an_edit_to_a_neighbouring_table_does_not_revalidate() {
    let p = Project::with_owners();
    p.write("principles.toml", TWO_TABLES);
    p.commit_all("Add", &at("2025-01-01"));
    p.write(
        "principles.toml",
        &TWO_TABLES.replace("title = \"B\"", "title = \"B, sharper\""),
    );
    p.commit_all("Edit P-B", &at("2026-10-01"));
    let run = hl(&p, &[]);
    let d = run.expect_one("HL001", "principles.toml", 2, Some("P-A"));
    assert_dated_by(&d, "2025-01-01");
}

#[test]
fn uncommitted_edits_and_untracked_files_count_as_now() {
    let p = repo_with_principle(&at("2024-01-01"));
    p.write(
        "principles/small.md",
        &principle("P-1", "We ship small batches, always."),
    );
    p.write("principles/new.md", &principle("P-NEW", "Untracked."));
    let run = hl(&p, &[]);
    run.expect_none("HL001");
    run.expect_none("HL002");
    run.expect_none("HL005");
    // A whitespace-only working-tree edit is no revalidation.
    p.git(
        &["checkout", "--", "principles/small.md"],
        &at("2024-01-01"),
    );
    p.write(
        "principles/small.md",
        &principle("P-1", "We  ship small batches.\n\n"),
    );
    hl(&p, &[]).expect_one("HL002", "principles/small.md", 3, Some("P-1"));
}

#[test]
fn a_later_reviewed_date_wins_and_an_earlier_one_does_not() {
    let p = Project::with_owners();
    p.write(
        "p.md",
        &principle("P-1", "Body.").replace(
            "owner = \"alice\"\n",
            "owner = \"alice\"\nreviewed = 2026-09-01\n",
        ),
    );
    p.commit_all("Add", &at("2024-01-01"));
    let run = hl(&p, &[]);
    run.expect_none("HL002");
    run.expect_none("HL001");
    p.write(
        "p.md",
        &principle("P-1", "Body.").replace(
            "owner = \"alice\"\n",
            "owner = \"alice\"\nreviewed = 2023-01-01\n",
        ),
    );
    p.commit_all("Old review date", &at("2024-01-01"));
    hl(&p, &[]).expect_one("HL002", "p.md", 3, Some("P-1"));
}

#[test]
fn hl003_names_the_latest_inflection_on_or_before_now() {
    let p = repo_with_principle(&at("2026-03-01"));
    p.write("inflections.toml", "[[inflection]]\nid = \"INF-A\"\ntitle = \"Series A\"\ndate = 2025-06-01\n\n[[inflection]]\nid = \"INF-B\"\ntitle = \"Series B\"\ndate = 2026-06-01\n\n[[inflection]]\nid = \"INF-FUTURE\"\ntitle = \"IPO\"\ndate = 2027-06-01\n");
    p.commit_all("Inflections", &at("2026-07-01"));
    let run = hl(&p, &[]);
    let d = run.expect_one("HL003", "principles/small.md", 3, Some("P-1"));
    let msg = d["message"].as_str().unwrap();
    assert!(msg.contains("INF-B") && msg.contains("2026-03-01"), "{msg}");
    // Revalidated after the inflection: quiet.
    p.write(
        "principles/small.md",
        &principle("P-1", "We ship small batches after the round."),
    );
    p.commit_all("Revalidate", &at("2026-07-02"));
    hl(&p, &[]).expect_none("HL003");
}

#[test]
fn hl004_when_a_served_objective_changed_after_the_principle() {
    let p = Project::with_owners();
    p.write("objectives.toml", "[[objective]]\nid = \"CO-1\"\ntitle = \"Grow\"\nlevel = \"company\"\nowner = \"alice\"\n\n[[kpi]]\nid = \"K\"\ntitle = \"k\"\nobjective = \"CO-1\"\nowner = \"alice\"\nbaseline = 1\ntarget = 2\n");
    p.write(
        "p.md",
        &principle("P-1", "Body.").replace(
            "owner = \"alice\"\n",
            "owner = \"alice\"\nserves = [\"CO-1\"]\n",
        ),
    );
    p.commit_all("Add", &at("2026-05-01"));
    hl(&p, &[]).expect_none("HL004");
    // An edit to the KPI table beside the objective does not change the objective.
    p.write(
        "objectives.toml",
        &std::fs::read_to_string(p.path().join("objectives.toml"))
            .unwrap()
            .replace("target = 2", "target = 3"),
    );
    p.commit_all("Raise the target", &at("2026-08-01"));
    hl(&p, &[]).expect_none("HL004");
    p.write(
        "objectives.toml",
        &std::fs::read_to_string(p.path().join("objectives.toml"))
            .unwrap()
            .replace("title = \"Grow\"", "title = \"Grow profitably\""),
    );
    p.commit_all("Refocus CO-1", &at("2026-09-15"));
    let run = hl(&p, &[]);
    let d = run.expect_one("HL004", "p.md", 6, Some("P-1"));
    let msg = d["message"].as_str().unwrap();
    assert!(
        msg.contains("CO-1") && msg.contains("2026-09-15") && msg.contains("2026-05-01"),
        "{msg}"
    );
    assert_eq!(d["related"][0]["file"], "objectives.toml");
    // The report lists the same change, from the same fact.
    let report = p.run(&["report", "--format", "json", "--now", NOW]);
    let doc: serde_json::Value = serde_json::from_str(&report.stdout).unwrap();
    assert_eq!(
        doc["freshness"][0]["served_changes_since"],
        serde_json::json!(["CO-1"]),
        "{doc:#}"
    );
}

#[test]
fn without_git_ages_come_from_reviewed_alone() {
    let p = Project::with_owners();
    p.write(
        "old.md",
        &principle("P-OLD", "x").replace(
            "owner = \"alice\"\n",
            "owner = \"alice\"\nreviewed = 2025-06-01\n",
        ),
    );
    p.write("unknown.md", &principle("P-UNKNOWN", "y"));
    let run = hl(&p, &[]);
    run.expect_one("HL001", "old.md", 3, Some("P-OLD"));
    let d = run.expect_one("HL005", "unknown.md", 3, Some("P-UNKNOWN"));
    assert_eq!(d["severity"], "info");
    assert_eq!(run.code, 0);
}

#[test]
fn no_history_ignores_git() {
    let p = repo_with_principle(&at("2024-01-01"));
    let run = hl(&p, &["--no-history"]);
    run.expect_none("HL002");
    run.expect_one("HL005", "principles/small.md", 3, Some("P-1"));
}

#[test]
fn stratlint_now_sets_now() {
    let p = repo_with_principle(&at("2026-01-01"));
    let run = run_binary(
        p.path(),
        &["check", "--format", "json"],
        &[("STRATLINT_NOW", "2027-06-01")],
    );
    run.expect_one("HL001", "principles/small.md", 3, Some("P-1"));
    let run = run_binary(
        p.path(),
        &["check", "--format", "json"],
        &[("STRATLINT_NOW", "2026-02-01")],
    );
    run.expect_none("HL001");
}

#[test]
fn merges_date_an_object_by_the_branch_commit_that_changed_it() {
    let p = repo_with_principle(&at("2024-01-01"));
    p.write("other.md", "# notes\n");
    p.commit_all("Notes", &at("2024-02-01"));
    p.git(&["checkout", "-q", "-b", "feature"], &at("2025-09-01"));
    p.write(
        "principles/small.md",
        &principle("P-1", "We ship small batches behind flags."),
    );
    p.commit_all("Flags", &at("2025-09-01"));
    p.git(&["checkout", "-q", "main"], &at("2026-10-01"));
    p.write("other.md", "# notes, more\n");
    p.commit_all("More notes", &at("2026-10-01"));
    p.git(
        &["merge", "-q", "--no-ff", "-m", "Merge feature", "feature"],
        &at("2026-11-01"),
    );
    let run = hl(&p, &[]);
    // Dated by the branch commit (2025-09-01): past one half-life, not by the merge (2026-11-01).
    let d = run.expect_one("HL001", "principles/small.md", 3, Some("P-1"));
    assert_dated_by(&d, "Flags");
}

#[test]
fn a_merge_that_edits_the_object_itself_revalidates_it() {
    let p = repo_with_principle(&at("2024-01-01"));
    p.git(&["checkout", "-q", "-b", "feature"], &at("2024-03-01"));
    p.write("principles/small.md", &principle("P-1", "Branch wording."));
    p.commit_all("Branch", &at("2024-03-01"));
    p.git(&["checkout", "-q", "main"], &at("2024-03-02"));
    p.write("principles/small.md", &principle("P-1", "Main wording."));
    p.commit_all("Main", &at("2024-03-02"));
    let merge = std::process::Command::new("git")
        .args(["merge", "-q", "feature"])
        .current_dir(p.path())
        .output()
        .unwrap();
    assert!(!merge.status.success(), "the merge conflicts");
    p.write(
        "principles/small.md",
        &principle("P-1", "Resolved wording for both."),
    );
    p.commit_all("Merge feature", &at("2026-10-01"));
    hl(&p, &[]).expect_none("HL002");
    hl(&p, &[]).expect_none("HL001");
}

#[test]
fn a_config_in_a_subdirectory_dates_objects_below_it() {
    let p = Project::bare();
    p.write("strategy/stratlint.toml", "");
    p.write("strategy/owners.toml", common::OWNERS);
    p.write("strategy/p.md", &principle("P-1", "Body."));
    p.write("src/main.rs", "fn main() {}\n");
    p.commit_all("Add", &at("2024-06-01"));
    p.write("src/main.rs", "fn main() { println!(); }\n");
    p.commit_all("Code", &at("2026-11-01"));
    let run = p.run_in(
        &p.path().join("strategy"),
        &["check", "--format", "json", "--now", NOW],
    );
    run.expect_one("HL002", "p.md", 3, Some("P-1"));
}

/// The project two directories below the repository's top: history is
/// read below that prefix, by the commit that changed the object.
#[test]
fn a_project_two_levels_down_is_dated_by_its_own_commits() {
    let p = Project::bare();
    p.write("org/strategy/stratlint.toml", "");
    p.write("org/strategy/owners.toml", common::OWNERS);
    p.write("org/strategy/p.md", &principle("P-1", "Body."));
    p.write("org/p.md", &principle("P-1", "Outside the project."));
    p.commit_all("Add", &at("2024-06-01"));
    p.write("org/strategy/p.md", &principle("P-1", "Body, revalidated."));
    p.commit_all("Revalidate", &at("2025-09-01"));
    p.write(
        "org/p.md",
        &principle("P-1", "Outside the project, edited."),
    );
    p.commit_all("Edit outside", &at("2026-11-01"));
    let run = p.run_in(
        &p.path().join("org/strategy"),
        &["check", "--format", "json", "--now", NOW],
    );
    let d = run.expect_one("HL001", "p.md", 3, Some("P-1"));
    assert_dated_by(&d, "Revalidate");
}

#[test]
fn a_linked_worktree_reads_its_own_history() {
    let p = repo_with_principle(&at("2024-01-01"));
    p.git(&["branch", "fresh"], &at("2024-01-01"));
    let outside = tempfile::tempdir().unwrap();
    let wt = outside.path().join("wt");
    p.git(
        &["worktree", "add", "-q", wt.to_str().unwrap(), "fresh"],
        &at("2026-10-01"),
    );
    let main_run = hl(&p, &[]);
    main_run.expect_one("HL002", "principles/small.md", 3, Some("P-1"));
    std::fs::write(
        wt.join("principles/small.md"),
        principle("P-1", "Rewritten in the worktree."),
    )
    .unwrap();
    let run = p.run_in(&wt, &["check", "--format", "json", "--now", NOW]);
    run.expect_none("HL002");
    common::git_in(&wt, &["commit", "-q", "-am", "Rewrite"], &at("2025-10-01"));
    let run = p.run_in(&wt, &["check", "--format", "json", "--now", NOW]);
    let d = run.expect_one("HL001", "principles/small.md", 3, Some("P-1"));
    assert_dated_by(&d, "Rewrite");
}

#[test]
fn a_shallow_clone_reports_only_what_the_boundary_proves_and_warns_once() {
    let p = Project::with_owners();
    p.write("old.md", &principle("P-OLD", "Old."));
    p.write("young.md", &principle("P-YOUNG", "Young."));
    p.commit_all("Add", &at("2023-01-01"));
    p.write("young.md", &principle("P-YOUNG", "Young, revised."));
    p.commit_all("Revise young", &at("2025-06-01"));
    p.write("notes.md", "# notes\n");
    p.commit_all("Notes", &at("2026-08-01"));
    let (_clone, dest) = p.shallow_clone(&[]);
    // With now far enough ahead, the boundary (2026-08-01) already proves P-OLD and P-YOUNG stale.
    let run = run_binary(
        &dest,
        &["check", "--format", "json", "--now", "2028-09-01"],
        &[],
    );
    let stale: Vec<_> = run
        .summary()
        .into_iter()
        .filter(|d| d.0.starts_with("HL"))
        .collect();
    assert_eq!(
        stale,
        vec![
            (
                "HL002".to_owned(),
                "old.md".to_owned(),
                3,
                Some("P-OLD".to_owned())
            ),
            (
                "HL002".to_owned(),
                "young.md".to_owned(),
                3,
                Some("P-YOUNG".to_owned())
            ),
        ]
    );
    let msg = run.with_code("HL002")[0]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(msg.contains("at least"), "{msg}");
    assert_eq!(
        run.stderr.lines().filter(|l| l.contains("shallow")).count(),
        1,
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("fetch-depth: 0"), "{}", run.stderr);
    // SPEC §5: one warning says to fetch full history.
    assert!(
        run.stderr
            .contains("stratlint: warning: this is a shallow clone"),
        "{}",
        run.stderr
    );
    // At 2026-11-25 the boundary is 116 days back: nothing is proven, so HL005.
    let run = run_binary(&dest, &["check", "--format", "json", "--now", NOW], &[]);
    run.expect_none("HL001");
    run.expect_none("HL002");
    assert_eq!(run.with_code("HL005").len(), 2, "{:?}", run.summary());
    // The full repository knows better.
    let full = hl(&p, &[]);
    full.expect_one("HL002", "old.md", 3, Some("P-OLD"));
    full.expect_one("HL001", "young.md", 3, Some("P-YOUNG"));
}

#[test]
fn theses_have_a_six_month_half_life_by_default() {
    let p = Project::with_owners();
    p.write("thesis.md", "+++\nkind = \"thesis\"\nid = \"T-1\"\ntitle = \"Why we win\"\nowner = \"alice\"\n+++\n\nBody.\n");
    p.commit_all("Thesis", &at("2026-05-01"));
    hl(&p, &[]).expect_one("HL001", "thesis.md", 3, Some("T-1"));
    p.write("stratlint.toml", "[half_life]\nthesis = \"1y\"\n");
    hl(&p, &[]).expect_none("HL001");
}

#[test]
fn hl_suppressions_are_not_reported_unused_when_history_is_off() {
    let p = repo_with_principle(&at("2026-10-01"));
    p.write(
        "principles/small.md",
        &principle("P-1", "x").replace(
            "owner = \"alice\"\n",
            "owner = \"alice\"\nignore = [\"HL001\"]\n",
        ),
    );
    p.commit_all("ignore", &at("2026-10-01"));
    // History on and the age known: the suppression suppressed nothing.
    hl(&p, &[]).expect_one("SUP001", "principles/small.md", 6, Some("P-1"));
    // History off: the rule did not run.
    hl(&p, &["--no-history"]).expect_none("SUP001");
}

#[test]
fn the_history_demo_script_trips_every_hl_rule_kpi004_kpi005_kpi008_debt002_exe004_and_exe005() {
    let out = tempfile::tempdir().unwrap();
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/history-demo.sh");
    let built = std::process::Command::new("bash")
        .arg(&script)
        .arg(out.path())
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let codes = |dir: &str| -> Vec<(String, String)> {
        run_binary(
            &out.path().join(dir),
            &["check", "--format", "json", "--now", NOW],
            &[],
        )
        .diagnostics()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["object"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
    };
    let pair = |c: &str, o: &str| (c.to_owned(), o.to_owned());
    assert_eq!(
        codes("full"),
        vec![
            pair("DEBT002", "DEBT-BILLING"),
            pair("EXE006", "CO-1"),
            pair("KPI005", "KPI-ARR"),
            pair("KPI004", "KPI-NRR"),
            pair("KPI008", "KPI-ONTIME"),
            pair("HL004", "P-API"),
            pair("HL001", "P-BUY"),
            pair("HL003", "P-BUY"),
            pair("HL003", "P-EVENTS"),
            pair("HL004", "P-EVENTS"),
            pair("HL002", "P-MONOLITH"),
            pair("HL003", "P-MONOLITH"),
            pair("EXE005", "CO-2"),
            pair("EXE004", "I-RETAIN"),
        ]
    );
    // The latest inflection is the executive turnover the registry's history
    // reveals (2026-06-20), after the Series B object (2026-06-01).
    let full = run_binary(
        &out.path().join("full"),
        &["check", "--format", "json", "--now", NOW],
        &[],
    );
    for d in full.with_code("HL003") {
        let msg = d["message"].as_str().unwrap();
        assert!(
            msg.ends_with(
                "before the executive turnover of 2026-06-20: 2 of the 2 executives of a year \
                 before have left: kofi, sara"
            ),
            "{msg}"
        );
    }
    let shallow = codes("shallow");
    assert_eq!(shallow.len(), 4);
    assert!(shallow.iter().all(|(c, _)| c == "HL005"), "{shallow:?}");
}

#[test]
fn a_move_out_of_a_directory_that_no_longer_exists_keeps_the_age_and_its_history() {
    let p = Project::with_owners();
    p.write(
        "drafts/old/small.md",
        &principle("P-1", "We ship small batches."),
    );
    p.write("src/lib.rs", "// code\n");
    p.commit_all("Draft", &at("2024-01-01"));
    p.write(
        "drafts/old/small.md",
        &principle("P-1", "We ship small, reviewable batches."),
    );
    p.commit_all("Edit the draft", &at("2025-06-01"));
    p.write("src/lib.rs", "// more code\n");
    p.commit_all("Code", &at("2025-07-01"));
    std::fs::create_dir_all(p.path().join("principles")).unwrap();
    p.git(
        &["mv", "drafts/old/small.md", "principles/small.md"],
        &at("2026-10-01"),
    );
    p.commit_all("Promote the draft", &at("2026-10-01"));
    let run = hl(&p, &[]);
    // Dated by the edit made in the old directory (2025-06-01), not by the move.
    let d = run.expect_one("HL001", "principles/small.md", 3, Some("P-1"));
    assert_dated_by(&d, "Edit the draft");
}

#[test]
fn an_object_moved_out_of_a_file_that_now_holds_a_dated_object_keeps_its_age() {
    // small.md first holds P-1; then P-1 moves, unchanged, to moved.md while
    // small.md is rewritten as P-2; then P-2 is edited. P-2 is dated by its
    // edit; P-1 must still be dated by the commit that wrote it, found
    // through small.md's old text, which P-2's dating would otherwise skip.
    let p = Project::with_owners();
    p.write(
        "principles/small.md",
        &principle("P-1", "We ship small batches."),
    );
    p.commit_all("Add P-1", &at("2025-01-01"));
    p.write(
        "principles/moved.md",
        &principle("P-1", "We ship small batches."),
    );
    p.write(
        "principles/small.md",
        &principle("P-2", "We keep one queue."),
    );
    p.commit_all("Move P-1 aside, start P-2", &at("2026-09-01"));
    p.write(
        "principles/small.md",
        &principle("P-2", "We keep exactly one queue."),
    );
    p.commit_all("Sharpen P-2", &at("2026-10-01"));
    let run = hl(&p, &[]);
    // Exactly one HL001: P-2, edited last month, is fresh.
    let d = run.expect_one("HL001", "principles/moved.md", 3, Some("P-1"));
    assert_dated_by(&d, "Add P-1");
}

#[test]
fn an_object_moved_into_an_existing_file_from_a_directory_that_no_longer_exists_keeps_its_age() {
    // No file is added when P-1 moves: a.md, which held P-2, now holds it.
    let p = Project::with_owners();
    p.write(
        "drafts/old/x.md",
        &principle("P-1", "We ship small batches."),
    );
    p.write("principles/a.md", &principle("P-2", "We keep one queue."));
    p.commit_all("Draft", &at("2024-01-01"));
    p.write(
        "drafts/old/x.md",
        &principle("P-1", "We ship small, reviewable batches."),
    );
    p.commit_all("Edit the draft", &at("2025-06-01"));
    std::fs::remove_dir_all(p.path().join("drafts")).unwrap();
    p.write(
        "principles/a.md",
        &principle("P-1", "We ship small, reviewable batches."),
    );
    p.commit_all("Promote the draft over P-2", &at("2026-10-01"));
    let run = hl(&p, &[]);
    let d = run.expect_one("HL001", "principles/a.md", 3, Some("P-1"));
    assert_dated_by(&d, "Edit the draft");
}

/// A principle moved out of a directory that still holds Markdown which is
/// not strategy (so history is read there, though no object lives there
/// now) keeps its age.
#[test]
fn a_move_out_of_a_directory_of_plain_markdown_keeps_the_age() {
    let p = Project::with_owners();
    p.write("docs/readme.md", "# Notes\n\nNot strategy.\n");
    p.write("docs/small.md", &principle("P-1", "We ship small batches."));
    p.commit_all("Add P-1 among the docs", &at("2024-01-01"));
    std::fs::create_dir_all(p.path().join("principles")).unwrap();
    p.git(
        &["mv", "docs/small.md", "principles/small.md"],
        &at("2026-10-01"),
    );
    p.commit_all("Move P-1", &at("2026-10-01"));
    let d = hl(&p, &[]).expect_one("HL002", "principles/small.md", 3, Some("P-1"));
    assert_dated_by(&d, "Add P-1 among the docs");
}

/// A clone that borrows its objects from another repository
/// (`git clone --shared`, as CI caches do) is dated like any other.
#[test]
fn a_clone_borrowing_its_objects_is_dated() {
    let p = repo_with_principle(&at("2024-01-01"));
    p.write(
        "principles/small.md",
        &principle("P-1", "We ship small, reversible batches."),
    );
    p.commit_all("Revalidate P-1", &at("2025-06-01"));
    let dir = tempfile::tempdir().unwrap();
    let url = p.path().display().to_string();
    common::git_in(
        dir.path(),
        &["clone", "-q", "--shared", &url, "c"],
        &at("2026-01-01"),
    );
    let clone = dir.path().join("c");
    assert!(clone.join(".git/objects/info/alternates").exists());
    let run = run_binary(&clone, &["check", "--format", "json", "--now", NOW], &[]);
    let d = run.expect_one("HL001", "principles/small.md", 3, Some("P-1"));
    assert_dated_by(&d, "Revalidate P-1");
    assert!(
        !run.stderr.contains("could not read git history"),
        "{}",
        run.stderr
    );
}

/// An owners registry with alice (who owns the principles) and `n` more people.
fn owners_with(n: usize) -> String {
    let mut s = String::from("[people.alice]\nname = \"Alice\"\n");
    for i in 0..n {
        s.push_str(&format!("\n[people.p{i}]\nname = \"Person {i}\"\n"));
    }
    s.push_str("\n[people.gone]\nname = \"Gone\"\nactive = false\n");
    s
}

#[test]
fn hl003_counts_a_headcount_doubling_from_the_registry_s_history() {
    let p = Project::new();
    p.write("owners.toml", &owners_with(2));
    p.write(
        "principles/small.md",
        &principle("P-1", "We ship small batches."),
    );
    p.commit_all("Start", &at("2025-10-01"));
    p.write("owners.toml", &owners_with(4));
    p.commit_all("Hire", &at("2026-02-01"));
    // 3 → 6 active people within a year (the inactive one does not count).
    p.write("owners.toml", &owners_with(5));
    p.commit_all("Hire more", &at("2026-03-04"));
    let run = hl(&p, &[]);
    let d = run.expect_one("HL003", "principles/small.md", 3, Some("P-1"));
    assert_eq!(
        d["message"],
        "principle `P-1` was last revalidated on 2025-10-01, before the headcount inflection of \
         2026-03-04: active people in owners.toml went from 3 to 6 within a year"
    );
    let related: Vec<&str> = d["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["file"].as_str().unwrap())
        .collect();
    assert!(related.contains(&"owners.toml"), "{d:#}");
    // Off in the config, or without history: no headcount inflection.
    p.write("stratlint.toml", "[inflections]\nheadcount = false\n");
    hl(&p, &[]).expect_none("HL003");
    p.write("stratlint.toml", "");
    hl(&p, &["--no-history"]).expect_none("HL003");
    // The working tree is not read: an uncommitted doubling is no inflection yet.
    p.write("owners.toml", &owners_with(2));
    p.commit_all("Shrink", &at("2026-04-01"));
    p.write(
        "principles/small.md",
        &principle("P-1", "We ship small batches, still."),
    );
    p.commit_all("Revalidate", &at("2026-04-02"));
    hl(&p, &[]).expect_none("HL003");
    p.write("owners.toml", &owners_with(20));
    hl(&p, &[]).expect_none("HL003");
}

#[test]
fn hl003_slow_growth_is_no_headcount_inflection() {
    let p = Project::new();
    p.write("owners.toml", &owners_with(2));
    p.write(
        "principles/small.md",
        &principle("P-1", "We ship small batches."),
    );
    p.commit_all("Start", &at("2024-06-01"));
    p.write("owners.toml", &owners_with(3));
    p.commit_all("Hire", &at("2025-06-01"));
    // 3 → 6 took more than a year; 4 was in force a year before.
    p.write("owners.toml", &owners_with(5));
    p.commit_all("Hire more", &at("2026-06-02"));
    hl(&p, &[]).expect_none("HL003");
}

/// An owners registry with alice (who owns the principles, not an
/// executive) and each of `people`: an id and its extra lines.
fn registry(people: &[(&str, &str)]) -> String {
    let mut s = String::from("[people.alice]\nname = \"Alice\"\n");
    for (id, extra) in people {
        s.push_str(&format!("\n[people.{id}]\nname = \"{id}\"\n{extra}"));
    }
    s
}

const EXEC: &str = "executive = true\n";

/// A repository whose executives of 2025-03-01 (tomas, maya, ana) lose
/// maya on 2026-01-15 (1 of 3) and tomas on 2026-03-04 (2 of 3); one more
/// registry commit on 2026-05-01 keeps the turnover above a half; P-1 was
/// last revalidated on 2025-10-01.
fn executives_leave() -> Project {
    let p = Project::new();
    // Written out of order: the message lists ids sorted.
    let start = [("tomas", EXEC), ("maya", EXEC), ("ana", EXEC)];
    p.write("owners.toml", &registry(&start));
    p.commit_all("Start", &at("2025-03-01"));
    p.write(
        "principles/small.md",
        &principle("P-1", "We ship small batches."),
    );
    p.write(
        "strategy/inflections.toml",
        "[[inflection]]\nid = \"REORG\"\ntitle = \"Reorganisation\"\ndate = 2025-12-01\n",
    );
    p.commit_all("Add P-1", &at("2025-10-01"));
    // maya loses the flag: 1 of 3.
    let maya_steps_down = [("tomas", EXEC), ("maya", ""), ("ana", EXEC)];
    p.write("owners.toml", &registry(&maya_steps_down));
    p.commit_all("maya steps down", &at("2026-01-15"));
    // tomas leaves the company: 2 of 3.
    let tomas_leaves = [
        ("tomas", "executive = true\nactive = false\n"),
        ("maya", ""),
        ("ana", EXEC),
    ];
    p.write("owners.toml", &registry(&tomas_leaves));
    p.commit_all("tomas leaves", &at("2026-03-04"));
    // A new executive: still 2 of the 3 of a year before gone, no new inflection.
    let zoe_joins = [("maya", ""), ("ana", EXEC), ("zoe", EXEC)];
    p.write("owners.toml", &registry(&zoe_joins));
    p.commit_all("zoe joins", &at("2026-05-01"));
    p
}

#[test]
fn hl003_counts_an_executive_turnover_from_the_registry_s_history() {
    let p = executives_leave();
    let run = hl(&p, &[]);
    let d = run.expect_one("HL003", "principles/small.md", 3, Some("P-1"));
    // The latest inflection: the turnover of 2026-03-04 (after REORG), once,
    // not again at the later registry commit.
    assert_eq!(
        d["message"],
        "principle `P-1` was last revalidated on 2025-10-01, before the executive turnover of \
         2026-03-04: 2 of the 3 executives of a year before have left: maya, tomas"
    );
    let files: Vec<&str> = d["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["file"].as_str().unwrap())
        .collect();
    assert!(files.contains(&"owners.toml"), "{d:#}");
    assert!(
        common::related(&d).contains(
            &"the owners registry: its executives on 2026-03-04 include 1 of the 3 of a year before"
        ),
        "{d:#}"
    );
    // The same run again: the same output.
    assert_eq!(hl(&p, &[]).stdout, run.stdout);
    // Off in the config, or above a higher threshold: the inflection object
    // is the latest.
    let reorg = |run: common::Run| {
        let d = run.expect_one("HL003", "principles/small.md", 3, Some("P-1"));
        let msg = d["message"].as_str().unwrap().to_owned();
        assert!(msg.contains("the inflection `REORG`"), "{msg}");
    };
    p.write("stratlint.toml", "[inflections]\nexecutives = false\n");
    reorg(hl(&p, &[]));
    p.write(
        "stratlint.toml",
        "[inflections]\nexecutive_turnover = 0.7\n",
    );
    reorg(hl(&p, &[]));
    p.write(
        "stratlint.toml",
        "[inflections]\nexecutive_turnover = 0.3\n",
    );
    // 1 of 3 is enough at 0.3: the turnover of 2026-01-15, once.
    let d = hl(&p, &[]).expect_one("HL003", "principles/small.md", 3, Some("P-1"));
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .ends_with("before the executive turnover of 2026-01-15: 1 of the 3 executives of a year before has left: maya"),
        "{d:#}"
    );
    // Without history there is neither an age to compare nor a registry history.
    p.write("stratlint.toml", "");
    hl(&p, &["--no-history"]).expect_none("HL003");
}

#[test]
fn hl003_no_executive_turnover_when_executives_stay_or_there_were_none() {
    // Everyone of a year before stays; newcomers and a non-executive leaving do not count.
    let p = Project::new();
    p.write(
        "owners.toml",
        &registry(&[("ana", EXEC), ("bo", EXEC), ("cy", "")]),
    );
    p.write(
        "principles/small.md",
        &principle("P-1", "We ship small batches."),
    );
    p.commit_all("Start", &at("2025-10-01"));
    p.write(
        "owners.toml",
        &registry(&[
            ("ana", EXEC),
            ("bo", EXEC),
            ("cy", "active = false\n"),
            ("di", EXEC),
        ]),
    );
    p.commit_all("Changes", &at("2026-03-01"));
    hl(&p, &[]).expect_none("HL003");
    // No executive a year before (|E0| = 0): executives who come and go make none.
    let p = Project::new();
    p.write("owners.toml", &registry(&[("ana", ""), ("bo", "")]));
    p.write(
        "principles/small.md",
        &principle("P-1", "We ship small batches."),
    );
    p.commit_all("Start", &at("2025-10-01"));
    p.write("owners.toml", &registry(&[("ana", EXEC), ("bo", EXEC)]));
    p.commit_all("Executives", &at("2026-01-01"));
    p.write("owners.toml", &registry(&[("ana", ""), ("bo", "")]));
    p.commit_all("No more executives", &at("2026-02-01"));
    hl(&p, &[]).expect_none("HL003");
}

/// `check FILE` (as a pre-commit hook runs it) dates only that file's
/// objects and what they serve, and reports exactly what a full check
/// reports for that file: no HL005 for the objects left undated elsewhere.
#[test]
fn checking_one_file_reports_what_the_full_check_reports_for_it() {
    let p = Project::with_owners();
    p.write("principles/old.md", &principle("P-OLD", "Old."));
    p.write(
        "principles/served.md",
        "+++\nkind = \"thesis\"\nid = \"TH-1\"\ntitle = \"Why\"\nowner = \"alice\"\n+++\n\nBecause.\n",
    );
    p.commit_all("Start", &at("2024-01-10"));
    p.write(
        "principles/new.md",
        &principle("P-NEW", "New.").replace(
            "owner = \"alice\"\n",
            "owner = \"alice\"\nserves = [\"TH-1\"]\n",
        ),
    );
    p.commit_all("Add P-NEW", &at("2025-01-10"));
    p.write(
        "principles/served.md",
        "+++\nkind = \"thesis\"\nid = \"TH-1\"\ntitle = \"Why\"\nowner = \"alice\"\n+++\n\nBecause, now.\n",
    );
    p.commit_all("Revise TH-1", &at("2026-06-10"));
    let full = hl(&p, &[]);
    let one = hl(&p, &["principles/new.md"]);
    let of_new: Vec<_> = full
        .diagnostics()
        .into_iter()
        .filter(|d| d["file"] == "principles/new.md")
        .collect();
    // P-NEW is past its half-life and what it serves changed since.
    let codes: Vec<&str> = of_new.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert!(
        codes.contains(&"HL001") && codes.contains(&"HL004"),
        "{codes:?}"
    );
    assert_eq!(one.diagnostics(), of_new);
    // The full check also has P-OLD's; the one-file check shows none of it.
    assert!(
        full.diagnostics()
            .iter()
            .any(|d| d["file"] == "principles/old.md")
    );
}

/// As `git log -- FILE` does (history simplification), a merge that kept
/// one parent's version of everything follows that parent only: a side
/// branch's edit the merge discarded dates nothing.
#[test]
fn a_change_a_merge_discarded_does_not_date_the_object() {
    let p = repo_with_principle(&at("2025-01-10"));
    p.git(&["checkout", "-q", "-b", "side"], &at("2026-03-01"));
    p.write(
        "principles/small.md",
        &principle("P-1", "We ship small batches, reworded on a branch."),
    );
    p.commit_all("Reword P-1 on a branch", &at("2026-03-01"));
    p.git(&["checkout", "-q", "main"], &at("2026-03-02"));
    p.write("notes.txt", "unrelated\n");
    p.commit_all("Unrelated", &at("2026-03-02"));
    // Keep main's version of everything.
    p.git(
        &[
            "merge",
            "-q",
            "-s",
            "ours",
            "-m",
            "Merge side, keeping ours",
            "side",
        ],
        &at("2026-04-01"),
    );
    let git_says = p.git(
        &["log", "-1", "--format=%cs", "--", "principles/small.md"],
        &at("2026-04-01"),
    );
    assert_eq!(git_says.trim(), "2025-01-10");
    let run = hl(&p, &[]);
    let d = run.expect_one("HL001", "principles/small.md", 3, Some("P-1"));
    assert_dated_by(&d, "Add principle P-1");
}

/// A thesis and two principles serving it, committed on 2026-05-01.
fn served_thesis() -> Project {
    let p = Project::with_owners();
    p.write(
        "thesis.toml",
        "[[thesis]]\nid = \"TH-1\"\ntitle = \"Developers buy bottom-up\"\nowner = \"alice\"\n",
    );
    for id in ["P-1", "P-2"] {
        p.write(
            &format!("principles/{id}.md"),
            &principle(id, "Body.").replace(
                "owner = \"alice\"\n",
                "owner = \"alice\"\nserves = [\"TH-1\"]\n",
            ),
        );
    }
    p.commit_all("Add the thesis and its principles", &at("2026-05-01"));
    p
}

#[test]
fn reviewing_a_served_thesis_is_no_change_for_hl004_but_editing_it_is() {
    let p = served_thesis();
    // `stratlint review TH-1` records a revalidation: the thesis's text is
    // unchanged (SPEC §5), uncommitted or committed.
    let review = p.run(&["review", "TH-1", "--date", "2026-10-01"]);
    assert_eq!(review.code, 0, "{}", review.stderr);
    let thesis = std::fs::read_to_string(p.path().join("thesis.toml")).unwrap();
    assert!(thesis.contains("reviewed = 2026-10-01"), "{thesis}");
    hl(&p, &[]).expect_none("HL004");
    p.commit_all("Review TH-1", &at("2026-10-01"));
    let run = hl(&p, &[]);
    run.expect_none("HL004");
    // The thesis itself counts as revalidated by its `reviewed` date.
    run.expect_none("HL001");
    // So does a new owner.
    p.write(
        "thesis.toml",
        &thesis.replace("owner = \"alice\"", "owner = \"bob\""),
    );
    p.commit_all("Hand TH-1 to Bob", &at("2026-10-02"));
    hl(&p, &[]).expect_none("HL004");
    // A real edit of the thesis is a change each principle serving it hears of.
    p.write(
        "thesis.toml",
        &thesis.replace("bottom-up", "bottom-up, then top-down"),
    );
    p.commit_all("Refine TH-1", &at("2026-10-03"));
    let found = hl(&p, &[]).with_code("HL004");
    assert_eq!(found.len(), 2, "{found:#?}");
    for (d, id) in found.iter().zip(["P-1", "P-2"]) {
        assert_eq!(d["file"], format!("principles/{id}.md"));
        assert_eq!(
            (d["line"].as_u64(), d["object"].as_str()),
            (Some(6), Some(id))
        );
        let msg = d["message"].as_str().unwrap();
        assert!(msg.contains("TH-1") && msg.contains("2026-10-03"), "{msg}");
    }
}

#[test]
fn a_principle_handed_to_a_new_owner_is_not_revalidated() {
    let p = repo_with_principle(&at("2025-08-01"));
    let text = std::fs::read_to_string(p.path().join("principles/small.md")).unwrap();
    // Alice left: the principle goes to Bob (as OWN003 asks), nothing else changes.
    p.write(
        "principles/small.md",
        &text.replace("owner = \"alice\"", "owner = \"bob\""),
    );
    hl(&p, &[]).expect_one("HL001", "principles/small.md", 3, Some("P-1"));
    p.commit_all("Hand P-1 to Bob", &at("2026-10-01"));
    let run = hl(&p, &[]);
    let d = run.expect_one("HL001", "principles/small.md", 3, Some("P-1"));
    assert_dated_by(&d, "Add principle P-1");
    // Its `reviewed` date still revalidates it, through its value.
    p.write(
        "principles/small.md",
        &text.replace(
            "owner = \"alice\"",
            "owner = \"bob\"\nreviewed = 2026-10-01",
        ),
    );
    p.commit_all("Review P-1", &at("2026-10-02"));
    hl(&p, &[]).expect_none("HL001");
    // And an edit of what it says does too.
    let p = repo_with_principle(&at("2025-08-01"));
    p.write(
        "principles/small.md",
        &text.replace("small batches", "small, reversible batches"),
    );
    p.commit_all("Reword P-1", &at("2026-10-01"));
    hl(&p, &[]).expect_none("HL001");
}

#[test]
fn now_before_head_s_commit_day_warns_once_and_points_at_as_of() {
    let p = repo_with_principle(&at("2026-03-02"));
    let warning = "before the day of HEAD's commit (2026-03-02)";
    let run = p.run(&["check", "--format", "json", "--now", "2026-03-01"]);
    assert_eq!(run.stderr.matches(warning).count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("stratlint: warning: now (2026-03-01)")
            && run.stderr.contains("commits after now included")
            && run.stderr.contains("use `--as-of 2026-03-01`"),
        "{}",
        run.stderr
    );
    // A note about the run, never a diagnostic; history is read as it is.
    assert!(!run.stdout.contains("as-of"), "{}", run.stdout);
    run.expect_clean();
    // On HEAD's day or later, and without history, nothing to say.
    for args in [
        &["check", "--format", "json", "--now", "2026-03-02"][..],
        &[
            "check",
            "--format",
            "json",
            "--now",
            "2026-03-01",
            "--no-history",
        ][..],
    ] {
        let run = p.run(args);
        assert!(
            !run.stderr.contains("HEAD's commit"),
            "{args:?}: {}",
            run.stderr
        );
    }
}

#[test]
fn a_review_date_in_the_future_is_sl006_and_read_as_absent() {
    let p = repo_with_principle(&at("2025-08-01"));
    let text = std::fs::read_to_string(p.path().join("principles/small.md")).unwrap();
    let future = text.replace(
        "owner = \"alice\"",
        "owner = \"alice\"\nreviewed = 2036-08-01",
    );
    p.write("principles/small.md", &future);
    p.commit_all("Review P-1 for ten years", &at("2025-08-01"));
    let run = hl(&p, &[]);
    let d = run.expect_one("SL006", "principles/small.md", 6, Some("P-1"));
    assert!(
        d["message"].as_str().unwrap().contains("in the future"),
        "{d:#}"
    );
    // Judged by the commit alone: past its half-life.
    run.expect_one("HL001", "principles/small.md", 3, Some("P-1"));
    // --changed-since: the merge base had it already; a new one is new.
    let run = hl(&p, &["--changed-since", "HEAD"]);
    run.expect_none("SL006");
    p.write(
        "principles/other.md",
        &principle("P-2", "x").replace(
            "owner = \"alice\"",
            "owner = \"alice\"\nreviewed = 2026-12-01",
        ),
    );
    let run = hl(&p, &["--changed-since", "HEAD"]);
    run.expect_one("SL006", "principles/other.md", 6, Some("P-2"));
    // A review date of today is fine.
    p.write(
        "principles/small.md",
        &text.replace(
            "owner = \"alice\"",
            "owner = \"alice\"\nreviewed = 2026-11-25",
        ),
    );
    p.write("principles/other.md", &principle("P-2", "x"));
    let run = hl(&p, &[]);
    run.expect_none("SL006");
    run.expect_none("HL001");
}
