//! The documentation's lists and counts of rules come from the code: the
//! README's rules table and docs/rules/README.md list exactly the codes of
//! `schema::RULES`, in order, with their default severities, and every count
//! of rules written in the docs (docs/output.md's "all N" of SARIF's
//! `tool.driver.rules`, any "N rules") is `RULES.len()`.

use std::path::{Path, PathBuf};

use stratlint::schema::RULES;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// README.md and every Markdown page under docs/.
fn doc_pages() -> Vec<PathBuf> {
    let mut pages = vec![root().join("README.md")];
    let mut dirs = vec![root().join("docs")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                pages.push(path);
            }
        }
    }
    pages.sort();
    pages
}

/// The (code, severity) of each row of the first table whose first header
/// cell is `header`, in order; a code written as a link `[SL001](SL001.md)`
/// counts as its text.
fn table_rows(text: &str, header: &str) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        let cells: Vec<&str> = line
            .trim()
            .trim_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        if !inside {
            inside = line.starts_with('|') && cells[0].eq_ignore_ascii_case(header);
            continue;
        }
        if !line.starts_with('|') {
            break;
        }
        if cells[0].starts_with("---") {
            continue;
        }
        let code = cells[0]
            .trim_start_matches('[')
            .split(']')
            .next()
            .unwrap()
            .to_owned();
        rows.push((code, cells[1].to_owned()));
    }
    rows
}

fn expected() -> Vec<(String, String)> {
    RULES
        .iter()
        .map(|r| (r.code.as_str().to_owned(), r.severity.name().to_owned()))
        .collect()
}

#[test]
fn the_readme_rules_table_lists_every_rule_in_order() {
    assert_eq!(table_rows(&read("README.md"), "code"), expected());
}

#[test]
fn the_rules_index_lists_every_rule_in_order() {
    assert_eq!(
        table_rows(&read("docs/rules/README.md"), "code"),
        expected()
    );
}

#[test]
fn every_count_of_rules_in_the_docs_is_the_registry_s() {
    let n = RULES.len();
    // "all 42" where the sentence is about rules, "42 rules", "42 rule codes".
    let counts = regex::Regex::new(r"(?i)\ball (\d+)\b|\b(\d+) (?:rules|rule codes)\b").unwrap();
    let mut found = 0;
    for page in doc_pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        for c in counts.captures_iter(&text) {
            let whole = c.get(0).unwrap();
            let start = text[..whole.start()]
                .rfind(['.', '\n'])
                .map_or(0, |i| i + 1);
            let sentence = &text[start..(whole.end() + 60).min(text.len())];
            let number = c.get(1).or_else(|| c.get(2)).unwrap().as_str();
            if c.get(1).is_some() && !sentence.contains("rule") {
                continue; // "all 5 principles": not a count of rules
            }
            found += 1;
            let line = text[..whole.start()].lines().count();
            assert_eq!(
                number.parse::<usize>().unwrap(),
                n,
                "{}:{line}: `{}` but schema::RULES has {n} rules",
                page.strip_prefix(root()).unwrap().display(),
                whole.as_str()
            );
        }
    }
    // docs/output.md's SARIF section counts them; the test must see it.
    assert!(found >= 1, "no count of rules found in the docs");
}
