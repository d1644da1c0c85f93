//! KPI008 (SPEC §15): a KPI behind pace, judged at its last measurement
//! against the share of its period that had passed. In process (no
//! history: the period starts at `since` or `revised`, the last
//! measurement is `measured`), and on real dated repositories, where git
//! dates the day the goalposts were set and the last change of `current`.

mod common;
use common::{OWNERS, Project, lint, lint_with_owners};

const TREE: &str = common::TWO_LEVELS;

/// A KPI on DEP-1 from 100 to 120, `current` on line 8, with these extra lines.
fn kpi(current: &str, extra: &str) -> String {
    format!(
        "[[kpi]]\nid = \"K-1\"\ntitle = \"Retention\"\nobjective = \"DEP-1\"\nowner = \"alice\"\nbaseline = 100\ntarget = 120\ncurrent = {current}\n{extra}\n"
    )
}

/// The period of the SPEC's example: from 2026-01-05 to 2026-12-31,
/// measured on 2026-10-15 (79% of it gone).
const PERIOD: &str = "since = 2026-01-05\ndue = 2026-12-31\nmeasured = 2026-10-15";

fn run(kpis: &str) -> common::Run {
    lint_with_owners(&[("tree.toml", TREE), ("kpis.toml", kpis)])
}

#[test]
fn fires_at_current_when_progress_lags_half_the_time_passed() {
    let d = run(&kpi("106", PERIOD)).expect_one("KPI008", "kpis.toml", 8, Some("K-1"));
    assert_eq!(
        d["message"],
        "kpi `K-1` is behind pace: when last measured on 2026-10-15, 79% of the time from \
         2026-01-05 to 2026-12-31 had passed; progress was 30%, which puts objective `CO-1` at risk"
    );
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["column"], 11);
    let related = common::related(&d);
    assert_eq!(related, ["measures `DEP-1`", "`CO-1` is above it"]);
}

#[test]
fn quiet_on_pace_early_in_the_period_and_for_what_it_does_not_judge() {
    // 80% of the way with 79% of the time gone; 39% is the threshold.
    run(&kpi("116", PERIOD)).expect_none("KPI008");
    run(&kpi("108", PERIOD)).expect_none("KPI008");
    run(&kpi("107", PERIOD)).expect_one("KPI008", "kpis.toml", 8, Some("K-1"));
    // Less than a quarter of the period gone when measured.
    run(&kpi(
        "100",
        "since = 2026-01-05\ndue = 2026-12-31\nmeasured = 2026-03-01",
    ))
    .expect_none("KPI008");
    // Opted out, held (maintain), and a milestone (0 → 1 in one step).
    run(&kpi("100", &format!("{PERIOD}\npace = \"none\""))).expect_none("KPI008");
    run(&kpi("100", &format!("{PERIOD}\ndirection = \"maintain\""))).expect_none("KPI008");
    let milestone = "[[kpi]]\nid = \"K-1\"\ntitle = \"Certified\"\nobjective = \"DEP-1\"\nowner = \"alice\"\nbaseline = 0\ntarget = 1\ncurrent = 0\nsince = 2026-01-05\ndue = 2026-12-31\nmeasured = 2026-10-15\n";
    run(milestone).expect_none("KPI008");
    // Regressed: KPI006 instead. Past due: KPI007 instead.
    let regressed = run(&kpi("95", PERIOD));
    regressed.expect_none("KPI008");
    regressed.expect_one("KPI006", "kpis.toml", 8, Some("K-1"));
    let past = run(&kpi(
        "101",
        "since = 2026-01-05\ndue = 2026-10-31\nmeasured = 2026-10-15",
    ));
    past.expect_none("KPI008");
    past.expect_one("KPI007", "kpis.toml", 10, Some("K-1"));
    // No known start (no `since`, no `revised`, no history), or no `current`.
    run(&kpi("100", "due = 2026-12-31\nmeasured = 2026-10-15")).expect_none("KPI008");
    let no_current = "[[kpi]]\nid = \"K-1\"\ntitle = \"Retention\"\nobjective = \"DEP-1\"\nowner = \"alice\"\nbaseline = 100\ntarget = 120\nsince = 2026-01-05\ndue = 2026-12-31\n";
    run(no_current).expect_none("KPI008");
}

#[test]
fn the_period_starts_at_the_latest_of_since_and_revised_and_ends_at_the_objective_s_due() {
    // `revised` on 2026-10-01 restarts the period: 15% of it gone by 2026-10-15.
    run(&kpi("101", &format!("{PERIOD}\nrevised = 2026-10-01"))).expect_none("KPI008");
    run(&kpi("101", &format!("{PERIOD}\nrevised = 2026-08-01"))).expect_one(
        "KPI008",
        "kpis.toml",
        8,
        Some("K-1"),
    );
    // The objective's due date when the KPI has none.
    let tree = TREE.replace("parent = \"CO-1\"", "parent = \"CO-1\"\ndue = 2026-12-31");
    let kpis = kpi("101", "since = 2026-01-05\nmeasured = 2026-10-15");
    let d = lint_with_owners(&[("tree.toml", &tree), ("kpis.toml", &kpis)]).expect_one(
        "KPI008",
        "kpis.toml",
        8,
        Some("K-1"),
    );
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("from 2026-01-05 to 2026-12-31"),
        "{d:#}"
    );
    // Without a measured date or history, judged as of now (2026-11-25).
    let d = run(&kpi("101", "since = 2026-01-05\ndue = 2026-12-31")).expect_one(
        "KPI008",
        "kpis.toml",
        8,
        Some("K-1"),
    );
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("when last measured on 2026-11-25, 90%"),
        "{d:#}"
    );
}

#[test]
fn the_shares_come_from_config() {
    let kpis = kpi("106", PERIOD);
    let files = [
        ("owners.toml", OWNERS),
        ("tree.toml", TREE),
        ("kpis.toml", kpis.as_str()),
    ];
    // Behind when progress < 79% × 0.3 = 24%: 30% is not.
    lint("[kpis]\npace_ratio = 0.3\n", &files).expect_none("KPI008");
    // Judged only once 80% of the period has passed.
    lint("[kpis]\npace_after = 0.8\n", &files).expect_none("KPI008");
    lint("[kpis]\npace_after = 0.7\n", &files).expect_one("KPI008", "kpis.toml", 8, Some("K-1"));
    let bad = lint("[kpis]\npace_ratio = 2\n", &files);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(
        bad.stderr
            .contains("`kpis.pace_ratio` must be a number from 0 to 1"),
        "{}",
        bad.stderr
    );
}

/// A project with the tree and a KPI (from `baseline` to 120, `current`),
/// due at the end of 2026, committed on `date`.
fn commit_kpi(p: &Project, baseline: u32, current: u32, extra: &str, date: &str) {
    p.write(
        "kpis.toml",
        &format!(
            "[[kpi]]\nid = \"K-1\"\ntitle = \"Retention\"\nobjective = \"DEP-1\"\nowner = \"alice\"\nbaseline = {baseline}\ntarget = 120\ncurrent = {current}\ndue = 2026-12-31\n{extra}"
        ),
    );
    p.commit_all(&format!("K-1 at {current}"), date);
}

#[test]
fn git_dates_the_start_and_the_last_measurement() {
    let p = Project::with_owners();
    p.write("tree.toml", TREE);
    // Set on 2026-03-01; measured by commits until 2026-10-01: 70% of the
    // period from 2026-03-01 to 2026-12-31 gone, progress 10%.
    commit_kpi(&p, 100, 100, "", "2026-03-01T10:00:00+00:00");
    commit_kpi(&p, 100, 101, "", "2026-06-01T10:00:00+00:00");
    commit_kpi(&p, 100, 102, "", "2026-10-01T10:00:00+00:00");
    let run = p.check_json(&[]);
    let d = run.expect_one("KPI008", "kpis.toml", 8, Some("K-1"));
    assert_eq!(
        d["message"],
        "kpi `K-1` is behind pace: when last measured on 2026-10-01, 70% of the time from \
         2026-03-01 to 2026-12-31 had passed; progress was 10%, which puts objective `CO-1` at risk"
    );
    // The report's health says it.
    let report = p.run(&["report", "--format", "json", "--now", "2026-11-25"]);
    let json = report.json();
    let health = json.pointer("/objectives/0/children/0/kpis/0/health");
    assert_eq!(
        health.and_then(|h| h.as_str()),
        Some("behind pace"),
        "{json:#}"
    );
    // The baseline set again on 2026-11-01 (on purpose, with `revised`):
    // the period starts there, and the last measurement (2026-11-01, the
    // same commit) is at its start.
    commit_kpi(
        &p,
        102,
        102,
        "revised = 2026-11-01\n",
        "2026-11-01T10:00:00+00:00",
    );
    p.check_json(&[]).expect_none("KPI008");
}
