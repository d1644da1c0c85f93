//! Decision records and tenet usage (SPEC §3, §4, §4b): the decision kind,
//! tenet ids on list items, DEC001–DEC004, TEN006 and TEN007.

mod common;
use common::lint_with_owners;

const TENETS: &str = "[[tenet]]\nid = \"T-LOG\"\ntext = \"When reports disagree, we choose the event log over the report because reports can be rebuilt.\"\n\n\
[[tenet]]\nid = \"T-BUY\"\ntext = \"When a capability is commodity, we choose buying over building because our edge is elsewhere.\"\n";

/// A decision table.
fn decision(id: &str, status: &str, extra: &str) -> String {
    format!(
        "[[decision]]\nid = \"{id}\"\ntitle = \"Decision {id}\"\ndate = 2026-10-01\nstatus = \"{status}\"\ntenets = [\"T-LOG\", \"T-BUY\"]\n{extra}\n"
    )
}

fn lint(decisions: &str) -> common::Run {
    lint_with_owners(&[("tenets.toml", TENETS), ("decisions.toml", decisions)])
}

#[test]
fn a_clean_decision_log_is_clean() {
    let log = decision("D-1", "superseded", "")
        + &decision(
            "D-2",
            "accepted",
            "supersedes = [\"D-1\"]\ndeciders = [\"alice\", \"@platform\"]\nreview_by = 2027-06-01",
        );
    lint(&log).expect_clean();
}

#[test]
fn dec001_an_accepted_successor_s_predecessor_not_superseded() {
    let log =
        decision("D-1", "accepted", "") + &decision("D-2", "accepted", "supersedes = [\"D-1\"]");
    let run = lint(&log);
    let d = run.expect_one("DEC001", "decisions.toml", 5, Some("D-1"));
    assert_eq!(
        d["message"],
        "decision `D-1` is superseded by accepted decision `D-2`, but its status is `accepted`"
    );
    assert_eq!(d["column"], 10);
    assert_eq!(d["related"][0]["line"], 14);
    // A proposed successor changes nothing yet.
    let log =
        decision("D-1", "accepted", "") + &decision("D-2", "proposed", "supersedes = [\"D-1\"]");
    lint(&log).expect_none("DEC001");
}

#[test]
fn dec001_a_superseded_decision_nothing_supersedes() {
    let run = lint(&decision("D-1", "superseded", ""));
    let d = run.expect_one("DEC001", "decisions.toml", 5, Some("D-1"));
    assert_eq!(
        d["message"],
        "decision `D-1` is `superseded`, but no decision names it in `supersedes`"
    );
    assert!(
        d["related"].as_array().is_none_or(|r| r.is_empty()),
        "{d:#}"
    );
    // Only a proposed one names it: still DEC001, with it as related location.
    let log =
        decision("D-1", "superseded", "") + &decision("D-2", "proposed", "supersedes = [\"D-1\"]");
    let run = lint(&log);
    let d = run.expect_one("DEC001", "decisions.toml", 5, Some("D-1"));
    assert_eq!(d["related"].as_array().unwrap().len(), 1);
}

#[test]
fn dec002_a_supersession_cycle_once_in_order() {
    let log = decision("D-1", "accepted", "supersedes = [\"D-2\"]")
        + &decision("D-2", "accepted", "supersedes = [\"D-3\"]")
        + &decision("D-3", "accepted", "supersedes = [\"D-1\"]");
    let run = lint(&log);
    let d = run.expect_one("DEC002", "decisions.toml", 7, Some("D-1"));
    assert_eq!(
        d["message"],
        "decisions supersede each other in a cycle: D-1 → D-2 → D-3 → D-1"
    );
    assert_eq!(d["related"].as_array().unwrap().len(), 2);
}

#[test]
fn dec002_a_thousand_long_chain_and_cycle_do_not_overflow() {
    let mut log = String::new();
    for k in 0..1000 {
        log.push_str(&format!(
            "[[decision]]\nid = \"D-{k}\"\ntitle = \"x\"\ndate = 2026-10-01\nstatus = \"accepted\"\ntenets = [\"T-LOG\", \"T-BUY\"]\nsupersedes = [\"D-{}\"]\n\n",
            (k + 1) % 1000
        ));
    }
    let run = lint(&log);
    assert_eq!(run.with_code("DEC002").len(), 1);
    let chain = log.replace("supersedes = [\"D-0\"]", "");
    let run = lint(&chain);
    run.expect_none("DEC002");
}

#[test]
fn dec003_a_decision_in_force_that_cites_no_tenet() {
    let log =
        "[[decision]]\nid = \"D-1\"\ntitle = \"x\"\ndate = 2026-10-01\nstatus = \"accepted\"\n";
    let run = lint(log);
    run.expect_one("DEC003", "decisions.toml", 2, Some("D-1"));
    // Not in force, or no tenets with ids in the project: quiet.
    lint(&log.replace("accepted", "proposed")).expect_none("DEC003");
    lint_with_owners(&[("decisions.toml", log)]).expect_none("DEC003");
}

#[test]
fn dec004_a_decision_past_its_review_by() {
    let run = lint(&decision("D-1", "accepted", "review_by = 2026-10-01"));
    let d = run.expect_one("DEC004", "decisions.toml", 7, Some("D-1"));
    assert_eq!(
        d["message"],
        "decision `D-1` was due for review on 2026-10-01, 55 days ago"
    );
    // Today fires; tomorrow does not; not in force does not.
    lint(&decision("D-1", "accepted", "review_by = 2026-11-25")).expect_one(
        "DEC004",
        "decisions.toml",
        7,
        Some("D-1"),
    );
    lint(&decision("D-1", "accepted", "review_by = 2026-11-26")).expect_none("DEC004");
    lint(&decision("D-1", "proposed", "review_by = 2026-10-01")).expect_none("DEC004");
}

#[test]
fn ten006_a_tenet_no_decision_in_force_cited_lately() {
    let log = "[[decision]]\nid = \"D-1\"\ntitle = \"x\"\ndate = 2024-01-01\nstatus = \"accepted\"\ntenets = [\"T-LOG\"]\n";
    let run = lint(log);
    let found = run.with_code("TEN006");
    assert_eq!(found.len(), 2, "{:#?}", run.summary());
    let buy = found.iter().find(|d| d["object"] == "T-BUY").unwrap();
    assert_eq!(
        buy["message"],
        "tenet `T-BUY` is cited by no decision in force"
    );
    assert_eq!(
        (buy["file"].as_str(), buy["line"].as_u64()),
        (Some("tenets.toml"), Some(6))
    );
    let log_t = found.iter().find(|d| d["object"] == "T-LOG").unwrap();
    assert_eq!(
        log_t["message"],
        "tenet `T-LOG` has not been cited by a decision in force in the last 365 days"
    );
    // No decision at all: TEN006 does not run.
    lint_with_owners(&[("tenets.toml", TENETS)]).expect_none("TEN006");
}

#[test]
fn ten007_contradicting_tenets_on_the_later() {
    // The same situation, the options reversed (SPEC §4; more in tenet_contradictions.rs).
    let other = "[[tenet]]\nid = \"T-REPORT\"\ntext = \"When   Reports disagree, we prefer THE REPORT over the event log because auditors read reports.\"\n";
    let run = lint_with_owners(&[("tenets.toml", TENETS), ("z.toml", other)]);
    let d = run.expect_one("TEN007", "z.toml", 3, Some("T-REPORT"));
    assert_eq!(d["related"][0]["file"], "tenets.toml");
    assert_eq!(d["related"][0]["line"], 3);
}

#[test]
fn list_item_tenets_with_ids_are_objects_that_decisions_cite() {
    let doc = "+++\nkind = \"principle\"\nid = \"P-1\"\ntitle = \"Events\"\nowner = \"alice\"\nreviewed = 2026-10-01\n+++\n\n## Tenets\n\n\
               - When reports disagree, we choose the event log over the report because reports can be rebuilt. {#T-EVENT}\n";
    let log = "[[decision]]\nid = \"D-1\"\ntitle = \"x\"\ndate = 2026-10-01\nstatus = \"accepted\"\ntenets = [\"T-EVENT\"]\n";
    let run = lint_with_owners(&[("p.md", doc), ("decisions.toml", log)]);
    run.expect_clean();
    // Its id is unique across kinds.
    let dup = "[[tenet]]\nid = \"T-EVENT\"\ntext = \"When in doubt, we choose speed over polish because users wait for nothing.\"\n";
    let run = lint_with_owners(&[("p.md", doc), ("t.toml", dup), ("decisions.toml", log)]);
    run.expect_one("SL004", "t.toml", 2, Some("T-EVENT"));
    // Its TEN diagnostics carry its id.
    let bad = doc.replace(" because reports can be rebuilt.", ".");
    let run = lint_with_owners(&[("p.md", &bad), ("decisions.toml", log)]);
    run.expect_one("TEN003", "p.md", 11, Some("T-EVENT"));
}

#[test]
fn decision_references_and_status_are_checked() {
    let log = "[[decision]]\nid = \"D-1\"\ntitle = \"x\"\ndate = 2026-10-01\nstatus = \"accpted\"\ntenets = [\"T-LGO\"]\nserves = [\"T-BUY\"]\ndeciders = [\"nobody\"]\n";
    let run = lint(log);
    let invalid = run.with_code("SL006");
    assert_eq!(invalid.len(), 2, "{:#?}", run.summary());
    let d = &invalid[0];
    assert_eq!(
        (d["line"].as_u64(), d["object"].as_str()),
        (Some(5), Some("D-1"))
    );
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("\"proposed\", \"accepted\", \"rejected\", \"deprecated\" or \"superseded\""),
        "{d:#}"
    );
    assert_eq!(d["help"], "did you mean \"accepted\"?");
    let d = run.expect_one("OBJ001", "decisions.toml", 6, Some("D-1"));
    assert_eq!(d["help"], "did you mean `T-LOG`?");
    run.expect_one("OWN002", "decisions.toml", 8, Some("D-1"));
    let log = log.replace("status = \"accpted\"", "status = \"accepted\"");
    let run = lint(&log);
    let d = run.with_code("SL006");
    assert_eq!(d.len(), 1, "{:#?}", run.summary());
    assert_eq!(d[0]["line"], 7);
    assert!(
        d[0]["help"]
            .as_str()
            .unwrap()
            .contains("thesis, objective or principle"),
        "{:#?}",
        d[0]
    );
}

#[test]
fn supersedes_links_to_a_superseded_decision_are_not_obj006() {
    let log =
        decision("D-1", "superseded", "") + &decision("D-2", "accepted", "supersedes = [\"D-1\"]");
    lint(&log).expect_none("OBJ006");
}

#[test]
fn a_document_s_ignore_covers_the_tenets_with_ids_written_in_it() {
    let doc = "+++\nkind = \"principle\"\nid = \"P-1\"\ntitle = \"Events\"\nowner = \"alice\"\nreviewed = 2026-10-01\nignore = [\"TEN005\"]\n+++\n\n## Tenets\n\n\
               - When reports disagree, we choose the event log over the report because rebuildable. {#T-EVENT}\n";
    let log = "[[decision]]\nid = \"D-1\"\ntitle = \"x\"\ndate = 2026-10-01\nstatus = \"accepted\"\ntenets = [\"T-EVENT\"]\n";
    let run = lint_with_owners(&[("p.md", doc), ("decisions.toml", log)]);
    run.expect_clean();
}

#[test]
fn a_decision_needs_a_status_and_a_date() {
    let log = "[[decision]]\nid = \"D-1\"\ntitle = \"x\"\ntenets = [\"T-LOG\"]\n";
    let run = lint(log);
    let missing: Vec<String> = run
        .with_code("SL003")
        .iter()
        .map(|d| d["message"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        missing,
        [
            "decision `D-1` is missing the required field `date`",
            "decision `D-1` is missing the required field `status`"
        ]
    );
}

/// An accepted decision dated `date` that cites no tenet.
fn uncited(id: &str, date: &str) -> String {
    format!(
        "[[decision]]\nid = \"{id}\"\ntitle = \"Decision {id}\"\ndate = {date}\nstatus = \"accepted\"\n\n"
    )
}

fn at(day: &str) -> String {
    format!("{day}T12:00:00+0000")
}

#[test]
fn dec003_spares_a_decision_dated_before_the_first_tenet_was_set() {
    let p = common::Project::with_owners();
    p.write("decisions.toml", &uncited("D-OLD", "2024-01-05"));
    p.commit_all("Adopt the decision log", &at("2024-01-10"));
    // No tenet yet: DEC003 does not run.
    p.check_json(&[]).expect_none("DEC003");
    // The first tenets are committed on 2025-03-01; two decisions follow,
    // one dated that very day.
    p.write("tenets.toml", TENETS);
    p.commit_all("Write down our tenets", &at("2025-03-01"));
    p.write(
        "decisions.toml",
        &(uncited("D-OLD", "2024-01-05")
            + &uncited("D-SAME", "2025-03-01")
            + &uncited("D-NEW", "2025-06-01")),
    );
    p.commit_all("Two decisions", &at("2025-06-01"));
    let run = p.check_json(&[]);
    let found = run.with_code("DEC003");
    let at_lines: Vec<(u64, &str)> = found
        .iter()
        .map(|d| (d["line"].as_u64().unwrap(), d["object"].as_str().unwrap()))
        .collect();
    assert_eq!(at_lines, [(8, "D-SAME"), (14, "D-NEW")], "{found:#?}");
    assert!(found.iter().all(|d| d["file"] == "decisions.toml"));
    // Without history no decision is spared.
    let run = p.check_json(&["--no-history"]);
    assert_eq!(run.with_code("DEC003").len(), 3);
    // A later edit of the tenets does not move the day they were first set.
    p.write(
        "tenets.toml",
        &TENETS.replace("reports disagree", "two reports disagree"),
    );
    p.commit_all("Reword T-LOG", &at("2025-09-01"));
    assert_eq!(p.check_json(&[]).with_code("DEC003").len(), 2);
}

#[test]
fn dec003_the_first_of_today_s_tenets_wherever_it_lives() {
    let p = common::Project::with_owners();
    // A tenet with an id on a principle's list item, first committed on 2024-06-01 …
    let doc = "+++\nkind = \"principle\"\nid = \"P-1\"\ntitle = \"Events\"\nowner = \"alice\"\nreviewed = 2026-10-01\n+++\n\n## Tenets\n\n\
               - When reports disagree, we choose the event log over the report because reports can be rebuilt. {#T-EVENT}\n";
    p.write("principles/events.md", doc);
    p.commit_all("Principle with a tenet", &at("2024-06-01"));
    // … then a tenet table on 2025-01-01, and decisions between the two dates.
    p.write("tenets.toml", TENETS);
    p.write(
        "decisions.toml",
        &(uncited("D-2024-01", "2024-01-01") + &uncited("D-2024-09", "2024-09-01")),
    );
    p.commit_all("Tenets and decisions", &at("2025-01-01"));
    let run = p.check_json(&[]);
    run.expect_one("DEC003", "decisions.toml", 8, Some("D-2024-09"));
    // Moved to another file unchanged, the tenet keeps the day it was set.
    std::fs::remove_file(p.path().join("principles/events.md")).unwrap();
    p.write("principles/moved.md", doc);
    p.commit_all("Move the principle", &at("2025-02-01"));
    p.check_json(&[])
        .expect_one("DEC003", "decisions.toml", 8, Some("D-2024-09"));
    // Tenets that exist only in the working tree were set now: every dated
    // decision before today is spared.
    let q = common::Project::with_owners();
    q.write("decisions.toml", &uncited("D-1", "2026-11-01"));
    q.commit_all("Decisions", &at("2026-11-01"));
    q.write("tenets.toml", TENETS);
    q.check_json(&[]).expect_none("DEC003");
    // Dated today, it is not before them.
    q.write("decisions.toml", &uncited("D-1", "2026-11-25"));
    q.check_json(&[])
        .expect_one("DEC003", "decisions.toml", 2, Some("D-1"));
}

#[test]
fn ten006_waits_until_some_decision_cites_a_tenet() {
    // Decisions that cite nothing, of any status: TEN006 stays quiet.
    let log = uncited("D-1", "2026-10-01")
        + &uncited("D-2", "2026-10-02").replace("accepted", "proposed");
    lint(&log).expect_none("TEN006");
    let empty = log.replace(
        "status = \"proposed\"",
        "status = \"proposed\"\ntenets = []",
    );
    lint(&empty).expect_none("TEN006");
    // One decision cites a tenet, even a proposed one that does not count:
    // now every tenet no decision in force cited lately is reported.
    let citing = log.replace(
        "status = \"proposed\"",
        "status = \"proposed\"\ntenets = [\"T-LOG\"]",
    );
    let run = lint(&citing);
    let found = run.with_code("TEN006");
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        (
            found[0]["file"].as_str(),
            found[0]["line"].as_u64(),
            found[0]["object"].as_str()
        ),
        (Some("tenets.toml"), Some(2), Some("T-LOG"))
    );
}

#[test]
fn dec003_in_a_shallow_clone_the_boundary_is_the_first_tenet_commit() {
    let p = common::Project::with_owners();
    p.write("tenets.toml", TENETS);
    p.commit_all("Tenets", &at("2024-01-01"));
    p.write("decisions.toml", &uncited("D-1", "2025-01-01"));
    p.commit_all("A decision", &at("2025-01-01"));
    p.commit_all("Later work", &at("2026-01-01"));
    p.check_json(&[])
        .expect_one("DEC003", "decisions.toml", 2, Some("D-1"));
    // Cut at 2026-01-01, the clone cannot tell that the tenets are older
    // than the decision: it is spared rather than blamed.
    let (_keep, clone) = p.shallow_clone(&[]);
    let run = p.run_in(
        &clone,
        &["check", "--format", "json", "--now", "2026-11-25"],
    );
    run.expect_none("DEC003");
    assert!(run.stderr.contains("shallow clone"), "{}", run.stderr);
}
