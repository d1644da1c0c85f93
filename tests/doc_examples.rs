//! Every rule page's example, run: the Failing block of `docs/rules/CODE.md`
//! must fire CODE (on the example's own object) and the Passing block must
//! not. The pages stay the single source: what an example needs besides
//! itself (an owners registry, a parent objective, a link target, git
//! history) is written on the page, in fenced blocks whose info string
//! names the file (`toml file=owners.toml`), so a reader sees exactly the
//! project the test checks.
//!
//! How a page's `## Example` section is read:
//!
//! - The first fenced block after a line starting with `Failing` is the
//!   failing example, the first after a line starting with `Passing` the
//!   passing one; their info string is plain `toml` or `markdown`. Each is
//!   the file `strategy/example.toml` or `strategy/example.md`, unless a TOML
//!   block opens with a `# path.toml` comment line: it then holds several
//!   files, each starting at such a line (as the OWN002 page shows
//!   `owners.toml` and `strategy/principles.toml`).
//! - Every other fenced block whose info string has `file=PATH` is a file of
//!   the rest of the project, checked with both examples (an example file at
//!   the same path replaces it); `file=stratlint.toml` is the config.
//! - A block with `commit=YYYY-MM-DD` as well is the version of its file
//!   committed that day. A page with such blocks is checked in a real git
//!   repository: the first commit (on the earliest of those days) holds the
//!   example, the plain files and that day's versions; each later day
//!   commits its versions. A dated block at an example's own path is that
//!   file's history: the example is then its uncommitted successor in the
//!   working tree. The binary then runs with `--now 2026-11-25`.
//!   Other pages are linted in process (no git: ages come from `reviewed`),
//!   also with now 2026-11-25.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use stratlint::schema::RULES;

/// One fenced block: its info string's language and `key=value` attributes.
#[derive(Debug, Clone)]
struct Block {
    info: String,
    text: String,
}

impl Block {
    fn language(&self) -> &str {
        self.info.split_whitespace().next().unwrap_or_default()
    }

    fn attr(&self, key: &str) -> Option<&str> {
        self.info
            .split_whitespace()
            .skip(1)
            .find_map(|a| a.strip_prefix(key)?.strip_prefix('='))
    }
}

/// A rule page's example: the two variants and the project around them.
#[derive(Debug)]
struct Example {
    failing: Vec<(String, String)>,
    passing: Vec<(String, String)>,
    /// `stratlint.toml` (empty when the page gives none).
    config: String,
    /// The rest of the project: path, text.
    files: Vec<(String, String)>,
    /// Git history: day, path, text of the version committed that day.
    commits: Vec<(String, String, String)>,
}

/// The text of the `## Example` section, up to the next level-2 heading
/// outside a fenced block (examples hold headings of their own).
fn example_section(doc: &str) -> Option<&str> {
    let start = doc.find("\n## Example\n")? + 1;
    let body = &doc[start..];
    let mut fenced = false;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        if line.starts_with("```") {
            fenced = !fenced;
        } else if !fenced && offset > 0 && line.starts_with("## ") {
            return Some(&body[..offset]);
        }
        offset += line.len();
    }
    Some(body)
}

/// The fenced blocks of `section`, each with the label (`Failing`,
/// `Passing`) of the last prose line that started with one before it.
fn blocks(section: &str) -> Result<Vec<(Option<&'static str>, Block)>, String> {
    let mut out = Vec::new();
    let mut label = None;
    let mut lines = section.lines();
    while let Some(line) = lines.next() {
        if let Some(info) = line.strip_prefix("```") {
            let mut text = String::new();
            loop {
                match lines.next() {
                    Some("```") => break,
                    Some(l) => {
                        text.push_str(l);
                        text.push('\n');
                    }
                    None => return Err(format!("unterminated ```{info} block")),
                }
            }
            let block = Block {
                info: info.trim().to_owned(),
                text,
            };
            out.push((label.take(), block));
        } else if line.starts_with("Failing") {
            label = Some("Failing");
        } else if line.starts_with("Passing") {
            label = Some("Passing");
        }
    }
    Ok(out)
}

/// A `# path.toml` / `# path.md` comment line: the path.
fn file_marker(line: &str) -> Option<&str> {
    let path = line.strip_prefix("# ")?.trim();
    let named = path.ends_with(".toml") || path.ends_with(".md");
    (named && !path.contains(char::is_whitespace)).then_some(path)
}

/// The files an example block stands for.
fn example_files(block: &Block) -> Result<Vec<(String, String)>, String> {
    let extension = match block.info.as_str() {
        "toml" => "toml",
        "markdown" => "md",
        other => {
            return Err(format!(
                "an example's info string is `{other}`, not plain `toml` or `markdown`"
            ));
        }
    };
    let first = block.text.lines().next().unwrap_or_default();
    if extension == "md" || file_marker(first).is_none() {
        return Ok(vec![(
            format!("strategy/example.{extension}"),
            block.text.clone(),
        )]);
    }
    let mut files: Vec<(String, String)> = Vec::new();
    for line in block.text.lines() {
        if let Some(path) = file_marker(line) {
            files.push((path.to_owned(), String::new()));
        } else if let Some((_, text)) = files.last_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    Ok(files)
}

/// Reads a rule page's example; `Err` says what is missing or malformed.
fn example(doc: &str) -> Result<Example, String> {
    let section = example_section(doc).ok_or("no `## Example` section")?;
    let mut failing = None;
    let mut passing = None;
    let mut config = String::new();
    let mut files = Vec::new();
    let mut commits = Vec::new();
    for (label, block) in blocks(section)? {
        if let Some(path) = block.attr("file") {
            if !matches!(block.language(), "toml" | "markdown" | "md" | "text") {
                return Err(format!("`{}`: unknown language", block.info));
            }
            match (path, block.attr("commit")) {
                ("stratlint.toml", None) => config = block.text,
                ("stratlint.toml", Some(_)) => return Err("the config has no history".into()),
                (_, Some(day)) => {
                    stratlint::date::Date::parse(day)
                        .ok_or_else(|| format!("`{}`: not a date", block.info))?;
                    commits.push((day.to_owned(), path.to_owned(), block.text));
                }
                (_, None) => files.push((path.to_owned(), block.text)),
            }
            continue;
        }
        let slot = match label {
            Some("Failing") => &mut failing,
            Some("Passing") => &mut passing,
            _ => continue,
        };
        if slot.is_none() {
            *slot = Some(example_files(&block)?);
        }
    }
    Ok(Example {
        failing: failing.ok_or("no fenced block after a `Failing` line")?,
        passing: passing.ok_or("no fenced block after a `Passing` line")?,
        config,
        files,
        commits,
    })
}

/// The ids the example's files define (`id = "…"` lines).
fn ids(files: &[(String, String)]) -> BTreeSet<String> {
    files
        .iter()
        .flat_map(|(_, text)| text.lines())
        .filter_map(|l| {
            let value = l
                .trim()
                .strip_prefix("id")?
                .trim_start()
                .strip_prefix('=')?;
            Some(value.trim().trim_matches('"').to_owned())
        })
        .collect()
}

/// Lints `variant` within the rest of the example's project.
fn lint(example: &Example, variant: &[(String, String)]) -> common::Run {
    let mine: BTreeSet<&str> = variant.iter().map(|(p, _)| p.as_str()).collect();
    let rest = example
        .files
        .iter()
        .filter(|(p, _)| !mine.contains(p.as_str()));
    if example.commits.is_empty() {
        let all: Vec<(&str, &str)> = rest
            .chain(variant)
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        return common::lint(&example.config, &all);
    }
    let project = common::Project::new();
    project.write("stratlint.toml", &example.config);
    for (path, text) in rest.chain(variant) {
        project.write(path, text);
    }
    let mut days: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for (day, path, text) in &example.commits {
        days.entry(day).or_default().push((path, text));
    }
    for (day, versions) in days {
        for (path, text) in &versions {
            project.write(path, text);
        }
        let paths: Vec<&str> = versions.iter().map(|(p, _)| *p).collect();
        project.commit_all(&paths.join(", "), &format!("{day}T12:00:00Z"));
    }
    // An example file with dated versions of its own is their uncommitted successor.
    for (path, text) in variant {
        project.write(path, text);
    }
    project.check_json(&[])
}

/// Checks one rule page: `Err` explains how its example fails to show it.
fn check_page(code: &str, doc: &str) -> Result<(), String> {
    let example = example(doc)?;
    let failing = lint(&example, &example.failing);
    if failing.code == 2 {
        return Err(format!(
            "the failing example does not run: {}",
            failing.stderr
        ));
    }
    let paths: BTreeSet<&str> = example.failing.iter().map(|(p, _)| p.as_str()).collect();
    let ids = ids(&example.failing);
    let on_example = |d: &Value| {
        let file = d["file"].as_str().unwrap_or_default();
        let object = d["object"].as_str();
        paths.contains(file) && object.is_none_or(|o| ids.contains(o))
    };
    if !failing.with_code(code).iter().any(on_example) {
        return Err(format!(
            "the failing example does not fire {code} in {paths:?} (on one of {ids:?}); \
             it gives {:#?}\nstderr: {}",
            failing.summary(),
            failing.stderr
        ));
    }
    let passing = lint(&example, &example.passing);
    if passing.code == 2 {
        return Err(format!(
            "the passing example does not run: {}",
            passing.stderr
        ));
    }
    let fired = passing.with_code(code);
    if !fired.is_empty() {
        return Err(format!(
            "the passing example fires {code}: {fired:#?}\nall: {:#?}",
            passing.summary()
        ));
    }
    Ok(())
}

/// Runs `check` on every page; panics listing every page that fails it.
fn check_every_page(check: impl Fn(&str, &str) -> Result<(), String>) {
    let failures: Vec<String> = RULES
        .iter()
        .filter_map(|r| {
            let code = r.code.as_str();
            check(code, r.doc)
                .err()
                .map(|e| format!("docs/rules/{code}.md: {e}"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_rule_page_has_a_failing_and_a_passing_example() {
    check_every_page(|_, doc| example(doc).map(drop));
}

#[test]
fn every_failing_example_fires_its_rule_and_every_passing_example_does_not() {
    check_every_page(check_page);
}

/// The page of OBJ003 with its Failing block's text put in place of its
/// Passing block's, or the other way round.
fn swapped(passing_for_failing: bool) -> String {
    let doc = stratlint::schema::Code::OBJ003.rule().doc;
    let section = example_section(doc).unwrap();
    let found = blocks(section).unwrap();
    let text = |label| {
        let (_, b) = found.iter().find(|(l, _)| *l == Some(label)).unwrap();
        b.text.clone()
    };
    let (failing, passing) = (text("Failing"), text("Passing"));
    assert_ne!(failing, passing);
    if passing_for_failing {
        doc.replacen(&failing, &passing, 1)
    } else {
        doc.replacen(&passing, &failing, 1)
    }
}

#[test]
fn a_failing_example_that_no_longer_fails_is_caught() {
    let err = check_page("OBJ003", &swapped(true)).unwrap_err();
    assert!(err.contains("does not fire OBJ003"), "{err}");
}

#[test]
fn a_passing_example_that_fails_is_caught() {
    let err = check_page("OBJ003", &swapped(false)).unwrap_err();
    assert!(err.contains("the passing example fires OBJ003"), "{err}");
}

#[test]
fn an_example_block_is_split_at_file_comments() {
    let block = Block {
        info: "toml".into(),
        text: "# owners.toml\n[people.a]\nname = \"A\"\n\n# strategy/x.toml\n[[thesis]]\n# a comment\n"
            .into(),
    };
    let files = example_files(&block).unwrap();
    assert_eq!(
        files,
        [
            (
                "owners.toml".to_owned(),
                "[people.a]\nname = \"A\"\n\n".to_owned()
            ),
            (
                "strategy/x.toml".to_owned(),
                "[[thesis]]\n# a comment\n".to_owned()
            ),
        ]
    );
    let plain = Block {
        info: "toml".into(),
        text: "[[thesis]]\n# owners.toml\n".into(),
    };
    assert_eq!(example_files(&plain).unwrap()[0].0, "strategy/example.toml");
}
