//! What decisions weigh against (SPEC §15): `against` and `tradeoff`,
//! DEC005 (going against tenets without a tradeoff), TEN008 (a tenet that
//! keeps losing), and `against` counting as a citation for TEN006 and
//! DEC003; adopted ADRs read both from YAML.

mod common;
use common::{OWNERS, Project, lint, lint_with_owners};

const TENETS: &str = "[[tenet]]\nid = \"T-BUY\"\ntext = \"When a capability is commodity, we choose buying over building because our edge is elsewhere.\"\n";

/// A decision in force dated `date`, with these extra lines.
fn decision(id: &str, date: &str, extra: &str) -> String {
    format!(
        "[[decision]]\nid = \"{id}\"\ntitle = \"Decision {id}\"\ndate = {date}\nstatus = \"accepted\"\n{extra}\n\n"
    )
}

const AGAINST: &str = "against = [\"T-BUY\"]\ntradeoff = \"Rates are where we win deals.\"";

fn run(decisions: &str) -> common::Run {
    lint_with_owners(&[("tenets.toml", TENETS), ("decisions.toml", decisions)])
}

#[test]
fn dec005_a_decision_going_against_a_tenet_without_saying_why() {
    let run1 = run(&decision("D-1", "2026-10-01", "against = [\"T-BUY\"]"));
    let d = run1.expect_one("DEC005", "decisions.toml", 6, Some("D-1"));
    assert_eq!(
        d["message"],
        "decision `D-1` goes against `T-BUY` but gives no `tradeoff`"
    );
    assert_eq!(d["column"], 12);
    // Against counts as citing: no TEN006 for the tenet, no DEC003 for the decision.
    run1.expect_none("TEN006");
    run1.expect_none("DEC003");
    // With a tradeoff, or not in force: quiet.
    run(&decision("D-1", "2026-10-01", AGAINST)).expect_clean();
    run(&decision("D-1", "2026-10-01", "against = [\"T-BUY\"]").replace("accepted", "proposed"))
        .expect_none("DEC005");
    // A missing tenet id is OBJ001, as in `tenets`.
    run(&decision(
        "D-1",
        "2026-10-01",
        "against = [\"T-BYU\"]\ntradeoff = \"x\"",
    ))
    .expect_one("OBJ001", "decisions.toml", 6, Some("D-1"));
}

#[test]
fn ten008_a_tenet_gone_against_at_least_three_times_and_followed_less() {
    let three = decision("D-1", "2026-02-01", AGAINST)
        + &decision("D-2", "2026-05-01", AGAINST)
        + &decision("D-3", "2026-09-01", AGAINST);
    let r = run(&three);
    let d = r.expect_one("TEN008", "tenets.toml", 2, Some("T-BUY"));
    assert_eq!(
        d["message"],
        "tenet `T-BUY` was gone against by 3 decisions and followed by 0 in the last 365 days"
    );
    let related = common::related(&d);
    assert_eq!(
        related,
        [
            "`D-1` went against it on 2026-02-01",
            "`D-2` went against it on 2026-05-01",
            "`D-3` went against it on 2026-09-01"
        ]
    );
    // Followed as often as gone against: still losing (3 against, 3 for).
    let even = three.clone()
        + &decision("D-4", "2026-03-01", "tenets = [\"T-BUY\"]")
        + &decision("D-5", "2026-04-01", "tenets = [\"T-BUY\"]")
        + &decision("D-6", "2026-06-01", "tenets = [\"T-BUY\"]");
    assert!(
        run(&even).with_code("TEN008")[0]["message"]
            .as_str()
            .unwrap()
            .contains("by 3 decisions and followed by 3")
    );
    // Followed more often: quiet.
    let more = even + &decision("D-7", "2026-07-01", "tenets = [\"T-BUY\"]");
    run(&more).expect_none("TEN008");
    // Two against, or one of three outside the window: quiet.
    let two = decision("D-1", "2026-02-01", AGAINST) + &decision("D-2", "2026-05-01", AGAINST);
    run(&two).expect_none("TEN008");
    let old = two.clone() + &decision("D-3", "2025-09-01", AGAINST);
    run(&old).expect_none("TEN008");
    // The threshold is config.
    let files = [
        ("owners.toml", OWNERS),
        ("tenets.toml", TENETS),
        ("decisions.toml", two.as_str()),
    ];
    lint("[tenets]\noverridden_after = 2\n", &files).expect_one(
        "TEN008",
        "tenets.toml",
        2,
        Some("T-BUY"),
    );
}

#[test]
fn an_adopted_adr_reads_against_and_tradeoff_from_yaml() {
    let p = Project::new();
    p.write("stratlint.toml", "[decisions]\nadr = [\"docs/adr\"]\n");
    p.write("owners.toml", OWNERS);
    p.write("tenets.toml", TENETS);
    let adr = |tradeoff: &str| {
        format!(
            "---\nagainst: [T-BUY]\n{tradeoff}---\n# 1. Build the rate engine\n\nDate: 2026-10-01\n\n## Status\n\nAccepted\n\n## Context\n\nRates win deals.\n"
        )
    };
    p.write("docs/adr/0001-build-the-rate-engine.md", &adr(""));
    let run1 = p.check_json(&["--no-history"]);
    run1.expect_one(
        "DEC005",
        "docs/adr/0001-build-the-rate-engine.md",
        2,
        Some("ADR-0001"),
    );
    run1.expect_none("TEN006");
    p.write(
        "docs/adr/0001-build-the-rate-engine.md",
        &adr("tradeoff: Carrier rates are where we win deals.\n"),
    );
    p.check_json(&["--no-history"]).expect_none("DEC005");
}

#[test]
fn the_report_audits_each_tenet_by_quarter_most_used_first() {
    let p = Project::with_owners();
    let tenets = format!(
        "{TENETS}\n[[tenet]]\nid = \"T-LOG\"\ntext = \"When reports disagree, we choose the event log over the report because reports can be rebuilt.\"\n"
    );
    p.write("tenets.toml", &tenets);
    let log = decision("D-1", "2026-02-01", AGAINST)
        + &decision("D-2", "2026-05-01", AGAINST)
        + &decision("D-3", "2026-10-01", "tenets = [\"T-BUY\", \"T-LOG\"]")
        + &decision("D-4", "2025-06-01", "tenets = [\"T-BUY\"]")
        + &decision(
            "D-5",
            "2026-11-01",
            "against = [\"T-BUY\"]\ntradeoff = \"x\"",
        )
        .replace("accepted", "proposed");
    p.write("decisions.toml", &log);
    let report = p.report("json");
    let json = report.json();
    let tenets = json["tenets"].as_array().expect("tenets");
    // T-BUY (4 decisions in force) before T-LOG (1); the proposed D-5 does not count.
    assert_eq!(tenets[0]["id"], "T-BUY");
    assert_eq!(tenets[1]["id"], "T-LOG");
    assert_eq!(tenets[0]["cited_by"], serde_json::json!(["D-3", "D-4"]));
    assert_eq!(tenets[0]["against_by"], serde_json::json!(["D-1", "D-2"]));
    assert_eq!(tenets[0]["last_cited"], "2026-10-01");
    assert_eq!(
        tenets[0]["by_quarter"],
        serde_json::json!([
            {"quarter": "2026-Q1", "for": 0, "against": 1},
            {"quarter": "2026-Q2", "for": 0, "against": 1},
            {"quarter": "2026-Q3", "for": 0, "against": 0},
            {"quarter": "2026-Q4", "for": 1, "against": 0}
        ])
    );
    let markdown = p.report("markdown");
    assert!(
        markdown.stdout.contains(
            "| **T-BUY** | D-3, D-4 | D-1, D-2 | 2026-10-01 | 2026-Q1 0/1 · 2026-Q2 0/1 · 2026-Q3 0/0 · 2026-Q4 1/0 |"
        ),
        "{}",
        markdown.stdout
    );
}
