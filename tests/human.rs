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
