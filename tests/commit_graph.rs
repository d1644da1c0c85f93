//! History read through git's commit-graph and its changed-path Bloom
//! filters gives exactly what reading every commit gives: the same
//! diagnostics, byte for byte, on repositories with merges, moves into and
//! out of the strategy folder, split graph chains and a graph older than
//! HEAD. A graph that cannot be trusted is ignored with one note.

mod common;

use common::Project;

const NOW: &str = "2027-06-01";

fn day(d: &str) -> String {
    format!("{d}T12:00:00+0000")
}

/// `check --format json` and its stderr.
fn check(p: &Project) -> (String, String) {
    let run = p.run(&["check", "--format", "json", "--now", NOW]);
    assert!(run.code < 2, "{}", run.stderr);
    (run.stdout, run.stderr)
}

fn principle(id: &str, serves: &str, body: &str) -> String {
    format!(
        "+++\nkind = \"principle\"\nid = \"{id}\"\ntitle = \"{id}\"\nowner = \"alice\"\nserves = [\"{serves}\"]\n+++\n\n{body}\n"
    )
}

const THESIS: &str = "+++\nkind = \"thesis\"\nid = \"TH-1\"\ntitle = \"Why we win\"\nowner = \"alice\"\n+++\n\nBecause.\n";

fn kpis(target: u32, current: u32) -> String {
    format!(
        "[[objective]]\nid = \"CO-1\"\ntitle = \"Grow\"\nlevel = \"company\"\nowner = \"alice\"\n\n[[kpi]]\nid = \"K-1\"\ntitle = \"Revenue\"\nobjective = \"CO-1\"\nowner = \"alice\"\nbaseline = 10\ntarget = {target}\ncurrent = {current}\n"
    )
}

/// A monorepo-shaped history: strategy in `strategy/` (config at the top),
/// code in `src/` touched by most commits, a branch merged back, a file
/// moved out of the strategy folder and back, a directory renamed.
fn history() -> Project {
    let p = Project::with_owners();
    let code = |p: &Project, n: usize| {
        p.write(&format!("src/mod{}/lib.rs", n % 7), &format!("// {n}\n"));
        p.write("CHANGELOG.md", &format!("# Changes\n\n- {n}\n"));
    };
    p.write("strategy/thesis.md", THESIS);
    p.write(
        "strategy/principles/a.md",
        &principle("P-A", "TH-1", "One."),
    );
    p.write(
        "strategy/principles/b.md",
        &principle("P-B", "TH-1", "Two."),
    );
    p.write("strategy/kpis.toml", &kpis(20, 11));
    // A principle at the top, beside the changelog most commits touch.
    p.write("vision.md", &principle("P-TOP", "TH-1", "Top."));
    code(&p, 0);
    p.commit_all("Start", &day("2025-01-05"));
    let mut n = 1;
    for month in 2..=9 {
        code(&p, n);
        n += 1;
        if month == 6 {
            p.write("vision.md", &principle("P-TOP", "TH-1", "Top, revised."));
        }
        if month == 8 {
            // The company doubles: a headcount inflection (HL003).
            let hires: String = (1..=3)
                .map(|i| format!("\n[people.hire{i}]\nname = \"Hire {i}\"\n"))
                .collect();
            p.write("owners.toml", &format!("{}{hires}", common::OWNERS));
        }
        p.commit_all(&format!("Code {n}"), &day(&format!("2025-{month:02}-03")));
    }
    // A branch: the thesis changes there while code changes on main.
    p.git(&["checkout", "-q", "-b", "side"], &day("2025-10-01"));
    p.write(
        "strategy/thesis.md",
        &THESIS.replace("Because.", "Because, still."),
    );
    p.commit_all("Thesis revisited", &day("2025-10-02"));
    p.git(&["checkout", "-q", "main"], &day("2025-10-03"));
    code(&p, n);
    n += 1;
    p.commit_all("Code on main", &day("2025-10-04"));
    p.git(
        &["merge", "-q", "--no-ff", "-m", "Merge side", "side"],
        &day("2025-10-05"),
    );
    // The KPI's target moves, then its current.
    p.write("strategy/kpis.toml", &kpis(15, 11));
    p.commit_all("Lower the target", &day("2025-11-01"));
    p.write("strategy/kpis.toml", &kpis(15, 13));
    code(&p, n);
    n += 1;
    p.commit_all("Measure", &day("2025-12-01"));
    // P-B leaves the strategy folder, then comes back unchanged.
    p.git(
        &["mv", "strategy/principles/b.md", "notes-b.md"],
        &day("2026-01-10"),
    );
    p.commit_all("Park P-B", &day("2026-01-10"));
    p.git(
        &["mv", "notes-b.md", "strategy/principles/b.md"],
        &day("2026-02-10"),
    );
    p.commit_all("Restore P-B", &day("2026-02-10"));
    // The principles directory is renamed.
    p.git(
        &[
            "mv",
            "strategy/principles",
            "strategy/tenets-and-principles",
        ],
        &day("2026-03-01"),
    );
    p.commit_all("Rename the directory", &day("2026-03-01"));
    for month in 4..=8 {
        code(&p, n);
        n += 1;
        p.commit_all(&format!("Code {n}"), &day(&format!("2026-{month:02}-03")));
    }
    p.write(
        "strategy/tenets-and-principles/a.md",
        &principle("P-A", "TH-1", "One, revised."),
    );
    p.commit_all("Revise P-A", &day("2026-09-01"));
    p
}

fn write_graph(p: &Project, split: bool) {
    let mut args = vec!["commit-graph", "write", "--reachable", "--changed-paths"];
    if split {
        args.push("--split");
    }
    p.git(&args, &day("2026-10-01"));
}

fn graph_files(p: &Project) -> Vec<std::path::PathBuf> {
    let info = p.path().join(".git/objects/info");
    let mut files = vec![info.join("commit-graph")];
    if let Ok(dir) = std::fs::read_dir(info.join("commit-graphs")) {
        files.extend(dir.filter_map(|e| e.ok()).map(|e| e.path()));
    }
    files.into_iter().filter(|f| f.exists()).collect()
}

#[test]
fn the_same_diagnostics_with_and_without_a_commit_graph() {
    let p = history();
    let (without, notes) = check(&p);
    assert!(notes.is_empty(), "{notes}");
    // The check found history diagnostics to compare; the principle at
    // the top is dated by the commit that revised it, not by the
    // changelog's.
    assert!(without.contains("HL00"), "{without}");
    let json: serde_json::Value = serde_json::from_str(&without).unwrap();
    let top = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["object"] == "P-TOP" && d["code"].as_str().unwrap().starts_with("HL00"))
        .unwrap_or_else(|| panic!("{without}"));
    assert!(top.to_string().contains("2025-06-03"), "{top:#}");
    assert!(
        without.contains("headcount inflection of 2025-08-03"),
        "{without}"
    );
    write_graph(&p, false);
    assert!(!graph_files(&p).is_empty());
    let (with, notes) = check(&p);
    assert_eq!(with, without);
    assert!(notes.is_empty(), "{notes}");
    // Newer commits than the graph are read from their objects.
    p.write(
        "strategy/thesis.md",
        &THESIS.replace("Because.", "Because, again."),
    );
    p.commit_all("Thesis again", &day("2026-10-15"));
    let (newer, _) = check(&p);
    for f in graph_files(&p) {
        std::fs::remove_file(f).unwrap();
    }
    assert_eq!(newer, check(&p).0);
}

#[test]
fn a_split_chain_gives_the_same_diagnostics() {
    let p = history();
    write_graph(&p, true);
    p.write(
        "strategy/principles-new.md",
        &principle("P-C", "TH-1", "Three."),
    );
    p.commit_all("Add P-C", &day("2026-10-10"));
    write_graph(&p, true);
    let chain = p
        .path()
        .join(".git/objects/info/commit-graphs/commit-graph-chain");
    let layers = std::fs::read_to_string(&chain).unwrap();
    assert_eq!(layers.lines().count(), 2, "{layers}");
    let (with, notes) = check(&p);
    assert!(notes.is_empty(), "{notes}");
    std::fs::remove_dir_all(chain.parent().unwrap()).unwrap();
    assert_eq!(with, check(&p).0);
}

#[test]
fn a_broken_commit_graph_is_ignored_with_one_note() {
    let p = history();
    let (without, _) = check(&p);
    write_graph(&p, false);
    let file = p.path().join(".git/objects/info/commit-graph");
    let bytes = std::fs::read(&file).unwrap();
    // Truncated, then one byte flipped (a bad checksum), then a version 9.
    let mut flipped = bytes.clone();
    flipped[bytes.len() / 2] ^= 0x40;
    let mut version = bytes.clone();
    version[4] = 9;
    for broken in [bytes[..bytes.len() / 3].to_vec(), flipped, version] {
        std::fs::write(&file, &broken).unwrap();
        let (with, notes) = check(&p);
        assert_eq!(with, without);
        let said = notes
            .lines()
            .filter(|l| l.contains("commit-graph is ignored"));
        assert_eq!(said.count(), 1, "{notes}");
    }
}

/// A graph whose checksum is right but whose data disagrees with the
/// object database (HEAD's date changed inside it) is ignored too.
#[test]
fn a_commit_graph_that_disagrees_with_the_objects_is_ignored() {
    use sha1::{Digest, Sha1};
    let p = history();
    let (without, _) = check(&p);
    write_graph(&p, false);
    let file = p.path().join(".git/objects/info/commit-graph");
    let mut bytes = std::fs::read(&file).unwrap();
    let chunk = |id: &[u8]| -> usize {
        let count = bytes[6] as usize;
        (0..count)
            .map(|i| 8 + 12 * i)
            .find(|&at| &bytes[at..at + 4] == id)
            .map(|at| u64::from_be_bytes(bytes[at + 4..at + 12].try_into().unwrap()) as usize)
            .unwrap()
    };
    let (oidl, cdat) = (chunk(b"OIDL"), chunk(b"CDAT"));
    let head = p.git(&["rev-parse", "HEAD"], &day("2026-10-01"));
    let head: Vec<u8> = (0..20)
        .map(|i| u8::from_str_radix(&head.trim()[2 * i..2 * i + 2], 16).unwrap())
        .collect();
    let n = (cdat - oidl) / 20;
    let at = (0..n)
        .find(|i| bytes[oidl + 20 * i..oidl + 20 * i + 20] == head[..])
        .unwrap();
    // The low 32 bits of HEAD's commit time, one second later.
    let time = cdat + 36 * at + 32;
    bytes[time + 3] = bytes[time + 3].wrapping_add(1);
    let body = bytes.len() - 20;
    let sum = Sha1::digest(&bytes[..body]);
    bytes[body..].copy_from_slice(&sum);
    std::fs::write(&file, &bytes).unwrap();
    let (with, notes) = check(&p);
    assert_eq!(with, without);
    assert!(
        notes.contains("disagrees with the object database"),
        "{notes}"
    );
}

/// In a shallow clone the graph's parents are not the clone's (its
/// boundary commits have none): as git does, the graph is not used there,
/// even when one was copied in.
#[test]
fn a_shallow_clone_does_not_use_a_commit_graph() {
    let p = history();
    write_graph(&p, false);
    let (_dir, clone) = p.shallow_clone(&["--depth", "3"]);
    let check_in = |dir: &std::path::Path| {
        let run = p.run_in(dir, &["check", "--format", "json", "--now", NOW]);
        assert!(run.code < 2, "{}", run.stderr);
        run.stdout
    };
    let without = check_in(&clone);
    let info = clone.join(".git/objects/info");
    std::fs::create_dir_all(&info).unwrap();
    std::fs::copy(
        p.path().join(".git/objects/info/commit-graph"),
        info.join("commit-graph"),
    )
    .unwrap();
    assert_eq!(check_in(&clone), without);
}

#[test]
fn a_rename_in_the_project_directory_is_followed_with_a_graph_too() {
    let p = Project::with_owners();
    p.write(
        "first.md",
        &principle("P-1", "TH-1", "We ship small batches."),
    );
    p.write("thesis.md", THESIS);
    p.commit_all("Add principle P-1", &day("2025-01-01"));
    for n in 0..5 {
        p.write("CHANGELOG.md", &format!("# Changes {n}\n"));
        p.commit_all("Changelog", &day(&format!("2025-0{}-01", n + 2)));
    }
    p.git(&["mv", "first.md", "second.md"], &day("2026-10-01"));
    p.commit_all("Rename", &day("2026-10-01"));
    p.write("first.md", "# Notes\n\nNot strategy.\n");
    p.commit_all("Notes", &day("2026-10-02"));
    let (without, _) = check(&p);
    assert!(
        without.contains("HL002") && without.contains("on 2025-01-01: Add principle P-1"),
        "{without}"
    );
    write_graph(&p, false);
    assert_eq!(check(&p).0, without);
}
