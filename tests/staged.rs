//! `--staged --changed-since HEAD`, what the pre-commit hook runs: the
//! staged tree judged against HEAD, so a commit is held responsible for
//! what it breaks anywhere, and unstaged or untracked work is left out.

mod common;
use common::{OWNERS, Project};

const DATE: &str = "2026-01-10T12:00:00+0000";

const COMPANY: &str = "[[objective]]\nid = \"CO-1\"\ntitle = \"Grow\"\nlevel = \"company\"\nowner = \"alice\"\n\n\
[[kpi]]\nid = \"K-CO\"\ntitle = \"ARR\"\nobjective = \"CO-1\"\nowner = \"alice\"\nbaseline = 10\ntarget = 20\n";
const DEP: &str = "\n[[objective]]\nid = \"DEP-1\"\ntitle = \"Sell\"\nlevel = \"department\"\nparent = \"CO-1\"\nowner = \"alice\"\n";
const TEAMS: &str = "[[objective]]\nid = \"T-1\"\ntitle = \"Ship\"\nlevel = \"team\"\nparent = \"DEP-1\"\nowner = \"alice\"\n\n\
[[kpi]]\nid = \"K-T1\"\ntitle = \"Carriers\"\nobjective = \"T-1\"\nowner = \"bob\"\nbaseline = 3\ntarget = 30\n";

/// A clean, committed strategy.
fn committed() -> Project {
    let p = Project::new();
    p.write("owners.toml", OWNERS);
    p.write("objectives/company.toml", &format!("{COMPANY}{DEP}"));
    p.write("objectives/teams.toml", TEAMS);
    p.commit_all("Strategy", DATE);
    assert_eq!(p.check_json(&[]).code, 0, "the base is clean");
    p
}

fn hook(p: &Project) -> common::Run {
    p.check_json(&["--staged", "--changed-since", "HEAD", "--no-history"])
}

#[test]
fn deleting_an_objective_fails_on_its_child_in_an_untouched_file() {
    let p = committed();
    p.write("objectives/company.toml", COMPANY);
    p.git(&["add", "objectives/company.toml"], DATE);
    let run = hook(&p);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.expect_one("OBJ001", "objectives/teams.toml", 5, Some("T-1"));
}

#[test]
fn marking_an_owner_as_departed_fails_on_what_they_own_elsewhere() {
    let p = committed();
    p.write(
        "owners.toml",
        &OWNERS.replace("[people.bob]\n", "[people.bob]\nactive = false\n"),
    );
    p.git(&["add", "owners.toml"], DATE);
    let run = hook(&p);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.expect_one("OWN003", "objectives/teams.toml", 12, Some("K-T1"));
}

#[test]
fn unstaged_and_untracked_work_is_left_out() {
    let p = committed();
    // Unstaged: the working tree drops DEP-1, the index still has it.
    p.write("objectives/company.toml", COMPANY);
    // Untracked: a broken file nobody staged.
    p.write("drafts/k.toml", "[[kpi]]\nid = \"K-WIP\"\ntitle = \"WIP\"\nobjective = \"CO-9\"\nowner = \"alice\"\nbaseline = 1\ntarget = 2\n");
    let run = hook(&p);
    assert_eq!(run.code, 0, "{:#?}\n{}", run.summary(), run.stderr);
    run.expect_clean();
    // Without --staged the working tree is what is judged.
    let run = p.check_json(&["--changed-since", "HEAD", "--no-history"]);
    assert_eq!(run.code, 1);
    // A staged fix of a file whose working copy is still broken passes.
    p.write(
        "objectives/teams.toml",
        &TEAMS.replace("owner = \"bob\"", "owner = \"zed\""),
    );
    assert_eq!(hook(&p).code, 0);
    p.git(&["add", "objectives/teams.toml"], DATE);
    let run = hook(&p);
    run.expect_one("OWN002", "objectives/teams.toml", 12, Some("K-T1"));
}

#[test]
fn a_repository_with_no_commit_yet_is_checked_whole() {
    let p = Project::new();
    p.write("owners.toml", OWNERS);
    p.write("objectives/teams.toml", TEAMS);
    p.git(&["init", "-q", "-b", "main"], DATE);
    p.git(&["add", "-A"], DATE);
    let run = hook(&p);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.expect_one("OBJ001", "objectives/teams.toml", 5, Some("T-1"));
    // And a clean first commit passes.
    p.write("objectives/company.toml", &format!("{COMPANY}{DEP}"));
    p.git(&["add", "-A"], DATE);
    hook(&p).expect_clean();
}

#[test]
fn staged_outside_git_is_a_usage_error() {
    let p = Project::with_owners();
    p.write("o.toml", COMPANY);
    let run = p.run(&["check", "--staged"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("--staged needs a git repository"),
        "{}",
        run.stderr
    );
}
