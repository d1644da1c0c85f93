//! The command line: exit codes, formats, path arguments, config errors,
//! `rules`, `explain` and `init`.

mod common;
use common::{Project, TREE, fixture, run_binary};

#[test]
fn a_clean_repository_exits_zero_with_a_summary_line() {
    let p = Project::with_owners();
    p.write("strategy.toml", TREE);
    let run = p.run(&["check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let last = run.stdout.lines().last().unwrap();
    let re =
        regex::Regex::new(r"^0 errors, 0 warnings in 2 files \(2 objects\) in \d+ ms$").unwrap();
    assert!(re.is_match(last), "{last}");
    assert!(
        run.stderr.is_empty(),
        "no note with a registry: {}",
        run.stderr
    );
}

#[test]
fn the_summary_line_speaks_english_and_counts_infos() {
    let p = Project::with_owners();
    // One error (KPI001), one warning (SL005), one info (HL005: no git, no `reviewed`).
    p.write(
        "strategy.toml",
        &TREE
            .replace("target = 2", "target = 2\ncolour = \"red\"")
            .replace("baseline = 1", "baseline = \"one\""),
    );
    p.write(
        "principle.md",
        "+++\nkind = \"principle\"\nid = \"P-1\"\ntitle = \"Small\"\nowner = \"alice\"\n+++\n",
    );
    let run = p.run(&["check"]);
    let last = run.stdout.lines().last().unwrap();
    let re = regex::Regex::new(r"^1 error, 1 warning, 1 info in 3 files \(3 objects\) in \d+ ms$")
        .unwrap();
    assert!(re.is_match(last), "{last}\n{}", run.stdout);
    // One of each, infos left out when there are none.
    let q = Project::new();
    q.write(
        "o.toml",
        "[[objective]]\nid = \"CO-1\"\ntitle = \"Grow\"\nlevel = \"company\"\n",
    );
    let run = q.run(&["check"]);
    let last = run.stdout.lines().last().unwrap();
    let re = regex::Regex::new(r"^1 error, 1 warning in 1 file \(1 object\) in \d+ ms$").unwrap();
    assert!(re.is_match(last), "{last}\n{}", run.stdout);
}

#[test]
fn a_path_that_holds_no_strategy_file_is_warned_about() {
    let p = Project::with_owners();
    p.write("strategy/tree.toml", TREE);
    p.write("docs/notes.md", "# Notes\n");
    let run = p.run(&["check", "docs"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("stratlint: warning: no strategy file in `docs`: nothing was checked"),
        "{}",
        run.stderr
    );
    // A mistyped file name in CI is a usage error already; a path that holds strategy is quiet.
    let run = p.run(&["check", "strategy"]);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let run = p.run(&["check", "docs", "strategy"]);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    // No path: the current directory.
    let empty = Project::new();
    let run = empty.run(&["check"]);
    assert!(
        run.stderr.contains("no strategy file in `.`"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_is_the_default_command() {
    let p = Project::with_owners();
    p.write(
        "strategy.toml",
        &TREE.replace("owner = \"alice\"\nbaseline", "baseline"),
    );
    let run = p.run(&["--format", "concise"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "strategy.toml:9:6: error[OWN001] kpi `K-1` has no owner\n"
    );
}

#[test]
fn a_missing_path_is_a_usage_error_naming_it() {
    let p = Project::new();
    let run = p.run(&["check", "no/such/file.md"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no/such/file.md"), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[test]
fn an_unknown_config_key_is_exit_2_with_file_line_and_closest_key() {
    let p = Project::bare();
    p.write(
        "stratlint.toml",
        "owners = \"owners.toml\"\n\n[tenets]\nmin_words = 3\n",
    );
    let run = p.run(&["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("stratlint.toml:4:1"), "{}", run.stderr);
    assert!(
        run.stderr.contains("`min_words`") && run.stderr.contains("`min_rationale_words`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_bad_config_value_is_exit_2() {
    for (text, line, needle) in [
        ("kpi_owner = \"robot\"\n", 1, "kpi_owner"),
        ("[lint]\nselect = [\"OBJ01\"]\n", 2, "OBJ01"),
        ("[lint.severity]\nTEN005 = \"loud\"\n", 2, "loud"),
        ("[half_life]\nprinciple = \"soon\"\n", 2, "soon"),
        ("[objectives]\nlevels = []\n", 2, "levels"),
        ("[objectives]\nlevels = [\"company\", \"\"]\n", 2, "levels"),
        ("[objectives]\nlevels = [\" team\"]\n", 2, "levels"),
        ("exclude = \"drafts\"\n", 1, "exclude"),
    ] {
        let p = Project::bare();
        p.write("stratlint.toml", text);
        let run = p.run(&["check"]);
        assert_eq!(run.code, 2, "{text}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!("stratlint.toml:{line}:")),
            "{text}: {}",
            run.stderr
        );
        assert!(run.stderr.contains(needle), "{text}: {}", run.stderr);
    }
}

#[test]
fn config_is_found_in_a_parent_directory_and_its_directory_is_the_root() {
    let p = Project::with_owners();
    p.write("strategy.toml", TREE);
    p.write("sub/dir/notes.md", "# notes\n");
    let run = p.run_in(&p.path().join("sub/dir"), &["check", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json()["summary"]["objects"], 2);
}

#[test]
fn config_flag_overrides_discovery() {
    let p = Project::with_owners();
    p.write(
        "strategy.toml",
        &TREE.replace("level = \"company\"", "level = \"tribe\""),
    );
    // The discovered stratlint.toml knows no `tribe` level.
    assert_eq!(p.run(&["check"]).code, 1);
    p.write(
        "strict.toml",
        "[objectives]\nlevels = [\"tribe\"]\nowners = \"x\"\n",
    );
    let run = p.run(&["check", "--config", "strict.toml"]);
    assert_eq!(
        run.code, 2,
        "unknown key inside [objectives]: {}",
        run.stderr
    );
    assert!(run.stderr.contains("strict.toml:3:1"), "{}", run.stderr);
    p.write("strict.toml", "[objectives]\nlevels = [\"tribe\"]\n");
    let run = p.run(&["check", "--format", "json", "--config", "strict.toml"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    // The root is the config file's directory: a path outside it is a usage error.
    p.write("ci/strict.toml", "[objectives]\nlevels = [\"tribe\"]\n");
    let run = p.run(&["check", "--config", "ci/strict.toml", "strategy.toml"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("outside the project root"),
        "{}",
        run.stderr
    );
}

#[test]
fn max_warnings_turns_warnings_into_failure() {
    let p = Project::with_owners();
    p.write("strategy.toml", &TREE.replace("target = 2", "target = 1"));
    assert_eq!(p.run(&["check"]).code, 0);
    assert_eq!(p.run(&["check", "--max-warnings", "1"]).code, 0);
    assert_eq!(p.run(&["check", "--max-warnings", "0"]).code, 1);
}

#[test]
fn file_arguments_load_everything_but_report_only_their_diagnostics() {
    let p = Project::with_owners();
    p.write(
        "objectives.toml",
        "[[objective]]\nid = \"CO-1\"\ntitle = \"Grow\"\nlevel = \"company\"\nowner = \"nobody\"\n",
    );
    p.write("kpis.toml", "[[kpi]]\nid = \"K-1\"\ntitle = \"Revenue\"\nobjective = \"CO-1\"\nowner = \"alice\"\nbaseline = 1\ntarget = 1\n");
    // kpis.toml alone: its objective resolves (the whole repository is loaded),
    // and the OWN002 in objectives.toml is not reported.
    let run = p.check_json(&["kpis.toml"]);
    assert_eq!(
        run.summary(),
        vec![(
            "KPI002".to_owned(),
            "kpis.toml".to_owned(),
            7,
            Some("K-1".to_owned())
        )]
    );
    assert_eq!(run.code, 0);
    let run = p.check_json(&["objectives.toml"]);
    run.expect_one("OWN002", "objectives.toml", 5, Some("CO-1"));
    assert_eq!(run.code, 1);
}

#[test]
fn paths_are_shown_relative_to_the_current_directory() {
    let p = Project::with_owners();
    p.write(
        "strategy/tree.toml",
        &TREE.replace("owner = \"alice\"\nbaseline", "baseline"),
    );
    let run = run_binary(
        p.path().parent().unwrap(),
        &["check", "--format", "concise", p.path().to_str().unwrap()],
        &[],
    );
    let name = p.path().file_name().unwrap().to_str().unwrap();
    assert!(
        run.stdout
            .starts_with(&format!("{name}/strategy/tree.toml:9:6: error[OWN001]")),
        "{}",
        run.stdout
    );
    let run = p.run_in(
        &p.path().join("strategy"),
        &["check", "--format", "concise"],
    );
    assert!(run.stdout.starts_with("tree.toml:9:6:"), "{}", run.stdout);
}

#[test]
fn json_has_exactly_the_documented_shape() {
    let p = Project::with_owners();
    p.write(
        "strategy.toml",
        &TREE
            .replace("parent", "x")
            .replace("level = \"company\"", "level = \"team\""),
    );
    let run = p.check_json(&[]);
    let doc = run.json();
    let keys: Vec<&String> = doc.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["version", "diagnostics", "summary"]);
    assert_eq!(doc["version"], 1);
    let d = &doc["diagnostics"][0];
    let keys: Vec<&String> = d.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "code",
            "severity",
            "message",
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "object",
            "help",
            "fingerprint",
            "related"
        ]
    );
    assert_eq!(d["code"], "OBJ004");
    assert_eq!(
        (
            d["line"].as_u64(),
            d["column"].as_u64(),
            d["end_line"].as_u64(),
            d["end_column"].as_u64()
        ),
        (Some(3), Some(6), Some(3), Some(12))
    );
    let summary: Vec<&String> = doc["summary"].as_object().unwrap().keys().collect();
    assert_eq!(summary, ["errors", "warnings", "infos", "files", "objects"]);
    assert_eq!(doc["summary"]["errors"], 1);
}

#[test]
fn columns_count_characters_not_bytes() {
    let p = Project::with_owners();
    p.write(
        "strategy.toml",
        "[[objective]]\nid = \"CO-1\"\ntitle = \"Croissance über alles\" ; owner = \"é\"\n",
    );
    let p2 = Project::with_owners();
    p2.write("strategy.toml", "[[objective]]\nid = \"CO-1\"\ntitle = \"Grünes Wachstum\"\nlevel = \"company\"\nowner = \"alice\"\nparent = \"ÉCO\"\n");
    let run = p2.check_json(&[]);
    let d = run.with_code("OBJ001");
    assert_eq!(d.len(), 1, "{:?}", run.summary());
    assert_eq!(
        (d[0]["column"].as_u64(), d[0]["end_column"].as_u64()),
        (Some(10), Some(15))
    );
    let _ = p;
}

#[test]
fn quiet_prints_diagnostics_only() {
    let p = Project::new();
    p.write("strategy.toml", TREE);
    let run = p.run(&["check", "--quiet"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        run.stderr.is_empty(),
        "no note under --quiet: {}",
        run.stderr
    );
}

#[test]
fn no_color_and_pipes_get_no_escape_codes() {
    let run = run_binary(&fixture("broken"), &["check"], &[]);
    assert_eq!(run.code, 1);
    assert!(
        !run.stdout.contains('\u{1b}'),
        "escape codes in piped output"
    );
}

#[test]
fn output_is_byte_identical_across_runs_and_thread_counts() {
    let dir = fixture("broken");
    let args = ["check", "--format", "json", "--now", "2026-11-25"];
    let one = run_binary(&dir, &args, &[("RAYON_NUM_THREADS", "1")]);
    let many = run_binary(&dir, &args, &[("RAYON_NUM_THREADS", "8")]);
    let again = run_binary(&dir, &args, &[("RAYON_NUM_THREADS", "3")]);
    assert!(!one.stdout.is_empty());
    assert_eq!(one.stdout, many.stdout);
    assert_eq!(one.stdout, again.stdout);
    let concise1 = run_binary(
        &dir,
        &["check", "--format", "concise"],
        &[("RAYON_NUM_THREADS", "1")],
    );
    let concise2 = run_binary(
        &dir,
        &["check", "--format", "concise"],
        &[("RAYON_NUM_THREADS", "6")],
    );
    assert_eq!(concise1.stdout, concise2.stdout);
}

#[test]
fn diagnostics_are_sorted_by_file_line_column_code() {
    let run = run_binary(&fixture("broken"), &["check", "--format", "json"], &[]);
    let diags = run.diagnostics();
    let keys: Vec<(String, u64, u64, String)> = diags
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn fingerprints_survive_unrelated_lines_moving() {
    let p = Project::with_owners();
    p.write(
        "strategy.toml",
        &TREE.replace("owner = \"alice\"\nbaseline", "owner = \"zed\"\nbaseline"),
    );
    let before = p.check_json(&[]).diagnostics();
    p.write("strategy.toml", &format!("# a comment\n\n[[objective]]\nid = \"CO-2\"\ntitle = \"x\"\nlevel = \"company\"\nowner = \"alice\"\n{}", TREE.replace("owner = \"alice\"\nbaseline", "owner = \"zed\"\nbaseline")));
    let after = p.check_json(&[]).diagnostics();
    let own =
        |ds: &[serde_json::Value]| ds.iter().find(|d| d["code"] == "OWN002").cloned().unwrap();
    let (b, a) = (own(&before), own(&after));
    assert_ne!(b["line"], a["line"]);
    assert_eq!(b["fingerprint"], a["fingerprint"]);
    assert_eq!(b["fingerprint"].as_str().unwrap().len(), 16);
}

#[test]
fn rules_lists_every_code_of_the_registry() {
    let run = run_binary(std::path::Path::new("."), &["rules"], &[]);
    assert_eq!(run.code, 0);
    let codes: Vec<&str> = run
        .stdout
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    let registry: Vec<&str> = stratlint::schema::codes::all_codes().collect();
    assert_eq!(codes, registry);
    for code in [
        "SL001", "SL006", "OBJ006", "OWN004", "KPI002", "TEN005", "HL001", "HL005", "LNK001",
        "KPI010", "SUP001",
    ] {
        assert!(codes.contains(&code), "{code} missing");
    }
    assert!(run.stdout.contains("HL005   info"), "{}", run.stdout);
}

#[test]
fn explain_prints_documentation_for_every_code() {
    let rules = run_binary(std::path::Path::new("."), &["rules"], &[]).stdout;
    for code in rules.lines().map(|l| l.split_whitespace().next().unwrap()) {
        let run = run_binary(std::path::Path::new("."), &["explain", code], &[]);
        assert_eq!(run.code, 0, "{code}");
        assert!(run.stdout.starts_with(&format!("# {code}: ")), "{code}");
        for section in [
            "## What it checks",
            "## Why it matters",
            "Failing",
            "Passing",
        ] {
            assert!(run.stdout.contains(section), "{code} lacks {section}");
        }
    }
    let lower = run_binary(std::path::Path::new("."), &["explain", "obj001"], &[]);
    assert_eq!(lower.code, 0);
    let bad = run_binary(std::path::Path::new("."), &["explain", "OBJ01"], &[]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("OBJ001"), "{}", bad.stderr);
}

#[test]
fn init_writes_a_starter_that_passes_and_never_overwrites() {
    let p = Project::bare();
    let run = p.run(&["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for f in [
        "stratlint.toml",
        "owners.toml",
        "strategy/thesis.md",
        "principles/small-batches.md",
        "tenets.toml",
    ] {
        assert!(p.path().join(f).is_file(), "{f}");
    }
    // Checked on the day it was written (its dates are today's).
    let today = stratlint::date::Date::from_unix(stratlint::date::clock()).to_string();
    let check = run_binary(
        p.path(),
        &["check", "--format", "json", "--now", &today],
        &[],
    );
    check.expect_clean();
    assert_eq!(check.code, 0);
    // One object of each kind, each declared with `kind = "…"` or `[[kind]]`.
    let kinds = stratlint::schema::KINDS.len();
    assert!(check.json()["summary"]["objects"].as_u64().unwrap() >= kinds as u64);
    let mut declared = std::collections::BTreeSet::new();
    for (rel, text) in stratlint::views::init::FILES {
        for kind in stratlint::schema::KINDS {
            if text.contains(&format!("kind = \"{}\"", kind.name))
                || text.contains(&format!("[[{}]]", kind.name))
            {
                declared.insert(kind.name);
            }
        }
        assert!(p.path().join(rel).is_file(), "{rel}");
    }
    assert_eq!(declared.len(), kinds, "{declared:?}");

    p.write("owners.toml", "# mine\n");
    let again = p.run(&["init"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("owners.toml"), "{}", again.stderr);
    assert_eq!(
        std::fs::read_to_string(p.path().join("owners.toml")).unwrap(),
        "# mine\n"
    );
}

#[test]
fn check_writes_nothing() {
    let p = Project::with_owners();
    p.write("strategy.toml", TREE);
    let list = |p: &Project| {
        let mut v: Vec<_> = walk(p.path());
        v.sort();
        v
    };
    let before = list(&p);
    p.run(&["check"]);
    p.run(&["check", "--format", "json"]);
    assert_eq!(before, list(&p));
}

fn walk(dir: &std::path::Path) -> Vec<(std::path::PathBuf, u64)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let meta = e.metadata().unwrap();
        if meta.is_dir() {
            out.extend(walk(&e.path()));
        } else {
            out.push((e.path(), meta.len()));
        }
    }
    out
}

#[test]
fn the_shipped_fixtures_behave_as_documented() {
    let demo = run_binary(&fixture("demo"), &["check", "--format", "json"], &[]);
    assert_eq!(demo.code, 0, "{}", demo.stdout);
    assert!(demo.diagnostics().is_empty());
    let broken = run_binary(&fixture("broken"), &["check", "--format", "json"], &[]);
    assert_eq!(broken.code, 1);
    let codes: std::collections::BTreeSet<String> = broken
        .diagnostics()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect();
    use stratlint::schema::{Code, Need, RULES};
    for r in RULES {
        // The rules that need history (the HL rules, KPI004), KPI005 and
        // KPI008 judge ages and periods from git: the fixture's files were
        // all committed lately (fixtures/history-demo.sh trips them).
        if !r.code.needs(Need::History) && !matches!(r.code, Code::KPI005 | Code::KPI008) {
            let code = r.code.as_str();
            assert!(codes.contains(code), "fixtures/broken does not trip {code}");
        }
    }
}

#[test]
fn statistics_prints_one_line_per_code_most_first() {
    let run = run_binary(
        &common::fixture("broken"),
        &["check", "--statistics", "--now", "2026-11-25"],
        &[],
    );
    assert_eq!(run.code, 1, "exit status as usual: {}", run.stderr);
    let lines: Vec<Vec<&str>> = run
        .stdout
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    // Compare with the JSON output's codes.
    let json = run_binary(
        &common::fixture("broken"),
        &["check", "--format", "json", "--now", "2026-11-25"],
        &[],
    );
    let mut expected: std::collections::BTreeMap<String, usize> = Default::default();
    for d in json.diagnostics() {
        *expected
            .entry(d["code"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    assert_eq!(lines.len(), expected.len(), "{}", run.stdout);
    for l in &lines {
        assert_eq!(l.len(), 3, "{l:?}");
        assert_eq!(l[0].parse::<usize>().unwrap(), expected[l[1]], "{l:?}");
        let name = stratlint::schema::Code::parse(l[1]).unwrap().rule().name;
        assert_eq!(l[2], name);
    }
    let keys: Vec<(std::cmp::Reverse<usize>, &str)> = lines
        .iter()
        .map(|l| (std::cmp::Reverse(l[0].parse().unwrap()), l[1]))
        .collect();
    assert!(keys.is_sorted(), "{}", run.stdout);
    assert_eq!(lines[0], ["3", "SL001", "parse-error"]);
    // Nothing else on stdout.
    assert!(!run.stdout.contains("errors"), "{}", run.stdout);
}

#[test]
fn completions_are_printed_for_each_shell() {
    for (shell, needle) in [
        ("bash", "_stratlint()"),
        ("zsh", "#compdef stratlint"),
        ("fish", "complete -c stratlint"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[stratlint]"),
    ] {
        let run = run_binary(std::path::Path::new("."), &["completions", shell], &[]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        assert!(
            run.stdout.contains(needle),
            "{shell}: {}",
            &run.stdout[..200.min(run.stdout.len())]
        );
        assert!(run.stdout.contains("changed-since"), "{shell}");
        assert!(run.stdout.contains("select"), "{shell}");
        assert!(run.stdout.contains("ignore"), "{shell}");
    }
    let run = run_binary(std::path::Path::new("."), &["completions", "tcsh"], &[]);
    assert_eq!(run.code, 2);
}

#[test]
fn color_follows_the_flag_then_force_color_then_no_color() {
    let p = Project::with_owners();
    p.write(
        "strategy.toml",
        &TREE.replace("owner = \"alice\"\nbaseline", "baseline"),
    );
    let esc = |run: &common::Run| run.stdout.contains('\u{1b}');
    // The harness sets NO_COLOR=1 and stdout is a pipe.
    assert!(!esc(&p.run(&["check"])));
    assert!(esc(&p.run(&["check", "--color", "always"])));
    assert!(!esc(&common::run_binary(
        p.path(),
        &["check", "--color", "never"],
        &[("FORCE_COLOR", "1")]
    )));
    for var in ["FORCE_COLOR", "CLICOLOR_FORCE"] {
        assert!(
            esc(&common::run_binary(p.path(), &["check"], &[(var, "1")])),
            "{var}"
        );
        assert!(
            !esc(&common::run_binary(p.path(), &["check"], &[(var, "0")])),
            "{var}=0"
        );
        assert!(
            !esc(&common::run_binary(p.path(), &["check"], &[(var, "")])),
            "{var}="
        );
    }
}

/// The names a `--format` accepts, `|`-separated, in the order `--help` lists them.
fn format_names<F: clap::ValueEnum>() -> String {
    let names: Vec<String> = F::value_variants()
        .iter()
        .filter_map(|f| Some(f.to_possible_value()?.get_name().to_owned()))
        .collect();
    names.join("|")
}

#[test]
fn the_docs_list_every_format_of_check_map_and_report() {
    use stratlint::views::{check::Format, map::MapFormat, report::ReportFormat};
    let readme = common::generated::read("README.md");
    let output = common::generated::read("docs/output.md");
    for (page, text, wanted) in [
        (
            "README.md",
            &readme,
            format!("[--format {}]", format_names::<Format>()),
        ),
        (
            "README.md",
            &readme,
            format!("map [PATH] [--format {}]", format_names::<MapFormat>()),
        ),
        (
            "README.md",
            &readme,
            format!(
                "report [PATH] [--format {}]",
                format_names::<ReportFormat>()
            ),
        ),
        (
            "docs/output.md",
            &output,
            format!("`stratlint check --format {}`", format_names::<Format>()),
        ),
    ] {
        assert!(
            text.contains(&wanted),
            "{page} must say `{wanted}` (the formats --help lists)"
        );
    }
}

#[test]
fn help_speaks_of_what_the_user_sees() {
    for args in [&["--help"][..], &["check", "--help"], &["review", "--help"]] {
        let run = run_binary(std::path::Path::new("."), args, &[]);
        assert_eq!(run.code, 0);
        for library in ["miette", "clap", "git2", "libgit2", "toml_edit", "rayon"] {
            assert!(
                !run.stdout.contains(library),
                "{args:?} mentions {library}:\n{}",
                run.stdout
            );
        }
    }
}

/// A project where OBJ001 (a dangling parent), OWN002 (an unknown owner) and
/// TEN005 (a tenet whose rationale is too short) fire, one each.
fn three_codes() -> Project {
    let p = Project::with_owners();
    p.write(
        "o.toml",
        "[[objective]]\nid = \"CO-1\"\ntitle = \"Grow\"\nlevel = \"company\"\nowner = \"alice\"\nparent = \"NOPE\"\n\n\
[[kpi]]\nid = \"K-1\"\ntitle = \"ARR\"\nobjective = \"CO-1\"\nowner = \"zed\"\nbaseline = 1\ntarget = 2\n\n\
[[tenet]]\nid = \"T-1\"\ntext = \"When unsure, we choose speed over polish because fast.\"\n",
    );
    p
}

fn codes(run: &common::Run) -> Vec<String> {
    run.summary().into_iter().map(|(code, ..)| code).collect()
}

#[test]
fn select_on_the_command_line_replaces_the_config_selection() {
    let p = three_codes();
    let run = p.check_json(&["--no-history"]);
    assert_eq!(
        codes(&run),
        ["OBJ001", "OWN002", "TEN005"],
        "{}",
        run.stderr
    );
    // Codes and prefixes, comma-separated.
    let run = p.check_json(&["--no-history", "--select", "OWN,TEN005"]);
    assert_eq!(codes(&run), ["OWN002", "TEN005"], "{}", run.stderr);
    run.expect_one("OWN002", "o.toml", 12, Some("K-1"));
    // The config selects OBJ only; --select replaces it (not added to it).
    p.write("stratlint.toml", "[lint]\nselect = [\"OBJ\"]\n");
    assert_eq!(codes(&p.check_json(&["--no-history"])), ["OBJ001"]);
    let run = p.check_json(&["--no-history", "--select", "TEN"]);
    assert_eq!(codes(&run), ["TEN005"], "{}", run.stderr);
    assert_eq!(run.code, 0, "a warning alone does not fail");
    let run = p.check_json(&["--no-history", "--select", "ALL"]);
    assert_eq!(codes(&run), ["OBJ001", "OWN002", "TEN005"]);
    // The default command takes it too.
    let run = p.run(&["--format", "concise", "--no-history", "--select=OWN002"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("OWN002") && !run.stdout.contains("OBJ001"),
        "{}",
        run.stdout
    );
}

#[test]
fn ignore_on_the_command_line_adds_to_the_config_ignore_list() {
    let p = three_codes();
    let run = p.check_json(&["--no-history", "--ignore", "OBJ001"]);
    assert_eq!(codes(&run), ["OWN002", "TEN005"], "{}", run.stderr);
    p.write("stratlint.toml", "[lint]\nignore = [\"TEN\"]\n");
    assert_eq!(
        codes(&p.check_json(&["--no-history"])),
        ["OBJ001", "OWN002"]
    );
    // Added to the config's list: TEN stays ignored.
    let run = p.check_json(&["--no-history", "--ignore", "OWN"]);
    assert_eq!(codes(&run), ["OBJ001"], "{}", run.stderr);
    // Repeated flags add up; with --select, the more specific entry wins, as in the config.
    let run = p.check_json(&["--no-history", "--ignore", "OWN", "--ignore", "OBJ"]);
    assert!(codes(&run).is_empty(), "{:?}", run.summary());
    assert_eq!(run.code, 0);
    let run = p.check_json(&["--no-history", "--select", "ALL,OWN002", "--ignore", "OWN"]);
    assert_eq!(codes(&run), ["OBJ001", "OWN002"], "{}", run.stderr);
}

#[test]
fn an_unknown_code_in_select_or_ignore_is_a_usage_error_naming_it() {
    let p = three_codes();
    for (flag, value, named, closest) in [
        ("--select", "OWN,OBJ01", "`OBJ01`", "`OBJ001`"),
        ("--ignore", "TEN5", "`TEN5`", "`TEN"),
        ("--ignore", "own002", "`own002`", "`OWN002`"),
        ("--select", "OWN,", "empty code", ""),
    ] {
        let run = p.run(&["check", flag, value]);
        assert_eq!(run.code, 2, "{flag} {value}: {}", run.stderr);
        assert!(run.stderr.contains(named), "{flag} {value}: {}", run.stderr);
        assert!(
            run.stderr.contains(closest),
            "{flag} {value}: {}",
            run.stderr
        );
        assert!(run.stdout.is_empty(), "{}", run.stdout);
    }
}

#[test]
fn quiet_is_the_human_output_without_its_summary_line() {
    let full = run_binary(&fixture("broken"), &["check", "--now", "2026-11-25"], &[]);
    let quiet = run_binary(
        &fixture("broken"),
        &["check", "--now", "2026-11-25", "--quiet"],
        &[],
    );
    assert_eq!((full.code, quiet.code), (1, 1));
    let summary = full.stdout.trim_end().rsplit('\n').next().unwrap();
    assert!(summary.contains(" errors, "), "{summary}");
    assert_eq!(
        full.stdout.strip_suffix(&format!("{summary}\n")),
        Some(quiet.stdout.as_str())
    );
    assert!(quiet.stdout.contains("OBJ001"), "{}", quiet.stdout);
}
