//! SL001–SL006, end to end: which files are strategy files, and the
//! structural checks on the objects they hold.

mod common;
use common::Project;

const COMPANY: &str = r#"[[objective]]
id = "CO-1"
title = "Grow revenue"
level = "company"
owner = "alice"
"#;

const KPI: &str = r#"[[kpi]]
id = "K-1"
title = "ARR"
objective = "CO-1"
owner = "alice"
baseline = 10
target = 20
"#;

/// A small valid repository: the registry, one company objective, one KPI.
fn base() -> Project {
    let p = Project::with_owners();
    p.write("objectives.toml", COMPANY);
    p.write("kpis.toml", KPI);
    p
}

/// `(line, column)` of a diagnostic.
fn at(d: &serde_json::Value) -> (u64, u64) {
    (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap())
}

#[test]
fn a_small_valid_repository_is_clean() {
    let run = base().check_json(&[]);
    run.expect_clean();
    assert_eq!(run.code, 0);
    assert_eq!(
        run.json()["summary"]["files"],
        3,
        "owners + two strategy files"
    );
}

// SL001

#[test]
fn sl001_points_at_a_toml_syntax_error_in_a_file_with_a_kind_line() {
    let p = base();
    p.write(
        "more.toml",
        "[[kpi]]\nid = \"K-2\"\ntitle = = \"Churn\"\nobjective = \"CO-1\"\n",
    );
    let run = p.check_json(&[]);
    let d = run.expect_one("SL001", "more.toml", 3, None);
    assert_eq!(at(&d), (3, 9), "the second `=`: {d:#}");
    assert_eq!(d["severity"], "error");
    assert_eq!(run.code, 1);
}

#[test]
fn sl001_skips_toml_that_does_not_parse_and_has_no_kind_line() {
    let p = base();
    p.write("Cargo.toml", "[package]\nname = \n");
    p.write("notes/todo.toml", "items = [\"a\",\n# kpi goes here\n");
    let run = p.check_json(&[]);
    run.expect_clean();
    assert_eq!(run.code, 0);
    assert_eq!(run.json()["summary"]["files"], 3);
}

#[test]
fn sl001_unterminated_front_matter() {
    let p = base();
    p.write(
        "docs/thesis.md",
        "+++\nkind = \"thesis\"\nid = \"T-1\"\ntitle = \"Why\"\nowner = \"alice\"\n\n# Why we win\n",
    );
    let run = p.check_json(&[]);
    let d = run.expect_one("SL001", "docs/thesis.md", 1, None);
    assert!(
        d["message"].as_str().unwrap().contains("never closed"),
        "{d:#}"
    );
    assert_eq!(run.code, 1);
}

#[test]
fn sl001_front_matter_that_is_not_toml_is_located_inside_the_file() {
    let p = base();
    p.write(
        "thesis.md",
        "+++\nkind = \"thesis\"\nid = \"T-1\"\ntitle = \"Why\nowner = \"alice\"\n+++\nBody.\n",
    );
    let run = p.check_json(&[]);
    // Line 3 of the TOML is line 4 of the file, after the opening fence.
    let d = run.expect_one("SL001", "thesis.md", 4, None);
    assert_eq!(at(&d), (4, 13), "end of the unclosed string: {d:#}");
}

#[test]
fn sl001_yaml_front_matter_with_a_kind_line() {
    let p = base();
    p.write(
        "principles/api.md",
        "---\nkind: principle\nid: P-1\ntitle: APIs first\n---\nBody.\n",
    );
    let run = p.check_json(&[]);
    let d = run.expect_one("SL001", "principles/api.md", 1, None);
    let msg = d["message"].as_str().unwrap();
    assert!(msg.contains("+++") && msg.contains("TOML"), "{msg}");
    assert_eq!(run.code, 1);
}

#[test]
fn sl001_invalid_utf8_and_the_rest_is_still_checked() {
    let p = base();
    p.write_bytes(
        "theses.toml",
        b"[[thesis]]\nid = \"T-1\"\ntitle = \"caf\xe9\"\nowner = \"alice\"\n",
    );
    p.write(
        "eng.toml",
        "[[objective]]\nid = \"ENG-1\"\ntitle = \"Ship\"\nlevel = \"department\"\nowner = \"alice\"\n",
    );
    let run = p.check_json(&[]);
    let d = run.expect_one("SL001", "theses.toml", 3, None);
    assert_eq!(at(&d), (3, 13), "at the first bad byte: {d:#}");
    run.expect_one("OBJ004", "eng.toml", 2, Some("ENG-1"));
    assert_eq!(run.code, 1);
}

#[test]
fn sl001_invalid_utf8_in_front_matter_but_not_in_other_files() {
    let p = base();
    p.write_bytes(
        "thesis.md",
        b"+++\nkind = \"thesis\"\nid = \"T-1\"\ntitle = \"\xff\"\nowner = \"bob\"\n+++\n",
    );
    // Latin-1 notes and config that are not strategy files are not read.
    p.write_bytes("notes/README.md", b"# Caf\xe9\n");
    p.write_bytes("tool.toml", b"name = \"caf\xe9\"\n");
    let run = p.check_json(&[]);
    let d = run.expect_one("SL001", "thesis.md", 4, None);
    assert_eq!(at(&d), (4, 10));
    assert_eq!(run.json()["summary"]["files"], 4);
}

#[test]
fn sl001_an_owners_registry_that_does_not_parse_is_a_lint_failure() {
    let p = base();
    p.write("owners.toml", "[people.alice\nname = \"Alice\"\n");
    let run = p.check_json(&[]);
    assert_eq!(run.code, 1, "exit 1, not a config error: {}", run.stderr);
    let d = run.expect_one("SL001", "owners.toml", 1, None);
    assert_eq!(at(&d), (1, 14));
    assert_eq!(run.diagnostics().len(), 1, "{:#?}", run.summary());
}

// SL002

#[test]
fn sl002_unknown_kind_in_markdown() {
    let p = base();
    p.write(
        "vision.md",
        "+++\nkind = \"vision\"\nid = \"V-1\"\ntitle = \"Where\"\n+++\nBody.\n",
    );
    let run = p.check_json(&[]);
    let d = run.expect_one("SL002", "vision.md", 2, None);
    assert_eq!(at(&d), (2, 8));
    assert!(d["message"].as_str().unwrap().contains("vision"), "{d:#}");
    assert_eq!(run.code, 1);
}

#[test]
fn sl002_unknown_table_array_beside_a_known_kind() {
    let p = Project::with_owners();
    p.write("objectives.toml", COMPANY);
    p.write(
        "kpis.toml",
        &format!("{KPI}\n[[metric]]\nid = \"M-1\"\ntitle = \"Churn\"\n"),
    );
    let run = p.check_json(&[]);
    let d = run.expect_one("SL002", "kpis.toml", 9, None);
    assert_eq!(at(&d), (9, 3), "the table name: {d:#}");
    // The known kind beside it is still read: CO-1 is measured by K-1.
    run.expect_none("OBJ005");
}

#[test]
fn sl002_other_markdown_and_toml_are_skipped_silently() {
    let p = base();
    p.write("README.md", "# Strategy\n\nSee the objectives.\n");
    p.write("notes.md", "+++\ntitle = \"Notes\"\n+++\nNo kind here.\n");
    p.write("blog/post.md", "---\ntitle: Hello\n---\nJekyll post.\n");
    p.write(
        "Cargo.toml",
        "[package]\nname = \"x\"\n\n[[bin]]\nname = \"x\"\n",
    );
    p.write("pyproject.toml", "[project]\nname = \"x\"\n");
    let run = p.check_json(&[]);
    run.expect_clean();
    assert_eq!(run.json()["summary"]["files"], 3);
}

// SL003

#[test]
fn sl003_reports_a_missing_title_but_not_owner_baseline_or_target() {
    let p = Project::with_owners();
    p.write("objectives.toml", COMPANY);
    p.write("kpis.toml", "[[kpi]]\nid = \"K-1\"\nobjective = \"CO-1\"\n");
    let run = p.check_json(&[]);
    let d = run.expect_one("SL003", "kpis.toml", 2, Some("K-1"));
    assert!(d["message"].as_str().unwrap().contains("`title`"), "{d:#}");
    // Owner, baseline and target have rules of their own.
    run.expect_one("OWN001", "kpis.toml", 2, Some("K-1"));
    assert_eq!(run.with_code("KPI001").len(), 2);
}

#[test]
fn sl003_reports_a_missing_level_but_leaves_parent_to_obj004() {
    let p = base();
    p.write(
        "eng.toml",
        "[[objective]]\nid = \"ENG-1\"\ntitle = \"Ship\"\nowner = \"alice\"\n\n[[objective]]\nid = \"ENG-2\"\ntitle = \"Hire\"\nlevel = \"department\"\nowner = \"alice\"\n",
    );
    let run = p.check_json(&[]);
    let d = run.expect_one("SL003", "eng.toml", 2, Some("ENG-1"));
    assert!(d["message"].as_str().unwrap().contains("`level`"), "{d:#}");
    run.expect_one("OBJ004", "eng.toml", 7, Some("ENG-2"));
}

#[test]
fn sl003_in_front_matter_points_at_the_id() {
    let p = base();
    p.write(
        "thesis.md",
        "+++\nkind = \"thesis\"\nid = \"T-1\"\nowner = \"alice\"\n+++\n# Why we win\n",
    );
    let run = p.check_json(&[]);
    let d = run.expect_one("SL003", "thesis.md", 3, Some("T-1"));
    assert_eq!(at(&d), (3, 6));
}

// SL004

#[test]
fn sl004_in_one_file_points_back_at_the_first() {
    let p = base();
    p.write(
        "inflections.toml",
        "[[inflection]]\nid = \"I-1\"\ntitle = \"Series B\"\ndate = 2026-01-10\n\n[[inflection]]\nid = \"I-1\"\ntitle = \"New CEO\"\ndate = 2026-04-01\n",
    );
    let run = p.check_json(&[]);
    let d = run.expect_one("SL004", "inflections.toml", 7, Some("I-1"));
    assert_eq!(d["related"][0]["file"], "inflections.toml");
    assert_eq!(d["related"][0]["line"], 2);
    assert_eq!(run.code, 1);
}

#[test]
fn sl004_across_files_on_every_later_occurrence() {
    let p = base();
    p.write(
        "a.md",
        "+++\nkind = \"thesis\"\nid = \"X-1\"\ntitle = \"Why\"\nowner = \"alice\"\n+++\n",
    );
    p.write(
        "b.toml",
        "[[inflection]]\nid = \"X-1\"\ntitle = \"Series B\"\ndate = 2026-01-10\n",
    );
    p.write(
        "c/d.toml",
        "[[tenet]]\nid = \"X-1\"\ntext = \"When unsure, we choose speed over polish because shipping teaches us.\"\n",
    );
    let run = p.check_json(&[]);
    let found = run.with_code("SL004");
    let places: Vec<(&str, u64)> = found
        .iter()
        .map(|d| (d["file"].as_str().unwrap(), d["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(places, vec![("b.toml", 2), ("c/d.toml", 2)]);
    for d in &found {
        assert_eq!(d["object"], "X-1");
        assert_eq!(d["related"][0]["file"], "a.md", "{d:#}");
        assert_eq!(d["related"][0]["line"], 3, "{d:#}");
    }
}

#[test]
fn sl004_follows_line_order_when_kinds_interleave_in_one_file() {
    let p = Project::with_owners();
    p.write(
        "strategy.toml",
        &format!(
            "{KPI}\n{COMPANY}\n[[kpi]]\nid = \"CO-1\"\ntitle = \"NRR\"\nobjective = \"CO-1\"\nowner = \"alice\"\nbaseline = 1\ntarget = 2\n"
        ),
    );
    let run = p.check_json(&[]);
    // The objective (line 10) comes first; the KPI at line 16 is the duplicate.
    let d = run.expect_one("SL004", "strategy.toml", 16, Some("CO-1"));
    assert_eq!(d["related"][0]["line"], 10, "{d:#}");
}

// SL005

#[test]
fn sl005_unknown_field_suggests_the_closest_one() {
    let p = base();
    p.write(
        "objectives.toml",
        &format!("{COMPANY}descripton = \"More customers\"\n"),
    );
    let run = p.check_json(&[]);
    let d = run.expect_one("SL005", "objectives.toml", 6, Some("CO-1"));
    assert_eq!(at(&d), (6, 1));
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["help"], "did you mean `description`?");
    assert_eq!(run.code, 0, "a warning alone does not fail the run");
}

#[test]
fn sl005_in_front_matter() {
    let p = base();
    p.write(
        "principles/api.md",
        "+++\nkind = \"principle\"\nid = \"P-1\"\ntitle = \"APIs first\"\nowner = \"alice\"\nserve = [\"CO-1\"]\n+++\nBody.\n",
    );
    let run = p.check_json(&[]);
    let d = run.expect_one("SL005", "principles/api.md", 6, Some("P-1"));
    assert_eq!(d["help"], "did you mean `serves`?");
}

#[test]
fn sl005_quiet_for_every_optional_field() {
    let p = Project::with_owners();
    p.write(
        "objectives.toml",
        &format!("{COMPANY}description = \"More\"\ndue = 2027-01-01\nstatus = \"active\"\nserves = [\"T-1\"]\n"),
    );
    p.write(
        "kpis.toml",
        &format!("{KPI}unit = \"EUR\"\ncurrent = 12\ndue = \"2027-01-01\"\ndirection = \"increase\"\nignore = [\"KPI002\"]\nignore_reason = \"fine\"\n"),
    );
    p.write(
        "thesis.md",
        "+++\nkind = \"thesis\"\nid = \"T-1\"\ntitle = \"Why\"\nowner = \"@alice\"\nhalf_life = \"26w\"\nreviewed = 2026-10-01\n+++\n",
    );
    let run = p.check_json(&[]);
    run.expect_none("SL005");
    run.expect_none("SL006");
    run.expect_none("SL003");
}

// SL006

#[test]
fn sl006_level_not_in_levels() {
    let p = Project::with_owners();
    p.write("kpis.toml", KPI);
    p.write(
        "objectives.toml",
        &COMPANY.replace("\"company\"", "\"galaxy\""),
    );
    let run = p.check_json(&[]);
    let d = run.expect_one("SL006", "objectives.toml", 4, Some("CO-1"));
    assert_eq!(at(&d), (4, 9));
    assert!(
        d["help"].as_str().unwrap().contains("\"department\""),
        "{d:#}"
    );
}

#[test]
fn sl006_bad_dates() {
    let p = base();
    p.write(
        "objectives.toml",
        &format!("{COMPANY}due = \"2026-02-30\"\n"),
    );
    p.write(
        "inflections.toml",
        "[[inflection]]\nid = \"I-1\"\ntitle = \"Series B\"\ndate = \"next spring\"\n",
    );
    let run = p.check_json(&[]);
    let lines: Vec<(String, u64)> = run
        .with_code("SL006")
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        vec![
            ("inflections.toml".to_owned(), 4),
            ("objectives.toml".to_owned(), 6)
        ]
    );
}

#[test]
fn sl006_bad_duration() {
    let p = base();
    p.write(
        "principles.toml",
        "[[principle]]\nid = \"P-1\"\ntitle = \"APIs first\"\nowner = \"alice\"\nhalf_life = \"3 months\"\n",
    );
    let run = p.check_json(&[]);
    let d = run.expect_one("SL006", "principles.toml", 5, Some("P-1"));
    assert_eq!(at(&d), (5, 13));
    assert!(d["message"].as_str().unwrap().contains("3 months"), "{d:#}");
}

#[test]
fn sl006_serves_an_id_of_the_wrong_kind() {
    let p = base();
    p.write(
        "principles.toml",
        "[[principle]]\nid = \"P-1\"\ntitle = \"APIs first\"\nowner = \"alice\"\nserves = [\"K-1\"]\n",
    );
    let run = p.check_json(&[]);
    let d = run.expect_one("SL006", "principles.toml", 5, Some("P-1"));
    assert_eq!(at(&d), (5, 11));
    let help = d["help"].as_str().unwrap();
    assert!(
        help.contains("thesis") && help.contains("objective"),
        "{help}"
    );
    assert_eq!(d["related"][0]["file"], "kpis.toml");
    run.expect_none("OBJ001");
}

#[test]
fn sl006_an_objective_serves_theses_only() {
    let p = base();
    p.write("objectives.toml", &format!("{COMPANY}serves = [\"P-1\"]\n"));
    p.write(
        "principles.toml",
        "[[principle]]\nid = \"P-1\"\ntitle = \"APIs first\"\nowner = \"alice\"\nserves = [\"CO-1\"]\n",
    );
    let run = p.check_json(&[]);
    // The principle may serve the objective; the objective may not serve the principle.
    let d = run.expect_one("SL006", "objectives.toml", 6, Some("CO-1"));
    let help = d["help"].as_str().unwrap();
    assert!(
        help.contains("thesis") && !help.contains("objective"),
        "{help}"
    );
}

#[test]
fn sl006_invalid_id_and_wrong_type() {
    let p = base();
    p.write(
        "inflections.toml",
        "[[inflection]]\nid = \"1-bad\"\ntitle = 3\ndate = 2026-01-01T10:00:00\n",
    );
    let run = p.check_json(&[]);
    let found: Vec<(u64, u64)> = run.with_code("SL006").iter().map(at).collect();
    // The id, the title (an integer) and the date (a date-time).
    assert_eq!(found, vec![(2, 6), (3, 9), (4, 8)]);
    run.expect_none("SL003");
}

#[test]
fn sl006_unknown_status() {
    let p = base();
    p.write(
        "objectives.toml",
        &format!("{COMPANY}status = \"paused\"\n"),
    );
    let run = p.check_json(&[]);
    let d = run.expect_one("SL006", "objectives.toml", 6, Some("CO-1"));
    assert!(d["message"].as_str().unwrap().contains("paused"), "{d:#}");
}

#[test]
fn sl006_quiet_for_configured_levels_and_valid_values() {
    let p = Project::with_owners();
    p.write(
        "stratlint.toml",
        "[objectives]\nlevels = [\"company\", \"squad\"]\n",
    );
    p.write(
        "objectives.toml",
        &format!("{COMPANY}\n[[objective]]\nid = \"SQ-1\"\ntitle = \"Ship\"\nlevel = \"squad\"\nowner = \"bob\"\nparent = \"CO-1\"\ndue = \"2027-03-31\"\n"),
    );
    p.write("kpis.toml", &KPI.replace("\"CO-1\"", "\"SQ-1\""));
    p.write(
        "principles.toml",
        "[[principle]]\nid = \"P-1\"\ntitle = \"APIs first\"\nowner = \"alice\"\nserves = [\"SQ-1\"]\nhalf_life = \"6mo\"\nreviewed = \"2026-09-01\"\n",
    );
    let run = p.check_json(&[]);
    run.expect_clean();
}

#[test]
fn sl004_follows_the_output_order_when_run_from_a_subdirectory() {
    let p = Project::with_owners();
    let inflection = "[[inflection]]\nid = \"X\"\ntitle = \"Round\"\ndate = 2026-01-01\n";
    p.write("z.toml", inflection);
    p.write("sub/a.toml", inflection);
    let run = p.run_in(&p.path().join("sub"), &["check", "--format", "json"]);
    // "../z.toml" sorts before "a.toml": the duplicate is the one in a.toml.
    let d = run.expect_one("SL004", "a.toml", 2, Some("X"));
    assert_eq!(d["related"][0]["file"], "../z.toml");
    assert!(
        d["message"].as_str().unwrap().contains("../z.toml"),
        "{d:#}"
    );
}

#[test]
fn a_kind_that_is_not_a_string_is_sl006() {
    let p = Project::with_owners();
    p.write("odd.md", "+++\nkind = 3\nid = \"P\"\n+++\n");
    let run = p.check_json(&[]);
    let d = run.expect_one("SL006", "odd.md", 2, None);
    assert!(d["message"].as_str().unwrap().contains("kind"), "{d:#}");
    run.expect_none("SL002");
}

#[test]
fn invalid_utf8_outside_a_string_is_reported_once() {
    let p = Project::with_owners();
    p.write_bytes(
        "bad.toml",
        b"[[tenet]]\nid = \"T\"\n\xff = 1\ntext = \"x\"\n",
    );
    let run = p.check_json(&[]);
    run.expect_one("SL001", "bad.toml", 3, None);
}

#[test]
fn an_empty_id_is_an_invalid_value_not_a_duplicate() {
    let two = "[[objective]]\nid = \"\"\ntitle = \"A\"\nlevel = \"company\"\nowner = \"alice\"\n\n\
               [[objective]]\nid = \"\"\ntitle = \"B\"\nlevel = \"company\"\nowner = \"alice\"\n";
    let run = common::lint_with_owners(&[("objectives.toml", two)]);
    run.expect_none("SL004");
    let invalid = run.with_code("SL006");
    assert_eq!(invalid.len(), 2, "{:#?}", run.summary());
    for (d, line) in invalid.iter().zip([2, 8]) {
        assert_eq!(d["line"], line, "{d:#}");
        assert!(d["object"].is_null(), "{d:#}");
        assert_eq!(d["message"], "the id of this objective is empty", "{d:#}");
    }
}

#[test]
fn unit_is_an_unknown_field_on_every_kind_but_kpis() {
    let thesis = "+++\nkind = \"thesis\"\nid = \"TH-1\"\ntitle = \"Win\"\nowner = \"alice\"\nunit = \"EUR\"\n+++\n";
    let run = common::lint_with_owners(&[("thesis.md", thesis), ("tree.toml", common::TREE)]);
    let d = run.expect_one("SL005", "thesis.md", 6, Some("TH-1"));
    assert_eq!(d["message"], "unknown field `unit` in thesis `TH-1`");
    // A KPI takes one.
    let tree = common::TREE.replace("target = 2", "target = 2\nunit = \"EUR\"");
    common::lint_with_owners(&[("tree.toml", &tree)]).expect_clean();
}

/// Every file under `dir`, as (path relative to it, text).
fn files_of(dir: &std::path::Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(text) = std::fs::read_to_string(&p) {
                let rel = p
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, text));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn linting_in_process_gives_what_the_binary_gives_without_history() {
    for name in ["broken", "demo"] {
        let dir = common::fixture(name);
        let run = common::run_binary(
            &dir,
            &[
                "check",
                "--format",
                "json",
                "--no-history",
                "--now",
                "2026-11-25",
            ],
            &[],
        );
        let files = files_of(&dir);
        let config = files
            .iter()
            .find(|(rel, _)| rel == "stratlint.toml")
            .map_or(String::new(), |(_, t)| t.clone());
        let borrowed: Vec<(&str, &str)> = files
            .iter()
            .filter(|(rel, _)| rel != "stratlint.toml")
            .map(|(r, t)| (r.as_str(), t.as_str()))
            .collect();
        let linted = common::lint(&config, &borrowed);
        assert_eq!(linted.json(), run.json(), "{name}");
        assert_eq!(linted.code, run.code, "{name}");
    }
}

#[test]
fn sl002_near_misses_of_a_kind_are_reported_not_skipped() {
    for (header, kind) in [
        ("objectives", "objective"),
        ("Principle", "principle"),
        ("objectve", "objective"),
        ("theses", "thesis"),
        ("KPIs", "kpi"),
    ] {
        let text = format!("# notes\n[[{header}]]\nid = \"X-1\"\ntitle = \"A\"\n");
        let run = common::lint_with_owners(&[("strategy.toml", &text)]);
        assert_eq!(run.code, 1, "{header}");
        let d = run.expect_one("SL002", "strategy.toml", 2, None);
        assert_eq!(d["column"], 3, "{header}");
        assert_eq!(d["message"], format!("`{header}` is not a known kind"));
        assert!(
            d["help"]
                .as_str()
                .unwrap()
                .starts_with(&format!("did you mean `[[{kind}]]`?")),
            "{d:#}"
        );
    }
    // Beside a real kind too.
    let text = "[[objective]]\nid = \"CO-1\"\ntitle = \"A\"\nlevel = \"company\"\nowner = \"alice\"\n\n[[kpis]]\nid = \"K-1\"\n";
    let run = common::lint_with_owners(&[("strategy.toml", text)]);
    run.expect_one("SL002", "strategy.toml", 7, None);
}

#[test]
fn sl002_quiet_for_toml_that_is_not_near_a_kind_or_has_no_ids() {
    for text in [
        // Cargo.toml: no ids.
        "[package]\nname = \"x\"\n\n[[bin]]\nname = \"x\"\n\n[[test]]\nname = \"t\"\n",
        // Near a kind, but its tables have no id.
        "[[objectives]]\nname = \"x\"\n",
        // Ids, but nowhere near a kind.
        "[[services]]\nid = \"api\"\n",
    ] {
        let run = common::lint_with_owners(&[("other.toml", text)]);
        run.expect_clean();
        assert_eq!(run.json()["summary"]["files"], 1, "{text}");
    }
}

#[test]
fn sl002_front_matter_with_a_misspelled_kind_key() {
    for key in ["knd", "Kind", "kinds"] {
        let doc =
            format!("+++\n{key} = \"principle\"\nid = \"P-1\"\ntitle = \"Small\"\n+++\n\nBody.\n");
        let run = common::lint_with_owners(&[("principles/p.md", &doc)]);
        let d = run.expect_one("SL002", "principles/p.md", 2, Some("P-1"));
        assert_eq!(d["column"], 1);
        assert_eq!(
            d["message"],
            format!("document `P-1` has no `kind` key, but `{key}` looks like one")
        );
        assert!(
            d["help"]
                .as_str()
                .unwrap()
                .starts_with("did you mean `kind`?")
        );
    }
    // No id: a note, not a strategy document.
    let run = common::lint_with_owners(&[("notes.md", "+++\nknd = \"x\"\ntitle = \"y\"\n+++\n")]);
    run.expect_clean();
}

#[test]
fn a_near_miss_named_on_the_command_line_fails_the_check() {
    let p = Project::with_owners();
    p.write(
        "objectives.toml",
        "[[objectives]]\nid = \"CO-1\"\ntitle = \"Grow\"\nlevel = \"company\"\nowner = \"alice\"\n",
    );
    let run = p.run(&["check", "objectives.toml"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("SL002"), "{}", run.stdout);
    assert!(
        run.stdout.contains("did you mean `[[objective]]`?"),
        "{}",
        run.stdout
    );
}

/// `exclude` patterns are read as `.gitignore` lines: anchored by a `/` at
/// the start or in the middle, at any depth otherwise; `*` stops at `/`,
/// `**` crosses it, a trailing `/` matches directories only, `!` takes a
/// path back. Each excluded file, if read, would be SL001.
#[test]
fn exclude_patterns_are_anchored_as_gitignore_anchors_them() {
    let broken = "+++\nkind = \"principle\"\nid = \n+++\n";
    let read = |config: &str| -> Vec<String> {
        let p = Project::with_owners();
        p.write("stratlint.toml", config);
        for f in [
            "data/a.md",
            "strategy/principles/data/b.md",
            "archive/c.md",
            "archive/2024/d.md",
            "notes/e.md",
            "notes/keep.md",
            "file-data/f.md",
        ] {
            p.write(f, broken);
        }
        let run = p.check_json(&["--no-history"]);
        let mut files: Vec<String> = run
            .with_code("SL001")
            .iter()
            .map(|d| d["file"].as_str().unwrap().to_owned())
            .collect();
        files.sort();
        files
    };
    // Anchored: only the top-level `data/`.
    assert_eq!(
        read(
            "exclude = [\"/data\", \"archive\", \"notes/*\", \"!notes/keep.md\", \"file-data/\"]\n"
        ),
        vec!["notes/keep.md", "strategy/principles/data/b.md"]
    );
    // Not anchored: `data` at any depth; `*` does not cross `/`.
    assert_eq!(
        read("exclude = [\"data\", \"archive/*.md\"]\n"),
        vec![
            "archive/2024/d.md",
            "file-data/f.md",
            "notes/e.md",
            "notes/keep.md"
        ]
    );
    // `**` does.
    assert_eq!(
        read("exclude = [\"archive/**/*.md\", \"notes\", \"data\", \"file-data\"]\n"),
        Vec::<String>::new()
    );
}

#[test]
fn a_registry_above_the_project_is_shown_by_its_plain_relative_path() {
    // `owners = "../owners.toml"` from a project in `strategy/`, checked from
    // the top: `owners.toml`, not `strategy/../owners.toml` (SPEC §9).
    let p = Project::with_owners();
    p.write("strategy/stratlint.toml", "owners = \"../owners.toml\"\n");
    p.write(
        "strategy/co.toml",
        "[[objective]]\nid = \"CO-1\"\ntitle = \"t\"\nlevel = \"company\"\nowner = \"carol\"\n",
    );
    let run = p.run(&[
        "check",
        "strategy",
        "--format",
        "json",
        "--now",
        "2026-11-25",
    ]);
    let d = run.expect_one("OWN003", "strategy/co.toml", 5, Some("CO-1"));
    assert_eq!(d["related"][0]["file"], "owners.toml", "{d:#}");
}

#[test]
fn sl006_a_review_measurement_or_revision_dated_after_today() {
    let principle = |reviewed: &str| {
        format!(
            "[[principle]]\nid = \"P-1\"\ntitle = \"Ship small\"\nowner = \"alice\"\nreviewed = {reviewed}\n"
        )
    };
    // Tomorrow (now is 2026-11-25): in the future, and read as absent, so
    // the age is unknown (no git here) rather than fresh.
    let run = common::lint_with_owners(&[("p.toml", &principle("2026-11-26"))]);
    let d = run.expect_one("SL006", "p.toml", 5, Some("P-1"));
    assert_eq!(
        d["message"],
        "`reviewed` of principle `P-1` is in the future: 2026-11-26 is after today (2026-11-25)"
    );
    assert_eq!(d["column"], 12);
    run.expect_one("HL005", "p.toml", 2, Some("P-1"));
    // Today is the past's last day.
    let run = common::lint_with_owners(&[("p.toml", &principle("2026-11-25"))]);
    run.expect_none("SL006");
    run.expect_none("HL005");
    // A KPI's `measured` and `revised`, as strings too.
    let kpi = |extra: &str| {
        format!(
            "{COMPANY}\n[[kpi]]\nid = \"K-1\"\ntitle = \"k\"\nobjective = \"CO-1\"\nowner = \"alice\"\nbaseline = 1\ntarget = 2\ncurrent = 1\n{extra}"
        )
    };
    let run = common::lint_with_owners(&[(
        "s.toml",
        &kpi("measured = \"2027-01-01\"\nrevised = 2030-01-01\n"),
    )]);
    let found = run.with_code("SL006");
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        (found[0]["line"].as_u64(), found[0]["object"].as_str()),
        (Some(15), Some("K-1"))
    );
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("`measured` of kpi `K-1`")
    );
    assert_eq!(found[1]["line"], 16);
    assert!(
        found[1]["message"]
            .as_str()
            .unwrap()
            .starts_with("`revised` of kpi `K-1`")
    );
    // Read as absent: a `measured` in the future does not keep KPI005 away
    // (with no git and no valid `measured`, KPI005 has nothing to judge).
    run.expect_none("KPI005");
    let run = common::lint_with_owners(&[(
        "s.toml",
        &kpi("measured = 2026-11-01\nrevised = 2026-11-25\n"),
    )]);
    run.expect_none("SL006");
}
