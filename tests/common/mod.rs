//! Shared helpers for the end-to-end tests: build a real strategy
//! repository in a temporary directory (optionally a git repository with
//! fixed commit dates) and run the real `stratlint` binary on it.
#![allow(dead_code)]

pub mod generated;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// A principle document `id` (owner alice) with `body` below its front matter.
pub fn principle(id: &str, body: &str) -> String {
    format!(
        "+++\nkind = \"principle\"\nid = \"{id}\"\ntitle = \"Ship small\"\nowner = \"alice\"\n+++\n\n{body}\n"
    )
}

/// A temporary project directory.
pub struct Project {
    dir: tempfile::TempDir,
}

/// The messages of a diagnostic's related locations, in order.
pub fn related(d: &Value) -> Vec<&str> {
    d["related"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| r["message"].as_str().unwrap_or_default())
        .collect()
}

/// The result of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Parses stdout as the JSON document of `--format json`.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }

    /// The diagnostics array of the JSON output.
    pub fn diagnostics(&self) -> Vec<Value> {
        self.json()["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Diagnostics with this code.
    pub fn with_code(&self, code: &str) -> Vec<Value> {
        self.diagnostics()
            .into_iter()
            .filter(|d| d["code"] == code)
            .collect()
    }

    /// `(code, file, line, object)` of every diagnostic, for whole-output assertions.
    pub fn summary(&self) -> Vec<(String, String, u64, Option<String>)> {
        self.diagnostics()
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap_or_default().to_owned(),
                    d["file"].as_str().unwrap_or_default().to_owned(),
                    d["line"].as_u64().unwrap_or_default(),
                    d["object"].as_str().map(str::to_owned),
                )
            })
            .collect()
    }

    /// Asserts exactly one diagnostic with `code` exists, at `file:line`, about `object`; returns it.
    #[track_caller]
    pub fn expect_one(&self, code: &str, file: &str, line: u64, object: Option<&str>) -> Value {
        let found = self.with_code(code);
        assert_eq!(
            found.len(),
            1,
            "expected exactly one {code}, got {:#?}\nall: {:#?}",
            found,
            self.summary()
        );
        let d = found.into_iter().next().unwrap();
        assert_eq!(d["file"], file, "{code} file: {d:#}");
        assert_eq!(d["line"], line, "{code} line: {d:#}");
        match object {
            Some(o) => assert_eq!(d["object"], o, "{code} object: {d:#}"),
            None => assert!(d["object"].is_null(), "{code} object should be null: {d:#}"),
        }
        d
    }

    /// Asserts no diagnostic has `code`.
    #[track_caller]
    pub fn expect_none(&self, code: &str) {
        let found = self.with_code(code);
        assert!(found.is_empty(), "expected no {code}, got {found:#?}");
    }

    /// Asserts there are no diagnostics at all.
    #[track_caller]
    pub fn expect_clean(&self) {
        assert!(
            self.diagnostics().is_empty(),
            "expected no diagnostics, got {:#?}\nstderr: {}",
            self.summary(),
            self.stderr
        );
    }
}

/// One company objective with one KPI, both owned by `alice`: a clean tree.
pub const TREE: &str = r#"
[[objective]]
id = "CO-1"
title = "Grow"
level = "company"
owner = "alice"

[[kpi]]
id = "K-1"
title = "Revenue"
objective = "CO-1"
owner = "alice"
baseline = 1
target = 2
"#;

/// A company objective `CO-1` and a department objective `DEP-1` under it,
/// both owned by `alice`, with no KPI: what a KPI's tests hang it on.
pub const TWO_LEVELS: &str = "[[objective]]\nid = \"CO-1\"\ntitle = \"Grow\"\nlevel = \"company\"\nowner = \"alice\"\n\n\
[[objective]]\nid = \"DEP-1\"\ntitle = \"Sell\"\nlevel = \"department\"\nparent = \"CO-1\"\nowner = \"alice\"\n";

/// Lints `files` (path, text) in process, with no disk and no git, as
/// `check --format json --now 2026-11-25 --no-history` would; `config` is the
/// text of `stratlint.toml`. The result reads like a run of the binary
/// (exit 1 when there is an error), so the same assertions apply. This is
/// how a rule's tests stay a few lines each.
pub fn lint(config: &str, files: &[(&str, &str)]) -> Run {
    use stratlint::views::check::{Outcome, json};
    let now = stratlint::date::Date::parse("2026-11-25").expect("a date");
    match stratlint::analysis::memory::analyze_texts(config, files, now) {
        Ok(analysis) => {
            let outcome = Outcome::new(&analysis, &analysis.diagnostics, 0);
            let errors = analysis
                .diagnostics
                .iter()
                .any(|d| d.severity == stratlint::diagnostic::Severity::Error);
            Run {
                code: i32::from(errors),
                stdout: json::render(&outcome),
                stderr: analysis.notes.join("\n"),
            }
        }
        Err(e) => Run {
            code: 2,
            stdout: String::new(),
            stderr: e.to_string(),
        },
    }
}

/// [`lint`] with an empty config and the standard owners registry (`owners.toml`).
pub fn lint_with_owners(files: &[(&str, &str)]) -> Run {
    let mut all = vec![("owners.toml", OWNERS)];
    all.extend_from_slice(files);
    lint("", &all)
}

/// A repository shipped under `fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// A minimal valid owners registry: alice and bob (people), platform (team), and carol who left.
pub const OWNERS: &str = r#"
[people.alice]
name = "Alice Moreau"
team = "platform"

[people.bob]
name = "Bob Okafor"

[people.carol]
name = "Carol Lind"
active = false

[teams.platform]
name = "Platform"
lead = "alice"
"#;

impl Project {
    /// An empty project with a `stratlint.toml` (so it is its own root).
    pub fn new() -> Self {
        let p = Project::bare();
        p.write("stratlint.toml", "");
        p
    }

    /// An empty directory: no config, no git.
    pub fn bare() -> Self {
        Project {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    /// A project with config and the standard owners registry.
    pub fn with_owners() -> Self {
        let p = Project::new();
        p.write("owners.toml", OWNERS);
        p
    }

    /// The project directory.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating directories).
    pub fn write(&self, rel: &str, text: &str) -> &Self {
        self.write_bytes(rel, text.as_bytes())
    }

    /// Writes raw bytes.
    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    /// Runs `git` in the project with fixed identity and dates.
    pub fn git(&self, args: &[&str], date: &str) -> String {
        git_in(self.path(), args, date)
    }

    /// A depth-1 clone of this repository (`extra` goes before the URL, e.g.
    /// `["--branch", "feature"]`); the clone lives as long as the returned directory.
    pub fn shallow_clone(&self, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("tempdir");
        let url = format!("file://{}", self.path().display());
        let mut args = vec!["clone", "-q", "--depth", "1"];
        args.extend_from_slice(extra);
        args.extend([url.as_str(), "c"]);
        git_in(dir.path(), &args, "2026-01-01T00:00:00+0000");
        let dest = dir.path().join("c");
        (dir, dest)
    }

    /// `git init` and commit everything at `date` (e.g. "2026-01-01T00:00:00Z").
    pub fn commit_all(&self, message: &str, date: &str) {
        if !self.path().join(".git").exists() {
            self.git(&["init", "-q", "-b", "main"], date);
        }
        self.git(&["add", "-A"], date);
        self.git(&["commit", "-q", "--allow-empty", "-m", message], date);
    }

    /// Runs the binary in the project directory.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_in(self.path(), args)
    }

    /// Runs the binary with `--format json` plus `args`.
    pub fn check_json(&self, args: &[&str]) -> Run {
        let mut all = vec!["check", "--format", "json", "--now", "2026-11-25"];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// Runs `report --format FORMAT` with now 2026-11-25, without history.
    pub fn report(&self, format: &str) -> Run {
        self.run(&[
            "report",
            "--format",
            format,
            "--now",
            "2026-11-25",
            "--no-history",
        ])
    }

    /// Runs the binary in `dir`.
    pub fn run_in(&self, dir: &Path, args: &[&str]) -> Run {
        run_binary(dir, args, &[])
    }
}

/// Runs `git` in `dir` with a fixed identity and fixed author and committer dates.
pub fn git_in(dir: &Path, args: &[&str], date: &str) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        // Run from a git hook, the suite must not act on the outer repository.
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs the binary in `dir` with extra environment variables.
pub fn run_binary(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    finish(command(dir, args, env))
}

/// Runs the binary in `dir` with no `STRATLINT_NOW`: now is the clock, or
/// what `--now` or `--as-of` says.
pub fn run_without_now(dir: &Path, args: &[&str]) -> Run {
    let mut cmd = command(dir, args, &[]);
    cmd.env_remove("STRATLINT_NOW");
    finish(cmd)
}

/// The binary's command in `dir`, its environment as [`run_binary`] says.
fn command(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(binary());
    // The test runner's own environment must not reach the binary: under
    // GitHub Actions, `GITHUB_STEP_SUMMARY` would have every test append a
    // report to the job summary, and a `STRATLINT_*` or colour variable
    // would change the output. A test passes what it wants in `env`.
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy();
        if key.starts_with("GITHUB_")
            || key.starts_with("STRATLINT_")
            || matches!(key.as_ref(), "FORCE_COLOR" | "CLICOLOR_FORCE" | "CLICOLOR")
            // From a git hook (`git commit` running the suite), the index git names
            // would stand in for each test repository's own.
            || matches!(key.as_ref(), "GIT_INDEX_FILE" | "GIT_DIR" | "GIT_WORK_TREE")
        {
            cmd.env_remove(key.as_ref());
        }
    }
    cmd.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        // A fixed "now" (a test passes its own to change it), so ages, and
        // with them the output, do not drift with the calendar.
        .env("STRATLINT_NOW", "2026-11-25");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

/// Runs a command of the binary to its end.
fn finish(mut cmd: Command) -> Run {
    let out = cmd.output().expect("binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Path of the built binary.
pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_stratlint"))
}
