//! Guardrail KPIs (SPEC §15): a KPI with `min` and/or `max` is a range to
//! stay inside. KPI009 when `current` is outside it (a bound itself is
//! inside); no KPI001 for its missing baseline and target, none of the
//! rules of targets, no progress and no place in the roll-up; `min` above
//! `max` is SL006; the report's health is `breached`, `within` or `no value`;
//! a moved `min` or `max` is KPI004, as a moved baseline or target is.

mod common;
use common::{Project, lint_with_owners};

const TREE: &str = common::TWO_LEVELS;

/// A KPI `K-1` on DEP-1 with these lines (`current`, when given, first: line 6).
fn kpi(lines: &str) -> String {
    format!(
        "[[kpi]]\nid = \"K-1\"\ntitle = \"Checkout p95 latency\"\nobjective = \"DEP-1\"\nowner = \"alice\"\n{lines}\nunit = \"ms\"\n"
    )
}

fn run(kpis: &str) -> common::Run {
    lint_with_owners(&[("tree.toml", TREE), ("kpis.toml", kpis)])
}

#[test]
fn kpi009_above_max_or_below_min_at_current_with_the_upstream_impact() {
    let d = run(&kpi("current = 130\nmax = 100")).expect_one("KPI009", "kpis.toml", 6, Some("K-1"));
    assert_eq!(
        d["message"],
        "kpi `K-1` is at 130 ms, above its `max` of 100 ms, which puts objective `CO-1` at risk"
    );
    assert_eq!(d["severity"], "warning");
    let related = common::related(&d);
    assert_eq!(
        related,
        [
            "the bound it crossed",
            "measures `DEP-1`",
            "`CO-1` is above it"
        ]
    );
    assert_eq!(d["related"][0]["line"], 7);
    let d = run(&kpi("current = 0.95\nmin = 0.99\nmax = 1")).expect_one(
        "KPI009",
        "kpis.toml",
        6,
        Some("K-1"),
    );
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("is at 0.95 ms, below its `min` of 0.99 ms"),
        "{d:#}"
    );
}

#[test]
fn a_guardrail_within_its_range_or_on_a_bound_is_quiet_and_needs_no_target() {
    // On the bound is within; no KPI001 for the missing baseline and target.
    run(&kpi("current = 100\nmax = 100")).expect_clean();
    run(&kpi("current = 42\nmin = 40\nmax = 100")).expect_clean();
    run(&kpi("max = 100")).expect_clean();
    // A baseline and a target are ignored: no KPI002, KPI006, KPI007, KPI008, KPI010.
    let ignored = run(&kpi(
        "current = 90\nmax = 100\nbaseline = 5\ntarget = 5\ndue = 2026-01-31\nsince = 2025-01-01",
    ));
    ignored.expect_clean();
    // Without `min` or `max` the same KPI is judged against its target.
    let target = run(&kpi("current = 130\nbaseline = 180\ntarget = 100"));
    target.expect_none("KPI009");
    target.expect_none("KPI001");
}

#[test]
fn min_above_max_is_sl006_at_min() {
    let d = run(&kpi("current = 5\nmin = 10\nmax = 1")).expect_one(
        "SL006",
        "kpis.toml",
        7,
        Some("K-1"),
    );
    assert_eq!(
        d["message"],
        "`min` of kpi `K-1` (10) is above its `max` (1): no value is inside"
    );
}

#[test]
fn the_report_shows_a_guardrail_s_health_and_leaves_it_out_of_the_roll_up() {
    let p = Project::with_owners();
    p.write("tree.toml", TREE);
    p.write(
        "kpis.toml",
        &format!(
            "{}\n{}\n[[kpi]]\nid = \"K-3\"\ntitle = \"Revenue\"\nobjective = \"DEP-1\"\nowner = \"alice\"\nbaseline = 0\ntarget = 10\ncurrent = 5\n",
            kpi("current = 130\nmax = 100"),
            kpi("current = 90\nmax = 100").replace("K-1", "K-2")
        ),
    );
    let report = p.report("json");
    let json = report.json();
    let dep = &json["objectives"][0]["children"][0];
    let health: Vec<(&str, &str)> = dep["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| (k["id"].as_str().unwrap(), k["health"].as_str().unwrap()))
        .collect();
    assert_eq!(
        health,
        [("K-1", "breached"), ("K-2", "within"), ("K-3", "on track")],
        "{json:#}"
    );
    // Only K-3 counts: 50%.
    assert_eq!(dep["progress"], 0.5, "{json:#}");
    assert!(dep["kpis"][0]["progress"].is_null(), "{json:#}");
    // The range in place of baseline → target.
    assert_eq!(
        dep["kpis"][0]["range"],
        serde_json::json!({"min": null, "max": 100.0})
    );
    assert!(dep["kpis"][0]["baseline"].is_null() && dep["kpis"][2]["range"].is_null());
    let markdown = p.report("markdown");
    assert!(
        markdown.stdout.contains("| 130 ms (guardrail: ≤ 100 ms) |"),
        "{}",
        markdown.stdout
    );
    let map = p.run(&["map", "--now", "2026-11-25", "--no-history"]);
    assert!(
        map.stdout
            .contains("K-1: Checkout p95 latency · 130 ms, guardrail ≤ 100 ms"),
        "{}",
        map.stdout
    );
}

/// A git repository whose guardrail K-1 (with `current = 90` and `bounds`)
/// was set on 2026-01-12.
fn dated(bounds: &str) -> Project {
    let p = Project::with_owners();
    p.write("tree.toml", TREE);
    p.write("kpis.toml", &kpi(&format!("current = 90\n{bounds}")));
    p.commit_all("Set the guardrail", "2026-01-12T12:00:00+0000");
    p
}

#[test]
fn kpi004_a_moved_max_without_a_covering_revised() {
    let p = dated("max = 200");
    p.write("kpis.toml", &kpi("current = 90\nmax = 250"));
    p.commit_all("Loosen the latency budget", "2026-09-01T12:00:00+0000");
    let run = p.check_json(&[]);
    let d = run.expect_one("KPI004", "kpis.toml", 7, Some("K-1"));
    assert_eq!(
        d["message"],
        "kpi `K-1`'s max was moved from 200 to 250 on 2026-09-01, after it was set"
    );
    let related = common::related(&d);
    assert!(
        related[0].starts_with("`max` changed by commit ")
            && related[0].ends_with(" on 2026-09-01: Loosen the latency budget"),
        "{related:?}"
    );
    // The report shows the moved bound where KPI004 fires.
    let report = p.run(&["report", "--format", "json", "--now", "2026-11-25"]);
    let row = &report.json()["objectives"][0]["children"][0]["kpis"][0];
    assert_eq!(
        row["moved"],
        serde_json::json!({"field": "max", "from": 200.0, "to": 250.0, "date": "2026-09-01"}),
        "{row:#}"
    );
    // A `revised` on the change's day covers it; one before does not.
    let revised = |day: &str| kpi(&format!("current = 90\nmax = 250\nrevised = {day}"));
    p.write("kpis.toml", &revised("2026-09-01"));
    p.commit_all("Record the revision", "2026-09-02T12:00:00+0000");
    p.check_json(&[]).expect_none("KPI004");
    p.write("kpis.toml", &revised("2026-08-31"));
    p.commit_all("Wrong day", "2026-09-03T12:00:00+0000");
    p.check_json(&[])
        .expect_one("KPI004", "kpis.toml", 7, Some("K-1"));
}

#[test]
fn kpi004_a_moved_min_and_both_bounds_at_once() {
    let p = dated("min = 0.99\nmax = 1");
    p.write("kpis.toml", &kpi("current = 90\nmin = 0.95\nmax = 1"));
    p.commit_all("Accept less uptime", "2026-06-01T12:00:00+0000");
    let d = p
        .check_json(&[])
        .expect_one("KPI004", "kpis.toml", 7, Some("K-1"));
    assert_eq!(
        d["message"],
        "kpi `K-1`'s min was moved from 0.99 to 0.95 on 2026-06-01, after it was set"
    );
    // Both bounds in one commit: once, at `max` (line 8).
    p.write("kpis.toml", &kpi("current = 90\nmin = 0.9\nmax = 0.999"));
    p.commit_all("Both bounds", "2026-07-01T12:00:00+0000");
    let d = p
        .check_json(&[])
        .expect_one("KPI004", "kpis.toml", 8, Some("K-1"));
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("max was moved from 1 to 0.999 on 2026-07-01"),
        "{d:#}"
    );
    // Uncommitted: now, with no commit to name.
    p.write("kpis.toml", &kpi("current = 90\nmin = 0.9\nmax = 0.99"));
    let d = p
        .check_json(&[])
        .expect_one("KPI004", "kpis.toml", 8, Some("K-1"));
    assert_eq!(
        d["message"],
        "kpi `K-1`'s max was moved from 0.999 to 0.99 in an uncommitted change, after it was set"
    );
}

#[test]
fn kpi004_quiet_for_bounds_set_with_the_kpi_and_never_moved() {
    let p = dated("min = 10\nmax = 200");
    p.check_json(&[]).expect_none("KPI004");
    // New measurements, a new title, the same bounds written differently,
    // and the KPI moved to another file.
    p.write("kpis.toml", "");
    p.write(
        "moved.toml",
        &kpi("current = 120\nmin = 10.0 # floor\nmax = 2_00")
            .replace("Checkout p95 latency", "Checkout latency (p95)"),
    );
    p.commit_all("Measure and move", "2026-08-01T12:00:00+0000");
    p.check_json(&[]).expect_none("KPI004");
    // A bound added later, or one removed, moves no number.
    p.write("moved.toml", &kpi("current = 120\nmax = 200"));
    p.commit_all("Drop the floor", "2026-09-01T12:00:00+0000");
    p.write("moved.toml", &kpi("current = 120\nmin = 5\nmax = 200"));
    p.commit_all("A new floor", "2026-10-01T12:00:00+0000");
    p.check_json(&[]).expect_none("KPI004");
    // Without history KPI004 does not run.
    p.write("moved.toml", &kpi("current = 120\nmin = 5\nmax = 300"));
    p.check_json(&["--no-history"]).expect_none("KPI004");
    p.check_json(&[])
        .expect_one("KPI004", "moved.toml", 8, Some("K-1"));
}

#[test]
fn a_kpi_that_is_no_longer_a_guardrail_is_judged_by_its_baseline_and_target_alone() {
    // The max moved while K-1 was a guardrail; it is now a target KPI
    // whose baseline and target were set when it became one.
    let p = dated("max = 200");
    p.write("kpis.toml", &kpi("current = 90\nmax = 250"));
    p.commit_all("Loosen the latency budget", "2026-03-01T12:00:00+0000");
    p.write(
        "kpis.toml",
        &kpi("current = 90\nbaseline = 120\ntarget = 80"),
    );
    p.commit_all("A target instead of a budget", "2026-04-01T12:00:00+0000");
    p.check_json(&[]).expect_none("KPI004");
}
