//! `stratlint report` (SPEC §12) and snapshots of every view of fixtures/demo.

mod common;
use common::{OWNERS, Project, run_binary};

fn demo(args: &[&str]) -> String {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--now", "2026-11-25", "--no-history"]);
    let run = run_binary(&common::fixture("demo"), &all, &[]);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    run.stdout
}

fn snapshot(name: &str, text: &str) {
    insta::with_settings!({prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!(name, text);
    });
}

#[test]
fn the_six_views_of_the_demo() {
    snapshot("demo_map_mermaid", &demo(&["map"]));
    snapshot("demo_map_dot", &demo(&["map", "--format", "dot"]));
    snapshot("demo_map_json", &demo(&["map", "--format", "json"]));
    snapshot("demo_report_markdown", &demo(&["report"]));
    snapshot("demo_report_html", &demo(&["report", "--format", "html"]));
    snapshot("demo_report_json", &demo(&["report", "--format", "json"]));
}

#[test]
fn report_json_has_the_documented_shape() {
    let doc: serde_json::Value =
        serde_json::from_str(&demo(&["report", "--format", "json"])).unwrap();
    assert_eq!(doc["version"], 1);
    for key in [
        "summary",
        "objectives",
        "freshness",
        "tenets",
        "decisions",
        "diagnostics",
    ] {
        assert!(!doc[key].is_null(), "{key}");
    }
    let top = &doc["objectives"][0];
    for key in [
        "id", "title", "owner", "due", "progress", "kpis", "children",
    ] {
        assert!(top.get(key).is_some(), "objective {key}: {top}");
    }
    let kpi = &doc["objectives"][0]["kpis"][0];
    for key in [
        "id",
        "title",
        "owner",
        "baseline",
        "current",
        "target",
        "unit",
        "progress",
        "last_measured",
        "due",
        "health",
    ] {
        assert!(kpi.get(key).is_some(), "kpi {key}: {kpi}");
    }
    let f = &doc["freshness"][0];
    for key in [
        "id",
        "kind",
        "title",
        "freshness",
        "age_days",
        "half_life_days",
        "last_revalidated",
        "inflections_since",
        "served_changes_since",
    ] {
        assert!(f.get(key).is_some(), "freshness {key}: {f}");
    }
    // Stalest first.
    let fresh: Vec<f64> = doc["freshness"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["freshness"].as_f64())
        .collect();
    assert!(fresh.windows(2).all(|w| w[0] <= w[1]), "{fresh:?}");
    for key in ["id", "cited_by", "last_cited", "contradicts"] {
        assert!(doc["tenets"][0].get(key).is_some(), "tenet {key}");
    }
    for key in [
        "id",
        "title",
        "status",
        "date",
        "supersedes",
        "superseded_by",
    ] {
        assert!(doc["decisions"][0].get(key).is_some(), "decision {key}");
    }
    assert_eq!(doc["diagnostics"]["items"], serde_json::json!([]));
}

#[test]
fn html_is_one_self_contained_accessible_page() {
    let html = demo(&["report", "--format", "html"]);
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("<meta name=\"viewport\""));
    for forbidden in [
        "<script", " src=", "<link", "@import", "url(", "http://", "https://",
    ] {
        assert!(!html.contains(forbidden), "{forbidden}");
    }
    assert!(html.contains("<svg role=\"img\" aria-labelledby=\"tree-title tree-desc\""));
    assert!(html.contains("<th scope=\"col\">"));
    assert_eq!(html.matches("<h1>").count(), 1);
}

#[test]
fn untrusted_titles_are_escaped_in_every_format() {
    let p = Project::new();
    p.write("owners.toml", OWNERS);
    let evil = "<script>alert(1)</script>\\\"] --> X | y";
    p.write(
        "s.toml",
        &format!("[[objective]]\nid = \"CO-1\"\ntitle = \"{evil}\"\nlevel = \"company\"\nowner = \"alice\"\n\n[[kpi]]\nid = \"K-1\"\ntitle = \"k\"\nobjective = \"CO-1\"\nowner = \"alice\"\nbaseline = 0\ntarget = 1\n"),
    );
    for format in ["markdown", "html"] {
        let run = p.run(&["report", "--format", format, "--now", "2026-11-25"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(!run.stdout.contains("<script>"), "{format}");
        assert!(!run.stdout.contains("\"] --> X"), "{format}");
    }
    let md = p.run(&["report", "--now", "2026-11-25"]).stdout;
    assert!(
        md.contains("&lt;script&gt;alert(1)&lt;/script&gt;\"\\] --&gt; X \\| y"),
        "{md}"
    );
    let out = p.run(&[
        "report",
        "--format",
        "html",
        "--output",
        "r.html",
        "--now",
        "2026-11-25",
    ]);
    assert_eq!(out.code, 0);
    assert!(
        std::fs::read_to_string(p.path().join("r.html"))
            .unwrap()
            .contains("&lt;script&gt;")
    );
}

/// A KPI whose `current` a commit changed after its `measured` date, and
/// whose target moved later still.
fn measured_by_git() -> Project {
    let p = Project::new();
    p.write("owners.toml", OWNERS);
    let kpi = |current: &str, target: &str| {
        format!(
            "[[objective]]\nid = \"CO-1\"\ntitle = \"Grow\"\nlevel = \"company\"\nowner = \"alice\"\n\n[[kpi]]\nid = \"K-1\"\ntitle = \"ARR\"\nobjective = \"CO-1\"\nowner = \"alice\"\nbaseline = 1\ntarget = {target}\ncurrent = {current}\nmeasured = 2026-01-10\n"
        )
    };
    p.write("s.toml", &kpi("3", "10"));
    p.commit_all("KPI", "2026-01-10T12:00:00+0000");
    p.write("s.toml", &kpi("4", "10"));
    p.commit_all("Q1 numbers", "2026-05-01T12:00:00+0000");
    p.write("s.toml", &kpi("4", "8"));
    p.commit_all("Lower the target", "2026-06-01T12:00:00+0000");
    p
}

#[test]
fn last_measured_is_what_kpi005_reads_and_health_has_only_the_spec_s_values() {
    let p = measured_by_git();
    // SPEC §5b: the later of `measured` and the newest commit that changed
    // `current`; SPEC §12: KPI004 is no health of its own.
    let check = p.run(&["check", "--format", "json", "--now", "2026-07-01"]);
    check.expect_one("KPI004", "s.toml", 13, Some("K-1"));
    let run = p.run(&["report", "--format", "json", "--now", "2026-07-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = run.stdout.replace(' ', "");
    assert!(
        text.contains("\"last_measured\":\"2026-05-01\""),
        "{}",
        run.stdout
    );
    assert!(text.contains("\"health\":\"ontrack\""), "{}", run.stdout);
    assert!(!text.contains("\"moved\""), "{}", run.stdout);
    // Without history, `measured` alone.
    let run = p.run(&[
        "report",
        "--format",
        "json",
        "--now",
        "2026-07-01",
        "--no-history",
    ]);
    let text = run.stdout.replace(' ', "");
    assert!(
        text.contains("\"last_measured\":\"2026-01-10\""),
        "{}",
        run.stdout
    );
    // The headline's counts take English plurals.
    let md = p.run(&["report", "--now", "2026-07-01"]).stdout;
    assert!(md.contains("**0 errors, 1 warning.**"), "{md}");
}
