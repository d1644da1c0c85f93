//! The report's KPI history (SPEC §12): each KPI's `current` at the end of
//! the three quarters before now's, read from git, and now.

mod common;
use common::{OWNERS, Project};
use serde_json::{Value, json};

const TREE: &str =
    "[[objective]]\nid = \"CO-1\"\ntitle = \"Grow\"\nlevel = \"company\"\nowner = \"alice\"\n";

fn kpi(id: &str, current: Option<&str>) -> String {
    let current = current.map_or(String::new(), |c| format!("current = {c}\n"));
    format!(
        "[[kpi]]\nid = \"{id}\"\ntitle = \"Kpi {id}\"\nobjective = \"CO-1\"\nowner = \"alice\"\nbaseline = 0\ntarget = 10\nunit = \"%\"\n{current}"
    )
}

/// The report's JSON, with history, now 2026-11-25 (2026-Q4).
fn report(p: &Project, extra: &[&str]) -> Value {
    let mut args = vec!["report", "--format", "json", "--now", "2026-11-25"];
    args.extend_from_slice(extra);
    let run = p.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

fn history(doc: &Value, id: &str) -> Value {
    let kpis = doc["objectives"][0]["kpis"].as_array().unwrap();
    let k = kpis.iter().find(|k| k["id"] == id).expect(id);
    k["history"].clone()
}

/// K-1 measured once a quarter (and again, uncommitted, now); K-2 added in
/// the third quarter; K-3 given a value only now.
fn measured_each_quarter() -> Project {
    let p = Project::new();
    p.write("owners.toml", OWNERS);
    p.write("tree.toml", TREE);
    p.write("kpis.toml", &kpi("K-1", Some("1")));
    p.write("more.toml", &kpi("K-3", None));
    p.commit_all("first measurement", "2026-02-10T12:00:00+00:00");
    p.write("kpis.toml", &kpi("K-1", Some("2")));
    p.commit_all("second", "2026-05-05T12:00:00+00:00");
    // Measured on the last day of the quarter, late: still that quarter's.
    p.write("kpis.toml", &kpi("K-1", Some("3")));
    p.commit_all("third", "2026-06-30T23:30:00+00:00");
    p.write(
        "kpis.toml",
        &format!("{}{}", kpi("K-1", Some("4")), kpi("K-2", Some("7"))),
    );
    p.commit_all("fourth, and K-2", "2026-07-01T00:30:00+00:00");
    p.write(
        "kpis.toml",
        &format!("{}{}", kpi("K-1", Some("5")), kpi("K-2", Some("8"))),
    );
    p.write("more.toml", &kpi("K-3", Some("2")));
    p
}

#[test]
fn each_kpi_shows_its_value_at_the_end_of_the_last_three_quarters_and_now() {
    let p = measured_each_quarter();
    let doc = report(&p, &[]);
    assert_eq!(
        history(&doc, "K-1"),
        json!([
            {"quarter": "2026-Q1", "current": 1.0},
            {"quarter": "2026-Q2", "current": 3.0},
            {"quarter": "2026-Q3", "current": 4.0},
            {"quarter": "2026-Q4", "current": 5.0},
        ])
    );
    // Not there yet at the end of the first two quarters.
    assert_eq!(
        history(&doc, "K-2"),
        json!([
            {"quarter": "2026-Q1", "current": null},
            {"quarter": "2026-Q2", "current": null},
            {"quarter": "2026-Q3", "current": 7.0},
            {"quarter": "2026-Q4", "current": 8.0},
        ])
    );
    // There, with no value, until now.
    assert_eq!(
        history(&doc, "K-3"),
        json!([
            {"quarter": "2026-Q1", "current": null},
            {"quarter": "2026-Q2", "current": null},
            {"quarter": "2026-Q3", "current": null},
            {"quarter": "2026-Q4", "current": 2.0},
        ])
    );
}

#[test]
fn markdown_and_html_show_the_quarters_in_the_kpi_table() {
    let p = measured_each_quarter();
    let md = p.run(&["report", "--now", "2026-11-25"]);
    assert_eq!(md.code, 0, "{}", md.stderr);
    assert!(
        md.stdout
            .contains("2026-Q1 1 % · 2026-Q2 3 % · 2026-Q3 4 % · 2026-Q4 5 %"),
        "{}",
        md.stdout
    );
    let html = p.run(&["report", "--format", "html", "--now", "2026-11-25"]);
    assert!(
        html.stdout
            .contains("2026-Q1 — · 2026-Q2 — · 2026-Q3 7 % · 2026-Q4 8 %"),
        "{}",
        html.stdout
    );
}

#[test]
fn without_history_only_now_is_known_and_a_fiscal_year_moves_the_quarters() {
    let p = measured_each_quarter();
    let doc = report(&p, &["--no-history"]);
    assert_eq!(
        history(&doc, "K-1"),
        json!([
            {"quarter": "2026-Q1", "current": null},
            {"quarter": "2026-Q2", "current": null},
            {"quarter": "2026-Q3", "current": null},
            {"quarter": "2026-Q4", "current": 5.0},
        ])
    );
    // A fiscal year from April: now (November) is in 2026-Q3.
    p.write("stratlint.toml", "[quarters]\nstart_month = 4\n");
    let doc = report(&p, &[]);
    assert_eq!(
        history(&doc, "K-1"),
        json!([
            {"quarter": "2025-Q4", "current": 1.0},
            {"quarter": "2026-Q1", "current": 3.0},
            {"quarter": "2026-Q2", "current": 4.0},
            {"quarter": "2026-Q3", "current": 5.0},
        ])
    );
}
