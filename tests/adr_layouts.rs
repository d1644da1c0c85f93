//! Adopted ADR directories in every layout real collections use (SPEC §11):
//! which names are records, their ids, templates, record folders, the
//! warning for a directory with no record, and the config errors.

mod common;
use common::{OWNERS, Project};

fn project(config: &str, files: &[(&str, &str)]) -> Project {
    let p = Project::new();
    p.write("stratlint.toml", config);
    p.write("owners.toml", OWNERS);
    for (rel, text) in files {
        p.write(rel, text);
    }
    p
}

/// A record whose status is `status`.
fn record(title: &str, status: &str) -> String {
    format!("# {title}\n\nDate: 2026-01-10\n\n## Status\n\n{status}\n\n## Context\n\nx\n")
}

/// (file, object) of every SL006, sorted.
fn sl006(p: &Project) -> Vec<(String, String)> {
    let run = p.check_json(&[]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    let mut out: Vec<(String, String)> = run
        .with_code("SL006")
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_owned(),
                d["object"].as_str().unwrap_or("-").to_owned(),
            )
        })
        .collect();
    out.sort();
    out
}

const EVERY_LAYOUT: &[(&str, &str)] = &[
    // Records.
    ("docs/adr/adr-007-use-a.md", "ADR-007"),
    ("docs/adr/ADR_0008-use-b.md", "ADR-0008"),
    ("docs/adr/0009-folder/index.md", "ADR-0009"),
    ("docs/adr/0010-readme/README.md", "ADR-0010"),
    ("docs/adr/0011-both/index.md", "ADR-0011"),
    ("docs/adr/0012-x.markdown", "ADR-0012"),
    ("docs/adr/0013-y.MD", "ADR-0013"),
    (
        "docs/adr/0000-use-markdown-architectural-decision-records.md",
        "ADR-0000",
    ),
    ("docs/adr/0017-use-templates-for-emails.md", "ADR-0017"),
    // Not records: beside an index.md, deeper, templates.
    ("docs/adr/0011-both/README.md", ""),
    ("docs/adr/0009-folder/0014-nested.md", ""),
    ("docs/adr/old/0015-z.md", ""),
    ("docs/adr/0000-template.md", ""),
    ("docs/adr/0000-adr-template-minimal.md", ""),
    ("docs/adr/adr-0016-template.md", ""),
    ("docs/adr/0018-madr-template.md", ""),
    ("docs/adr/template-0019.md", ""),
];

#[test]
fn every_layout_is_read_and_templates_are_not() {
    let files = |status: &str| -> Vec<(String, String)> {
        EVERY_LAYOUT
            .iter()
            .map(|(rel, _)| ((*rel).to_owned(), record("X", status)))
            .collect()
    };
    let config = "[decisions]\nadr = [\"docs/adr\"]\n";
    let parked = files("Parked");
    let refs: Vec<(&str, &str)> = parked
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let p = project(config, &refs);
    p.write("docs/adr/README.md", "# Decisions\n\nThe index.\n");
    let expected: Vec<(String, String)> = {
        let mut e: Vec<(String, String)> = EVERY_LAYOUT
            .iter()
            .filter(|(_, id)| !id.is_empty())
            .map(|(rel, id)| ((*rel).to_owned(), (*id).to_owned()))
            .collect();
        e.sort();
        e
    };
    assert_eq!(sl006(&p), expected);
    // With real statuses all of them read clean.
    for (rel, text) in files("Accepted") {
        p.write(&rel, &text);
    }
    let run = p.check_json(&[]);
    run.expect_clean();
    assert_eq!(run.json()["summary"]["objects"], expected.len());
}

#[test]
fn log4brains_dated_names_are_whole_name_ids() {
    let config = "[decisions]\nadr = [\"docs/decisions\"]\n";
    let a = "# Use Markdown\n\n- Status: superseded\n- Date: 2020-09-25\n";
    let b = "# Use log4brains\n\n- Status: accepted\n- Date: 2020-09-25\n\nSupersedes [Use Markdown](20200925-use-markdown.md)\n";
    let p = project(
        config,
        &[
            ("docs/decisions/20200925-use-markdown.md", a),
            ("docs/decisions/20200925-use-log4brains.md", b),
        ],
    );
    let run = p.check_json(&[]);
    run.expect_clean();
    assert_eq!(run.json()["summary"]["objects"], 2);
    // Two records of one day are two ids: the orphan is the right one.
    p.write(
        "docs/decisions/20200925-use-log4brains.md",
        &b.replace("Supersedes", "See"),
    );
    p.check_json(&[]).expect_one(
        "DEC001",
        "docs/decisions/20200925-use-markdown.md",
        3,
        Some("ADR-20200925-use-markdown"),
    );
}

#[test]
fn an_entry_may_ask_for_ids_by_name() {
    let config = "[decisions]\nadr = [{ path = \"arch\", prefix = \"ARCH-\", id = \"name\" }]\n";
    let p = project(
        config,
        &[("arch/0001-use-x.md", &record("1. Use X", "Parked"))],
    );
    assert_eq!(
        sl006(&p),
        [(
            "arch/0001-use-x.md".to_owned(),
            "ARCH-0001-use-x".to_owned()
        )]
    );
    let p = project(
        "[decisions]\nadr = [{ path = \"arch\", id = \"slug\" }]\n",
        &[("arch/0001-use-x.md", &record("1. Use X", "Accepted"))],
    );
    let run = p.run(&["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("stratlint.toml:2:"), "{}", run.stderr);
    assert!(run.stderr.contains("`decisions.adr.id`"), "{}", run.stderr);
}

#[test]
fn records_at_the_project_root() {
    for dir in [".", "./", "docs/.."] {
        let p = project(
            &format!("[decisions]\nadr = [\"{dir}\"]\n"),
            &[("0001-use-x.md", &record("1. Use X", "Parked"))],
        );
        assert_eq!(
            sl006(&p),
            [("0001-use-x.md".to_owned(), "ADR-0001".to_owned())],
            "{dir}"
        );
    }
}

#[test]
fn a_directory_with_markdown_but_no_record_is_warned_about_once() {
    let config = "[decisions]\nadr = [\"docs/adr\"]\n";
    let p = project(
        config,
        &[
            ("docs/adr/README.md", "# Decisions\n"),
            (
                "docs/adr/use-postgres.md",
                &record("Use Postgres", "Accepted"),
            ),
        ],
    );
    let run = p.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let warning =
        "warning: `decisions.adr` lists `docs/adr`, which holds Markdown but no decision record";
    assert_eq!(run.stderr.matches(warning).count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("0007-use-postgres.md"),
        "{}",
        run.stderr
    );
    // A record, and the warning is gone.
    p.write(
        "docs/adr/0001-use-postgres.md",
        &record("1. Use Postgres", "Accepted"),
    );
    let run = p.run(&["check"]);
    assert!(!run.stderr.contains("decisions.adr"), "{}", run.stderr);
    // A directory without Markdown (a new, empty collection) is no surprise.
    let p = project(config, &[("docs/adr/.gitkeep", "")]);
    let run = p.run(&["check"]);
    assert!(!run.stderr.contains("decisions.adr"), "{}", run.stderr);
}

#[test]
fn a_directory_outside_the_project_is_a_config_error() {
    for dir in ["..", "docs/../..", "/tmp"] {
        let p = project(&format!("[decisions]\nadr = [\"{dir}\"]\n"), &[]);
        let run = p.run(&["check"]);
        assert_eq!(run.code, 2, "{dir}: {}", run.stderr);
        assert!(run.stderr.contains("stratlint.toml:2:8"), "{}", run.stderr);
        assert!(
            run.stderr
                .contains(&format!("`{dir}` lies outside the project root")),
            "{}",
            run.stderr
        );
    }
    // A file is not a directory.
    let p = project("[decisions]\nadr = [\"owners.toml\"]\n", &[]);
    let run = p.run(&["check"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("`owners.toml` is not a directory"),
        "{}",
        run.stderr
    );
}

#[test]
fn odd_records_never_panic() {
    let odd: &[(&str, &str)] = &[
        ("docs/adr/0001-empty.md", ""),
        ("docs/adr/0002-dashes.md", "---\n"),
        (
            "docs/adr/0003-status-colon.md",
            "# 3. X\n\nStatus:\n\nDate:\n",
        ),
        (
            "docs/adr/0004-heading-colon.md",
            "# 4. X\n\n## Status:\n\n## Status: \n",
        ),
        (
            "docs/adr/0005-yaml-list.md",
            "---\ntitle: x\nstatus: [a, b]\ndate: [1]\nsupersedes: {a: b}\n---\n# 5\n",
        ),
        (
            "docs/adr/0006-unicode.md",
            "# 6. Ünïcødé\n\n## Status\n\nÄccepted 2020-01-01é\n\nSupersedes [é](./é/0001-empty.md) ADR ١٢\n",
        ),
        (
            "docs/adr/99999999999999999999-huge.md",
            "# Huge\n\n## Status\n\nSupersedes 99999999999999999999\n\nSuperseded by ADR 00000000000000000000000001\n",
        ),
        (
            "docs/adr/0007-comment.md",
            "<!-- never closed\n---\nstatus: accepted\n---\n",
        ),
        (
            "docs/adr/0008-time.md",
            "---\ndate: 2026-03-01T25:99:00+1é1\nstatus: superseded by\n---\n# 8\n",
        ),
        (
            "docs/adr/0009-links.md",
            "# 9\n\n## Status\n\n[Accepted]()\n\nSuperceded by [](#) and [x](https://example.com/0001-empty.md)\n",
        ),
        (
            "docs/adr/0010-x/index.md",
            "* Status: \n* Date: 2026-02-30\n* Tenets: , ,\n",
        ),
    ];
    let p = project("[decisions]\nadr = [\"docs/adr\"]\n", odd);
    let run = p.check_json(&[]);
    assert!(
        run.code == 0 || run.code == 1,
        "{}\n{}",
        run.code,
        run.stderr
    );
    assert!(!run.stderr.contains("internal error"), "{}", run.stderr);
    // A status that is no text: SL006 at its key.
    assert!(
        run.summary().contains(&(
            "SL006".into(),
            "docs/adr/0005-yaml-list.md".into(),
            3,
            Some("ADR-0005".into())
        )),
        "{:#?}",
        run.summary()
    );
    // Every file but the unclosed front matter (SL001, not read as a record).
    run.expect_one("SL001", "docs/adr/0002-dashes.md", 1, None);
    assert_eq!(
        run.json()["summary"]["objects"],
        odd.len() - 1,
        "{:#?}",
        run.summary()
    );
}
