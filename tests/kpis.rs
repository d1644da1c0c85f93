//! KPI001 and KPI002, end to end.

mod common;
use common::Project;

const OBJECTIVE: &str = r#"
[[objective]]
id = "CO-1"
title = "Grow"
level = "company"
owner = "alice"
"#;

#[test]
fn kpi001_fires_for_a_missing_baseline_and_a_non_numeric_target() {
    let p = Project::with_owners();
    p.write("objectives.toml", OBJECTIVE);
    p.write(
        "kpis.toml",
        "[[kpi]]\nid = \"K-1\"\ntitle = \"Revenue\"\nobjective = \"CO-1\"\nowner = \"alice\"\ntarget = \"lots\"\n",
    );
    let run = p.check_json(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let found = run.with_code("KPI001");
    assert_eq!(found.len(), 2, "{found:#?}");
    // Missing baseline: points at the KPI's id.
    assert_eq!(
        (
            found[0]["file"].as_str(),
            found[0]["line"].as_u64(),
            found[0]["object"].as_str()
        ),
        (Some("kpis.toml"), Some(2), Some("K-1"))
    );
    assert!(found[0]["message"].as_str().unwrap().contains("baseline"));
    // Non-numeric target: points at the value, and no SL006 on top.
    assert_eq!(
        (found[1]["line"].as_u64(), found[1]["column"].as_u64()),
        (Some(6), Some(10))
    );
    run.expect_none("SL006");
    run.expect_none("SL003");
}

#[test]
fn kpi001_treats_nan_and_inf_as_not_numbers() {
    let p = Project::with_owners();
    p.write("objectives.toml", OBJECTIVE);
    p.write("kpis.toml", "[[kpi]]\nid = \"K-1\"\ntitle = \"R\"\nobjective = \"CO-1\"\nowner = \"alice\"\nbaseline = nan\ntarget = inf\n");
    let run = p.check_json(&[]);
    let lines: Vec<u64> = run
        .with_code("KPI001")
        .iter()
        .map(|d| d["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, vec![6, 7]);
}

#[test]
fn kpi002_fires_when_baseline_equals_target() {
    let p = Project::with_owners();
    p.write("objectives.toml", OBJECTIVE);
    p.write("kpis.toml", "[[kpi]]\nid = \"K-1\"\ntitle = \"R\"\nobjective = \"CO-1\"\nowner = \"alice\"\nbaseline = 4\ntarget = 4.0\n");
    let run = p.check_json(&[]);
    let d = run.expect_one("KPI002", "kpis.toml", 7, Some("K-1"));
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["related"][0]["line"], 6);
    assert_eq!(run.code, 0, "a warning alone does not fail the run");
}

#[test]
fn valid_kpis_are_quiet() {
    let p = Project::with_owners();
    p.write("objectives.toml", OBJECTIVE);
    p.write("kpis.toml", "[[kpi]]\nid = \"K-1\"\ntitle = \"R\"\nobjective = \"CO-1\"\nowner = \"alice\"\nbaseline = 1_000\ntarget = 2.5e3\nunit = \"EUR\"\ndirection = \"increase\"\ndue = 2027-01-01\ncurrent = 1200\n");
    let run = p.check_json(&[]);
    run.expect_clean();
    assert_eq!(run.code, 0);
}
