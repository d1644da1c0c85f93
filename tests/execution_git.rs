//! The execution rules and facts that read git (SPEC §14): DEBT002, and
//! the commits linked to initiatives, on real repositories with fixed dates.

mod common;

use common::Project;

fn at(day: &str) -> String {
    format!("{day}T12:00:00+0000")
}

const DEBT: &str = "[[debt]]\nid = \"DEBT-LEDGER\"\ntitle = \"Ledger\"\nowner = \"alice\"\nimpact = \"Close takes 4 extra days.\"\n";

fn debt_with(extra: &str) -> String {
    format!("{DEBT}{extra}")
}

const PAYING: &str = "\n[[initiative]]\nid = \"I-LEDGER\"\ntitle = \"Pay the ledger\"\nowner = \"alice\"\nstatus = \"planned\"\npays = [\"DEBT-LEDGER\"]\n";

/// `check --format json` with `--now DAY`.
fn check_on(p: &Project, day: &str) -> common::Run {
    p.run(&["check", "--format", "json", "--now", day])
}

#[test]
fn debt_registered_by_its_first_commit_a_year_ago_and_unpaid_is_debt002() {
    let p = Project::with_owners();
    p.write("strategy/debt.toml", DEBT);
    p.commit_all("Register the ledger debt", &at("2025-01-10"));
    // A later edit does not register it again.
    p.write("strategy/debt.toml", &debt_with("interest = 3\n"));
    p.commit_all("Price it", &at("2026-06-01"));
    let run = p.check_json(&[]);
    let d = run.expect_one("DEBT002", "strategy/debt.toml", 2, Some("DEBT-LEDGER"));
    assert_eq!(
        d["message"],
        "debt `DEBT-LEDGER` was registered on 2025-01-10, 684 days ago, and no open initiative pays it"
    );
}

#[test]
fn debt_registered_less_than_the_threshold_ago_is_quiet_until_it_is_reached() {
    let p = Project::with_owners();
    p.write("strategy/debt.toml", DEBT);
    p.commit_all("Register", &at("2025-11-26"));
    // 364 days on 2026-11-25: quiet; 365 on 2026-11-26: fires.
    p.check_json(&[]).expect_none("DEBT002");
    check_on(&p, "2026-11-26").expect_one("DEBT002", "strategy/debt.toml", 2, Some("DEBT-LEDGER"));
    // The threshold comes from config.
    p.write("stratlint.toml", "[execution]\ndebt_unpaid = \"2y\"\n");
    check_on(&p, "2026-11-26").expect_none("DEBT002");
}

#[test]
fn since_and_reviewed_register_it_the_latest_winning() {
    let p = Project::with_owners();
    p.write("strategy/debt.toml", &debt_with("since = 2024-02-01\n"));
    p.commit_all("Register", &at("2026-10-01"));
    // Committed lately, but `since` says it was registered long ago.
    let d = p
        .check_json(&[])
        .expect_one("DEBT002", "strategy/debt.toml", 2, Some("DEBT-LEDGER"));
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("on 2024-02-01, 1028 days ago"),
        "{d}"
    );
    // Reviewed since: carried on purpose, registered again.
    p.write(
        "strategy/debt.toml",
        &debt_with("since = 2024-02-01\nreviewed = 2026-01-15\n"),
    );
    p.check_json(&[]).expect_none("DEBT002");
}

#[test]
fn an_open_initiative_paying_it_keeps_it_quiet_a_done_one_does_not() {
    let p = Project::with_owners();
    p.write("strategy/debt.toml", &format!("{DEBT}{PAYING}"));
    p.commit_all("Register and plan", &at("2025-01-10"));
    p.check_json(&[]).expect_none("DEBT002");
    p.write(
        "strategy/debt.toml",
        &format!("{DEBT}{}", PAYING.replace("planned", "done")),
    );
    p.commit_all("Done", &at("2025-06-01"));
    p.check_json(&[])
        .expect_one("DEBT002", "strategy/debt.toml", 2, Some("DEBT-LEDGER"));
}

#[test]
fn paid_debt_uncommitted_debt_and_runs_without_history_are_quiet() {
    let p = Project::with_owners();
    p.write("strategy/debt.toml", &debt_with("status = \"paid\"\n"));
    p.commit_all("Paid", &at("2024-01-10"));
    p.check_json(&[]).expect_none("DEBT002");
    // Not committed yet: registered today.
    p.write(
        "strategy/more.toml",
        &DEBT.replace("DEBT-LEDGER", "DEBT-NEW"),
    );
    p.check_json(&[]).expect_none("DEBT002");
    // Without history, even a `since` long ago is not judged.
    p.write("strategy/debt.toml", &debt_with("since = 2020-01-01\n"));
    p.check_json(&[])
        .expect_one("DEBT002", "strategy/debt.toml", 2, Some("DEBT-LEDGER"));
    p.check_json(&["--no-history"]).expect_none("DEBT002");
}

#[test]
fn outside_git_debt002_does_not_run() {
    let p = Project::with_owners();
    p.write("strategy/debt.toml", &debt_with("since = 2020-01-01\n"));
    p.check_json(&[]).expect_none("DEBT002");
}
