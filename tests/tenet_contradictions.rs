//! TEN007 (SPEC §4): tenets contradict only when they face the same
//! situation and choose opposite ways between the same two options; once per
//! later tenet, with at most five earlier ones related.

mod common;
use common::{Project, lint_with_owners};

/// `[[tenet]]` tables, one per `(id, text)`, each four lines: text on line
/// 4k + 3.
fn tenets(items: &[(&str, &str)]) -> String {
    items
        .iter()
        .map(|(id, text)| format!("[[tenet]]\nid = \"{id}\"\ntext = \"{text}\"\n\n"))
        .collect()
}

const LOG_OVER_REPORT: &str = "When two reports disagree, we choose the event log over the report because reports can be rebuilt from events.";
const REPORT_OVER_LOG: &str = "When two reports disagree, we prefer the report over the event log because auditors sign off on reports alone.";

#[test]
fn the_same_situation_reversed_fires_at_the_later_tenet() {
    let text = tenets(&[("T-LOG", LOG_OVER_REPORT), ("T-REPORT", REPORT_OVER_LOG)]);
    let run = lint_with_owners(&[("tenets.toml", &text)]);
    let d = run.expect_one("TEN007", "tenets.toml", 7, Some("T-REPORT"));
    assert_eq!(
        d["message"],
        "tenet `T-REPORT` chooses `the report` over `the event log`, but tenet `T-LOG` \
         chooses `the event log` over `the report` in the same situation"
    );
    assert_eq!(d["column"], 8);
    let related = d["related"].as_array().unwrap();
    assert_eq!(related.len(), 1, "{d:#}");
    assert_eq!(
        (related[0]["file"].as_str(), related[0]["line"].as_u64()),
        (Some("tenets.toml"), Some(3))
    );
    assert!(
        d["help"]
            .as_str()
            .unwrap()
            .starts_with("both say what to do when two reports disagree: "),
        "{d:#}"
    );
    // Reported on whichever comes later in output order: file, then line.
    let run = lint_with_owners(&[
        ("a.toml", &tenets(&[("T-REPORT", REPORT_OVER_LOG)])),
        ("b.toml", &tenets(&[("T-LOG", LOG_OVER_REPORT)])),
    ]);
    run.expect_one("TEN007", "b.toml", 3, Some("T-LOG"));
}

#[test]
fn different_situations_are_scoped_priorities_not_contradictions() {
    // SPEC §4's own example: a hotfix touching billing against a plain release date.
    let text = tenets(&[
        (
            "T-HOTFIX",
            "When a hotfix touches billing, we choose full test coverage over the release date because a wrong invoice costs more than a late one.",
        ),
        (
            "T-DATE",
            "When a release date and test coverage conflict, we choose the release date over full test coverage because customers plan around our dates.",
        ),
    ]);
    lint_with_owners(&[("tenets.toml", &text)]).expect_none("TEN007");
    // The same situation choosing the same way twice is agreement, not contradiction.
    let text = tenets(&[("T-LOG", LOG_OVER_REPORT), ("T-LOG-2", LOG_OVER_REPORT)]);
    lint_with_owners(&[("tenets.toml", &text)]).expect_none("TEN007");
    // A tenet whose situation cannot be read is not compared.
    let text = tenets(&[
        ("T-LOG", LOG_OVER_REPORT),
        (
            "T-NO-WHEN",
            "We prefer the report over the event log because auditors sign off on reports alone.",
        ),
    ]);
    let run = lint_with_owners(&[("tenets.toml", &text)]);
    run.expect_none("TEN007");
    run.expect_one("TEN001", "tenets.toml", 7, Some("T-NO-WHEN"));
}

#[test]
fn a_retired_tenet_contradicts_nothing() {
    let text = tenets(&[("T-LOG", LOG_OVER_REPORT), ("T-REPORT", REPORT_OVER_LOG)])
        .replace("id = \"T-LOG\"\n", "id = \"T-LOG\"\nstatus = \"retired\"\n");
    lint_with_owners(&[("tenets.toml", &text)]).expect_none("TEN007");
    // Nor does one written in a retired document.
    let doc = |status: &str| {
        format!(
            "+++\nkind = \"principle\"\nid = \"P-1\"\ntitle = \"Events\"\nowner = \"alice\"\nreviewed = 2026-10-01\n{status}+++\n\n## Tenets\n\n- {REPORT_OVER_LOG}\n"
        )
    };
    let log = tenets(&[("T-LOG", LOG_OVER_REPORT)]);
    let run = lint_with_owners(&[("log.toml", &log), ("p.md", &doc(""))]);
    run.expect_one("TEN007", "p.md", 11, Some("P-1"));
    let run = lint_with_owners(&[("log.toml", &log), ("p.md", &doc("status = \"retired\"\n"))]);
    run.expect_none("TEN007");
}

#[test]
fn case_whitespace_and_trailing_punctuation_do_not_hide_a_contradiction() {
    let variant = "When   Two REPORTS disagree!, we favor THE  Report. over the event log... because auditors sign off on reports alone.";
    let text = tenets(&[("T-LOG", LOG_OVER_REPORT), ("T-REPORT", variant)]);
    let run = lint_with_owners(&[("tenets.toml", &text)]);
    run.expect_one("TEN007", "tenets.toml", 7, Some("T-REPORT"));
    // A word of difference in the situation is another situation.
    let other = REPORT_OVER_LOG.replace("two reports", "three reports");
    let text = tenets(&[("T-LOG", LOG_OVER_REPORT), ("T-REPORT", &other)]);
    lint_with_owners(&[("tenets.toml", &text)]).expect_none("TEN007");
}

#[test]
fn once_per_later_tenet_with_at_most_five_related_and_the_count() {
    // Seven tenets choose the log, then three the report, in one situation:
    // each of the three is reported once, with the first five related.
    let mut items: Vec<(String, &str)> = (1..=7)
        .map(|i| (format!("T-LOG-{i}"), LOG_OVER_REPORT))
        .collect();
    items.extend((1..=3).map(|i| (format!("T-REPORT-{i}"), REPORT_OVER_LOG)));
    let refs: Vec<(&str, &str)> = items.iter().map(|(i, t)| (i.as_str(), *t)).collect();
    let run = lint_with_owners(&[("tenets.toml", &tenets(&refs))]);
    let found = run.with_code("TEN007");
    let objects: Vec<&str> = found
        .iter()
        .map(|d| d["object"].as_str().unwrap())
        .collect();
    assert_eq!(objects, ["T-REPORT-1", "T-REPORT-2", "T-REPORT-3"]);
    for d in &found {
        assert_eq!(
            d["message"],
            format!(
                "tenet `{}` chooses `the report` over `the event log`, but 7 earlier tenets \
                 (the first 5 related) choose `the event log` over `the report` in the same situation",
                d["object"].as_str().unwrap()
            )
        );
        assert!(
            d["help"]
                .as_str()
                .unwrap()
                .starts_with("all say what to do when two reports disagree: "),
            "{d:#}"
        );
        let lines: Vec<u64> = d["related"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["line"].as_u64().unwrap())
            .collect();
        assert_eq!(lines, [3, 7, 11, 15, 19], "{d:#}");
    }
    // Fingerprints hold no line numbers: moving the tenets keeps them.
    let fingerprints = |run: &common::Run| -> Vec<String> {
        run.with_code("TEN007")
            .iter()
            .map(|d| d["fingerprint"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    let moved = format!("# a comment\n\n{}", tenets(&refs));
    let again = lint_with_owners(&[("tenets.toml", &moved)]);
    assert_eq!(fingerprints(&run), fingerprints(&again));
    assert_eq!(fingerprints(&run).len(), 3);
    assert!(fingerprints(&run).iter().all(|f| !f.is_empty()));
}

#[test]
fn hundreds_of_list_item_tenets_over_a_few_option_pairs_stay_linear() {
    // Principles carrying 400 list-item tenets over two option pairs in two
    // situations, each side taken by half of them: before, every pair was a
    // diagnostic (tens of thousands); now at most one per tenet.
    let p = Project::with_owners();
    let pairs = [("speed", "polish"), ("the event log", "the report")];
    let situations = ["a release is late", "two numbers disagree"];
    let mut n = 0;
    for doc in 0..8 {
        let mut body = String::from("## Tenets\n\n");
        for item in 0..50 {
            let (a, b) = pairs[item % 2];
            let (a, b) = if (item / 2 + doc) % 2 == 0 {
                (a, b)
            } else {
                (b, a)
            };
            let situation = situations[(item / 4) % 2];
            body.push_str(&format!(
                "- When {situation}, we choose {a} over {b} because item {doc}.{item} says so plainly.\n"
            ));
            n += 1;
        }
        p.write(
            &format!("principles/p{doc}.md"),
            &common::principle(&format!("P-{doc}"), &body),
        );
    }
    let run = p.check_json(&[]);
    let found = run.with_code("TEN007");
    assert!(!found.is_empty());
    assert!(
        found.len() < n,
        "{} diagnostics for {n} tenets",
        found.len()
    );
    for d in &found {
        let related = d["related"].as_array().unwrap().len();
        assert!((1..=5).contains(&related), "{d:#}");
    }
    // Exactly the tenets that have an earlier opposite in their group.
    let mut expected = 0;
    let mut seen_side = std::collections::HashMap::new();
    for doc in 0..8 {
        for item in 0..50 {
            let pair = item % 2;
            let forward = (item / 2 + doc) % 2 == 0;
            let group = (pair, (item / 4) % 2);
            let sides: &mut [bool; 2] = seen_side.entry(group).or_insert([false, false]);
            sides[usize::from(forward)] = true;
            if sides[usize::from(!forward)] {
                expected += 1;
            }
        }
    }
    assert_eq!(found.len(), expected);
    assert!(run.stdout.len() < 2_000_000, "{} bytes", run.stdout.len());
}

#[test]
fn the_report_lists_contradictions_as_ten007_reads_them() {
    // T-LOG and T-REPORT face the same situation; T-AUDIT chooses the report
    // too, but when an auditor asks: a scoped priority, contradicting nothing.
    let audit = REPORT_OVER_LOG.replace("two reports disagree", "an auditor asks for a figure");
    let p = Project::with_owners();
    p.write(
        "tenets.toml",
        &tenets(&[
            ("T-LOG", LOG_OVER_REPORT),
            ("T-REPORT", REPORT_OVER_LOG),
            ("T-AUDIT", &audit),
        ]),
    );
    let run = p.run(&["report", "--format", "json", "--now", "2026-11-25"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = run.json();
    let contradicts = |id: &str| -> Vec<String> {
        let t = doc["tenets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .unwrap_or_else(|| panic!("{id}: {:#}", doc["tenets"]));
        t["contradicts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(contradicts("T-LOG"), ["T-REPORT"]);
    assert_eq!(contradicts("T-REPORT"), ["T-LOG"]);
    assert_eq!(contradicts("T-AUDIT"), Vec::<String>::new());
}
