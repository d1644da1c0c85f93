//! Undated adopted decision records are dated by git (SPEC §11): the UTC
//! day of the first commit in which the record exists, followed through
//! renames of its file and moves of its directory; a staged rename is not
//! a new record. Each case on a real repository with fixed dates, with and
//! without a commit-graph where the walk could differ.

mod common;
use common::{OWNERS, Project};
use serde_json::Value;

const NOW: &str = "2026-11-25";

const TENETS: &str = "[[tenet]]\nid = \"T-LOG\"\ntext = \"When reports disagree, we choose the event log over the report because reports can be rebuilt.\"\n";

/// An adr-tools record with no `Date:` line.
fn record(n: u32, title: &str) -> String {
    format!("# {n}. {title}\n\n## Status\n\nAccepted\n\n## Context\n\nWe had to decide.\n")
}

/// An undated record that cites tenet `T-LOG`.
fn citing(n: u32, title: &str) -> String {
    format!("---\ntenets: [T-LOG]\n---\n{}", record(n, title))
}

fn project(dir: &str) -> Project {
    let p = Project::new();
    p.write("stratlint.toml", &config(dir));
    p.write("owners.toml", OWNERS);
    p
}

fn config(dir: &str) -> String {
    format!("[decisions]\nadr = [\"{dir}\"]\n")
}

/// Each decision's id and date, as `report --format json` gives them.
fn dates(p: &Project) -> Vec<(String, Option<String>)> {
    let run = p.run(&["report", "--format", "json", "--now", NOW]);
    assert!(run.code <= 1, "{}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let mut dates: Vec<(String, Option<String>)> = json["decisions"]
        .as_array()
        .expect("decisions")
        .iter()
        .map(|d| {
            let id = d["id"].as_str().expect("id").to_owned();
            (id, d["date"].as_str().map(str::to_owned))
        })
        .collect();
    dates.sort();
    dates
}

fn dated(pairs: &[(&str, &str)]) -> Vec<(String, Option<String>)> {
    pairs
        .iter()
        .map(|(id, d)| ((*id).to_owned(), Some((*d).to_owned())))
        .collect()
}

/// The same dates with a commit-graph (Bloom filters skip commits) as without.
fn with_graph_too(p: &Project, expected: &[(String, Option<String>)]) {
    assert_eq!(dates(p), expected, "without a commit-graph");
    p.git(
        &["commit-graph", "write", "--reachable", "--changed-paths"],
        "2026-11-24T00:00:00+0000",
    );
    assert_eq!(dates(p), expected, "with a commit-graph");
}

/// Some commits that touch only code, between the strategy's.
fn code_commits(p: &Project, from: u32, date: &str) {
    for i in from..from + 3 {
        p.write(&format!("src/m{i}.rs"), &format!("// {i}\n"));
        p.commit_all(&format!("Code {i}"), date);
    }
}

#[test]
fn a_record_renamed_with_git_mv_keeps_the_day_it_was_added() {
    let p = project("docs/adr");
    p.write("docs/adr/0001-use-queues.md", &record(1, "Use queues"));
    p.commit_all("ADR 1", "2024-05-01T12:00:00+0000");
    code_commits(&p, 0, "2024-06-01T12:00:00+0000");
    p.git(
        &[
            "mv",
            "docs/adr/0001-use-queues.md",
            "docs/adr/0001-use-message-queues.md",
        ],
        "2026-10-01T12:00:00+0000",
    );
    p.write(
        "docs/adr/0001-use-message-queues.md",
        &record(1, "Use message queues"),
    );
    // A record that is new in the same commit is dated by it.
    p.write("docs/adr/0002-use-postgres.md", &record(2, "Use Postgres"));
    p.commit_all("Retitle ADR 1; ADR 2", "2026-10-01T12:00:00+0000");
    code_commits(&p, 3, "2026-10-02T12:00:00+0000");
    with_graph_too(
        &p,
        &dated(&[("ADR-0001", "2024-05-01"), ("ADR-0002", "2026-10-01")]),
    );
}

#[test]
fn moving_the_whole_adr_directory_re_dates_nothing() {
    let p = project("docs/adr");
    p.write("docs/adr/README.md", "# Decisions\n");
    p.write("docs/adr/0001-use-queues.md", &record(1, "Use queues"));
    p.commit_all("ADR 1", "2024-05-01T12:00:00+0000");
    code_commits(&p, 0, "2024-06-01T12:00:00+0000");
    p.write("docs/adr/0002-use-postgres.md", &record(2, "Use Postgres"));
    p.commit_all("ADR 2", "2025-02-01T12:00:00+0000");
    code_commits(&p, 3, "2025-03-01T12:00:00+0000");
    // `git mv docs/adr doc/decisions`, and the config follows it.
    std::fs::create_dir_all(p.path().join("doc")).unwrap();
    p.git(
        &["mv", "docs/adr", "doc/decisions"],
        "2026-10-01T12:00:00+0000",
    );
    p.write("stratlint.toml", &config("doc/decisions"));
    p.commit_all("Move the decisions", "2026-10-01T12:00:00+0000");
    code_commits(&p, 6, "2026-10-02T12:00:00+0000");
    p.write("doc/decisions/0003-use-kafka.md", &record(3, "Use Kafka"));
    p.commit_all("ADR 3", "2026-11-01T12:00:00+0000");
    with_graph_too(
        &p,
        &dated(&[
            ("ADR-0001", "2024-05-01"),
            ("ADR-0002", "2025-02-01"),
            ("ADR-0003", "2026-11-01"),
        ]),
    );
}

#[test]
fn a_record_deleted_and_re_added_keeps_the_day_it_first_existed() {
    let p = project("docs/adr");
    p.write("docs/adr/0001-use-queues.md", &record(1, "Use queues"));
    p.write("docs/adr/0002-use-postgres.md", &record(2, "Use Postgres"));
    p.commit_all("ADRs 1 and 2", "2024-05-01T12:00:00+0000");
    std::fs::remove_file(p.path().join("docs/adr/0001-use-queues.md")).unwrap();
    p.commit_all("Drop ADR 1 by mistake", "2025-01-10T12:00:00+0000");
    code_commits(&p, 0, "2025-02-01T12:00:00+0000");
    p.write("docs/adr/0001-use-queues.md", &record(1, "Use queues"));
    // A record no commit had before is dated by the commit that adds it.
    p.write("docs/adr/0003-use-kafka.md", &record(3, "Use Kafka"));
    p.commit_all("Restore ADR 1; ADR 3", "2026-10-01T12:00:00+0000");
    with_graph_too(
        &p,
        &dated(&[
            ("ADR-0001", "2024-05-01"),
            ("ADR-0002", "2024-05-01"),
            ("ADR-0003", "2026-10-01"),
        ]),
    );
}

#[test]
fn a_record_not_committed_yet_is_dated_now() {
    let p = project("docs/adr");
    p.write("docs/adr/0001-use-queues.md", &record(1, "Use queues"));
    p.commit_all("ADR 1", "2024-05-01T12:00:00+0000");
    p.write("docs/adr/0002-use-postgres.md", &record(2, "Use Postgres"));
    assert_eq!(
        dates(&p),
        dated(&[("ADR-0001", "2024-05-01"), ("ADR-0002", NOW)])
    );
    // Renamed in the working tree, not staged: the same record.
    std::fs::rename(
        p.path().join("docs/adr/0001-use-queues.md"),
        p.path().join("docs/adr/0001-use-message-queues.md"),
    )
    .unwrap();
    assert_eq!(
        dates(&p),
        dated(&[("ADR-0001", "2024-05-01"), ("ADR-0002", NOW)])
    );
}

/// TEN006 reads a citation's date: a record citing the tenet that was added
/// more than a year ago does not count as a recent use.
fn cited_long_ago() -> Project {
    let p = project("docs/adr");
    p.write("tenets.toml", TENETS);
    p.write("docs/adr/0008-use-queues.md", &citing(8, "Use queues"));
    p.commit_all("Tenet; ADR 8", "2024-05-01T12:00:00+0000");
    code_commits(&p, 0, "2024-06-01T12:00:00+0000");
    p
}

#[test]
fn a_staged_rename_is_not_a_new_record() {
    let p = cited_long_ago();
    p.git(
        &[
            "mv",
            "docs/adr/0008-use-queues.md",
            "docs/adr/0008-use-message-queues.md",
        ],
        "2026-11-20T12:00:00+0000",
    );
    for args in [&["--staged"][..], &[]] {
        let run = p.check_json(args);
        let d = run.expect_one("TEN006", "tenets.toml", 2, Some("T-LOG"));
        assert!(
            d["related"][0]["message"]
                .as_str()
                .unwrap()
                .ends_with("on 2024-05-01"),
            "{args:?}: {d:#}"
        );
    }
}

#[test]
fn a_staged_new_record_citing_the_tenet_is_a_recent_use() {
    let p = cited_long_ago();
    p.write("docs/adr/0009-use-kafka.md", &citing(9, "Use Kafka"));
    p.git(
        &["add", "docs/adr/0009-use-kafka.md"],
        "2026-11-20T12:00:00+0000",
    );
    let run = p.check_json(&["--staged"]);
    run.expect_none("TEN006");
    // Once committed, it is dated by its commit: still recent.
    p.commit_all("ADR 9", "2026-11-20T12:00:00+0000");
    p.check_json(&[]).expect_none("TEN006");
}
