//! Adopted architecture decision records (SPEC §11), in the layouts teams
//! have them: adr-tools (`adr new`, `adr new -s 1`) and MADR (with and
//! without YAML front matter), read where they are, never written.

mod common;
use common::{OWNERS, Project};

const CONFIG: &str = "[decisions]\nadr = [\"docs/adr\"]\n";

/// What `adr init` then `adr new -s 1 Use Postgres` write (adr-tools 3).
const ADR_TOOLS_1: &str = "# 1. Record architecture decisions\n\nDate: 2026-01-10\n\n## Status\n\nSuperseded by [2. Use Postgres](0002-use-postgres.md)\n\n## Context\n\nWe need to record the architectural decisions made on this project.\n\n## Decision\n\nWe will use Architecture Decision Records.\n\n## Consequences\n\nSee Michael Nygard's article.\n";
const ADR_TOOLS_2: &str = "# 2. Use Postgres\n\nDate: 2026-02-01\n\n## Status\n\nAccepted\n\nSupersedes [1. Record architecture decisions](0001-record-architecture-decisions.md)\n\n## Context\n\nWe need a database.\n\n## Decision\n\nPostgres.\n\n## Consequences\n\nOne more thing to run.\n";

/// MADR 4: YAML front matter.
const MADR: &str = "---\nstatus: accepted\ndate: 2026-03-05\ndeciders: Alice Moreau, a stranger\ntenets: [T-LOG]\n---\n# Use an event log as the system of record\n\n## Context and Problem Statement\n\nReports disagree.\n\n## Considered Options\n\n* Event log\n* Reports\n\n## Decision Outcome\n\nChosen option: \"Event log\", because reports can be rebuilt.\n";

const TENETS: &str = "[[tenet]]\nid = \"T-LOG\"\ntext = \"When reports disagree, we choose the event log over the report because reports can be rebuilt.\"\n";

fn project(files: &[(&str, &str)]) -> Project {
    let p = Project::new();
    p.write("stratlint.toml", CONFIG);
    p.write("owners.toml", OWNERS);
    p.write(
        "docs/adr/README.md",
        "# Decisions\n\nAn index, not a record.\n",
    );
    p.write(
        "docs/adr/template.md",
        "# NNNN. Title\n\n## Status\n\nWhatever\n",
    );
    for (rel, text) in files {
        p.write(rel, text);
    }
    p
}

fn bytes(p: &Project) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for dir in ["docs/adr"] {
        let mut names: Vec<_> = std::fs::read_dir(p.path().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        names.sort();
        for n in names {
            out.push((n.display().to_string(), std::fs::read(n).unwrap()));
        }
    }
    out
}

#[test]
fn adr_tools_records_with_supersession_are_read_and_agree() {
    let p = project(&[
        (
            "docs/adr/0001-record-architecture-decisions.md",
            ADR_TOOLS_1,
        ),
        ("docs/adr/0002-use-postgres.md", ADR_TOOLS_2),
        ("tenets.toml", ""),
    ]);
    let before = bytes(&p);
    let run = p.check_json(&[]);
    assert_eq!(run.code, 0, "{:#?}\n{}", run.summary(), run.stderr);
    run.expect_clean();
    assert_eq!(run.json()["summary"]["objects"], 2);
    assert_eq!(bytes(&p), before, "nothing is written");
}

#[test]
fn a_superseded_record_nothing_supersedes_is_dec001_at_its_status_line() {
    let lone = ADR_TOOLS_1.replace(
        "Superseded by [2. Use Postgres](0002-use-postgres.md)",
        "Superseded",
    );
    let p = project(&[("docs/adr/0001-record-architecture-decisions.md", &lone)]);
    let run = p.check_json(&[]);
    run.expect_one(
        "DEC001",
        "docs/adr/0001-record-architecture-decisions.md",
        7,
        Some("ADR-0001"),
    );
    // An accepted successor whose predecessor still says accepted.
    let first = ADR_TOOLS_1.replace(
        "Superseded by [2. Use Postgres](0002-use-postgres.md)",
        "Accepted",
    );
    let p = project(&[
        ("docs/adr/0001-record-architecture-decisions.md", &first),
        ("docs/adr/0002-use-postgres.md", ADR_TOOLS_2),
    ]);
    let run = p.check_json(&[]);
    let d = run.expect_one(
        "DEC001",
        "docs/adr/0001-record-architecture-decisions.md",
        7,
        Some("ADR-0001"),
    );
    assert_eq!(d["related"][0]["file"], "docs/adr/0002-use-postgres.md");
    assert_eq!(d["related"][0]["line"], 9);
}

#[test]
fn madr_with_yaml_front_matter_cites_tenets_and_matches_deciders_loosely() {
    let p = project(&[
        ("docs/adr/0003-event-log.md", MADR),
        ("tenets.toml", TENETS),
    ]);
    let run = p.check_json(&[]);
    // Free-text deciders are never OWN002; the tenet is cited (no TEN006), so clean.
    run.expect_clean();
    // Citing an unknown tenet points at its YAML line.
    let p = project(&[
        (
            "docs/adr/0003-event-log.md",
            &MADR.replace("[T-LOG]", "[T-LGO]"),
        ),
        ("tenets.toml", TENETS),
    ]);
    let d =
        p.check_json(&[])
            .expect_one("OBJ001", "docs/adr/0003-event-log.md", 5, Some("ADR-0003"));
    assert_eq!(d["help"], "did you mean `T-LOG`?");
}

#[test]
fn madr_2_list_items_give_status_and_date() {
    let madr2 = "# Use Rust\n\n* Status: proposed\n* Deciders: Bob\n* Date: 2026-04-01\n\n## Context and Problem Statement\n\nWhich language?\n";
    let p = project(&[("docs/adr/0004-use-rust.md", madr2)]);
    p.check_json(&[]).expect_clean();
    // A synonym reads as its status: `approved` is accepted (SL006 no more).
    let approved = madr2.replace("proposed", "approved");
    let p = project(&[("docs/adr/0004-use-rust.md", &approved)]);
    p.check_json(&[]).expect_clean();
    let bad = madr2.replace("proposed", "on ice");
    let p = project(&[("docs/adr/0004-use-rust.md", &bad)]);
    let d = p
        .check_json(&[])
        .expect_one("SL006", "docs/adr/0004-use-rust.md", 3, Some("ADR-0004"));
    let message = d["message"].as_str().unwrap();
    assert!(message.contains("is \"on ice\""), "{d:#}");
    assert!(message.contains("`decisions.statuses`"), "{d:#}");
}

#[test]
fn a_record_with_no_status_gets_the_default_and_one_with_no_title_is_sl003() {
    // No status anywhere: `decisions.default_status` (accepted), so it is in
    // force and DEC003 asks for a tenet; no SL003.
    let p = project(&[
        (
            "docs/adr/0005-x.md",
            "\n\n# 5. Something\n\nNo status anywhere.\n",
        ),
        ("tenets.toml", TENETS),
    ]);
    let run = p.check_json(&[]);
    run.expect_none("SL003");
    run.expect_one("DEC003", "docs/adr/0005-x.md", 3, Some("ADR-0005"));
    // With `default_status = "proposed"` it is not in force.
    p.write(
        "stratlint.toml",
        &format!("{CONFIG}default_status = \"proposed\"\n"),
    );
    let run = p.check_json(&[]);
    run.expect_none("DEC003");
    run.expect_none("SL003");
    // A Status line or section with nothing readable is SL006, never the default.
    for empty in [
        "* Status:\n* Date: 2026-01-01\n",
        "## Status\n\n## Context\n\nx\n",
    ] {
        let p = project(&[("docs/adr/0005-x.md", &format!("# 5. X\n\n{empty}"))]);
        let d = p
            .check_json(&[])
            .expect_one("SL006", "docs/adr/0005-x.md", 3, Some("ADR-0005"));
        assert!(
            d["message"].as_str().unwrap().contains("no status"),
            "{d:#}"
        );
    }
    let p = project(&[("docs/adr/0005-x.md", "Status: accepted\nDate: 2026-01-01\n")]);
    let run = p.check_json(&[]);
    let d = run.expect_one("SL003", "docs/adr/0005-x.md", 1, Some("ADR-0005"));
    assert!(d["message"].as_str().unwrap().contains("`title`"));
}

#[test]
fn yaml_that_does_not_parse_is_sl001_and_nothing_else() {
    let p = project(&[(
        "docs/adr/0006-x.md",
        "---\nstatus: [accepted\ntitle: x\n---\n# 6. X\n",
    )]);
    let run = p.check_json(&[]);
    assert_eq!(run.diagnostics().len(), 1, "{:#?}", run.summary());
    let d = run.expect_one("SL001", "docs/adr/0006-x.md", 3, None);
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .starts_with("YAML front matter does not parse")
    );
}

#[test]
fn an_alias_bomb_is_sl001_in_bounded_time() {
    let mut bomb = String::from("---\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for k in 0..9u8 {
        let (prev, next) = ((b'a' + k) as char, (b'a' + k + 1) as char);
        bomb.push_str(&format!("{next}: &{next} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
    }
    bomb.push_str("status: *j\n---\n# 7. Boom\n");
    let p = project(&[("docs/adr/0007-boom.md", &bomb)]);
    let started = std::time::Instant::now();
    let run = p.check_json(&[]);
    assert!(started.elapsed().as_secs() < 20);
    let d = run.expect_one("SL001", "docs/adr/0007-boom.md", 1, None);
    assert!(
        d["message"].as_str().unwrap().contains("alias bomb"),
        "{d:#}"
    );
}

#[test]
fn an_undated_record_is_dated_by_the_commit_that_added_it() {
    let undated = "# 8. Use queues\n\n## Status\n\nAccepted\n\n## Context\n\nx\n";
    let p = project(&[
        ("docs/adr/0008-use-queues.md", undated),
        ("tenets.toml", TENETS),
    ]);
    p.commit_all("Add ADR 8", "2024-05-01T12:00:00+0000");
    // Cited? No: but with a tenet in the project DEC003 fires on the record, and TEN006 on the tenet,
    // whose only possible citer is dated 2024-05-01 by git.
    p.write(
        "docs/adr/0008-use-queues.md",
        &undated
            .replace("## Context", "---\n\n## Context")
            .replace("---\n\n", ""),
    );
    let run = p.check_json(&[]);
    run.expect_one("DEC003", "docs/adr/0008-use-queues.md", 1, Some("ADR-0008"));
    let cites = "---\ntenets: [T-LOG]\n---\n# 8. Use queues\n\n## Status\n\nAccepted\n";
    p.write("docs/adr/0008-use-queues.md", cites);
    p.commit_all("Cite", "2024-06-01T12:00:00+0000");
    let run = p.check_json(&[]);
    // Added on 2024-05-01: more than a year before now (2026-11-25), so the citation does not count.
    let d = run.expect_one("TEN006", "tenets.toml", 2, Some("T-LOG"));
    assert!(
        d["related"][0]["message"]
            .as_str()
            .unwrap()
            .ends_with("on 2024-05-01"),
        "{d:#}"
    );
    // Without history the record has no date: no SL003, and no counting citation.
    let run = p.check_json(&["--no-history"]);
    run.expect_none("SL003");
    run.expect_one("TEN006", "tenets.toml", 2, Some("T-LOG"));
}

#[test]
fn an_adr_directory_that_does_not_exist_is_a_config_error() {
    let p = Project::new();
    p.write(
        "stratlint.toml",
        "[decisions]\nadr = [\"docs/decisions\"]\n",
    );
    let run = p.run(&["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("stratlint.toml:2:8"), "{}", run.stderr);
    assert!(
        run.stderr.contains("`docs/decisions` does not exist"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_directory_with_its_own_prefix() {
    let p = Project::new();
    p.write(
        "stratlint.toml",
        "[decisions]\nadr = [{ path = \"arch\", prefix = \"ARCH-\" }]\n",
    );
    p.write("owners.toml", OWNERS);
    p.write(
        "arch/0001-x.md",
        "# 1. X\n\nDate: 2026-01-01\n\n## Status\n\nSuperseded\n",
    );
    let run = p.check_json(&[]);
    run.expect_one("DEC001", "arch/0001-x.md", 7, Some("ARCH-0001"));
}

#[test]
fn superseded_by_written_as_text_is_read_too() {
    let first = ADR_TOOLS_1.replace(
        "Superseded by [2. Use Postgres](0002-use-postgres.md)",
        "Superseded by ADR-0002",
    );
    let second = ADR_TOOLS_2.replace(
        "Supersedes [1. Record architecture decisions](0001-record-architecture-decisions.md)\n\n",
        "",
    );
    let p = project(&[
        ("docs/adr/0001-record-architecture-decisions.md", &first),
        ("docs/adr/0002-use-postgres.md", &second),
    ]);
    p.check_json(&[]).expect_clean();
    // And YAML `status: superseded by 0002`.
    let yaml = "---\nstatus: superseded by 0002\ndate: 2026-01-10\n---\n# 1. Old\n";
    let p = project(&[
        ("docs/adr/0001-old.md", yaml),
        ("docs/adr/0002-use-postgres.md", &second),
    ]);
    p.check_json(&[]).expect_clean();
}

#[test]
fn a_superseded_by_link_on_a_status_line_is_read() {
    // SPEC §11: MADR 2 writes `* Status: superseded by [ADR-0002](0002-b.md)`;
    // its link is the other record's `supersedes`, as a paragraph's is.
    let old = "# Use MySQL\n\n* Status: superseded by [ADR-0002](0002-use-postgres.md)\n* Date: 2026-01-10\n";
    let new = "# Use Postgres\n\n* Status: accepted\n* Date: 2026-02-10\n";
    for old in [old.to_owned(), old.replace("* Status", "Status")] {
        let p = project(&[
            ("docs/adr/0001-use-mysql.md", &old),
            ("docs/adr/0002-use-postgres.md", new),
        ]);
        p.check_json(&[]).expect_clean();
    }
    // Without the link the record is superseded by nothing: DEC001.
    let bare = old.replace(" [ADR-0002](0002-use-postgres.md)", "");
    let p = project(&[
        ("docs/adr/0001-use-mysql.md", &bare),
        ("docs/adr/0002-use-postgres.md", new),
    ]);
    p.check_json(&[])
        .expect_one("DEC001", "docs/adr/0001-use-mysql.md", 3, Some("ADR-0001"));
}

// ------------------------------------------------ adr-tools' spelling --

/// adr-tools 3 writes `Supercedes` and `Superceded by` (with a c) on `adr new -s 1`.
const SUPERCEDED_1: &str = "# 1. Use MySQL\n\nDate: 2026-01-10\n\n## Status\n\nSuperceded by [2. Use Postgres](0002-use-postgres.md)\n\n## Context\n\nx\n";
const SUPERCEDES_2: &str = "# 2. Use Postgres\n\nDate: 2026-02-01\n\n## Status\n\nAccepted\n\nSupercedes [1. Use MySQL](0001-use-mysql.md)\n\n## Context\n\nx\n";

#[test]
fn adr_tools_supercedes_spelling_reads_both_ways() {
    let p = project(&[
        ("docs/adr/0001-use-mysql.md", SUPERCEDED_1),
        ("docs/adr/0002-use-postgres.md", SUPERCEDES_2),
    ]);
    p.check_json(&[]).expect_clean();
    // `Supercedes` alone names the old record: it must say superseded.
    let still = SUPERCEDED_1.replace(
        "Superceded by [2. Use Postgres](0002-use-postgres.md)",
        "Accepted",
    );
    let p = project(&[
        ("docs/adr/0001-use-mysql.md", &still),
        ("docs/adr/0002-use-postgres.md", SUPERCEDES_2),
    ]);
    let d =
        p.check_json(&[])
            .expect_one("DEC001", "docs/adr/0001-use-mysql.md", 7, Some("ADR-0001"));
    assert_eq!(d["related"].as_array().unwrap().len(), 1, "{d:#}");
    assert_eq!(d["related"][0]["line"], 9);
    // `Superceded by` alone names the new one: the old one is superseded
    // by it, so nothing is wrong even when the new one does not say it.
    let silent = SUPERCEDES_2.replace("Supercedes [1. Use MySQL](0001-use-mysql.md)\n\n", "");
    let p = project(&[
        ("docs/adr/0001-use-mysql.md", SUPERCEDED_1),
        ("docs/adr/0002-use-postgres.md", &silent),
    ]);
    p.check_json(&[]).expect_clean();
    // And when it names a record that does not supersede anything: an orphan.
    let p = project(&[("docs/adr/0001-use-mysql.md", SUPERCEDED_1)]);
    p.check_json(&[])
        .expect_one("DEC001", "docs/adr/0001-use-mysql.md", 7, Some("ADR-0001"));
}

#[test]
fn a_superseding_record_superseded_in_turn_is_superseded() {
    // adr-tools leaves `Supercedes [1]` first and adds `Superceded by [3]`
    // below it when record 2 is superseded by 3: the relation is skipped.
    let second = "# 2. Use Postgres\n\nDate: 2026-02-01\n\n## Status\n\nSupercedes [1. Use MySQL](0001-use-mysql.md)\n\nSuperceded by [3. Use SQLite](0003-use-sqlite.md)\n";
    let third = "# 3. Use SQLite\n\nDate: 2026-03-01\n\n## Status\n\nAccepted\n\nSupercedes [2. Use Postgres](0002-use-postgres.md)\n";
    let p = project(&[
        ("docs/adr/0001-use-mysql.md", SUPERCEDED_1),
        ("docs/adr/0002-use-postgres.md", second),
        ("docs/adr/0003-use-sqlite.md", third),
    ]);
    p.check_json(&[]).expect_clean();
    // Without record 3 accepting, record 2 is an orphan superseded record:
    // the status was read from `Superceded by` (line 9), not `Supercedes`.
    let p = project(&[
        ("docs/adr/0001-use-mysql.md", SUPERCEDED_1),
        ("docs/adr/0002-use-postgres.md", second),
        (
            "docs/adr/0003-use-sqlite.md",
            &third.replace("Accepted", "Proposed"),
        ),
    ]);
    p.check_json(&[]).expect_one(
        "DEC001",
        "docs/adr/0002-use-postgres.md",
        9,
        Some("ADR-0002"),
    );
}

#[test]
fn other_relations_in_the_status_section_are_skipped() {
    // adr-tools `-l "Amends:Amended by"` and a custom verb: relations, not the status.
    let amended = "# 1. A\n\nDate: 2026-01-10\n\n## Status\n\nAmended by [2. B](0002-b.md)\n\nRefined by [3. C](0003-c.md)\n\nDeprecated\n";
    let p = project(&[("docs/adr/0001-a.md", amended)]);
    let run = p.check_json(&[]);
    // Deprecated: retired, so nothing fires on it.
    run.expect_clean();
    // A date or an image before the status is no status.
    let dated = "# 1. A\n\n## Status\n\n2026-01-10\n\n![badge](badge.png)\n\nRejected\n";
    let p = project(&[("docs/adr/0001-a.md", dated), ("docs/adr/badge.png", "png")]);
    p.check_json(&[]).expect_clean();
    // A section that opens with `<Verb> [link]` and then prose: the verb is
    // the status (home-assistant/architecture writes `Reverted by [#1198](…)`).
    let reverted = "# 14. Supervised\n\nDate: 2020-06-03\n\n## Status\n\nReverted by [discussion #1198](https://github.com/o/r/discussions/1198).\n\nSupervised is no longer supported.\n\n## Context\n\nx\n";
    let p = project(&[("docs/adr/0014-supervised.md", reverted)]);
    let d =
        p.check_json(&[])
            .expect_one("SL006", "docs/adr/0014-supervised.md", 7, Some("ADR-0014"));
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("is \"reverted by\""),
        "{d:#}"
    );
    p.write(
        "stratlint.toml",
        &format!("{CONFIG}statuses = {{ \"reverted by\" = \"rejected\" }}\n"),
    );
    p.check_json(&[]).expect_clean();
    // A section holding only relations has no status to read: SL006, not the default.
    let only =
        "# 1. A\n\nDate: 2026-01-10\n\n## Status\n\nAmends [2. B](0002-b.md)\n\n## Context\n\nx\n";
    let p = project(&[("docs/adr/0001-a.md", only)]);
    let d = p
        .check_json(&[])
        .expect_one("SL006", "docs/adr/0001-a.md", 5, Some("ADR-0001"));
    assert!(
        d["message"].as_str().unwrap().contains("no status"),
        "{d:#}"
    );
}

// --------------------------------------------------------- statuses --

#[test]
fn a_status_heading_carries_its_status() {
    let old = "# 1. Use MySQL\n\nDate: 2026-01-10\n\n## Status: Superseded\n\n## Context\n\nx\n";
    let p = project(&[("docs/adr/0001-use-mysql.md", old)]);
    p.check_json(&[])
        .expect_one("DEC001", "docs/adr/0001-use-mysql.md", 5, Some("ADR-0001"));
    let p = project(&[
        ("docs/adr/0001-use-mysql.md", old),
        ("docs/adr/0002-use-postgres.md", SUPERCEDES_2),
    ]);
    p.check_json(&[]).expect_clean();
    // A heading may name the successor too.
    let linked = old.replace(
        "## Status: Superseded",
        "## Status: Superseded by [ADR-2](0002-use-postgres.md)",
    );
    let accepted = SUPERCEDES_2.replace("Supercedes [1. Use MySQL](0001-use-mysql.md)\n\n", "");
    let p = project(&[
        ("docs/adr/0001-use-mysql.md", &linked),
        ("docs/adr/0002-use-postgres.md", &accepted),
    ]);
    p.check_json(&[]).expect_clean();
}

#[test]
fn status_phrases_map_through_synonyms_and_decisions_statuses() {
    let record = |status: &str| {
        format!("# 4. Use Rust\n\nDate: 2026-04-01\n\n## Status\n\n{status}\n\n## Context\n\nx\n")
    };
    // Synonyms (here: in force or not, seen through DEC003 with a tenet present).
    for (status, in_force) in [
        ("Approved on 2026-04-02 by the board", true),
        ("Implemented.", true),
        ("In review", false),
        ("On hold until the audit", false),
        ("Declined", false),
        ("Obsolete", false),
    ] {
        let p = project(&[
            ("docs/adr/0004-use-rust.md", &record(status)),
            ("tenets.toml", TENETS),
        ]);
        let run = p.check_json(&[]);
        run.expect_none("SL006");
        if in_force {
            run.expect_one("DEC003", "docs/adr/0004-use-rust.md", 1, Some("ADR-0004"));
        } else {
            run.expect_none("DEC003");
        }
    }
    // An unknown phrase is SL006, quoted whole, naming `decisions.statuses`.
    let p = project(&[("docs/adr/0004-use-rust.md", &record("Parked for now"))]);
    let d = p
        .check_json(&[])
        .expect_one("SL006", "docs/adr/0004-use-rust.md", 7, Some("ADR-0004"));
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("\"parked for now\""),
        "{d:#}"
    );
    assert!(d["help"].as_str().unwrap().contains("statuses"), "{d:#}");
    // Mapped in the config, it reads.
    p.write(
        "stratlint.toml",
        &format!("{CONFIG}statuses = {{ \"Parked\" = \"rejected\" }}\n"),
    );
    p.check_json(&[]).expect_clean();
}

#[test]
fn bad_status_settings_are_config_errors() {
    for (line, wanted) in [
        ("default_status = \"done\"", "decisions.default_status"),
        ("statuses = { parked = \"shelved\" }", "decisions.statuses"),
    ] {
        let p = project(&[]);
        p.write("stratlint.toml", &format!("{CONFIG}{line}\n"));
        let run = p.run(&["check"]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(run.stderr.contains("stratlint.toml:3:"), "{}", run.stderr);
        assert!(run.stderr.contains(wanted), "{}", run.stderr);
    }
}

#[test]
fn yaml_front_matter_after_an_spdx_header_is_read() {
    let record = "<!-- SPDX-License-Identifier: CC-BY-4.0 -->\n\n<!--\n  Copyright the authors\n-->\n---\nstatus: parked\ndate: 2026-03-05\n---\n# Use an event log\n";
    let p = project(&[("docs/adr/0003-event-log.md", record)]);
    p.check_json(&[])
        .expect_one("SL006", "docs/adr/0003-event-log.md", 7, Some("ADR-0003"));
    let p = project(&[(
        "docs/adr/0003-event-log.md",
        &record.replace("parked", "accepted"),
    )]);
    p.check_json(&[]).expect_clean();
}

// ------------------------------------------------------------ dates --

/// The day TEN006 says the tenet was last cited on, from a record `text` citing it.
fn cited_on(text: &str) -> String {
    let p = project(&[
        ("docs/adr/0003-event-log.md", text),
        ("tenets.toml", TENETS),
    ]);
    let run = p.check_json(&[]);
    let d = run.expect_one("TEN006", "tenets.toml", 2, Some("T-LOG"));
    d["related"][0]["message"].as_str().unwrap().to_owned()
}

#[test]
fn yaml_datetimes_are_read_as_their_utc_day() {
    let yaml = |date: &str| {
        format!("---\nstatus: accepted\ndate: {date}\ntenets: [T-LOG]\n---\n# Use an event log\n")
    };
    assert!(cited_on(&yaml("2024-05-01")).ends_with("on 2024-05-01"));
    assert!(cited_on(&yaml("2024-05-01T23:30:00-02:00")).ends_with("on 2024-05-02"));
    assert!(cited_on(&yaml("2024-05-01 00:30:00 +01:00")).ends_with("on 2024-04-30"));
    // Not a date: SL006 at its line.
    let p = project(&[("docs/adr/0003-event-log.md", &yaml("last spring"))]);
    p.check_json(&[])
        .expect_one("SL006", "docs/adr/0003-event-log.md", 3, Some("ADR-0003"));
}

#[test]
fn the_first_date_on_a_date_line_is_the_date() {
    let body = |line: &str| {
        format!("# 3. Use an event log\n\n{line}\n\n## Status\n\nAccepted\n\nTenets: T-LOG\n")
    };
    assert!(cited_on(&body("Date: 2024-05-01 (revised 2026-01-01)")).ends_with("on 2024-05-01"));
    assert!(cited_on(&body("* Date: first 2024-05-03")).ends_with("on 2024-05-03"));
    assert!(cited_on(&body("- **Date:** 2024-05-04")).ends_with("on 2024-05-04"));
    // A day-first date is not read (no SL006): the record is dated by git.
    let p = project(&[
        ("docs/adr/0003-event-log.md", &body("Date: 29/12/2021")),
        ("tenets.toml", TENETS),
    ]);
    p.check_json(&["--no-history"]).expect_none("SL006");
    // A date that does not exist is SL006 at its line.
    let p = project(&[
        ("docs/adr/0003-event-log.md", &body("Date: 2024-13-01")),
        ("tenets.toml", TENETS),
    ]);
    p.check_json(&[])
        .expect_one("SL006", "docs/adr/0003-event-log.md", 3, Some("ADR-0003"));
}

// ------------------------------------------------------- references --

#[test]
fn references_to_records_compare_numbers() {
    let old = "# 17. Use MySQL\n\nDate: 2026-01-10\n\n## Status\n\nSuperseded\n";
    let new = |how: &str| {
        format!(
            "# 18. Use Postgres\n\nDate: 2026-02-01\n\n## Status\n\nAccepted\n\nSupersedes {how}\n"
        )
    };
    for how in [
        "ADR-17",
        "ADR 17",
        "adr-0017",
        "0017",
        "17",
        "[the old one](./0017-use-mysql.md)",
    ] {
        let p = project(&[
            ("docs/adr/0017-use-mysql.md", old),
            ("docs/adr/0018-use-postgres.md", &new(how)),
        ]);
        p.check_json(&[]).expect_clean();
    }
    // YAML `status: superseded by ADR 0018` in the old record.
    let yaml = "---\nstatus: superseded by ADR 18\ndate: 2026-01-10\n---\n# Use MySQL\n";
    let accepted = "# 18. Use Postgres\n\nDate: 2026-02-01\n\n## Status\n\nAccepted\n";
    let p = project(&[
        ("docs/adr/0017-use-mysql.md", yaml),
        ("docs/adr/0018-use-postgres.md", accepted),
    ]);
    p.check_json(&[]).expect_clean();
    // A year in prose after `Supersedes` names no record (no OBJ001).
    let p = project(&[
        (
            "docs/adr/0017-use-mysql.md",
            &old.replace("Superseded", "Accepted"),
        ),
        (
            "docs/adr/0018-use-postgres.md",
            &new("the 2019 hosting plan, as agreed"),
        ),
    ]);
    p.check_json(&[]).expect_clean();
    // Another number names another record: the old one is an orphan.
    let p = project(&[
        ("docs/adr/0017-use-mysql.md", old),
        ("docs/adr/0018-use-postgres.md", &new("ADR 19")),
    ]);
    p.check_json(&[])
        .expect_one("DEC001", "docs/adr/0017-use-mysql.md", 7, Some("ADR-0017"));
}

#[test]
fn dec001_relates_each_superseding_record_once() {
    // Record 2 names record 1 three ways; record 3 once. Record 1 still says accepted.
    let first = "# 1. A\n\nDate: 2026-01-10\n\n## Status\n\nAccepted\n";
    let second = "---\nsupersedes: [1, ADR-0001]\n---\n# 2. B\n\nDate: 2026-02-01\n\n## Status\n\nAccepted\n\nSupersedes [1. A](0001-a.md)\n";
    let third =
        "# 3. C\n\nDate: 2026-03-01\n\n## Status\n\nAccepted\n\nSupersedes [1. A](0001-a.md)\n";
    let p = project(&[
        ("docs/adr/0001-a.md", first),
        ("docs/adr/0002-b.md", second),
        ("docs/adr/0003-c.md", third),
    ]);
    let d = p
        .check_json(&[])
        .expect_one("DEC001", "docs/adr/0001-a.md", 7, Some("ADR-0001"));
    let related: Vec<&str> = d["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        related,
        ["docs/adr/0002-b.md", "docs/adr/0003-c.md"],
        "{d:#}"
    );
    // An orphan has none.
    let p = project(&[(
        "docs/adr/0001-a.md",
        &first.replace("Accepted", "Superseded"),
    )]);
    let d = p
        .check_json(&[])
        .expect_one("DEC001", "docs/adr/0001-a.md", 7, Some("ADR-0001"));
    assert!(d["related"].as_array().is_none_or(Vec::is_empty), "{d:#}");
}

// ---------------------------------------------------------- tenets --

#[test]
fn a_tenets_line_cites_tenets() {
    let record = |tenets: &str| {
        format!(
            "# 3. Use an event log\n\nDate: 2026-03-05\n\n## Status\n\nAccepted\n\n* Tenets: {tenets}\n"
        )
    };
    let p = project(&[
        ("docs/adr/0003-event-log.md", &record("T-LOG")),
        ("tenets.toml", TENETS),
    ]);
    p.check_json(&[]).expect_clean();
    let p = project(&[
        ("docs/adr/0003-event-log.md", &record("T-LOG, T-LGO")),
        ("tenets.toml", TENETS),
    ]);
    let d =
        p.check_json(&[])
            .expect_one("OBJ001", "docs/adr/0003-event-log.md", 9, Some("ADR-0003"));
    assert_eq!(d["column"], 18, "{d:#}");
}

// ------------------------------------------- real collections' shapes --
//
// Small hand-written equivalents of what real public collections write
// (docs/adr-collections.md): each shape read right, and its near miss
// still reported.

/// Each decision's (id, status, date, superseded_by) as `report` reads them.
fn decisions(p: &Project) -> Vec<(String, String, String, Vec<String>)> {
    let run = p.run(&["report", "--format", "json", "--now", "2026-11-25"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let mut out: Vec<_> = json["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["id"].as_str().unwrap().to_owned(),
                d["status"].as_str().unwrap_or("-").to_owned(),
                d["date"].as_str().unwrap_or("-").to_owned(),
                d["superseded_by"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap().to_owned())
                    .collect(),
            )
        })
        .collect();
    out.sort();
    out
}

/// An adr-tools record numbered `n` whose Status section holds `status`.
fn nygard(n: u32, status: &str) -> String {
    format!("# {n}. Record {n}\n\nDate: 2026-01-10\n\n## Status\n\n{status}\n\n## Context\n\nx\n")
}

#[test]
fn emoji_and_symbols_around_the_status_word_are_dropped() {
    // cloud-platform and modernisation-platform: `✅ Accepted`, `⌛️ Superseded by […]`.
    let p = project(&[
        ("docs/adr/0001-a.md", &nygard(1, "✅ Accepted")),
        ("docs/adr/0002-b.md", &nygard(2, "❌ Rejected")),
        ("docs/adr/0003-c.md", &nygard(3, "🤔 Proposed 🤔")),
        (
            "docs/adr/0004-d.md",
            &nygard(4, "⌛️ Superseded by [5. E](0005-e.md)"),
        ),
        (
            "docs/adr/0005-e.md",
            &nygard(5, "✅ Accepted\n\nSupersedes [4. D](0004-d.md)"),
        ),
    ]);
    p.check_json(&[]).expect_clean();
    let read: Vec<(String, String)> = decisions(&p)
        .into_iter()
        .map(|(id, st, _, _)| (id, st))
        .collect();
    assert_eq!(
        read,
        [
            ("ADR-0001".into(), "accepted".into()),
            ("ADR-0002".into(), "rejected".into()),
            ("ADR-0003".into(), "proposed".into()),
            ("ADR-0004".into(), "superseded".into()),
            ("ADR-0005".into(), "accepted".into()),
        ]
    );
    // The successor named only by the emoji-led line: no DEC001 on the old one.
    let p = project(&[
        (
            "docs/adr/0004-d.md",
            &nygard(4, "⌛️ Superseded by [5. E](0005-e.md)"),
        ),
        ("docs/adr/0005-e.md", &nygard(5, "✅ Accepted")),
    ]);
    p.check_json(&[]).expect_clean();
    // Only symbols: SL006 (at the heading) says no status could be read,
    // never quoting `""`.
    let p = project(&[("docs/adr/0001-a.md", &nygard(1, "✅ ⌛"))]);
    let d = p
        .check_json(&[])
        .expect_one("SL006", "docs/adr/0001-a.md", 5, Some("ADR-0001"));
    let message = d["message"].as_str().unwrap();
    assert!(message.contains("no status"), "{d:#}");
    assert!(!message.contains("\"\""), "{d:#}");
}

#[test]
fn the_first_word_is_looked_up_without_its_punctuation() {
    for (status, wanted) in [
        ("Accepted, amended by [2. B](0002-b.md)", "accepted"),
        (
            "Accepted: Tracking issue [#12](https://example.org/12)",
            "accepted",
        ),
        ("Accepted. Tracking in the board.", "accepted"),
        ("Proposed, partially implemented", "proposed"),
    ] {
        let p = project(&[("docs/adr/0001-a.md", &nygard(1, status))]);
        p.check_json(&[]).expect_none("SL006");
        assert_eq!(decisions(&p)[0].1, wanted, "{status}");
    }
    // A first word no status knows, punctuated, is still SL006.
    let p = project(&[("docs/adr/0001-a.md", &nygard(1, "Parked, for now"))]);
    p.check_json(&[])
        .expect_one("SL006", "docs/adr/0001-a.md", 7, Some("ADR-0001"));
}

#[test]
fn a_date_line_without_an_iso_date_falls_back_to_git() {
    let record = |date: &str| {
        format!("# 1. A\n\nDate: {date}\n\n## Status\n\nAccepted\n\n## Context\n\nx\n")
    };
    for date in ["05/02/2018", "10/04/18", "sometime in May"] {
        let p = project(&[("docs/adr/0001-a.md", &record(date))]);
        p.commit_all("records", "2024-03-04T10:00:00+0000");
        p.check_json(&[]).expect_none("SL006");
        assert_eq!(decisions(&p)[0].2, "2024-03-04", "{date}");
    }
    // The first ISO date on the line, a note after it ignored.
    let p = project(&[(
        "docs/adr/0001-a.md",
        &record("2019-05-13, updated 2023-02-05 (moved to core)"),
    )]);
    p.commit_all("records", "2024-03-04T10:00:00+0000");
    p.check_json(&[]).expect_clean();
    assert_eq!(decisions(&p)[0].2, "2019-05-13");
}

#[test]
fn an_index_or_readme_named_like_a_record_is_not_one() {
    // hyades: `000-index.md` beside the records.
    let p = project(&[
        ("docs/adr/000-index.md", "Here we keep our ADRs.\n"),
        ("docs/adr/0001-README.md", "Read me.\n"),
        ("docs/adr/001-a.md", &nygard(1, "Accepted")),
    ]);
    p.check_json(&[]).expect_clean();
    let ids: Vec<String> = decisions(&p).into_iter().map(|d| d.0).collect();
    assert_eq!(ids, ["ADR-001"]);
    // A record whose slug merely starts with `index` is a record.
    let p = project(&[("docs/adr/002-indexing.md", "Nothing here.\n")]);
    p.check_json(&[])
        .expect_one("SL003", "docs/adr/002-indexing.md", 1, Some("ADR-002"));
}

#[test]
fn a_leading_iso_date_names_a_record_by_its_whole_name() {
    // eclipse-edc: one folder per record, `YYYY-MM-DD-slug/README.md`.
    let record = |title: &str| format!("# {title}\n\n## Decision\n\nx\n");
    let p = project(&[
        ("docs/adr/2022-02-07-tracing/README.md", &record("Tracing")),
        ("docs/adr/2022-02-07-metrics/README.md", &record("Metrics")),
        ("docs/adr/2022-03-01_helm.md", &record("Helm")),
    ]);
    p.check_json(&[]).expect_clean();
    let ids: Vec<String> = decisions(&p).into_iter().map(|d| d.0).collect();
    assert_eq!(
        ids,
        [
            "ADR-2022-02-07-metrics",
            "ADR-2022-02-07-tracing",
            "ADR-2022-03-01_helm"
        ]
    );
    // Two records sharing one number are still SL004.
    let p = project(&[
        ("docs/adr/0007-a.md", &record("A")),
        ("docs/adr/0007-b.md", &record("B")),
    ]);
    p.check_json(&[])
        .expect_one("SL004", "docs/adr/0007-b.md", 1, Some("ADR-0007"));
}

#[test]
fn letters_then_digits_and_names_ending_at_the_number_are_records() {
    // alphagov/gsp: `ADR015-slug.md`, references `ADR015` without a separator.
    let p = project(&[
        (
            "docs/adr/ADR014-old.md",
            "# ADR014: Old\n\n## Status\n\nSuperseded by [ADR015](ADR015-new.md)\n",
        ),
        (
            "docs/adr/ADR015-new.md",
            "# ADR015: New\n\n## Status\n\nAccepted\n\nSupersedes ADR014\n",
        ),
        (
            "docs/adr/ADR000-template.md",
            "# ADR000: Title\n\n## Status\n\nParked\n",
        ),
    ]);
    p.check_json(&[]).expect_clean();
    let read: Vec<(String, Vec<String>)> = decisions(&p)
        .into_iter()
        .map(|(id, _, _, by)| (id, by))
        .collect();
    assert_eq!(
        read,
        [
            ("ADR-014".into(), vec!["ADR-015".to_owned()]),
            ("ADR-015".into(), vec![])
        ]
    );
    // nats: `ADR-12.md`, the name ending at its number.
    let p = project(&[(
        "docs/adr/ADR-12.md",
        "# Encryption at rest\n\n## Status\n\nParked\n",
    )]);
    p.check_json(&[])
        .expect_one("SL006", "docs/adr/ADR-12.md", 5, Some("ADR-12"));
    // A name of letters only, or digits only, is still no record.
    let p = project(&[("docs/adr/ADR.md", "# x\n"), ("docs/adr/0007.md", "# x\n")]);
    let run = p.run(&["check"]);
    assert!(run.stderr.contains("no decision record"), "{}", run.stderr);
}

#[test]
fn a_blockquote_in_the_status_section_is_skipped() {
    // cometbft's template guidance left above the status.
    let guided = |status: &str| {
        nygard(
            1,
            &format!(
                "> A decision may be \"proposed\" if it hasn't been agreed upon yet, or \"accepted\" once it is.\n\n{status}"
            ),
        )
    };
    let p = project(&[("docs/adr/0001-a.md", &guided("Accepted"))]);
    p.check_json(&[]).expect_clean();
    // The template's placeholder left unfilled: SL006 at its line, quoting it.
    let p = project(&[(
        "docs/adr/0001-a.md",
        &guided("{Deprecated|Proposed|Accepted|Declined}"),
    )]);
    let d = p
        .check_json(&[])
        .expect_one("SL006", "docs/adr/0001-a.md", 9, Some("ADR-0001"));
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("\"deprecated|proposed|accepted|declined\""),
        "{d:#}"
    );
    // Only guidance: nothing readable, SL006 at the heading.
    let p = project(&[("docs/adr/0001-a.md", &guided(""))]);
    p.check_json(&[])
        .expect_one("SL006", "docs/adr/0001-a.md", 5, Some("ADR-0001"));
}

#[test]
fn superseded_then_a_link_without_by_names_the_successor() {
    // modernisation-platform: `⌛️ Superseded [0019](0019-….md)`.
    let p = project(&[
        (
            "docs/adr/0004-old.md",
            &nygard(4, "⌛️ Superseded [0019](0019-new.md)"),
        ),
        ("docs/adr/0019-new.md", &nygard(19, "Accepted")),
    ]);
    p.check_json(&[]).expect_clean();
    assert_eq!(decisions(&p)[0].3, ["ADR-0019"]);
    // `Superseded` with the link only in a later paragraph is an orphan: DEC001.
    let p = project(&[
        (
            "docs/adr/0004-old.md",
            &nygard(
                4,
                "Superseded\n\n[Moved elsewhere](https://example.org/5926).",
            ),
        ),
        ("docs/adr/0019-new.md", &nygard(19, "Accepted")),
    ]);
    p.check_json(&[])
        .expect_one("DEC001", "docs/adr/0004-old.md", 7, Some("ADR-0004"));
}

#[test]
fn reverted_and_partial_statuses_are_built_in() {
    for (status, wanted) in [
        ("Reverted", "deprecated"),
        ("Partially Accepted", "accepted"),
        ("Partially implemented", "accepted"),
        ("🤔 Incomplete", "proposed"),
    ] {
        let p = project(&[("docs/adr/0001-a.md", &nygard(1, status))]);
        p.check_json(&[]).expect_clean();
        assert_eq!(decisions(&p)[0].1, wanted, "{status}");
    }
    // `Reverted by [discussion](…)` is a relation, not `reverted`: with prose
    // after it the verb is quoted (see other_relations_in_the_status_section_are_skipped).
    let p = project(&[(
        "docs/adr/0001-a.md",
        &nygard(
            1,
            "Reverted by [discussion #1](https://example.org/1).\n\nNo longer supported.",
        ),
    )]);
    let d = p
        .check_json(&[])
        .expect_one("SL006", "docs/adr/0001-a.md", 7, Some("ADR-0001"));
    assert!(
        d["message"].as_str().unwrap().contains("\"reverted by\""),
        "{d:#}"
    );
    // Followed by a status, that status holds.
    let p = project(&[(
        "docs/adr/0001-a.md",
        &nygard(
            1,
            "Reverted by [discussion #1](https://example.org/1).\n\nDeprecated",
        ),
    )]);
    p.check_json(&[]).expect_clean();
    assert_eq!(decisions(&p)[0].1, "deprecated");
}

#[test]
fn a_status_kept_in_a_table_is_read_where_nothing_else_states_one() {
    // hyades: a `| Status | Date | Author(s) |` header with the values below.
    let hyades = |status: &str| {
        format!(
            "| Status | Date | Author(s) |\n|:--|:--|:--|\n| {status} | 2025-01-07 | @a |\n\n## Context\n\nx\n"
        )
    };
    // nats: `|Metadata|Value|` with a `|Status|…|` row.
    let nats = |status: &str| {
        format!(
            "# Encryption at rest\n\n|Metadata|Value|\n|--------|-----|\n|Date    |2021-07-20|\n|Status  |{status}|\n\n## Context\n\nx\n"
        )
    };
    let p = project(&[
        ("docs/adr/001-a.md", &hyades("Proposed")),
        ("docs/adr/ADR-2.md", &nats("Partially Implemented")),
    ]);
    let run = p.check_json(&[]);
    run.expect_none("SL006");
    let read: Vec<(String, String)> = decisions(&p)
        .into_iter()
        .map(|(id, st, _, _)| (id, st))
        .collect();
    assert_eq!(
        read,
        [
            ("ADR-001".into(), "proposed".into()),
            ("ADR-2".into(), "accepted".into())
        ]
    );
    // An unknown status in the table is SL006 at the cell's line; an empty cell too.
    let p = project(&[("docs/adr/ADR-2.md", &nats("Parked"))]);
    p.check_json(&[])
        .expect_one("SL006", "docs/adr/ADR-2.md", 6, Some("ADR-2"));
    let p = project(&[("docs/adr/001-a.md", &hyades(" "))]);
    p.check_json(&[])
        .expect_one("SL006", "docs/adr/001-a.md", 3, Some("ADR-001"));
    // A Status section outranks the table (SPEC §11 order), and a table
    // with no Status column states nothing (the default applies).
    let both = format!("{}\n## Status\n\nAccepted\n", hyades("Parked"));
    let p = project(&[("docs/adr/001-a.md", &both)]);
    p.check_json(&[]).expect_none("SL006");
    assert_eq!(decisions(&p)[0].1, "accepted");
    let options = "# 1. A\n\n| Option | Status quo |\n|--|--|\n| A | yes |\n";
    let p = project(&[("docs/adr/0001-a.md", options)]);
    p.check_json(&[]).expect_clean();
    assert_eq!(decisions(&p)[0].1, "accepted");
    // A table inside a section is content, not metadata: the default applies.
    let features = "# 1. A\n\n## Options\n\n| Feature | Status |\n|--|--|\n| Search | Planned |\n";
    let p = project(&[("docs/adr/0001-a.md", features)]);
    p.check_json(&[]).expect_clean();
    assert_eq!(decisions(&p)[0].1, "accepted");
}
