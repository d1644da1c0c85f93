//! `stratlint review ID...`: sets `reviewed` or `measured` in place,
//! changing no other byte, all or nothing.

mod common;
use common::Project;

const PRINCIPLE: &str = "+++\nkind = \"principle\"\nid = \"P-1\"\ntitle = \"Small batches\"\nowner = \"alice\"\nreviewed = 2025-01-01 # after the offsite\n+++\n\nBody.\n";
const KPIS: &str = "# KPIs\n[[objective]]\nid = \"CO-1\"\ntitle = \"Grow\"\nlevel = \"company\"\nowner = \"alice\"\n\n[[kpi]]\nid = \"K-1\"\ntitle = \"Revenue\"\nobjective = \"CO-1\"\nowner = \"alice\"\nbaseline = 1\ntarget = 2\ncurrent = 1.5   # from the board deck\n\n[[kpi]]\nid = \"K-2\"\ntitle = \"Deals\"\nobjective = \"CO-1\"\nowner = \"alice\"\nbaseline = 1\ntarget = 2\n";

fn project() -> Project {
    let p = Project::with_owners();
    p.write("principles/p.md", PRINCIPLE);
    p.write("kpis.toml", KPIS);
    p.write(
        "thesis.toml",
        "[[thesis]]\nid = \"TH-1\"\ntitle = \"Why\"\nowner = \"alice\" # maya before\n",
    );
    p
}

fn read(p: &Project, rel: &str) -> String {
    std::fs::read_to_string(p.path().join(rel)).unwrap()
}

#[test]
fn review_sets_each_field_and_changes_no_other_byte() {
    let p = project();
    let run = p.run(&["review", "P-1", "K-1", "TH-1", "--date", "2026-11-30"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "P-1: reviewed = 2026-11-30 in principles/p.md\nK-1: measured = 2026-11-30 in kpis.toml\nTH-1: reviewed = 2026-11-30 in thesis.toml\n"
    );
    assert_eq!(
        read(&p, "principles/p.md"),
        PRINCIPLE.replace("2025-01-01", "2026-11-30")
    );
    assert_eq!(
        read(&p, "kpis.toml"),
        KPIS.replace(
            "current = 1.5   # from the board deck\n",
            "current = 1.5   # from the board deck\nmeasured = 2026-11-30\n"
        )
    );
    assert_eq!(
        read(&p, "thesis.toml"),
        "[[thesis]]\nid = \"TH-1\"\ntitle = \"Why\"\nowner = \"alice\" # maya before\nreviewed = 2026-11-30\n"
    );
    // What review writes, check reads: no new diagnostic but the reviewed ones' ages.
    let run = common::run_binary(
        p.path(),
        &["check", "--format", "json", "--now", "2026-12-01"],
        &[],
    );
    run.expect_none("SL005");
    run.expect_none("SL006");
    run.expect_none("HL001");
}

#[test]
fn review_defaults_to_today() {
    let p = project();
    let run = p.run(&["review", "K-2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = read(&p, "kpis.toml");
    let re = regex::Regex::new(r"target = 2\nmeasured = \d{4}-\d{2}-\d{2}\n$").unwrap();
    assert!(re.is_match(&text), "{text}");
}

#[test]
fn an_unknown_id_or_a_kind_without_the_field_writes_nothing() {
    for (ids, needle) in [
        (vec!["P-1", "NOPE"], "no object has the id `NOPE`"),
        (vec!["P-1", "CO-1"], "`CO-1` is an objective"),
    ] {
        let p = project();
        let mut args = vec!["review"];
        args.extend(&ids);
        let run = p.run(&args);
        assert_eq!(run.code, 2, "{ids:?}");
        assert!(run.stderr.contains(needle), "{}", run.stderr);
        assert_eq!(read(&p, "principles/p.md"), PRINCIPLE, "nothing written");
        assert_eq!(read(&p, "kpis.toml"), KPIS);
    }
}

#[test]
fn a_crlf_file_keeps_its_line_endings() {
    // SPEC §8: "changing no other byte of the file".
    let p = project();
    let crlf = |s: &str| s.replace('\n', "\r\n");
    p.write("principles/p.md", &crlf(PRINCIPLE));
    p.write("kpis.toml", &crlf(KPIS));
    let run = p.run(&["review", "P-1", "K-1", "K-2", "--date", "2026-11-30"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        read(&p, "principles/p.md"),
        crlf(&PRINCIPLE.replace("2025-01-01", "2026-11-30"))
    );
    let kpis = read(&p, "kpis.toml");
    // K-1 gets `measured` after its last key, K-2 at the end of the file.
    let expected = KPIS.replace(
        "current = 1.5   # from the board deck\n",
        "current = 1.5   # from the board deck\nmeasured = 2026-11-30\n",
    ) + "measured = 2026-11-30\n";
    assert_eq!(kpis, crlf(&expected));
    assert!(!kpis.replace("\r\n", "").contains('\n'), "{kpis:?}");
}

#[test]
fn review_sets_a_debt_item_s_reviewed() {
    let p = Project::with_owners();
    let debt = "[[debt]]\nid = \"D-1\"\ntitle = \"Old queue\"\nowner = \"alice\"\nimpact = \"Costs 3 pages a week.\"\n";
    p.write("debt.toml", debt);
    let run = p.run(&["review", "D-1", "--date", "2026-11-30"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "D-1: reviewed = 2026-11-30 in debt.toml\n");
    assert_eq!(
        read(&p, "debt.toml"),
        format!("{debt}reviewed = 2026-11-30\n")
    );
}
