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

// ---------------------------------------------------------------------
// Linked commits and activity (SPEC §14, "Linked commits (git)").

use std::collections::BTreeMap;

use stratlint::analysis::{Analysis, Options, analyze};
use stratlint::date::Date;
use stratlint::project::locate;
use stratlint::snapshot::Overlays;

const ROADMAP: &str = r#"[[objective]]
id = "CO-1"
title = "Grow"
level = "company"
owner = "alice"

[[objective]]
id = "CO-1.1"
title = "Pay faster"
level = "department"
parent = "CO-1"
owner = "alice"

[[initiative]]
id = "I-PAY"
title = "Refunds"
owner = "alice"
serves = ["CO-1.1"]
keys = ["PAY-142"]
paths = ["services/pay/"]

[[initiative]]
id = "I-SEARCH"
title = "Search"
owner = "alice"
serves = ["CO-1"]
paths = ["services/search/**/*.rs"]

[[initiative]]
id = "I-STRAT"
title = "Strategy upkeep"
owner = "alice"
serves = ["CO-1"]
paths = ["strategy/", "owners.toml"]
"#;

/// The analysis of `p` in process, at `now` (history read unless `no_history`).
fn analysis(p: &Project, now: &str, no_history: bool) -> Analysis {
    let project = locate(p.path(), &[], None).expect("a project");
    let options = Options {
        now: Date::parse(now),
        no_history,
        ..Default::default()
    };
    analyze(project, &Overlays::default(), &options).expect("an analysis")
}

fn index(a: &Analysis, id: &str) -> usize {
    a.model
        .objects
        .iter()
        .position(|o| o.id() == Some(id))
        .unwrap_or_else(|| panic!("{id} is in the model"))
}

/// Each commit's subject by its id.
fn subjects(p: &Project) -> BTreeMap<String, String> {
    p.git(&["log", "--all", "--format=%H %s"], &at("2026-01-01"))
        .lines()
        .map(|l| {
            let (oid, subject) = l.split_once(' ').unwrap();
            (oid.to_owned(), subject.to_owned())
        })
        .collect()
}

/// An initiative's linked commits, by subject, newest first; its activity
/// in the window; the day of its newest linked commit.
fn linked(a: &Analysis, p: &Project, id: &str) -> (Vec<String>, usize, Option<String>) {
    let names = subjects(p);
    let act = a
        .facts
        .activity(index(a, id))
        .expect("activity with history");
    (
        act.commits
            .iter()
            .map(|(oid, _)| names[&oid.to_string()].clone())
            .collect(),
        act.in_window,
        act.last.map(|d| d.to_string()),
    )
}

/// Commits `file` with `text` as `message`, authored by `author` when given.
fn commit_file(
    p: &Project,
    file: &str,
    text: &str,
    message: &str,
    date: &str,
    author: Option<&str>,
) {
    p.write(file, text);
    p.git(&["add", "-A"], date);
    let mut args = vec!["commit", "-q", "-m", message];
    if let Some(a) = author {
        args.extend(["--author", a]);
    }
    p.git(&args, date);
}

/// The repository every linking way and exclusion is tried on.
fn linked_repository() -> Project {
    let p = Project::with_owners();
    p.write("strategy/roadmap.toml", ROADMAP);
    p.write("services/pay/a.rs", "// a\n");
    p.write("services/other/z.rs", "// z\n");
    p.write("services/search/x/y.rs", "// y\n");
    // The root commit changes every file it has: I-PAY and I-SEARCH by
    // path; I-STRAT's patterns match only strategy files there, which
    // link nothing.
    p.commit_all("Start", &at("2026-01-05"));
    let c = |file: &str, msg: &str, day: &str| {
        commit_file(&p, file, &format!("{msg}\n"), msg, &at(day), None)
    };
    c("README", "Refund faster (PAY-142)", "2026-09-01");
    c(
        "notes.txt",
        "XPAY-142 and PAY-1420 and pay-142",
        "2026-09-02",
    );
    c(
        "other.txt",
        "Fix both\n\nstrategy: I-SEARCH, I-PAY",
        "2026-09-03",
    );
    c("services/search/a/b.rs", "Tune search", "2026-09-04");
    c("services/search/a/b.md", "Search notes", "2026-09-04");
    c(
        "services/search/a/b.rs",
        "Tune search for pay\n\nStrategy: I-PAY",
        "2026-09-05",
    );
    p.git(
        &["mv", "services/other/z.rs", "services/pay/z.rs"],
        &at("2026-09-06"),
    );
    p.git(&["commit", "-q", "-m", "Move z in"], &at("2026-09-06"));
    std::fs::create_dir_all(p.path().join("lib")).unwrap();
    p.git(&["mv", "services/pay/a.rs", "lib/a.rs"], &at("2026-09-06"));
    p.git(&["commit", "-q", "-m", "Move a out"], &at("2026-09-06"));
    // A strategy file alone links nothing by path; plain Markdown beside
    // it is no strategy file (SPEC §2) and does.
    commit_file(
        &p,
        "strategy/roadmap.toml",
        &format!("{ROADMAP}# edited\n"),
        "Edit the roadmap",
        &at("2026-09-06"),
        None,
    );
    c("strategy/notes.md", "Strategy notes", "2026-09-06");
    commit_file(
        &p,
        "services/pay/b.rs",
        "// bot\n",
        "Bump\n\nStrategy: I-PAY",
        &at("2026-09-07"),
        Some("dependabot[bot] <bot@example.com>"),
    );
    commit_file(
        &p,
        "services/pay/c.rs",
        "// bot\n",
        "Bump more (PAY-142)",
        &at("2026-09-07"),
        Some("renovate-bot <r@example.com>"),
    );
    // A side branch merged with a merge commit: the merge is not linked,
    // the branch's own commits are.
    p.git(&["checkout", "-q", "-b", "side"], &at("2026-09-08"));
    c("side.txt", "Side work\n\nStrategy: I-SEARCH", "2026-09-08");
    p.git(&["checkout", "-q", "main"], &at("2026-09-09"));
    c("main.txt", "Main work", "2026-09-09");
    p.git(
        &[
            "merge",
            "-q",
            "--no-ff",
            "side",
            "-m",
            "Merge side\n\nStrategy: I-PAY PAY-142",
        ],
        &at("2026-09-10"),
    );
    // The window's bounds (100 days before 2026-11-25 is 2026-08-17):
    // exactly at its start is out, a second later in; at now in, after out.
    let w = |file: &str, msg: &str, when: &str| commit_file(&p, file, msg, msg, when, None);
    w(
        "w1.txt",
        "At the start\n\nStrategy: I-SEARCH",
        "2026-08-17T00:00:00+0000",
    );
    w(
        "w2.txt",
        "Just after the start\n\nStrategy: I-SEARCH",
        "2026-08-17T00:00:01+0000",
    );
    w(
        "w3.txt",
        "At now\n\nStrategy: I-SEARCH",
        "2026-11-25T00:00:00+0000",
    );
    w(
        "w4.txt",
        "After now\n\nStrategy: I-SEARCH",
        "2026-11-25T00:00:01+0000",
    );
    p
}

#[test]
fn commits_link_by_trailer_key_and_path_with_every_exclusion() {
    let p = linked_repository();
    p.write(
        "stratlint.toml",
        "[execution]\nignore_authors = [\"renovate*\"]\n",
    );
    p.git(&["commit", "-q", "-am", "Config"], &at("2026-09-11"));
    let a = analysis(&p, "2026-11-25", false);
    let s = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        linked(&a, &p, "I-PAY"),
        (
            s(&[
                "Move a out",
                "Move z in",
                "Tune search for pay",
                "Fix both",
                "Refund faster (PAY-142)",
                "Start",
            ]),
            5,
            Some("2026-09-06".to_owned())
        )
    );
    let (search, in_window, last) = linked(&a, &p, "I-SEARCH");
    assert_eq!(
        search,
        s(&[
            "After now",
            "At now",
            "Just after the start",
            "At the start",
            "Side work",
            "Tune search",
            "Fix both",
            "Start",
        ])
    );
    // In the window: at now, just after its start, the side branch's
    // commit, the path and the trailer: 5 (not the start, nor after now).
    assert_eq!(in_window, 5);
    assert_eq!(last.as_deref(), Some("2026-11-25"));
    // Strategy files never link by path (the roadmap, the owners
    // registry); a plain note in the strategy directory is no strategy file.
    assert_eq!(
        linked(&a, &p, "I-STRAT"),
        (s(&["Strategy notes"]), 1, Some("2026-09-06".to_owned()))
    );
    // CO-1.1: I-PAY's 5; CO-1: I-PAY's, I-SEARCH's ("Fix both" once) and
    // I-STRAT's: 10.
    assert_eq!(a.facts.objective_activity(index(&a, "CO-1.1")), Some(5));
    assert_eq!(a.facts.objective_activity(index(&a, "CO-1")), Some(10));
    // Without history: no activity.
    let off = analysis(&p, "2026-11-25", true);
    assert!(off.facts.activity(index(&off, "I-PAY")).is_none());
    assert_eq!(off.facts.objective_activity(index(&off, "CO-1")), None);
}

#[test]
fn the_default_config_ignores_bots_but_not_other_authors() {
    let p = linked_repository();
    let a = analysis(&p, "2026-11-25", false);
    let (pay, _, _) = linked(&a, &p, "I-PAY");
    // `renovate-bot` is no `[bot]`: its commit (a key) is linked by default;
    // `dependabot[bot]`'s never is.
    assert!(pay.contains(&"Bump more (PAY-142)".to_owned()), "{pay:?}");
    assert!(!pay.contains(&"Bump".to_owned()), "{pay:?}");
}

#[test]
fn a_commit_graph_with_bloom_filters_links_the_same_commits() {
    let p = linked_repository();
    let before = analysis(&p, "2026-11-25", false);
    let lists = |a: &Analysis| {
        ["I-PAY", "I-SEARCH", "I-STRAT"]
            .map(|id| linked(a, &p, id))
            .to_vec()
    };
    let expected = lists(&before);
    p.git(
        &["commit-graph", "write", "--reachable", "--changed-paths"],
        &at("2026-11-25"),
    );
    assert!(p.path().join(".git/objects/info/commit-graph").exists());
    let after = analysis(&p, "2026-11-25", false);
    assert_eq!(lists(&after), expected);
    assert!(!expected[0].0.is_empty());
}

/// Found on runc's history (scripts/linking-real.sh): "Fix file permissions
/// for mounts.bats" changed the file's mode alone, and git's own
/// `git log -- <path>` lists it. A mode change, and a submodule's new
/// commit, change the path; a mode change elsewhere links nothing.
#[test]
fn a_change_of_mode_alone_and_a_submodule_bump_link_by_path_as_git_log_lists_them() {
    let p = Project::with_owners();
    p.write("strategy/roadmap.toml", ROADMAP);
    p.write("services/pay/run.sh", "echo pay\n");
    p.write("services/other/tool.sh", "echo tool\n");
    p.commit_all("Start", &at("2026-09-01"));
    let commit = |args: &[&str], subject: &str, day: &str| {
        p.git(args, &at(day));
        p.git(&["commit", "-q", "-m", subject], &at(day));
    };
    let chmod = |file: &str, subject: &str, day: &str| {
        commit(&["update-index", "--chmod=+x", file], subject, day);
    };
    chmod(
        "services/pay/run.sh",
        "Make run.sh executable",
        "2026-09-02",
    );
    chmod(
        "services/other/tool.sh",
        "Make tool.sh executable",
        "2026-09-03",
    );
    let gitlink = |sha: &str, subject: &str, day: &str| {
        let info = format!("160000,{sha},services/pay/vendor-lib");
        commit(
            &["update-index", "--add", "--cacheinfo", &info],
            subject,
            day,
        );
    };
    gitlink(
        "1111111111111111111111111111111111111111",
        "Add the pay library",
        "2026-09-04",
    );
    gitlink(
        "2222222222222222222222222222222222222222",
        "Bump the pay library",
        "2026-09-05",
    );
    let s = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let expected = s(&[
        "Bump the pay library",
        "Add the pay library",
        "Make run.sh executable",
        "Start",
    ]);
    // What git itself lists for the path.
    let git_lists: Vec<String> = p
        .git(
            &["log", "--no-merges", "--format=%s", "--", "services/pay/"],
            &at("2026-09-06"),
        )
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(git_lists, expected);
    let a = analysis(&p, "2026-09-10", false);
    assert_eq!(
        linked(&a, &p, "I-PAY"),
        (expected.clone(), 4, Some("2026-09-05".to_owned()))
    );
    // The same with the commit-graph's changed-path Bloom filters.
    p.git(
        &["commit-graph", "write", "--reachable", "--changed-paths"],
        &at("2026-09-06"),
    );
    let a = analysis(&p, "2026-09-10", false);
    assert_eq!(linked(&a, &p, "I-PAY").0, expected);
}

#[test]
fn a_shallow_clone_links_only_the_commits_inside_it() {
    let p = Project::with_owners();
    p.write("strategy/roadmap.toml", ROADMAP);
    p.commit_all("Start", &at("2026-01-05"));
    commit_file(&p, "a.txt", "a\n", "One (PAY-142)", &at("2026-09-01"), None);
    commit_file(&p, "b.txt", "b\n", "Two (PAY-142)", &at("2026-09-02"), None);
    let (_keep, clone) = p.shallow_clone(&[]);
    let project = locate(&clone, &[], None).expect("a project");
    let options = Options {
        now: Date::parse("2026-11-25"),
        ..Default::default()
    };
    let a = analyze(project, &Overlays::default(), &options).expect("an analysis");
    let act = a.facts.activity(index(&a, "I-PAY")).unwrap();
    assert_eq!(act.commits.len(), 1);
    assert_eq!(
        act.last.map(|d| d.to_string()).as_deref(),
        Some("2026-09-02")
    );
}

#[test]
fn an_objective_counts_initiatives_done_in_the_window_and_none_whose_signal_is_ahead() {
    let roadmap = |pay_status: &str, search_extra: &str| {
        ROADMAP
            .replace(
                "keys = [\"PAY-142\"]",
                &format!("keys = [\"PAY-142\"]\nstatus = \"{pay_status}\""),
            )
            .replace(
                "paths = [\"services/search/**/*.rs\"]",
                &format!(
                    "paths = [\"services/search/**/*.rs\"]\nkeys = [\"SRCH-1\"]\n{search_extra}"
                ),
            )
    };
    let p = Project::with_owners();
    p.write("strategy/roadmap.toml", &roadmap("active", ""));
    p.commit_all("Start", &at("2026-01-05"));
    commit_file(&p, "a.txt", "a\n", "Pay (PAY-142)", &at("2026-09-01"), None);
    commit_file(
        &p,
        "b.txt",
        "b\n",
        "Search (SRCH-1)",
        &at("2026-09-02"),
        None,
    );
    let co1 = |p: &Project, now: &str| {
        let a = analysis(p, now, false);
        (
            a.facts.objective_activity(index(&a, "CO-1")),
            a.facts.objective_activity(index(&a, "CO-1.1")),
        )
    };
    assert_eq!(co1(&p, "2026-11-25"), (Some(2), Some(1)));
    // I-PAY became done on 2026-10-01, in the window: it still counts.
    commit_file(
        &p,
        "strategy/roadmap.toml",
        &roadmap("done", ""),
        "Pay done",
        &at("2026-10-01"),
        None,
    );
    commit_file(
        &p,
        "a.txt",
        "late\n",
        "Late fix (PAY-142)",
        &at("2027-02-01"),
        None,
    );
    assert_eq!(co1(&p, "2026-11-25"), (Some(2), Some(1)));
    // On 2027-03-01 the late fix is in the window, but I-PAY became done
    // before it (2026-10-01 is out): it no longer counts.
    assert_eq!(co1(&p, "2027-03-01"), (Some(0), Some(0)));
    // Stopped in the window (its status changed again): it counts.
    commit_file(
        &p,
        "strategy/roadmap.toml",
        &roadmap("stopped", ""),
        "Pay stopped",
        &at("2027-02-02"),
        None,
    );
    assert_eq!(co1(&p, "2027-03-01"), (Some(1), Some(1)));
    // A first signal after now: not yet expected to move anything.
    p.write(
        "strategy/roadmap.toml",
        &roadmap("done", "first_signal = 2026-12-01\n"),
    );
    assert_eq!(co1(&p, "2026-11-25"), (Some(1), Some(1)));
    // A first signal as a duration counts from the first commit in which
    // the initiative exists (2026-01-05): 52 weeks is 2027-01-04.
    p.write(
        "strategy/roadmap.toml",
        &roadmap("done", "first_signal = \"52w\"\n"),
    );
    assert_eq!(co1(&p, "2026-11-25"), (Some(1), Some(1)));
    p.write(
        "strategy/roadmap.toml",
        &roadmap("done", "first_signal = \"40w\"\n"),
    );
    assert_eq!(co1(&p, "2026-11-25"), (Some(2), Some(1)));
}

/// The `prepare-commit-msg` hook docs/execution.md gives, as written there.
fn documented_hook() -> String {
    let page = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/execution.md"),
    )
    .unwrap();
    let start = page.find("```sh\n").expect("the page has the hook") + "```sh\n".len();
    let len = page[start..].find("```").unwrap();
    page[start..start + len].to_owned()
}

#[test]
fn the_documented_prepare_commit_msg_hook_links_commits_on_an_initiatives_branch() {
    let p = Project::with_owners();
    p.write(
        "strategy/roadmap.toml",
        &ROADMAP.replace("id = \"I-PAY\"", "id = \"INIT-PAY\""),
    );
    p.commit_all("Start", &at("2026-01-05"));
    let hook = p.path().join(".git/hooks/prepare-commit-msg");
    std::fs::write(&hook, documented_hook()).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    p.git(
        &["checkout", "-q", "-b", "INIT-PAY/refunds"],
        &at("2026-09-01"),
    );
    commit_file(
        &p,
        "notes.txt",
        "a\n",
        "Faster refunds",
        &at("2026-09-01"),
        None,
    );
    // A message that names an initiative already is left alone.
    commit_file(
        &p,
        "more.txt",
        "b\n",
        "Search too\n\nStrategy: I-SEARCH",
        &at("2026-09-02"),
        None,
    );
    let log = p.git(&["log", "-2", "--format=%B%x00"], &at("2026-09-02"));
    assert!(
        log.contains("Faster refunds\n\nStrategy: INIT-PAY\n"),
        "{log}"
    );
    assert!(
        !log.contains("Search too\n\nStrategy: I-SEARCH\nStrategy"),
        "{log}"
    );
    let a = analysis(&p, "2026-11-25", false);
    let (pay, _, _) = linked(&a, &p, "INIT-PAY");
    assert_eq!(pay, ["Faster refunds"]);
    let (search, _, _) = linked(&a, &p, "I-SEARCH");
    assert_eq!(search, ["Search too"]);
}

#[test]
fn the_map_counts_an_initiative_s_linked_commits_in_the_window() {
    let p = Project::with_owners();
    p.write("objectives.toml", common::TREE);
    p.write(
        "work.toml",
        "[[initiative]]\nid = \"I-1\"\ntitle = \"Faster signup\"\nowner = \"alice\"\nserves = [\"CO-1\"]\nmoves = { K-1 = 1 }\nfirst_signal = \"6w\"\n",
    );
    p.commit_all("Plan I-1", &at("2026-06-01"));
    for (i, day) in ["2026-06-10", "2026-09-01", "2026-10-01"]
        .iter()
        .enumerate()
    {
        p.write("src/app.rs", &format!("// {i}\n"));
        p.commit_all(&format!("Work {i}\n\nStrategy: I-1"), &at(day));
    }
    // Unlinked work counts for nothing.
    p.write("src/other.rs", "// x\n");
    p.commit_all("Other work", &at("2026-10-02"));
    let map = |extra: &[&str]| {
        let mut args = vec!["map", "--format", "json", "--now", "2026-11-25"];
        args.extend_from_slice(extra);
        let run = p.run(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let node = doc["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == "I-1")
            .cloned()
            .unwrap();
        node["activity"].clone()
    };
    // The 100-day window from 2026-11-25 starts 2026-08-17: two of the three.
    assert_eq!(map(&[]), 2);
    assert_eq!(map(&["--no-history"]), 0);
}

#[test]
fn the_report_s_execution_section_reads_the_work_git_records() {
    let p = Project::with_owners();
    p.write("objectives.toml", common::TREE);
    p.write(
        "work.toml",
        concat!(
            "[[initiative]]\nid = \"I-1\"\ntitle = \"Faster signup\"\nowner = \"@alice\"\nserves = [\"CO-1\"]\n",
            "theme = \"product\"\ncapacity = 3\nstarted = 2026-10-05\nmoves = { K-1 = 1 }\nfirst_signal = \"6w\"\n\n",
            "[[initiative]]\nid = \"I-2\"\ntitle = \"Pay the queue\"\nowner = \"alice\"\ntheme = \"tech-health\"\n",
            "started = 2026-10-05\npays = [\"D-2\"]\n\n",
            "[[initiative]]\nid = \"I-3\"\ntitle = \"Old\"\nowner = \"alice\"\nstatus = \"stopped\"\nserves = [\"CO-1\"]\n\n",
            "[[debt]]\nid = \"D-1\"\ntitle = \"Cheap\"\nowner = \"alice\"\nimpact = \"Costs 1 day.\"\ninterest = 1\n\n",
            "[[debt]]\nid = \"D-2\"\ntitle = \"Dear\"\nowner = \"alice\"\nimpact = \"Costs 9 days.\"\ninterest = 9\n\n",
            "[[debt]]\nid = \"D-0\"\ntitle = \"Unpriced\"\nowner = \"alice\"\nimpact = \"Costs 2 days.\"\nsince = 2026-01-15\n",
        ),
    );
    p.commit_all("Plan", &at("2026-06-01"));
    p.write("src/app.rs", "// 1\n");
    p.commit_all("Work\n\nStrategy: I-1", &at("2026-09-01"));
    p.write("src/app.rs", "// 2\n");
    p.commit_all("More work\n\nStrategy: I-1", &at("2026-11-02"));
    let run = p.run(&["report", "--format", "json", "--now", "2026-11-25"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let ids: Vec<&str> = doc["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    // I-3 was stopped before the window (its first commit): not listed.
    assert_eq!(ids, ["I-1", "I-2"]);
    let i1 = &doc["initiatives"][0];
    assert_eq!(i1["activity"], 2);
    assert_eq!(i1["last_activity"], "2026-11-02");
    assert_eq!(i1["first_signal"], "2026-11-16");
    assert_eq!(
        i1["moves"],
        serde_json::json!([{"kpi": "K-1", "expected": 1.0, "moved": false}])
    );
    assert_eq!(i1["owner"], "alice");
    assert_eq!(doc["capacity"]["quarter"], "2026-Q4");
    assert_eq!(
        doc["capacity"]["shares"],
        serde_json::json!({"product": 0.75, "tech-health": 0.25})
    );
    assert_eq!(doc["unserved"], serde_json::json!([]));
    let debt: Vec<(&str, &serde_json::Value, &serde_json::Value)> = doc["debt"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["id"].as_str().unwrap(), &d["registered"], &d["paid_by"]))
        .collect();
    assert_eq!(
        debt,
        [
            (
                "D-2",
                &serde_json::json!("2026-06-01"),
                &serde_json::json!(["I-2"])
            ),
            (
                "D-1",
                &serde_json::json!("2026-06-01"),
                &serde_json::json!([])
            ),
            (
                "D-0",
                &serde_json::json!("2026-01-15"),
                &serde_json::json!([])
            ),
        ]
    );
    // Without history: no activity, and the register's dates from the files alone.
    let doc = p.report("json").json();
    assert_eq!(doc["initiatives"][0]["activity"], 0);
    assert!(doc["initiatives"][0]["last_activity"].is_null());
    assert!(doc["debt"][0]["registered"].is_null());
    let markdown = p.run(&["report", "--now", "2026-11-25"]).stdout;
    assert!(markdown.contains("## Execution"), "{markdown}");
    assert!(
        markdown.contains("| CO-1 | I-1: Faster signup | active | product | 3 | 2 | 2026-11-02 | K-1 +1 | 2026-11-16 |"),
        "{markdown}"
    );
}

// ---------------------------------------------------------------------
// A KPI's measurements over the window (SPEC §14), which EXE005 judges.

fn kpi(current: &str, extra: &str) -> String {
    format!(
        "[[kpi]]\nid = \"K-CONV\"\ntitle = \"Conversion\"\nobjective = \"CO-1\"\nowner = \"alice\"\n\
         baseline = 3\ntarget = 4\ndirection = \"increase\"\ncurrent = {current}\n{extra}"
    )
}

#[test]
fn a_kpis_measurements_over_the_window_are_read_from_its_history() {
    let p = Project::with_owners();
    p.write("strategy/roadmap.toml", ROADMAP);
    p.write("strategy/kpis.toml", &kpi("3.1", ""));
    p.commit_all("Start", &at("2026-01-05"));
    let k = |current: &str, extra: &str, msg: &str, day: &str| {
        commit_file(
            &p,
            "strategy/kpis.toml",
            &kpi(current, extra),
            msg,
            &at(day),
            None,
        )
    };
    k("3.0", "", "Before the window", "2026-06-01");
    k("3.1", "", "Up", "2026-09-01");
    k(
        "3.1",
        "measured = 2026-10-01\n",
        "Measured again",
        "2026-10-01",
    );
    k(
        "3.10",
        "measured = 2026-10-01\n",
        "Reformatted",
        "2026-10-15",
    );
    k("3.0", "measured = 2026-10-01\n", "Down", "2026-11-01");
    let series = |p: &Project, no_history: bool| {
        let a = analysis(p, "2026-11-25", no_history);
        a.facts.series(index(&a, "K-CONV")).cloned()
    };
    let day = |d: &str| Date::parse(d).unwrap().unix() + 12 * 3600;
    let s = series(&p, false).expect("read with initiatives");
    assert_eq!(
        s.points,
        vec![
            (day("2026-09-01"), Some(3.1)),
            (day("2026-10-01"), Some(3.1)),
            (day("2026-11-01"), Some(3.0)),
        ]
    );
    assert_eq!((s.start, s.end), (Some(3.0), Some(3.0)));
    // K-CONV 3.0 → 3.1 → 3.1 → 3.0: measured, not improved, target missed.
    assert!(!s.improved && s.flat);
    // The working tree counts as now.
    p.write("strategy/kpis.toml", &kpi("3.2", "measured = 2026-10-01\n"));
    let s = series(&p, false).unwrap();
    assert_eq!(
        s.points.last(),
        Some(&(Date::parse("2026-11-25").unwrap().unix(), Some(3.2)))
    );
    assert_eq!((s.start, s.end), (Some(3.0), Some(3.2)));
    assert!(s.improved && !s.flat);
    // Without history, or without initiatives, none is read.
    assert!(series(&p, true).is_none());
    p.write(
        "strategy/roadmap.toml",
        &ROADMAP[..ROADMAP.find("[[initiative]]").unwrap()],
    );
    assert!(series(&p, false).is_none());
}

#[test]
fn a_kpi_not_measured_in_the_window_has_no_points_and_is_neither_flat_nor_improved() {
    let p = Project::with_owners();
    p.write("strategy/roadmap.toml", ROADMAP);
    p.write("strategy/kpis.toml", &kpi("3.1", ""));
    p.commit_all("Start", &at("2026-01-05"));
    commit_file(&p, "other.txt", "x\n", "Code", &at("2026-10-01"), None);
    let a = analysis(&p, "2026-11-25", false);
    let s = a.facts.series(index(&a, "K-CONV")).unwrap();
    assert!(s.points.is_empty());
    assert_eq!((s.start, s.end), (Some(3.1), Some(3.1)));
    assert!(!s.improved && !s.flat);
}

#[test]
fn a_kpi_added_in_the_window_improved_when_its_value_beats_the_baseline() {
    let p = Project::with_owners();
    p.write("strategy/roadmap.toml", ROADMAP);
    p.commit_all("Start", &at("2026-01-05"));
    commit_file(
        &p,
        "strategy/kpis.toml",
        &kpi("3.5", ""),
        "Add",
        &at("2026-09-01"),
        None,
    );
    let a = analysis(&p, "2026-11-25", false);
    let s = a.facts.series(index(&a, "K-CONV")).unwrap();
    assert_eq!(s.points.len(), 1);
    assert_eq!((s.start, s.end), (None, Some(3.5)));
    assert!(s.improved && !s.flat);
}

#[test]
fn a_kpi_without_a_target_is_never_flat() {
    let p = Project::with_owners();
    p.write("strategy/roadmap.toml", ROADMAP);
    let untargeted = |c: &str| kpi(c, "").replace("target = 4\ndirection = \"increase\"\n", "");
    p.write("strategy/kpis.toml", &untargeted("3.1"));
    p.commit_all("Start", &at("2026-01-05"));
    commit_file(
        &p,
        "strategy/kpis.toml",
        &untargeted("3.0"),
        "Down",
        &at("2026-10-01"),
        None,
    );
    let a = analysis(&p, "2026-11-25", false);
    let s = a.facts.series(index(&a, "K-CONV")).unwrap();
    assert_eq!(s.points.len(), 1);
    assert!(!s.improved && !s.flat);
}

/// An objective tree (CO-1 → TEAM-1) with an outcome KPI under TEAM-1, an
/// initiative serving TEAM-1, and `min_activity = 2`.
fn velocity_project(conv: &str) -> Project {
    let p = Project::with_owners();
    p.write("stratlint.toml", "[execution]\nmin_activity = 2\n");
    p.write("objectives.toml", &velocity_tree(conv));
    p
}

fn velocity_tree(conv: &str) -> String {
    format!(
        concat!(
            "[[objective]]\nid = \"CO-1\"\ntitle = \"Grow\"\nlevel = \"company\"\nowner = \"alice\"\n\n",
            "[[objective]]\nid = \"TEAM-1\"\ntitle = \"Checkout\"\nlevel = \"department\"\nparent = \"CO-1\"\nowner = \"alice\"\n\n",
            "[[kpi]]\nid = \"K-CONV\"\ntitle = \"Conversion\"\nobjective = \"TEAM-1\"\nowner = \"alice\"\n",
            "baseline = 3.0\ntarget = 4.0\ncurrent = {}\n\n",
            "[[initiative]]\nid = \"I-1\"\ntitle = \"One-page checkout\"\nowner = \"alice\"\nserves = [\"TEAM-1\"]\n",
            "moves = {{ K-CONV = 0.5 }}\nfirst_signal = \"8w\"\n\n",
            "[[initiative]]\nid = \"I-2\"\ntitle = \"Faster payment\"\nowner = \"alice\"\nserves = [\"TEAM-1\"]\n",
            "moves = {{ K-CONV = 0.2 }}\nfirst_signal = \"8w\"\n",
        ),
        conv
    )
}

/// K-CONV measured twice in the window and back where it started: 3.0 on
/// 2026-10-01, 3.1 on 2026-11-01 (flat, from 3.1).
fn measured_flat(p: &Project) {
    p.write("objectives.toml", &velocity_tree("3.0"));
    p.commit_all("Q3 number", &at("2026-10-01"));
    p.write("objectives.toml", &velocity_tree("3.1"));
    p.commit_all("October number", &at("2026-11-01"));
}

/// Commits on `day` a code change carrying the trailer `Strategy: ID`.
fn linked_commit(p: &Project, n: usize, id: &str, day: &str) {
    p.write("src/app.rs", &format!("// {n}\n"));
    p.commit_all(&format!("Work {n}\n\nStrategy: {id}"), &at(day));
}

#[test]
fn busy_work_under_a_flat_outcome_kpi_is_exe005_on_the_lowest_objective() {
    let p = velocity_project("3.1");
    p.commit_all("Plan", &at("2026-06-01"));
    linked_commit(&p, 1, "I-1", "2026-09-01");
    linked_commit(&p, 2, "I-1", "2026-09-02");
    linked_commit(&p, 3, "I-2", "2026-09-03");
    measured_flat(&p);
    let run = check_on(&p, "2026-11-25");
    // Reported on TEAM-1 only: CO-1 is busy and flat too, but its child is.
    let d = run.expect_one("EXE005", "objectives.toml", 8, Some("TEAM-1"));
    let msg = d["message"].as_str().unwrap();
    assert!(
        msg.contains("3 commits in the last 100 days") && msg.contains("K-CONV 3.1 → 3.0 → 3.1"),
        "{msg}"
    );
    let related = common::related(&d);
    assert_eq!(
        related,
        [
            "`I-1`: 2 linked commits in the window",
            "`I-2`: 1 linked commit in the window",
            "`CO-1` is above it",
        ]
    );
    // Without history there is no activity: EXE005 does not run.
    check_on_args(&p, &["--no-history"]).expect_none("EXE005");
}

fn check_on_args(p: &Project, extra: &[&str]) -> common::Run {
    let mut args = vec!["check", "--format", "json", "--now", "2026-11-25"];
    args.extend_from_slice(extra);
    p.run(&args)
}

#[test]
fn an_improved_kpi_too_little_activity_or_no_measurement_keeps_exe005_quiet() {
    // Improved: 3.1 at the window's start, 3.4 at its end.
    let p = velocity_project("3.1");
    p.commit_all("Plan", &at("2026-06-01"));
    linked_commit(&p, 1, "I-1", "2026-09-01");
    linked_commit(&p, 2, "I-1", "2026-09-02");
    p.write("objectives.toml", &velocity_tree("3.4"));
    p.commit_all("Q3 number", &at("2026-10-01"));
    check_on(&p, "2026-11-25").expect_none("EXE005");

    // Flat, but one linked commit is below min_activity = 2.
    let p = velocity_project("3.1");
    p.commit_all("Plan", &at("2026-06-01"));
    linked_commit(&p, 1, "I-1", "2026-09-01");
    p.write("objectives.toml", &velocity_tree("3.0"));
    p.commit_all("Q3 number", &at("2026-10-01"));
    check_on(&p, "2026-11-25").expect_none("EXE005");

    // Busy, but the KPI was not measured in the window: nothing says it is flat.
    let p = velocity_project("3.1");
    p.commit_all("Plan", &at("2026-06-01"));
    linked_commit(&p, 1, "I-1", "2026-09-01");
    linked_commit(&p, 2, "I-1", "2026-09-02");
    check_on(&p, "2026-11-25").expect_none("EXE005");
}

/// CO-1 with K-CONV at `conv`, and I-1 started on `started` (or not
/// written), moving K-CONV by +0.5 with a first signal on 2026-09-01.
/// Writes `work.toml` as [`signal_tree`] with `(conv, started, status)` and
/// commits everything on `day`.
fn commit_signal(p: &Project, tree: (&str, Option<&str>, &str), message: &str, day: &str) {
    let (conv, started, status) = tree;
    p.write("work.toml", &signal_tree(conv, started, status));
    p.commit_all(message, &at(day));
}

fn signal_tree(conv: &str, started: Option<&str>, status: &str) -> String {
    let started = started.map_or(String::new(), |d| format!("started = {d}\n"));
    format!(
        concat!(
            "[[objective]]\nid = \"CO-1\"\ntitle = \"Grow\"\nlevel = \"company\"\nowner = \"alice\"\n\n",
            "[[kpi]]\nid = \"K-CONV\"\ntitle = \"Conversion\"\nobjective = \"CO-1\"\nowner = \"alice\"\n",
            "baseline = 3.0\ntarget = 4.0\ncurrent = {}\n\n",
            "[[initiative]]\nid = \"I-1\"\ntitle = \"One-page checkout\"\nowner = \"alice\"\nstatus = \"{}\"\n",
            "serves = [\"CO-1\"]\n{}moves = {{ K-CONV = 0.5 }}\nfirst_signal = 2026-09-01\n",
        ),
        conv, status, started
    )
}

#[test]
fn a_measured_kpi_that_did_not_move_after_the_first_signal_is_exe004_at_first_signal() {
    let p = Project::with_owners();
    commit_signal(
        &p,
        ("3.1", Some("2026-07-01"), "active"),
        "Plan",
        "2026-06-01",
    );
    commit_signal(
        &p,
        ("3.0", Some("2026-07-01"), "active"),
        "Q3 number",
        "2026-10-01",
    );
    let run = check_on(&p, "2026-11-25");
    let d = run.expect_one("EXE004", "work.toml", 24, Some("I-1"));
    let msg = d["message"].as_str().unwrap();
    assert!(
        msg.contains("due on 2026-09-01")
            && msg.contains("started on 2026-07-01")
            && msg.contains("last measured 2026-10-01"),
        "{msg}"
    );
    assert_eq!(
        d["related"][0]["message"],
        "`K-CONV`: last measured on 2026-10-01"
    );
    // The report says the same.
    let report = p.run(&["report", "--format", "json", "--now", "2026-11-25"]);
    let doc: serde_json::Value = serde_json::from_str(&report.stdout).unwrap();
    assert_eq!(doc["initiatives"][0]["signal_overdue"], true);
    assert_eq!(doc["initiatives"][0]["moves"][0]["moved"], false);
    check_on_args(&p, &["--no-history"]).expect_none("EXE004");
}

#[test]
fn a_move_the_expected_way_since_the_start_keeps_exe004_quiet() {
    // Up to 3.4 in August, down to 3.3 in October: it moved up since the start.
    let p = Project::with_owners();
    commit_signal(
        &p,
        ("3.1", Some("2026-07-01"), "active"),
        "Plan",
        "2026-06-01",
    );
    commit_signal(
        &p,
        ("3.4", Some("2026-07-01"), "active"),
        "August number",
        "2026-08-01",
    );
    commit_signal(
        &p,
        ("3.3", Some("2026-07-01"), "active"),
        "Q3 number",
        "2026-10-01",
    );
    check_on(&p, "2026-11-25").expect_none("EXE004");
    let report = p.run(&["report", "--format", "json", "--now", "2026-11-25"]);
    let doc: serde_json::Value = serde_json::from_str(&report.stdout).unwrap();
    assert_eq!(doc["initiatives"][0]["moves"][0]["moved"], true);
    assert_eq!(doc["initiatives"][0]["signal_overdue"], false);
}

#[test]
fn without_evidence_or_while_planned_exe004_stays_quiet_and_the_start_may_be_the_first_commit() {
    // No measurement since the first signal: no evidence.
    let p = Project::with_owners();
    commit_signal(
        &p,
        ("3.0", Some("2026-07-01"), "active"),
        "Plan",
        "2026-06-01",
    );
    check_on(&p, "2026-11-25").expect_none("EXE004");

    // Planned: not judged.
    let p = Project::with_owners();
    commit_signal(
        &p,
        ("3.1", Some("2026-07-01"), "planned"),
        "Plan",
        "2026-06-01",
    );
    commit_signal(
        &p,
        ("3.0", Some("2026-07-01"), "planned"),
        "Q3 number",
        "2026-10-01",
    );
    check_on(&p, "2026-11-25").expect_none("EXE004");

    // No `started`: it started with its first commit, 2026-06-01, and the
    // rise in May happened before it.
    let p = Project::with_owners();
    p.write("objectives.toml", "");
    p.commit_all("Empty", &at("2026-04-01"));
    commit_signal(&p, ("3.2", None, "active"), "Plan", "2026-06-01");
    commit_signal(&p, ("3.1", None, "active"), "Q3 number", "2026-10-01");
    let run = check_on(&p, "2026-11-25");
    let d = run.expect_one("EXE004", "work.toml", 23, Some("I-1"));
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("started on 2026-06-01"),
        "{}",
        d["message"]
    );
}

// `--changed-since`: the merge base is judged with the commits it reaches.

#[test]
fn changed_since_does_not_report_exe005_that_the_merge_base_already_had() {
    let p = velocity_project("3.1");
    p.commit_all("Plan", &at("2026-06-01"));
    linked_commit(&p, 1, "I-1", "2026-09-01");
    linked_commit(&p, 2, "I-1", "2026-09-02");
    measured_flat(&p);
    linked_commit(&p, 3, "I-2", "2026-11-10");
    // Busy and flat at HEAD, and already at its parent.
    check_on(&p, "2026-11-25").expect_one("EXE005", "objectives.toml", 8, Some("TEAM-1"));
    check_on_args(&p, &["--changed-since", "HEAD~1"]).expect_none("EXE005");
}

#[test]
fn changed_since_reports_exe005_that_the_commits_since_the_merge_base_brought() {
    let p = velocity_project("3.1");
    p.commit_all("Plan", &at("2026-06-01"));
    linked_commit(&p, 1, "I-1", "2026-09-01");
    measured_flat(&p);
    // One linked commit at the merge base (below `min_activity = 2`), two
    // at HEAD: the second one, above the base, is not the base's.
    linked_commit(&p, 2, "I-2", "2026-11-10");
    let run = check_on_args(&p, &["--changed-since", "HEAD~1"]);
    let d = run.expect_one("EXE005", "objectives.toml", 8, Some("TEAM-1"));
    let msg = d["message"].as_str().unwrap();
    assert!(msg.contains("2 commits in the last 100 days"), "{msg}");
}
