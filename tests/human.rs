//! Snapshots of the human format (miette reports) under NO_COLOR at a fixed
//! width: source snippet, labelled span, help, related spans in other files.

mod common;
use common::{Project, run_binary};

fn snapshot(name: &str, text: &str) {
    insta::with_settings!({filters => vec![(r"in \d+ ms", "in [T] ms")], prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!(name, text);
    });
}

#[test]
fn broken_fixture() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/broken");
    let run = run_binary(&dir, &["check"], &[]);
    assert_eq!(run.code, 1);
    snapshot("broken_fixture", &run.stdout);
}

#[test]
fn related_location_in_another_file() {
    let p = Project::with_owners();
    p.write("a.toml", "[[objective]]\nid = \"CO-1\"\ntitle = \"Grow\"\nlevel = \"company\"\nowner = \"alice\"\n\n[[kpi]]\nid = \"K\"\ntitle = \"k\"\nobjective = \"CO-1\"\nowner = \"bob\"\nbaseline = 1\ntarget = 2\n");
    p.write("b/dup.md", "+++\nkind = \"principle\"\nid = \"CO-1\"\ntitle = \"Copy\"\nowner = \"alice\"\n+++\n\nBody.\n");
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1);
    snapshot("related_location_in_another_file", &run.stdout);
}

#[test]
fn parse_error_points_at_line_and_column() {
    let p = Project::with_owners();
    p.write(
        "kpis.toml",
        "[[kpi]]\nid = \"K-1\"\ntitle = \"Revenue\nowner = \"alice\"\n",
    );
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1);
    snapshot("parse_error_points_at_line_and_column", &run.stdout);
}

/// A principle reviewed long ago, before an inflection, in a project
/// without git: HL001 and HL003 on the same span, and the inflection in
/// another file.
#[test]
fn diagnostics_on_one_span_are_one_report_and_no_snippet_is_repeated() {
    let p = Project::with_owners();
    p.write(
        "principles/p.md",
        "+++\nkind = \"principle\"\nid = \"P-BUY\"\ntitle = \"Buy the commodity\"\nowner = \"alice\"\nreviewed = 2025-08-01\n+++\n\nBody.\n",
    );
    p.write(
        "inflections.toml",
        "[[inflection]]\nid = \"INF-SERIES-B\"\ntitle = \"Series B closed\"\ndate = 2026-06-01\n",
    );
    let run = p.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // One report (one code line), both labels under one snippet, HL003 nested.
    assert_eq!(run.stdout.matches("P-BUY").count(), 3, "{}", run.stdout);
    assert_eq!(run.stdout.matches("HL00").count(), 2, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("past its half-life; predates the inflection"),
        "{}",
        run.stdout
    );
    // HL001 and HL003 both name the `reviewed` line: one note, one snippet
    // (the note's text and the snippet's line), not one each.
    assert_eq!(
        run.stdout.matches("reviewed = 2025-08-01").count(),
        2,
        "{}",
        run.stdout
    );
    snapshot("one_span_one_report", &run.stdout);
}

/// Dates and ids are never split at their hyphens, however narrow the terminal.
#[test]
fn wrapping_never_splits_a_date_or_an_id() {
    let p = Project::with_owners();
    p.write(
        "tenets.toml",
        "[[tenet]]\nid = \"TEN-EU-EXPANSION-2026-10-01\"\ntext = \"When expanding to the EU on 2026-10-01, we choose INF-EU-LOCAL over INF-EU-REMOTE because\"\n",
    );
    p.write(
        "kpis.toml",
        "[[objective]]\nid = \"CO-1\"\ntitle = \"Grow\"\nlevel = \"company\"\nowner = \"alice\"\n\n[[kpi]]\nid = \"K-1\"\ntitle = \"Revenue\"\nobjective = \"CO-1\"\nowner = \"alice\"\ntarget = 2\n",
    );
    let run = common::run_binary(p.path(), &["check"], &[("COLUMNS", "44")]);
    for piece in ["2026-", "INF-", "TEN-EU-"] {
        for line in run.stdout.lines() {
            assert!(
                !line.trim_end().ends_with(piece),
                "split after {piece:?}: {line:?}\n{}",
                run.stdout
            );
        }
    }
    // Labels say what is wrong at the span.
    assert!(run.stdout.contains("no baseline"), "{}", run.stdout);
    assert!(
        run.stdout.contains("no `because …` rationale"),
        "{}",
        run.stdout
    );
    snapshot("narrow_terminal", &run.stdout);
}

/// The README's example output is the binary's, byte for byte (but the
/// timing). Its summary line counts every diagnostic of `fixtures/broken`:
/// `STRATLINT_BLESS=1 cargo test --test human` rewrites it when a rule or a
/// case is added there.
#[test]
fn the_readme_example_is_what_the_binary_prints() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let start = readme.find("$ stratlint check fixtures/broken\n").unwrap();
    let block = &readme[start..];
    let block = &block[block.find('\n').unwrap() + 1..block.find("```").unwrap()];
    let (report, summary) = block
        .split_once("…\n")
        .expect("a report, …, the summary line");
    let run = run_binary(root, &["check", "fixtures/broken"], &[]);
    assert!(
        run.stdout.contains(report),
        "README report not in:\n{}",
        run.stdout
    );
    let re = regex::Regex::new(r"in \d+ ms").unwrap();
    let last = run.stdout.lines().last().unwrap();
    common::generated::replace(
        "README.md",
        "the summary line of `stratlint check fixtures/broken`",
        summary.trim_end(),
        &re.replace(last, "in 9 ms"),
        "human",
    );
}
