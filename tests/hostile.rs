//! Bad input never panics: each case gets a clear diagnostic (or exit 2
//! naming the file), and the rest of the repository is still checked.

mod common;
use common::Project;

/// A valid object elsewhere in the repository with one known problem, to
/// prove the rest of the repository is still checked.
fn with_sentinel(p: &Project) {
    p.write("sentinel.toml", "[[objective]]\nid = \"CO-1\"\ntitle = \"Grow\"\nlevel = \"company\"\nowner = \"alice\"\nparent = \"NOPE\"\n\n[[kpi]]\nid = \"K\"\ntitle = \"k\"\nobjective = \"CO-1\"\nowner = \"alice\"\nbaseline = 1\ntarget = 2\n");
}

#[track_caller]
fn assert_survived(run: &common::Run) {
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("internal error"),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.code, 1,
        "stdout: {}\nstderr: {}",
        run.stdout, run.stderr
    );
    // The sentinel's dangling parent is still found.
    assert_eq!(run.with_code("OBJ001").len(), 1, "{:?}", run.summary());
}

#[test]
fn invalid_utf8_is_sl001_at_the_first_bad_byte() {
    let p = Project::with_owners();
    with_sentinel(&p);
    p.write_bytes(
        "bad.md",
        b"+++\nkind = \"principle\"\nid = \"P-1\"\ntitle = \"caf\xe9\"\nowner = \"alice\"\n+++\n",
    );
    p.write_bytes(
        "bad.toml",
        b"[[tenet]]\nid = \"T-1\"\ntext = \"\xff\xfe\"\n",
    );
    let run = p.check_json(&[]);
    assert_survived(&run);
    let sl001: Vec<_> = run
        .with_code("SL001")
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        sl001,
        vec![("bad.md".to_owned(), 4, 13), ("bad.toml".to_owned(), 3, 9)]
    );
    // The rest of the file is still read: the principle exists and has an owner.
    run.expect_none("OWN001");
}

#[test]
fn binary_junk_with_a_kind_line_is_sl001_and_other_junk_is_skipped() {
    let p = Project::with_owners();
    with_sentinel(&p);
    let mut junk: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    p.write_bytes("noise.toml", &junk);
    p.write_bytes("noise.md", &junk);
    junk.extend_from_slice(b"\n[[objective]]\n\x00\x01");
    p.write_bytes("kinded.toml", &junk);
    let run = p.check_json(&[]);
    assert_survived(&run);
    let files: Vec<String> = run
        .with_code("SL001")
        .iter()
        .map(|d| d["file"].as_str().unwrap().to_owned())
        .collect();
    assert!(files.iter().all(|f| f == "kinded.toml"), "{files:?}");
    assert!(!files.is_empty());
}

#[test]
fn deeply_nested_toml_is_sl001_not_a_stack_overflow() {
    let p = Project::with_owners();
    with_sentinel(&p);
    let deep = format!(
        "[[kpi]]\nid = \"K-DEEP\"\nx = {}{}\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    p.write("deep.toml", &deep);
    p.write(
        "deep.md",
        &format!(
            "+++\nkind = \"kpi\"\nx = {}{}\n+++\n",
            "[".repeat(5000),
            "]".repeat(5000)
        ),
    );
    p.write(
        "deep-inline.toml",
        &format!(
            "[[kpi]]\nx = {}1{}\n",
            "{a = ".repeat(5000),
            "}".repeat(5000)
        ),
    );
    let run = p.check_json(&[]);
    assert_survived(&run);
    let mut files: Vec<(String, u64)> = run
        .with_code("SL001")
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    files.sort();
    assert_eq!(
        files,
        vec![
            ("deep-inline.toml".to_owned(), 2),
            ("deep.md".to_owned(), 3),
            ("deep.toml".to_owned(), 3)
        ]
    );
}

#[test]
fn deeply_nested_markdown_body_is_fine() {
    let p = Project::with_owners();
    with_sentinel(&p);
    let body = format!(
        "{} quote\n\n{}item\n",
        ">".repeat(50_000),
        "- ".repeat(20_000)
    );
    p.write("nested.md", &format!("+++\nkind = \"thesis\"\nid = \"T-1\"\ntitle = \"t\"\nowner = \"alice\"\nreviewed = 2026-11-01\n+++\n{body}"));
    let run = p.check_json(&[]);
    assert_survived(&run);
}

#[test]
fn a_twenty_megabyte_markdown_file_is_checked() {
    let p = Project::with_owners();
    with_sentinel(&p);
    let paragraph =
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. "
            .repeat(10)
            + "\n\n";
    let mut text = String::from(
        "+++\nkind = \"principle\"\nid = \"P-BIG\"\ntitle = \"Big\"\nowner = \"alice\"\n+++\n",
    );
    while text.len() < 20 * 1024 * 1024 {
        text.push_str(&paragraph);
    }
    text.push_str("[a broken link](missing.md)\n");
    p.write("big.md", &text);
    let run = p.check_json(&[]);
    assert_survived(&run);
    let lnk = run.with_code("LNK001");
    assert_eq!(lnk.len(), 1);
    assert_eq!(lnk[0]["object"], "P-BIG");
}

#[test]
fn unterminated_front_matter_does_not_hide_the_rest() {
    let p = Project::with_owners();
    with_sentinel(&p);
    p.write(
        "open.md",
        "+++\nkind = \"principle\"\nid = \"P-OPEN\"\ntitle = \"t\"\n",
    );
    let run = p.check_json(&[]);
    assert_survived(&run);
    run.expect_one("SL001", "open.md", 1, None);
}

#[test]
fn bom_and_crlf_are_read_like_any_file() {
    let p = Project::with_owners();
    with_sentinel(&p);
    p.write("crlf.md", "\u{feff}+++\r\nkind = \"principle\"\r\nid = \"P-CRLF\"\r\ntitle = \"t\"\r\nowner = \"nobody\"\r\n+++\r\n\r\nBody.\r\n");
    p.write("crlf.toml", "\u{feff}[[tenet]]\r\nid = \"T-CRLF\"\r\ntext = \"When it rains, we choose umbrellas over hats because umbrellas keep us dry.\"\r\n");
    let run = p.check_json(&[]);
    assert_survived(&run);
    let d = run.expect_one("OWN002", "crlf.md", 5, Some("P-CRLF"));
    assert_eq!(d["column"], 9);
    run.expect_none("SL001");
    run.expect_none("TEN001");
}

#[cfg(unix)]
#[test]
fn symlinks_never_lead_out_of_the_root_or_loop() {
    use std::os::unix::fs::symlink;
    let outside = Project::bare();
    outside.write(
        "secret.md",
        "+++\nkind = \"principle\"\nid = \"P-SECRET\"\ntitle = \"t\"\n+++\n",
    );
    let p = Project::with_owners();
    with_sentinel(&p);
    p.write("real/inside.md", "+++\nkind = \"principle\"\nid = \"P-INSIDE\"\ntitle = \"t\"\nowner = \"alice\"\nreviewed = 2026-11-01\n+++\n");
    symlink("/", p.path().join("root-link")).unwrap();
    symlink(
        outside.path().join("secret.md"),
        p.path().join("secret-link.md"),
    )
    .unwrap();
    symlink(outside.path(), p.path().join("outside-dir")).unwrap();
    symlink(p.path().join("loop-b"), p.path().join("loop-a.md")).unwrap();
    symlink(p.path().join("loop-a.md"), p.path().join("loop-b")).unwrap();
    symlink(p.path().join("real"), p.path().join("real/again")).unwrap();
    symlink(p.path().join("real/inside.md"), p.path().join("alias.md")).unwrap();
    let run = p.check_json(&[]);
    assert_survived(&run);
    let ids: Vec<String> = run
        .diagnostics()
        .iter()
        .filter_map(|d| d["object"].as_str().map(str::to_owned))
        .collect();
    assert!(
        !ids.iter().any(|i| i == "P-SECRET"),
        "read outside the root: {ids:?}"
    );
    // Symlinks are never followed: the alias does not load P-INSIDE a second time.
    run.expect_none("SL004");
    assert_eq!(run.json()["summary"]["objects"], 3, "{:?}", run.summary());
}

#[cfg(unix)]
#[test]
fn an_unreadable_strategy_file_is_sl001() {
    use std::os::unix::fs::PermissionsExt;
    let p = Project::with_owners();
    with_sentinel(&p);
    p.write("locked.toml", "[[objective]]\nid = \"X\"\n");
    let path = p.path().join("locked.toml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        // Running as root: permissions do not stop reads, so there is nothing to test.
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        return;
    }
    let run = p.check_json(&[]);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_survived(&run);
    run.expect_one("SL001", "locked.toml", 1, None);
}

#[test]
fn an_owners_registry_that_does_not_parse_is_sl001_not_a_config_error() {
    let p = Project::new();
    with_sentinel(&p);
    p.write("owners.toml", "[people.alice\nname = \"A\"\n");
    let run = p.check_json(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.expect_one("SL001", "owners.toml", 1, None);
}

#[test]
fn a_hundred_thousand_objects_in_one_toml_file() {
    let p = Project::with_owners();
    with_sentinel(&p);
    let mut text = String::with_capacity(8 << 20);
    for i in 0..100_000 {
        text.push_str(&format!(
            "[[inflection]]\nid = \"INF-{i}\"\ntitle = \"Round {i}\"\ndate = 2026-01-01\n\n"
        ));
    }
    text.push_str("[[inflection]]\nid = \"INF-7\"\ntitle = \"Again\"\ndate = 2026-01-01\n");
    p.write("inflections.toml", &text);
    let run = p.check_json(&[]);
    assert_survived(&run);
    assert_eq!(run.json()["summary"]["objects"].as_u64(), Some(100_001 + 2));
    run.expect_one("SL004", "inflections.toml", 500_002, Some("INF-7"));
}

#[test]
fn a_ten_thousand_objective_parent_cycle() {
    let p = Project::with_owners();
    with_sentinel(&p);
    let n = 10_000;
    let mut text = String::new();
    for i in 0..n {
        let parent = (i + 1) % n;
        text.push_str(&format!(
            "[[objective]]\nid = \"C-{i}\"\ntitle = \"t\"\nlevel = \"team\"\nparent = \"C-{parent}\"\nowner = \"alice\"\n\n"
        ));
    }
    p.write("cycle.toml", &text);
    let run = p.check_json(&[]);
    assert_survived(&run);
    let cycles = run.with_code("OBJ002");
    assert_eq!(cycles.len(), 1);
    assert_eq!(cycles[0]["related"].as_array().unwrap().len(), n - 1);
    assert!(
        cycles[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("objective parent links form a cycle: C-0 → C-1 → ")
    );
}

#[test]
fn a_million_line_file() {
    let p = Project::with_owners();
    with_sentinel(&p);
    let mut text = String::from(
        "+++\nkind = \"principle\"\nid = \"P-LONG\"\ntitle = \"Long\"\nowner = \"alice\"\nreviewed = 2026-11-01\n+++\n",
    );
    for i in 0..1_000_000 {
        text.push_str(if i % 2 == 0 { "line\n" } else { "\n" });
    }
    text.push_str("[gone](missing.md)\n");
    p.write("long.md", &text);
    let run = p.check_json(&[]);
    assert_survived(&run);
    run.expect_one("LNK001", "long.md", 1_000_008, Some("P-LONG"));
}

#[test]
fn a_corrupt_git_repository_falls_back_to_reviewed_with_a_note() {
    let p = Project::with_owners();
    with_sentinel(&p);
    p.write("p.md", "+++\nkind = \"principle\"\nid = \"P-1\"\ntitle = \"t\"\nowner = \"alice\"\nreviewed = 2024-01-01\n+++\n\nBody.\n");
    p.commit_all("one", "2026-01-01T00:00:00+0000");
    p.write("p.md", "+++\nkind = \"principle\"\nid = \"P-1\"\ntitle = \"t2\"\nowner = \"alice\"\nreviewed = 2024-01-01\n+++\n\nBody.\n");
    p.commit_all("two", "2026-02-01T00:00:00+0000");
    // Delete every loose object of the first commit's tree and blobs.
    let first = p.git(&["rev-parse", "HEAD~1"], "2026-02-01T00:00:00+0000");
    let objects = p.git(
        &["ls-tree", "-r", "-t", "HEAD~1"],
        "2026-02-01T00:00:00+0000",
    );
    let mut ids: Vec<String> = objects
        .lines()
        .filter_map(|l| l.split_whitespace().nth(2).map(str::to_owned))
        .collect();
    ids.push(first.trim().to_owned());
    for id in ids {
        let path = p.path().join(".git/objects").join(&id[..2]).join(&id[2..]);
        let _ = std::fs::remove_file(path);
    }
    let run = p.check_json(&[]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_ne!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("could not read git history"),
        "{}",
        run.stderr
    );
    // With history unreadable, P-1 is judged by `reviewed` (2024-01-01): HL002.
    run.expect_one("HL002", "p.md", 3, Some("P-1"));
}
