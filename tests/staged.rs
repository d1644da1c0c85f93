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

/// Installs a real `.git/hooks/pre-commit` that runs the binary as the
/// documented hook does (`check --staged --changed-since HEAD`).
fn install_hook(p: &Project) {
    let hook = p.path().join(".git/hooks/pre-commit");
    std::fs::create_dir_all(hook.parent().unwrap()).unwrap();
    std::fs::write(
        &hook,
        format!(
            "#!/bin/sh\nexec '{}' check --staged --changed-since HEAD --now 2026-11-25 --format concise\n",
            common::binary().display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

/// Runs a real `git commit` with `args` in `dir` (fixed identity and date,
/// the hook enabled); returns its exit status and output.
fn git_commit(dir: &std::path::Path, args: &[&str]) -> (i32, String) {
    git_commit_with_input(dir, args, "")
}

/// [`git_commit`] answering git's prompts (`--patch`) with `input`.
fn git_commit_with_input(dir: &std::path::Path, args: &[&str], input: &str) -> (i32, String) {
    use std::io::Write;
    let mut child = std::process::Command::new("git")
        .arg("commit")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .env("GIT_AUTHOR_DATE", DATE)
        .env("GIT_COMMITTER_DATE", DATE)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .env("NO_COLOR", "1")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("STRATLINT_NOW")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("git runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().expect("git runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

fn head(p: &Project) -> String {
    p.git(&["rev-parse", "HEAD"], DATE)
}

const BOB_LEFT: &str = "[people.bob]\nactive = false\n";

#[test]
fn commit_all_of_a_departure_made_only_in_the_working_tree_fails() {
    // `git commit -a` builds the commit in a temporary index that git names
    // in GIT_INDEX_FILE; the repository's index still holds the old registry.
    let p = committed();
    install_hook(&p);
    let before = head(&p);
    p.write("owners.toml", &OWNERS.replace("[people.bob]\n", BOB_LEFT));
    let (code, out) = git_commit(p.path(), &["-q", "-am", "Bob has left"]);
    assert_ne!(code, 0, "the commit went through:\n{out}");
    assert!(
        out.contains("objectives/teams.toml:12:") && out.contains("OWN003"),
        "{out}"
    );
    assert_eq!(head(&p), before, "nothing was committed");
    // Handing bob's KPI to alice in the same commit makes it pass.
    p.write(
        "objectives/teams.toml",
        &TEAMS.replace("owner = \"bob\"", "owner = \"alice\""),
    );
    let (code, out) = git_commit(p.path(), &["-q", "-am", "Bob has left"]);
    assert_eq!(code, 0, "{out}");
    assert_ne!(head(&p), before);
}

#[test]
fn commit_of_named_paths_is_judged_as_it_will_be_recorded() {
    // `git commit <paths>` builds the commit from HEAD plus those paths'
    // working copies, in a temporary index of its own.
    let p = committed();
    install_hook(&p);
    let before = head(&p);
    p.write("owners.toml", &OWNERS.replace("[people.bob]\n", BOB_LEFT));
    let (code, out) = git_commit(p.path(), &["-q", "-m", "Bob has left", "owners.toml"]);
    assert_ne!(code, 0, "the commit went through:\n{out}");
    assert!(out.contains("OWN003"), "{out}");
    assert_eq!(head(&p), before);
    // A path commit of another file leaves the broken registry out: it passes,
    // and records only that file.
    p.write("objectives/teams.toml", &TEAMS.replace("Ship", "Ship v2"));
    let (code, out) = git_commit(p.path(), &["-q", "-m", "Rename", "objectives/teams.toml"]);
    assert_eq!(code, 0, "{out}");
    let changed = p.git(&["show", "--name-only", "--format=", "HEAD"], DATE);
    assert_eq!(changed.trim(), "objectives/teams.toml");
}

#[test]
fn commit_patch_is_judged_by_the_hunks_it_picks() {
    // `git commit --patch` (the `--interactive` family) builds the commit in
    // a temporary index from the hunks the user picks.
    let p = committed();
    install_hook(&p);
    let before = head(&p);
    p.write("owners.toml", &OWNERS.replace("[people.bob]\n", BOB_LEFT));
    let (code, out) =
        git_commit_with_input(p.path(), &["-q", "--patch", "-m", "Bob has left"], "y\n");
    assert_ne!(code, 0, "the commit went through:\n{out}");
    assert!(out.contains("OWN003"), "{out}");
    assert_eq!(head(&p), before);
    // Picking a harmless hunk and leaving the departure out passes.
    p.write("objectives/teams.toml", &TEAMS.replace("Ship", "Ship v2"));
    // Hunks come by path: objectives/teams.toml's, then owners.toml's.
    let (code, out) = git_commit_with_input(p.path(), &["-q", "--patch", "-m", "Rename"], "y\nn\n");
    assert_eq!(code, 0, "{out}");
    let changed = p.git(&["show", "--name-only", "--format=", "HEAD"], DATE);
    assert_eq!(changed.trim(), "objectives/teams.toml");
}

#[test]
fn a_plain_commit_judges_the_repository_index() {
    // A plain `git commit` names the repository's own index in
    // GIT_INDEX_FILE, relative to the work tree's top (`.git/index`).
    let p = committed();
    install_hook(&p);
    p.write("owners.toml", &OWNERS.replace("[people.bob]\n", BOB_LEFT));
    p.git(&["add", "owners.toml"], DATE);
    let (code, out) = git_commit(p.path(), &["-q", "-m", "Bob has left"]);
    assert_ne!(code, 0, "the commit went through:\n{out}");
    assert!(out.contains("OWN003"), "{out}");
    // Unstaged, the same edit does not block a harmless staged commit.
    p.git(&["reset", "-q", "owners.toml"], DATE);
    p.write("objectives/teams.toml", &TEAMS.replace("Ship", "Ship v2"));
    p.git(&["add", "objectives/teams.toml"], DATE);
    let (code, out) = git_commit(p.path(), &["-q", "-m", "Rename"]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn a_relative_index_file_is_read_from_the_top_of_the_work_tree() {
    let p = committed();
    // Another index, as git builds one for a commit: it records bob's departure,
    // which neither the repository's index nor the working tree has.
    std::fs::copy(
        p.path().join(".git/index"),
        p.path().join(".git/next-index"),
    )
    .unwrap();
    p.write("owners.toml", &OWNERS.replace("[people.bob]\n", BOB_LEFT));
    let out = std::process::Command::new("git")
        .args(["add", "owners.toml"])
        .current_dir(p.path())
        .env("GIT_INDEX_FILE", ".git/next-index")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", p.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    p.write("owners.toml", OWNERS);
    let args = [
        "check",
        "--format",
        "json",
        "--staged",
        "--changed-since",
        "HEAD",
        "--no-history",
    ];
    // From a subdirectory, as git itself reads it: against the top level.
    let sub = p.path().join("objectives");
    let run = common::run_binary(&sub, &args, &[("GIT_INDEX_FILE", ".git/next-index")]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.expect_one("OWN003", "teams.toml", 12, Some("K-T1"));
    // An absolute path is read as it is.
    let abs = p.path().join(".git/next-index");
    let run = common::run_binary(&sub, &args, &[("GIT_INDEX_FILE", abs.to_str().unwrap())]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.expect_one("OWN003", "teams.toml", 12, Some("K-T1"));
    // Without it, the repository's index (unchanged) is clean.
    let run = common::run_binary(&sub, &args, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.expect_clean();
    // Without --staged, GIT_INDEX_FILE is not read: the working tree is clean.
    let run = common::run_binary(
        &sub,
        &["check", "--format", "json", "--no-history"],
        &[("GIT_INDEX_FILE", ".git/next-index")],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn an_index_file_that_does_not_exist_is_a_usage_error() {
    let p = committed();
    let run = common::run_binary(
        p.path(),
        &["check", "--staged"],
        &[("GIT_INDEX_FILE", ".git/no-such-index")],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("GIT_INDEX_FILE") && run.stderr.contains("no-such-index"),
        "{}",
        run.stderr
    );
}
