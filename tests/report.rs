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
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        doc["objectives"][0]["kpis"][0]["moved"],
        serde_json::json!({"field": "target", "from": 10.0, "to": 8.0, "date": "2026-06-01"})
    );
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

fn report_json(p: &Project, now: &str) -> serde_json::Value {
    let run = p.run(&["report", "--format", "json", "--now", now]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

fn report_md(p: &Project, now: &str) -> String {
    let run = p.run(&["report", "--now", now]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

#[test]
fn item_0_says_what_it_judges_head_its_date_and_uncommitted_changes() {
    let p = measured_by_git();
    let head = p.git(&["rev-parse", "HEAD"], "2026-06-01T12:00:00+0000");
    let head = head.trim();
    let doc = report_json(&p, "2026-07-01");
    assert_eq!(
        doc["as_of"],
        serde_json::json!({"now": "2026-07-01", "commit": head, "date": "2026-06-01", "uncommitted": false})
    );
    let md = report_md(&p, "2026-07-01");
    let line = format!(
        "_Judged on 2026-07-01, at commit {} of 2026-06-01._\n",
        &head[..7]
    );
    assert!(md.contains(&line), "{md}");
    let html = p
        .run(&["report", "--format", "html", "--now", "2026-07-01"])
        .stdout;
    assert!(
        html.contains(&format!(
            "<p class=\"lead\">Judged on 2026-07-01, at commit {} of 2026-06-01.</p>",
            &head[..7]
        )),
        "{html}"
    );
    // An edit not yet committed, then a new file: both are uncommitted changes.
    let text = std::fs::read_to_string(p.path().join("s.toml")).unwrap();
    p.write("s.toml", &text.replace("current = 4", "current = 5"));
    let doc = report_json(&p, "2026-07-01");
    assert_eq!(doc["as_of"]["uncommitted"], true);
    assert_eq!(doc["as_of"]["commit"], head);
    assert!(report_md(&p, "2026-07-01").contains(&format!(
        "_Judged on 2026-07-01, at commit {} of 2026-06-01 and uncommitted changes._",
        &head[..7]
    )));
    p.git(&["checkout", "--", "s.toml"], "2026-06-01T12:00:00+0000");
    p.write("notes.md", "# Notes\n");
    assert_eq!(report_json(&p, "2026-07-01")["as_of"]["uncommitted"], true);
    // With --no-history git is not read: the files alone.
    let run = p.run(&[
        "report",
        "--format",
        "json",
        "--now",
        "2026-07-01",
        "--no-history",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        doc["as_of"],
        serde_json::json!({"now": "2026-07-01", "commit": null, "date": null, "uncommitted": false})
    );
}

#[test]
fn item_0_outside_git_and_before_the_first_commit() {
    let p = Project::new();
    p.write("owners.toml", OWNERS);
    let doc = report_json(&p, "2026-07-01");
    assert_eq!(
        doc["as_of"],
        serde_json::json!({"now": "2026-07-01", "commit": null, "date": null, "uncommitted": false})
    );
    assert!(report_md(&p, "2026-07-01").contains("_Judged on 2026-07-01, at files outside git._"),);
    p.git(&["init", "-q", "-b", "main"], "2026-06-01T12:00:00+0000");
    let doc = report_json(&p, "2026-07-01");
    assert_eq!(
        doc["as_of"],
        serde_json::json!({"now": "2026-07-01", "commit": null, "date": null, "uncommitted": true})
    );
    assert!(
        report_md(&p, "2026-07-01")
            .contains("_Judged on 2026-07-01, at uncommitted files (no commit yet)._")
    );
}

#[test]
fn each_kpi_shows_owner_due_and_the_moved_goalpost_where_kpi004_fires() {
    let p = measured_by_git();
    let md = report_md(&p, "2026-07-01");
    assert!(
        md.contains("| KPI | Objective | Owner | Baseline → current → target | Progress | Due | Last measured | By quarter | Status |\n"),
        "{md}"
    );
    assert!(
        md.contains("| **K-1** ARR | CO-1 | alice | 1 → 4 → 8  | 43% | — | 2026-05-01 | 2025-Q4 — · 2026-Q1 3 · 2026-Q2 4 · 2026-Q3 4 | on track; target moved 10 → 8 on 2026-06-01 |\n"),
        "{md}"
    );
    let html = p
        .run(&["report", "--format", "html", "--now", "2026-07-01"])
        .stdout;
    assert!(html.contains("<td>alice</td>"), "{html}");
    assert!(
        html.contains("<br><span class=\"warn\">target moved 10 → 8 on 2026-06-01</span>"),
        "{html}"
    );
    // `revised` on the day of the change: KPI004 is quiet, nothing moved.
    let text = std::fs::read_to_string(p.path().join("s.toml")).unwrap();
    p.write(
        "s.toml",
        &text.replace(
            "measured = 2026-01-10\n",
            "measured = 2026-01-10\nrevised = 2026-06-01\ndue = 2026-12-31\n",
        ),
    );
    p.commit_all("Revised", "2026-06-02T12:00:00+0000");
    let doc = report_json(&p, "2026-07-01");
    let kpi = &doc["objectives"][0]["kpis"][0];
    assert_eq!(kpi["moved"], serde_json::Value::Null, "{kpi}");
    assert_eq!(kpi["due"], "2026-12-31");
    assert_eq!(kpi["owner"], "alice");
    assert!(report_md(&p, "2026-07-01").contains(
        "| **K-1** ARR | CO-1 | alice | 1 → 4 → 8  | 43% | 2026-12-31 | 2026-05-01 | 2025-Q4 — · 2026-Q1 3 · 2026-Q2 4 · 2026-Q3 4 | on track |\n"
    ));
}

/// A project of one objective and these KPI tables (each on CO-1).
fn with_kpis(kpis: &[&str]) -> Project {
    let p = Project::new();
    p.write("owners.toml", OWNERS);
    let mut text =
        "[[objective]]\nid = \"CO-1\"\ntitle = \"Grow\"\nlevel = \"company\"\nowner = \"alice\"\n"
            .to_owned();
    for k in kpis {
        text.push_str(&format!(
            "\n[[kpi]]\nobjective = \"CO-1\"\nowner = \"alice\"\n{k}\n"
        ));
    }
    p.write("s.toml", &text);
    p.commit_all("Strategy", "2026-06-01T12:00:00+0000");
    p
}

fn health_of(doc: &serde_json::Value) -> Vec<(String, String)> {
    doc["objectives"][0]["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["id"].as_str().unwrap().to_owned(),
                k["health"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn health_is_invalid_where_the_numbers_cannot_be_judged_then_the_spec_s_order() {
    let p = with_kpis(&[
        // KPI003: increase from 10 to 5 (also below its baseline and past due).
        "id = \"K-A\"\ntitle = \"a\"\nbaseline = 10\ntarget = 5\ncurrent = 12\ndirection = \"increase\"\ndue = 2026-01-01",
        // KPI001: a target that is not a number.
        "id = \"K-B\"\ntitle = \"b\"\nbaseline = 10\ntarget = \"lots\"\ncurrent = 12",
        // KPI007 and KPI006 at once: missed first.
        "id = \"K-C\"\ntitle = \"c\"\nbaseline = 10\ntarget = 20\ncurrent = 8\ndue = 2026-01-01",
        // KPI006 alone.
        "id = \"K-D\"\ntitle = \"d\"\nbaseline = 10\ntarget = 20\ncurrent = 8",
        // KPI005: measured long ago (and by its commit).
        "id = \"K-E\"\ntitle = \"e\"\nbaseline = 10\ntarget = 20\ncurrent = 12\nmeasured = 2025-01-01",
        "id = \"K-F\"\ntitle = \"f\"\nbaseline = 10\ntarget = 20",
        "id = \"K-G\"\ntitle = \"g\"\nbaseline = 10\ntarget = 20\ncurrent = 25",
    ]);
    let doc = report_json(&p, "2026-07-01");
    let got = health_of(&doc);
    let want: Vec<(String, String)> = [
        ("K-A", "invalid"),
        ("K-B", "invalid"),
        ("K-C", "missed"),
        ("K-D", "regressed"),
        ("K-E", "on track"),
        ("K-F", "no value"),
        ("K-G", "on track"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(got, want);
    // A hundred and one days after the last commit, what was measured is stale.
    let doc = report_json(&p, "2026-09-10");
    let got = health_of(&doc);
    assert_eq!(got[4], ("K-E".to_owned(), "stale".to_owned()));
    assert_eq!(got[6], ("K-G".to_owned(), "stale".to_owned()));
}

#[test]
fn progress_reads_the_same_in_every_format() {
    // -2/3 and -0.004: -67% and 0% (never -0%) wherever progress is shown.
    let p = with_kpis(&[
        "id = \"K-NEG\"\ntitle = \"neg\"\nbaseline = 30\ntarget = 60\ncurrent = 10",
        "id = \"K-ZERO\"\ntitle = \"zero\"\nbaseline = 1000\ntarget = 2000\ncurrent = 996",
    ]);
    let now = "2026-07-01";
    let md = report_md(&p, now);
    assert!(md.contains("| 30 → 10 → 60  | -67% |"), "{md}");
    assert!(md.contains("| 1000 → 996 → 2000  | 0% |"), "{md}");
    let html = p.run(&["report", "--format", "html", "--now", now]).stdout;
    assert!(
        html.contains("<i style=\"width:0%\"></i></span>-67%</td>"),
        "{html}"
    );
    assert!(
        html.contains("<i style=\"width:0%\"></i></span>0%</td>"),
        "{html}"
    );
    let mermaid = p.run(&["map", "--now", now]).stdout;
    assert!(mermaid.contains("[\"K-NEG: neg · -67%\"]"), "{mermaid}");
    assert!(mermaid.contains("[\"K-ZERO: zero · 0%\"]"), "{mermaid}");
    let dot = p.run(&["map", "--format", "dot", "--now", now]).stdout;
    assert!(dot.contains("label=\"K-NEG\\nneg\\n-67%\""), "{dot}");
    assert!(dot.contains("label=\"K-ZERO\\nzero\\n0%\""), "{dot}");
    for text in [&md, &html, &mermaid, &dot] {
        assert!(!text.contains("-0%"), "{text}");
    }
    // JSON keeps the raw value.
    let doc = report_json(&p, now);
    let neg = doc["objectives"][0]["kpis"][0]["progress"]
        .as_f64()
        .unwrap();
    assert!((neg + 2.0 / 3.0).abs() < 1e-12, "{neg}");
}

#[test]
fn an_implausible_progress_is_clamped_and_marked_and_json_keeps_it_raw() {
    let p = with_kpis(&[
        // Dollars typed where thousands were meant: 1,864,862.7 (186,486,270%).
        "id = \"K-ARR\"\ntitle = \"ARR\"\nbaseline = 100\ntarget = 200\ncurrent = 186486370",
        // A dropped digit far below: clamped at -100%.
        "id = \"K-LOW\"\ntitle = \"low\"\nbaseline = 1000\ntarget = 1010\ncurrent = 9",
        // A real outage on a tight target: shown as it is.
        "id = \"K-UP\"\ntitle = \"uptime\"\nbaseline = 99.9\ntarget = 99.95\ncurrent = 98.0",
    ]);
    let now = "2026-07-01";
    let check = p.run(&["check", "--format", "json", "--now", now]);
    let found: Vec<(String, u64, String)> = check
        .with_code("KPI010")
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["object"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("s.toml".to_owned(), 14, "K-ARR".to_owned()),
            ("s.toml".to_owned(), 23, "K-LOW".to_owned())
        ]
    );
    let md = report_md(&p, now);
    assert!(
        md.contains("| 100 → 186486370 → 200  | 1000% (implausible) |"),
        "{md}"
    );
    assert!(
        md.contains("| 1000 → 9 → 1010  | -100% (implausible) |"),
        "{md}"
    );
    assert!(md.contains("| 99.9 → 98 → 99.95  | -3800% |"), "{md}");
    let html = p.run(&["report", "--format", "html", "--now", now]).stdout;
    assert!(html.contains("</span>1000% (implausible)</td>"), "{html}");
    let mermaid = p.run(&["map", "--now", now]).stdout;
    assert!(
        mermaid.contains("[\"K-ARR: ARR · 1000% (implausible)\"]"),
        "{mermaid}"
    );
    let dot = p.run(&["map", "--format", "dot", "--now", now]).stdout;
    assert!(
        dot.contains("label=\"K-LOW\\nlow\\n-100% (implausible)\""),
        "{dot}"
    );
    let doc = report_json(&p, now);
    let kpis = &doc["objectives"][0]["kpis"];
    assert_eq!(kpis[0]["id"], "K-ARR");
    assert_eq!(kpis[0]["implausible"], true);
    assert!((kpis[0]["progress"].as_f64().unwrap() - 1_864_862.7).abs() < 1e-6);
    assert_eq!(kpis[1]["implausible"], true);
    assert_eq!(kpis[2]["implausible"], false);
    let map: serde_json::Value =
        serde_json::from_str(&p.run(&["map", "--format", "json", "--now", now]).stdout).unwrap();
    let node = |id: &str| {
        map["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(node("K-ARR")["implausible"], true);
    assert_eq!(node("K-UP")["implausible"], false);
    assert!(node("CO-1").get("implausible").is_none());
}

#[test]
fn a_repository_of_adopted_adrs_alone_gets_a_report_about_its_decisions() {
    let p = Project::bare();
    p.write("stratlint.toml", "[decisions]\nadr = [\"docs/adr\"]\n");
    p.write(
        "docs/adr/0001-record-architecture-decisions.md",
        "# 1. Record architecture decisions\n\nDate: 2026-02-01\n\n## Status\n\nAccepted\n\n## Context\n\nWe need to record decisions.\n",
    );
    p.write(
        "docs/adr/0002-use-postgres.md",
        "# 2. Use Postgres\n\nDate: 2026-03-01\n\n## Status\n\nAccepted\n\n## Context\n\nWe need a database.\n",
    );
    p.commit_all("ADRs", "2026-03-01T12:00:00+0000");
    let now = "2026-07-01";
    let md = report_md(&p, now);
    assert!(md.contains("## Decisions\n"), "{md}");
    assert!(
        md.contains("| **ADR-0002** Use Postgres | accepted | 2026-03-01 |"),
        "{md}"
    );
    for absent in [
        "## Objectives",
        "### KPIs",
        "## Principles",
        "## Tenets",
        "## Diagnostics",
        "Progress of the top objectives",
    ] {
        assert!(!md.contains(absent), "{absent}: {md}");
    }
    let html = p.run(&["report", "--format", "html", "--now", now]).stdout;
    assert!(html.contains("<h2>Decisions</h2>"), "{html}");
    for absent in [
        "<h2>Objectives</h2>",
        "<h2>KPIs</h2>",
        "<h2>Principles",
        "<h2>Tenets</h2>",
        "<h2>Diagnostics</h2>",
        "progress of the top objectives",
    ] {
        assert!(!html.contains(absent), "{absent}");
    }
    // JSON keeps every key, with empty lists.
    let doc = report_json(&p, now);
    for key in ["objectives", "freshness", "tenets"] {
        assert_eq!(doc[key], serde_json::json!([]), "{key}");
    }
    assert_eq!(doc["decisions"].as_array().unwrap().len(), 2);
    assert_eq!(doc["diagnostics"]["items"], serde_json::json!([]));
}
