//! Suppression (SPEC §7), SUP001, and `[lint]` selection and severity, end to end.

mod common;
use common::Project;

const OBJECTIVE: &str =
    "[[objective]]\nid = \"CO-1\"\ntitle = \"Grow\"\nlevel = \"company\"\nowner = \"alice\"\n";

/// A KPI whose baseline (line 6) equals its target (line 7): KPI002 on line 7.
fn kpi(baseline_line: &str, target_line: &str) -> String {
    format!(
        "[[kpi]]\nid = \"K-1\"\ntitle = \"Revenue\"\nobjective = \"CO-1\"\nowner = \"alice\"\n{baseline_line}\n{target_line}\n"
    )
}

/// A thesis document (reviewed recently) whose body starts on line 8.
fn thesis(body: &str) -> String {
    format!(
        "+++\nkind = \"thesis\"\nid = \"TH-1\"\ntitle = \"Why we win\"\nowner = \"alice\"\nreviewed = 2026-11-01\n+++\n{body}"
    )
}

/// A tenet whose rationale is too short (TEN005 only).
const SHORT: &str = "When in doubt, we prefer configuration over forks because forks rot.";

fn codes(run: &common::Run) -> Vec<String> {
    run.summary().into_iter().map(|s| s.0).collect()
}

fn kpi_project(kpis: &str) -> Project {
    let p = Project::with_owners();
    p.write("objectives.toml", OBJECTIVE);
    p.write("kpis.toml", kpis);
    p
}

#[test]
fn kpi002_fires_without_a_suppression() {
    let p = kpi_project(&kpi("baseline = 4", "target = 4"));
    p.check_json(&[])
        .expect_one("KPI002", "kpis.toml", 7, Some("K-1"));
}

#[test]
fn toml_comment_on_the_line_before_suppresses() {
    let p = kpi_project(&kpi(
        "baseline = 4",
        "# stratlint: ignore[KPI002]\ntarget = 4",
    ));
    p.check_json(&[]).expect_clean();
}

#[test]
fn toml_comment_at_the_end_of_the_line_suppresses_by_prefix() {
    let p = kpi_project(&kpi("baseline = 4", "target = 4  # stratlint: ignore[KPI]"));
    p.check_json(&[]).expect_clean();
}

#[test]
fn toml_comment_on_the_wrong_line_suppresses_nothing_and_gets_sup001() {
    let p = kpi_project(&kpi(
        "baseline = 4  # stratlint: ignore[KPI002]",
        "target = 4",
    ));
    let run = p.check_json(&[]);
    run.expect_one("KPI002", "kpis.toml", 7, Some("K-1"));
    let d = run.expect_one("SUP001", "kpis.toml", 6, Some("K-1"));
    assert_eq!(d["column"], 35, "points at the code: {d:#}");
    assert_eq!(d["severity"], "warning");
    assert_eq!(run.code, 0, "warnings only");
}

#[test]
fn object_ignore_suppresses_by_prefix_and_skips_rules_that_did_not_run() {
    let p = kpi_project(
        "[[kpi]]\nid = \"K-1\"\ntitle = \"Revenue\"\nobjective = \"CO-1\"\nbaseline = 1\ntarget = 2\nignore = [\"HL001\", \"OWN\"]\nignore_reason = \"owner being hired\"\n",
    );
    let run = p.check_json(&[]);
    // OWN001 is gone; HL001 names a rule that does not run, so no SUP001.
    run.expect_clean();
    assert_eq!(run.code, 0);
}

#[test]
fn object_ignore_that_suppresses_nothing_gets_sup001_at_the_entry() {
    let p = kpi_project(
        "[[kpi]]\nid = \"K-1\"\ntitle = \"Revenue\"\nobjective = \"CO-1\"\nowner = \"alice\"\nbaseline = 1\ntarget = 2\nignore = [\"HL001\", \"OWN\"]\n",
    );
    let run = p.check_json(&[]);
    let d = run.expect_one("SUP001", "kpis.toml", 8, Some("K-1"));
    assert_eq!(d["column"], 20);
    assert_eq!(codes(&run), ["SUP001"]);
}

#[test]
fn markdown_comment_suppresses_the_named_code_on_the_next_line() {
    let p = Project::new();
    p.write(
        "thesis.md",
        &thesis(&format!(
            "## Tenets\n\n<!-- stratlint-disable-next-line TEN005 -->\n- {SHORT}\n- {SHORT}\n"
        )),
    );
    let run = p.check_json(&[]);
    // Only the second item (line 12) still reports.
    run.expect_one("TEN005", "thesis.md", 12, Some("TH-1"));
    run.expect_none("SUP001");
}

#[test]
fn markdown_comment_naming_another_code_leaves_the_line_and_gets_sup001() {
    let p = Project::new();
    p.write(
        "thesis.md",
        &thesis(&format!(
            "## Tenets\n\n<!-- stratlint-disable-next-line TEN003 -->\n- {SHORT}\n"
        )),
    );
    let run = p.check_json(&[]);
    run.expect_one("TEN005", "thesis.md", 11, Some("TH-1"));
    let d = run.expect_one("SUP001", "thesis.md", 10, Some("TH-1"));
    assert_eq!(d["column"], 34);
}

#[test]
fn markdown_comment_without_codes_suppresses_every_code_on_the_next_line() {
    let p = Project::new();
    p.write(
        "thesis.md",
        &thesis(
            "## Tenets\n\n<!-- stratlint-disable-next-line -->\n- We ship fast.\n- We ship fast.\n",
        ),
    );
    let run = p.check_json(&[]);
    assert_eq!(codes(&run), ["TEN001", "TEN002", "TEN003"]);
    assert!(
        run.summary().iter().all(|s| s.2 == 12),
        "{:?}",
        run.summary()
    );
}

#[test]
fn markdown_comment_without_codes_that_suppresses_nothing_gets_sup001() {
    let p = Project::new();
    p.write(
        "thesis.md",
        &thesis("# Why we win\n\n<!-- stratlint-disable-next-line -->\nWe are cheaper.\n"),
    );
    let d = p
        .check_json(&[])
        .expect_one("SUP001", "thesis.md", 10, Some("TH-1"));
    assert_eq!(d["column"], 1);
}

#[test]
fn markdown_comment_in_a_tenet_document_and_toml_comment_in_front_matter() {
    let p = Project::new();
    p.write(
        "tenet.md",
        &format!("+++\nkind = \"tenet\"\nid = \"T-1\"\n+++\n<!-- stratlint-disable-next-line TEN005 -->\n{SHORT}\n"),
    );
    p.write(
        "thesis.md",
        "+++\nkind = \"thesis\"\n# stratlint: ignore[OWN001]\nid = \"TH-1\"\ntitle = \"Why we win\"\nreviewed = 2026-11-01\n+++\n",
    );
    p.check_json(&[]).expect_clean();
}

#[test]
fn a_comment_in_a_code_block_is_not_a_suppression() {
    let p = Project::new();
    p.write(
        "thesis.md",
        &thesis(&format!(
            "To silence a line:\n\n```markdown\n<!-- stratlint-disable-next-line TEN005 -->\n```\n\nor `<!-- stratlint-disable-next-line -->`.\n\n## Tenets\n\n- {SHORT}\n"
        )),
    );
    let run = p.check_json(&[]);
    run.expect_one("TEN005", "thesis.md", 18, Some("TH-1"));
    run.expect_none("SUP001");
}

#[test]
fn an_unknown_code_in_a_comment_gets_sup001() {
    let p = kpi_project(&kpi(
        "baseline = 4",
        "target = 4 # stratlint: ignore[KPI02]",
    ));
    let run = p.check_json(&[]);
    run.expect_one("KPI002", "kpis.toml", 7, Some("K-1"));
    let d = run.expect_one("SUP001", "kpis.toml", 7, Some("K-1"));
    assert_eq!(d["column"], 32);
    assert!(d["help"].as_str().unwrap().contains("KPI002"), "{d:#}");
}

#[test]
fn a_retired_object_gets_no_sup001() {
    let p = Project::new();
    p.write(
        "tenets.toml",
        "[[tenet]]\nid = \"T-1\"\nstatus = \"retired\"\nignore = [\"TEN\"]\n# stratlint: ignore[TEN005]\ntext = \"We like speed.\"\n",
    );
    p.write(
        "thesis.md",
        "+++\nkind = \"thesis\"\nid = \"TH-1\"\ntitle = \"Old\"\nowner = \"alice\"\nstatus = \"retired\"\n+++\n<!-- stratlint-disable-next-line -->\nWe were cheaper.\n",
    );
    p.check_json(&[]).expect_clean();
}

#[test]
fn no_sup001_for_codes_that_are_not_selected() {
    let body = "# Why we win\n\n<!-- stratlint-disable-next-line TEN005 -->\nWe are cheaper.\n";
    let p = Project::new();
    p.write("thesis.md", &thesis(body));
    let d = p
        .check_json(&[])
        .expect_one("SUP001", "thesis.md", 10, Some("TH-1"));
    assert!(d["message"].as_str().unwrap().contains("TEN005"), "{d:#}");
    for config in [
        "[lint]\nignore = [\"TEN005\"]\n",
        "[lint]\nselect = [\"OBJ\", \"SUP\"]\n",
        "[lint.severity]\nTEN005 = \"off\"\n",
    ] {
        p.write("stratlint.toml", config);
        p.check_json(&[]).expect_clean();
    }
}

#[test]
fn no_sup001_for_an_hl_code_when_the_age_is_unknown() {
    // No git and no `reviewed`: the thesis's age is unknown, so HL001 cannot run.
    let p = Project::new();
    p.write(
        "thesis.md",
        "+++\nkind = \"thesis\"\nid = \"TH-1\"\ntitle = \"Why we win\"\nowner = \"alice\"\n+++\n<!-- stratlint-disable-next-line HL001 -->\nWe are cheaper.\n",
    );
    p.write(
        "kpis.toml",
        "[[objective]]\nid = \"CO-1\"\ntitle = \"Grow\"\nlevel = \"company\"\nowner = \"alice\"\n\n[[kpi]]\nid = \"K-1\"\ntitle = \"Revenue\"\nobjective = \"CO-1\"\nowner = \"alice\"\nbaseline = 1\ntarget = 2\nignore = [\"HL\"]\n",
    );
    p.check_json(&[]).expect_none("SUP001");
}

#[test]
fn select_and_ignore_turn_codes_and_prefixes_on_and_off() {
    let p = Project::new();
    p.write(
        "tenets.toml",
        "[[tenet]]\nid = \"T-1\"\ntext = \"We like speed.\"\n",
    );
    assert_eq!(codes(&p.check_json(&[])), ["TEN001", "TEN002", "TEN003"]);
    p.write("stratlint.toml", "[lint]\nselect = [\"TEN001\"]\n");
    assert_eq!(codes(&p.check_json(&[])), ["TEN001"]);
    p.write("stratlint.toml", "[lint]\nignore = [\"TEN\"]\n");
    let run = p.check_json(&[]);
    run.expect_clean();
    assert_eq!(run.code, 0);
    p.write(
        "stratlint.toml",
        "[lint]\nselect = [\"TEN\"]\nignore = [\"TEN002\"]\n",
    );
    assert_eq!(codes(&p.check_json(&[])), ["TEN001", "TEN003"]);
}

#[test]
fn severity_overrides_change_the_exit_code() {
    let p = Project::new();
    p.write(
        "tenets.toml",
        &format!("[[tenet]]\nid = \"T-1\"\ntext = \"{SHORT}\"\n"),
    );
    assert_eq!(p.check_json(&[]).code, 0, "TEN005 is a warning by default");

    p.write("stratlint.toml", "[lint.severity]\nTEN005 = \"error\"\n");
    let run = p.check_json(&[]);
    assert_eq!(
        run.expect_one("TEN005", "tenets.toml", 3, Some("T-1"))["severity"],
        "error"
    );
    assert_eq!(run.code, 1);

    p.write("stratlint.toml", "[lint.severity]\nTEN005 = \"off\"\n");
    let run = p.check_json(&[]);
    run.expect_clean();
    assert_eq!(run.code, 0);
}

#[test]
fn a_prefix_severity_applies_to_every_code_it_covers() {
    let p = Project::new();
    p.write(
        "tenets.toml",
        "[[tenet]]\nid = \"T-1\"\ntext = \"We like speed.\"\n",
    );
    assert_eq!(p.check_json(&[]).code, 1);
    p.write("stratlint.toml", "[lint.severity]\nTEN = \"warning\"\n");
    let run = p.check_json(&[]);
    let severities: Vec<_> = run
        .diagnostics()
        .iter()
        .map(|d| d["severity"].clone())
        .collect();
    assert_eq!(severities, ["warning", "warning", "warning"]);
    assert_eq!(run.code, 0);
    assert_eq!(p.check_json(&["--max-warnings", "2"]).code, 1);
    // The exact code is more specific than the prefix.
    p.write(
        "stratlint.toml",
        "[lint.severity]\nTEN = \"warning\"\nTEN002 = \"error\"\n",
    );
    let run = p.check_json(&[]);
    assert_eq!(run.with_code("TEN002")[0]["severity"], "error");
    assert_eq!(run.code, 1);
}

#[test]
fn no_sup001_for_registry_rules_without_a_registry() {
    let p = Project::new();
    p.write(
        "objectives.toml",
        "[[objective]]\nid = \"CO-1\"\ntitle = \"Grow\"\nlevel = \"company\"\nowner = \"alice\"\nignore = [\"OWN002\"]\n\n[[kpi]]\nid = \"K\"\ntitle = \"k\"\nobjective = \"CO-1\"\nowner = \"alice\"\nbaseline = 1\ntarget = 2\n",
    );
    p.check_json(&[]).expect_none("SUP001");
    // With a registry, OWN002 runs: the unused entry is reported.
    p.write("owners.toml", common::OWNERS);
    p.check_json(&[])
        .expect_one("SUP001", "objectives.toml", 6, Some("CO-1"));
}
