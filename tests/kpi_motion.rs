//! KPIs in motion (SPEC §5b): KPI003, KPI006, KPI007, KPI010, OBJ007, KPI002 for
//! `maintain`, and progress rolled up the objective tree (library).

mod common;
use common::lint_with_owners;

const TREE: &str = common::TWO_LEVELS;

/// A KPI on DEP-1 with these extra lines.
fn kpi(id: &str, extra: &str) -> String {
    format!(
        "[[kpi]]\nid = \"{id}\"\ntitle = \"Revenue\"\nobjective = \"DEP-1\"\nowner = \"alice\"\n{extra}\n"
    )
}

fn lint(kpis: &str) -> common::Run {
    lint_with_owners(&[("tree.toml", TREE), ("kpis.toml", kpis)])
}

#[test]
fn kpi003_a_direction_that_contradicts_baseline_to_target() {
    let run = lint(&kpi(
        "K-1",
        "baseline = 10\ntarget = 5\ndirection = \"increase\"",
    ));
    let d = run.expect_one("KPI003", "kpis.toml", 8, Some("K-1"));
    assert_eq!(d["column"], 13);
    assert_eq!(
        d["message"],
        "kpi `K-1` goes from 10 to 5, but its `direction` says the opposite"
    );
    lint(&kpi(
        "K-1",
        "baseline = 10\ntarget = 5\ndirection = \"decrease\"",
    ))
    .expect_none("KPI003");
    lint(&kpi("K-1", "baseline = 10\ntarget = 5")).expect_none("KPI003");
}

#[test]
fn kpi002_does_not_apply_to_maintain() {
    lint(&kpi(
        "K-1",
        "baseline = 99.9\ntarget = 99.9\ndirection = \"maintain\"",
    ))
    .expect_clean();
    lint(&kpi("K-1", "baseline = 99.9\ntarget = 99.9")).expect_one(
        "KPI002",
        "kpis.toml",
        7,
        Some("K-1"),
    );
}

#[test]
fn kpi006_regressed_with_the_upstream_impact_bottom_up() {
    let run = lint(&kpi("K-1", "baseline = 10\ntarget = 20\ncurrent = 8"));
    let d = run.expect_one("KPI006", "kpis.toml", 8, Some("K-1"));
    assert_eq!(
        d["message"],
        "kpi `K-1` is at 8, worse than its baseline of 10, which puts objective `CO-1` at risk"
    );
    let related: Vec<(u64, String)> = d["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["line"].as_u64().unwrap(),
                r["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        related,
        [
            (8, "measures `DEP-1`".to_owned()),
            (2, "`CO-1` is above it".to_owned())
        ]
    );
    // Lower is better: above the baseline regressed; a KPI with no better side never does.
    lint(&kpi("K-1", "baseline = 10\ntarget = 5\ncurrent = 11")).expect_one(
        "KPI006",
        "kpis.toml",
        8,
        Some("K-1"),
    );
    lint(&kpi("K-1", "baseline = 10\ntarget = 20\ncurrent = 10")).expect_none("KPI006");
    lint(&kpi(
        "K-1",
        "baseline = 3\ntarget = 3\ncurrent = 1\nignore = [\"KPI002\"]",
    ))
    .expect_none("KPI006");
}

#[test]
fn kpi007_missed_by_its_due_or_its_objective_s() {
    let run = lint(&kpi(
        "K-1",
        "baseline = 10\ntarget = 20\ncurrent = 15\ndue = 2026-06-30",
    ));
    let d = run.expect_one("KPI007", "kpis.toml", 9, Some("K-1"));
    assert_eq!(
        d["message"],
        "kpi `K-1` was due on 2026-06-30 and ended at 15, short of its target of 20, which puts objective `CO-1` at risk"
    );
    // No current value: missed too, at the id when the due is the objective's.
    let tree = TREE.replace(
        "parent = \"CO-1\"\n",
        "parent = \"CO-1\"\ndue = 2026-09-30\n",
    );
    let run = lint_with_owners(&[
        ("tree.toml", &tree),
        ("kpis.toml", &kpi("K-1", "baseline = 10\ntarget = 20")),
    ]);
    let d = run.expect_one("KPI007", "kpis.toml", 2, Some("K-1"));
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("with no `current` value")
    );
    run.expect_one("OBJ007", "tree.toml", 12, Some("DEP-1"));
    // Met, or due today or later: quiet.
    lint(&kpi(
        "K-1",
        "baseline = 10\ntarget = 20\ncurrent = 21\ndue = 2026-06-30",
    ))
    .expect_none("KPI007");
    lint(&kpi(
        "K-1",
        "baseline = 10\ntarget = 20\ncurrent = 15\ndue = 2026-11-25",
    ))
    .expect_none("KPI007");
}

#[test]
fn obj007_an_objective_past_due() {
    let tree = TREE.replace(
        "level = \"company\"\n",
        "level = \"company\"\ndue = 2026-11-24\n",
    );
    let run = lint_with_owners(&[
        ("tree.toml", &tree),
        ("kpis.toml", &kpi("K-1", "baseline = 1\ntarget = 2")),
    ]);
    let d = run.expect_one("OBJ007", "tree.toml", 5, Some("CO-1"));
    assert_eq!(
        d["message"],
        "objective `CO-1` was due on 2026-11-24, 1 day ago"
    );
    let today = TREE.replace(
        "level = \"company\"\n",
        "level = \"company\"\ndue = 2026-11-25\n",
    );
    lint_with_owners(&[
        ("tree.toml", &today),
        ("kpis.toml", &kpi("K-1", "baseline = 1\ntarget = 2")),
    ])
    .expect_none("OBJ007");
}

#[test]
fn weight_must_be_a_number_at_least_zero() {
    let run = lint(&kpi("K-1", "baseline = 1\ntarget = 2\nweight = -1"));
    let d = run.expect_one("SL006", "kpis.toml", 8, Some("K-1"));
    assert_eq!(d["message"], "`weight` of kpi `K-1` must be a number ≥ 0");
    lint(&kpi(
        "K-1",
        "baseline = 1\ntarget = 2\nweight = 0\nrevised = 2026-01-01\nmeasure_every = \"30d\"",
    ))
    .expect_clean();
}

#[test]
fn progress_rolls_up_the_tree_with_weights() {
    let config = "";
    let kpis = kpi("K-1", "baseline = 0\ntarget = 10\ncurrent = 5\nweight = 3")
        + &kpi("K-2", "baseline = 0\ntarget = 10\ncurrent = 20")
        + &kpi(
            "K-3",
            "baseline = 0\ntarget = 10\nstatus = \"retired\"\ncurrent = 0",
        );
    let analysis = stratlint::analysis::memory::analyze_texts(
        config,
        &[
            ("owners.toml", common::OWNERS),
            ("tree.toml", TREE),
            ("kpis.toml", &kpis),
        ],
        stratlint::date::Date::parse("2026-11-25").unwrap(),
    )
    .unwrap();
    let p = |id: &str| analysis.metrics.progress[analysis.graph.get(id).unwrap()];
    assert_eq!(p("K-1"), Some(0.5));
    assert_eq!(p("K-2"), Some(2.0));
    // DEP-1: (3 × 0.5 + 1 × min(2, 1)) / 4; the retired K-3 does not count.
    assert_eq!(p("DEP-1"), Some(0.625));
    assert_eq!(p("CO-1"), Some(0.625));
}

#[test]
fn a_ten_thousand_level_chain_rolls_up_without_overflowing() {
    let mut tree = String::from(
        "[[objective]]\nid = \"O-0\"\ntitle = \"x\"\nlevel = \"a\"\nowner = \"alice\"\n",
    );
    for k in 1..10_000 {
        tree.push_str(&format!(
            "[[objective]]\nid = \"O-{k}\"\ntitle = \"x\"\nlevel = \"b\"\nparent = \"O-{}\"\nowner = \"alice\"\n",
            k - 1
        ));
    }
    tree.push_str("[[kpi]]\nid = \"K\"\ntitle = \"k\"\nobjective = \"O-9999\"\nowner = \"alice\"\nbaseline = 0\ntarget = 4\ncurrent = 1\n");
    let analysis = stratlint::analysis::memory::analyze_texts(
        "[objectives]\nlevels = [\"a\", \"b\"]\n",
        &[("owners.toml", common::OWNERS), ("tree.toml", &tree)],
        stratlint::date::Date::parse("2026-11-25").unwrap(),
    )
    .unwrap();
    assert_eq!(
        analysis.metrics.progress[analysis.graph.get("O-0").unwrap()],
        Some(0.25)
    );
}

const KPIS_AT: &str = "[[kpi]]\nid = \"K-1\"\ntitle = \"Revenue\"\nobjective = \"DEP-1\"\nowner = \"alice\"\nbaseline = 10\ntarget = 20\ncurrent = 12\n";

fn dated_project() -> common::Project {
    let p = common::Project::with_owners();
    p.write("tree.toml", TREE);
    p.write("kpis.toml", KPIS_AT);
    p.commit_all("KPIs", "2026-05-01T12:00:00+0000");
    p
}

#[test]
fn kpi005_a_measurement_git_dates_stale() {
    let p = dated_project();
    // Edits that leave `current` alone do not count as a measurement.
    p.write(
        "kpis.toml",
        &KPIS_AT
            .replace("title = \"Revenue\"", "title = \"Revenue (ARR)\"")
            .replace("current = 12", "current   = 12.0  # unchanged"),
    );
    p.commit_all("Reword", "2026-10-01T12:00:00+0000");
    let run = p.check_json(&[]);
    let d = run.expect_one("KPI005", "kpis.toml", 8, Some("K-1"));
    assert_eq!(
        d["message"],
        "kpi `K-1` was last measured on 2026-05-01, 208 days ago; it is expected every 100 days"
    );
    assert!(
        d["related"][0]["message"]
            .as_str()
            .unwrap()
            .contains("commit"),
        "{d:#}"
    );
    // A new value in a later commit is a measurement.
    p.write(
        "kpis.toml",
        &KPIS_AT.replace("current = 12", "current = 14"),
    );
    p.commit_all("Q3 numbers", "2026-10-15T12:00:00+0000");
    p.check_json(&[]).expect_none("KPI005");
}

#[test]
fn kpi005_measured_measure_every_and_uncommitted_changes() {
    let p = dated_project();
    // `measured` later than the commit counts.
    p.write(
        "kpis.toml",
        &KPIS_AT.replace("current = 12", "current = 12\nmeasured = 2026-11-01"),
    );
    p.commit_all("Re-measured", "2026-05-02T12:00:00+0000");
    p.check_json(&[]).expect_none("KPI005");
    // Its own measure_every.
    p.write(
        "kpis.toml",
        &KPIS_AT.replace("current = 12", "current = 12\nmeasure_every = \"1y\""),
    );
    p.commit_all("Yearly", "2026-05-02T12:00:00+0000");
    p.check_json(&[]).expect_none("KPI005");
    // An uncommitted new value counts as now.
    p.write(
        "kpis.toml",
        &KPIS_AT.replace("current = 12", "current = 13"),
    );
    p.check_json(&[]).expect_none("KPI005");
    // The config default.
    p.write("stratlint.toml", "[kpis]\nmeasure_every = \"30w\"\n");
    p.write("kpis.toml", KPIS_AT);
    p.check_json(&[]).expect_none("KPI005");
}

#[test]
fn kpi005_without_history_uses_measured_alone() {
    let run = lint(&kpi(
        "K-1",
        "baseline = 10\ntarget = 20\ncurrent = 12\nmeasured = 2026-06-01",
    ));
    run.expect_one("KPI005", "kpis.toml", 8, Some("K-1"));
    lint(&kpi("K-1", "baseline = 10\ntarget = 20\ncurrent = 12")).expect_none("KPI005");
}

#[test]
fn kpi005_by_default_a_measurement_is_expected_every_100_days() {
    // Now is 2026-11-25: 2026-08-17 is 100 days before it, 2026-08-18 99.
    let run = lint(&kpi(
        "K-1",
        "baseline = 10\ntarget = 20\ncurrent = 12\nmeasured = 2026-08-17",
    ));
    let d = run.expect_one("KPI005", "kpis.toml", 8, Some("K-1"));
    assert_eq!(
        d["message"],
        "kpi `K-1` was last measured on 2026-08-17, 100 days ago; it is expected every 100 days"
    );
    lint(&kpi(
        "K-1",
        "baseline = 10\ntarget = 20\ncurrent = 12\nmeasured = 2026-08-18",
    ))
    .expect_none("KPI005");
    // A quarter's numbers landing a few days late are not stale yet.
    lint(&kpi(
        "K-1",
        "baseline = 10\ntarget = 20\ncurrent = 12\nmeasured = 2026-08-24",
    ))
    .expect_none("KPI005");
}

#[test]
fn kpi004_a_target_moved_after_it_was_set() {
    let p = dated_project();
    p.write("kpis.toml", &KPIS_AT.replace("target = 20", "target = 15"));
    p.commit_all("Lower the bar", "2026-09-01T12:00:00+0000");
    let run = p.check_json(&[]);
    let d = run.expect_one("KPI004", "kpis.toml", 7, Some("K-1"));
    assert_eq!(
        d["message"],
        "kpi `K-1`'s target was moved from 20 to 15 on 2026-09-01, after it was set"
    );
    let related = d["related"][0]["message"].as_str().unwrap();
    assert!(
        related.contains("on 2026-09-01: Lower the bar"),
        "{related}"
    );
    // A `revised` on the change's day covers it; one before does not.
    let revised =
        |day: &str| KPIS_AT.replace("target = 20", &format!("target = 15\nrevised = {day}"));
    p.write("kpis.toml", &revised("2026-09-01"));
    p.commit_all("Record the revision", "2026-09-02T12:00:00+0000");
    p.check_json(&[]).expect_none("KPI004");
    p.write("kpis.toml", &revised("2026-08-31"));
    p.commit_all("Wrong day", "2026-09-03T12:00:00+0000");
    p.check_json(&[])
        .expect_one("KPI004", "kpis.toml", 7, Some("K-1"));
}

#[test]
fn kpi004_moves_reformatting_and_other_fields_do_not_count() {
    let p = dated_project();
    p.check_json(&[]).expect_none("KPI004");
    // The same numbers written differently, a new `current`, a new title,
    // and the KPI moved to another file.
    p.write("kpis.toml", "");
    p.write(
        "moved.toml",
        &KPIS_AT
            .replace("baseline = 10", "baseline   = 10.0 # from Q1")
            .replace("target = 20", "target = 2_0")
            .replace("current = 12", "current = 18")
            .replace("title = \"Revenue\"", "title = \"ARR\""),
    );
    p.commit_all("Move and measure", "2026-10-01T12:00:00+0000");
    p.check_json(&[]).expect_none("KPI004");
}

#[test]
fn a_kpi_file_renamed_in_the_project_directory_keeps_its_goalposts_and_measurement() {
    let p = dated_project();
    p.write("kpis.toml", &KPIS_AT.replace("target = 20", "target = 15"));
    p.commit_all("Lower the target", "2026-06-01T12:00:00+0000");
    p.git(
        &["mv", "kpis.toml", "metrics.toml"],
        "2026-11-01T12:00:00+0000",
    );
    p.commit_all("Rename", "2026-11-01T12:00:00+0000");
    let run = p.check_json(&[]);
    // The target moved on 2026-06-01 (not on the rename), and `current`
    // was last measured on 2026-05-01, 208 days before now.
    let d = run.expect_one("KPI004", "metrics.toml", 7, Some("K-1"));
    assert!(d.to_string().contains("2026-06-01"), "{d:#}");
    let d = run.expect_one("KPI005", "metrics.toml", 8, Some("K-1"));
    assert!(
        d["message"].as_str().unwrap().contains("2026-05-01"),
        "{d:#}"
    );
}

#[test]
fn kpi004_baseline_target_and_uncommitted_changes() {
    let p = dated_project();
    // A baseline alone is reported at the baseline.
    p.write(
        "kpis.toml",
        &KPIS_AT.replace("baseline = 10", "baseline = 11"),
    );
    p.commit_all("Rebase", "2026-06-01T12:00:00+0000");
    let run = p.check_json(&[]);
    let d = run.expect_one("KPI004", "kpis.toml", 6, Some("K-1"));
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("baseline was moved from 10 to 11"),
        "{d:#}"
    );
    // Both at once: once, at the target.
    p.write(
        "kpis.toml",
        &KPIS_AT
            .replace("baseline = 10", "baseline = 12")
            .replace("target = 20", "target = 25"),
    );
    p.commit_all("Both", "2026-07-01T12:00:00+0000");
    p.check_json(&[])
        .expect_one("KPI004", "kpis.toml", 7, Some("K-1"));
    // Uncommitted: now, with no commit to name.
    p.write(
        "kpis.toml",
        &KPIS_AT
            .replace("baseline = 10", "baseline = 12")
            .replace("target = 20", "target = 30\nrevised = 2026-07-01"),
    );
    let run = p.check_json(&[]);
    let d = run.expect_one("KPI004", "kpis.toml", 7, Some("K-1"));
    assert_eq!(
        d["message"],
        "kpi `K-1`'s target was moved from 25 to 30 in an uncommitted change, after it was set"
    );
    assert!(
        d["related"].as_array().is_none_or(|r| r.is_empty()),
        "{d:#}"
    );
    // Without history it does not run.
    lint(&kpi("K-1", "baseline = 10\ntarget = 20\ncurrent = 12")).expect_none("KPI004");
}

#[test]
fn kpi004_in_a_shallow_clone_compares_only_commits_inside_it() {
    let p = dated_project();
    p.write("kpis.toml", &KPIS_AT.replace("target = 20", "target = 15"));
    p.commit_all("Lower the bar", "2026-09-01T12:00:00+0000");
    p.write("notes.toml", "");
    p.commit_all("Notes", "2026-10-01T12:00:00+0000");
    let check = |depth: &str| {
        let (_clone, dest) = p.shallow_clone(&["--depth", depth]);
        common::run_binary(
            &dest,
            &["check", "--format", "json", "--now", "2026-11-25"],
            &[],
        )
    };
    // The move is the clone's boundary (or beyond it): the KPI is only set there.
    check("1").expect_none("KPI004");
    check("2").expect_none("KPI004");
    // Its parent is inside the clone: the move is seen.
    check("3").expect_one("KPI004", "kpis.toml", 7, Some("K-1"));
}

#[test]
fn kpi004_a_version_that_does_not_parse_is_skipped() {
    let p = dated_project();
    // A syntax error in the file: its numbers are still read where they are plain.
    p.write(
        "kpis.toml",
        &KPIS_AT.replace("current = 12", "current = 12\nnote = = oops"),
    );
    p.commit_all("Broken", "2026-08-01T12:00:00+0000");
    p.write("kpis.toml", &KPIS_AT.replace("target = 20", "target = 15"));
    p.commit_all("Fix, and lower the bar", "2026-09-01T12:00:00+0000");
    let run = p.check_json(&[]);
    let d = run.expect_one("KPI004", "kpis.toml", 7, Some("K-1"));
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("from 20 to 15 on 2026-09-01"),
        "{d:#}"
    );
}

#[test]
fn kpi010_an_implausible_value_at_current() {
    // Dollars typed where thousands were meant.
    let run = lint(&kpi(
        "K-1",
        "baseline = 100\ntarget = 200\ncurrent = 186486370",
    ));
    let d = run.expect_one("KPI010", "kpis.toml", 8, Some("K-1"));
    assert_eq!(d["column"], 11);
    assert_eq!(d["severity"], "warning");
    assert_eq!(
        d["message"],
        "kpi `K-1` is at 186486370, 186486270% of the way from its baseline of 100 to its target of 200: an order of magnitude off"
    );
    // Far below, a tenth of the scale or less: a dropped digit (regressed too).
    let run = lint(&kpi("K-1", "baseline = 1000\ntarget = 1010\ncurrent = 9"));
    run.expect_one("KPI010", "kpis.toml", 8, Some("K-1"));
    run.expect_one("KPI006", "kpis.toml", 8, Some("K-1"));
}

#[test]
fn kpi010_quiet_for_a_real_outage_and_for_what_holds_its_target() {
    // 99.9 → 98.0 on a tight target: 3,800% below, but the same magnitude.
    let run = lint(&kpi(
        "K-1",
        "baseline = 99.9\ntarget = 99.95\ncurrent = 98.0",
    ));
    run.expect_none("KPI010");
    run.expect_one("KPI006", "kpis.toml", 8, Some("K-1"));
    // An order of magnitude, but exactly ten times the distance.
    lint(&kpi("K-1", "baseline = 0\ntarget = 100\ncurrent = 1000")).expect_clean();
    // maintain: progress is 0 or 1.
    lint(&kpi(
        "K-1",
        "baseline = 99\ntarget = 99.5\ncurrent = 9950\ndirection = \"maintain\"",
    ))
    .expect_none("KPI010");
    // No current value.
    lint(&kpi("K-1", "baseline = 100\ntarget = 200")).expect_clean();
}

#[test]
fn kpi005_and_kpi004_read_a_review_and_a_new_owner_as_before() {
    let p = dated_project();
    // A new owner is not a measurement, nor a moved goalpost.
    p.write(
        "kpis.toml",
        &KPIS_AT.replace("owner = \"alice\"", "owner = \"bob\""),
    );
    p.commit_all("Hand K-1 to Bob", "2026-10-01T12:00:00+0000");
    let run = p.check_json(&[]);
    run.expect_one("KPI005", "kpis.toml", 8, Some("K-1"));
    run.expect_none("KPI004");
    // `stratlint review K-1` sets `measured`, which counts through its value.
    let review = p.run(&["review", "K-1", "--date", "2026-10-15"]);
    assert_eq!(review.code, 0, "{}", review.stderr);
    p.commit_all("Measured K-1", "2026-10-15T12:00:00+0000");
    let run = p.check_json(&[]);
    run.expect_none("KPI005");
    run.expect_none("KPI004");
}
