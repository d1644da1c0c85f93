//! Guardrail KPIs (SPEC §15): a KPI with `min` and/or `max` is a range to
//! stay inside. KPI009 when `current` is outside it (a bound itself is
//! inside); no KPI001 for its missing baseline and target, none of the
//! rules of targets, no progress and no place in the roll-up; `min` above
//! `max` is SL006; the report's health is `breached`, `within` or `no value`.

mod common;
use common::{Project, lint_with_owners};

const TREE: &str = "[[objective]]\nid = \"CO-1\"\ntitle = \"Grow\"\nlevel = \"company\"\nowner = \"alice\"\n\n\
[[objective]]\nid = \"DEP-1\"\ntitle = \"Sell\"\nlevel = \"department\"\nparent = \"CO-1\"\nowner = \"alice\"\n";

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
    let report = p.run(&[
        "report",
        "--format",
        "json",
        "--now",
        "2026-11-25",
        "--no-history",
    ]);
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
    let markdown = p.run(&[
        "report",
        "--format",
        "markdown",
        "--now",
        "2026-11-25",
        "--no-history",
    ]);
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
