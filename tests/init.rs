//! `stratlint init` in a project that already keeps architecture decision
//! records: it adopts their directories (SPEC §8), says so, and what it
//! writes still checks clean beside them.

mod common;
use common::{Project, run_binary};

const ADR_1: &str = "# 1. Record architecture decisions\n\nDate: 2024-03-04\n\n## Status\n\nAccepted\n\n\
## Context\n\nWe need to record the architectural decisions made on this project.\n\n\
## Decision\n\nWe will use Architecture Decision Records, as described by Michael Nygard.\n\n\
## Consequences\n\nSee Michael Nygard's article.\n";
const ADR_2: &str = "# 2. Use Postgres\n\nDate: 2024-05-06\n\n## Status\n\nAccepted\n\n\
## Context\n\nWe need a database; see [the first record](0001-record-architecture-decisions.md).\n\n\
## Decision\n\nWe will use Postgres.\n\n## Consequences\n\nOperations learn Postgres.\n";

fn today() -> String {
    stratlint::date::Date::from_unix(stratlint::date::clock()).to_string()
}

/// `check --format json --now today` in `p` (init's dates are today's), plus `args`.
fn check(p: &Project, args: &[&str]) -> common::Run {
    let today = today();
    let mut all = vec!["check", "--format", "json", "--now", today.as_str()];
    all.extend_from_slice(args);
    run_binary(p.path(), &all, &[])
}

/// An adr-tools collection (`doc/adr`, as `adr init` makes it), committed.
fn with_adr_tools() -> Project {
    let p = Project::bare();
    p.write("doc/adr/0001-record-architecture-decisions.md", ADR_1);
    p.write("doc/adr/0002-use-postgres.md", ADR_2);
    p.write("src/main.rs", "fn main() {}\n");
    p.commit_all("Code and ADRs", "2024-05-06T12:00:00+0000");
    p
}

#[test]
fn init_adopts_an_adr_tools_directory_and_says_so() {
    let p = with_adr_tools();
    let run = p.run(&["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("adopted ./doc/adr (2 records) in [decisions] adr of stratlint.toml"),
        "{}",
        run.stdout
    );
    let config = std::fs::read_to_string(p.path().join("stratlint.toml")).unwrap();
    assert!(config.contains("\nadr = [\"doc/adr\"]\n"), "{config}");
    // The records are read: two decisions beside the starter's objects.
    let run = check(&p, &[]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let objects = run.json()["summary"]["objects"].as_u64().unwrap();
    let bare = Project::bare();
    assert_eq!(bare.run(&["init"]).code, 0);
    let alone = check(&bare, &[]);
    alone.expect_clean();
    assert_eq!(
        objects,
        alone.json()["summary"]["objects"].as_u64().unwrap() + 2
    );
    // Nothing init wrote is reported, and nothing about how the records are
    // read: the records cite none of the tenets init invented, but SPEC §4b
    // spares decisions dated before the first tenet with an id was set
    // (init's tenets are not committed yet: set now).
    run.expect_clean();
    assert_eq!(run.code, 0);
}

#[test]
fn init_adopts_every_usual_layout_and_leaves_others_alone() {
    let p = Project::bare();
    // MADR in docs/decisions, with its template (not a record).
    p.write(
        "docs/decisions/0000-use-markdown-architectural-decision-records.md",
        "# Use Markdown Architectural Decision Records\n\nWe write decisions in MADR.\n",
    );
    p.write("docs/decisions/adr-template.md", "# {short title}\n");
    // One folder per record.
    p.write(
        "decisions/0001-first/index.md",
        "# First\n\n## Status\n\nAccepted\n",
    );
    // Markdown, but no record: not adopted.
    p.write("docs/adr/README.md", "# Decisions\n\nNone yet.\n");
    p.write("adr/0000-template.md", "# Template\n");
    let run = p.run(&["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let config = std::fs::read_to_string(p.path().join("stratlint.toml")).unwrap();
    assert!(
        config.contains("\nadr = [\"docs/decisions\", \"decisions\"]\n"),
        "{config}"
    );
    assert!(
        run.stdout.contains("adopted ./docs/decisions (1 record)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("adopted ./decisions (1 record)"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("docs/adr"), "{}", run.stdout);
    // `decisions/` holds records: the starter decision goes beside the thesis instead.
    assert!(
        p.path()
            .join("strategy/decisions/merge-to-trunk.md")
            .is_file()
    );
    assert!(!p.path().join("decisions/merge-to-trunk.md").exists());
}

#[test]
fn init_without_adr_directories_adopts_nothing() {
    let p = Project::bare();
    p.write("docs/notes.md", "# Notes\n");
    let run = p.run(&["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains("adopted"), "{}", run.stdout);
    let config = std::fs::read_to_string(p.path().join("stratlint.toml")).unwrap();
    assert!(config.contains("\nadr = []"), "{config}");
    check(&p, &[]).expect_clean();
}
