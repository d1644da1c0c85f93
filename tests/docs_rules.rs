//! The documentation's lists and counts of rules and kinds come from the
//! code. The README's rules table and the rules index (docs/rules/README.md)
//! are generated from `schema::RULES` (code, default severity, name and the
//! one-line summary `stratlint rules` prints): when they drift these tests
//! fail with the difference, and `STRATLINT_BLESS=1 cargo test --test
//! docs_rules` rewrites them. The index's list of families, and every count
//! of rules ("43 rules", "all 43") or of kinds ("seven kinds") written in the
//! docs, are checked against `RULES` and `KINDS`.

mod common;

use std::path::PathBuf;

use common::generated::{cell, families, read, region, root};
use stratlint::schema::{KINDS, RULES};

/// README.md, every Markdown page under docs/, and schemas/bundle.py.
fn doc_pages() -> Vec<PathBuf> {
    let mut pages = vec![root().join("README.md"), root().join("schemas/bundle.py")];
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

#[test]
fn the_readme_rules_table_is_the_registry() {
    let mut want = String::from("| code | default | fires when |\n|---|---|---|\n");
    for r in RULES {
        want.push_str(&format!(
            "| {} | {} | {} |\n",
            r.code,
            r.severity.name(),
            cell(r.summary)
        ));
    }
    region("README.md", "rules-table", &want, "docs_rules");
}

#[test]
fn the_rules_index_is_the_registry() {
    let mut want = String::from("| Code | Severity | Name | Fires when |\n|---|---|---|---|\n");
    for r in RULES {
        want.push_str(&format!(
            "| [{code}]({code}.md) | {} | {} | {} |\n",
            r.severity.name(),
            r.name,
            cell(r.summary),
            code = r.code,
        ));
    }
    region("docs/rules/README.md", "rules-index", &want, "docs_rules");
}

#[test]
fn the_rules_index_describes_every_family_in_order() {
    let text = read("docs/rules/README.md");
    let listed: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("- **")?.split("**").next())
        .collect();
    assert_eq!(
        listed,
        families(),
        "docs/rules/README.md: the `## Families` list must have one `- **FAMILY**: …` line per \
         family of schema::RULES, in order"
    );
}

/// Every `(number, line, match)` of `pattern` in `text` whose sentence passes `keep`.
fn counts(
    text: &str,
    pattern: &regex::Regex,
    keep: impl Fn(&regex::Captures<'_>, &str) -> bool,
) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for c in pattern.captures_iter(text) {
        let whole = c.get(0).unwrap();
        let start = text[..whole.start()]
            .rfind(['.', '\n'])
            .map_or(0, |i| i + 1);
        let sentence = &text[start..(whole.end() + 60).min(text.len())];
        if !keep(&c, sentence) {
            continue;
        }
        let word = c.name("n").unwrap().as_str().to_lowercase();
        let n = word
            .parse()
            .unwrap_or_else(|_| NUMBERS.iter().position(|w| *w == word).expect("a number"));
        let line = text[..whole.start()].lines().count();
        out.push((n, line, whole.as_str().to_owned()));
    }
    out
}

const NUMBERS: [&str; 13] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve",
];

#[test]
fn every_count_of_rules_in_the_docs_is_the_registry_s() {
    // The docs are best written without one (adding a rule would have to
    // touch it: docs/output.md's SARIF section says "every rule of the
    // registry"); one that is written must be right.
    let n = RULES.len();
    // "all 43" where the sentence is about rules ("all 5 principles" is
    // not), "43 rules", "43 rule codes".
    let all = regex::Regex::new(r"(?i)\ball (?<n>\d+)\b").unwrap();
    let rules = regex::Regex::new(r"(?i)\b(?<n>\d+) (?:rules|rule codes)\b").unwrap();
    for page in doc_pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        let rel = page.strip_prefix(root()).unwrap().display().to_string();
        let about_rules = counts(&text, &all, |_, sentence| sentence.contains("rule"));
        for (count, line, what) in about_rules
            .into_iter()
            .chain(counts(&text, &rules, |_, _| true))
        {
            assert_eq!(
                count, n,
                "{rel}:{line}: `{what}` but schema::RULES has {n} rules"
            );
        }
    }
}

#[test]
fn every_count_of_kinds_in_the_docs_is_the_schema_s() {
    let n = KINDS.len();
    // "seven kinds", "7 kinds of object", "the seven per-kind schemas"; not
    // "two kinds of link".
    let pattern = regex::Regex::new(&format!(
        r"(?i)\b(?<n>\d+|{}) (?:kinds\b(?: of (?<of>\w+))?|per-kind\b)",
        NUMBERS.join("|")
    ))
    .unwrap();
    let mut found = 0;
    for page in doc_pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        let rel = page.strip_prefix(root()).unwrap().display().to_string();
        let about_objects = |c: &regex::Captures<'_>, _: &str| {
            c.name("of")
                .is_none_or(|of| of.as_str().starts_with("object"))
        };
        for (count, line, what) in counts(&text, &pattern, about_objects) {
            found += 1;
            assert_eq!(
                count, n,
                "{rel}:{line}: `{what}` but schema::KINDS has {n} kinds"
            );
        }
    }
    assert!(found >= 1, "no count of kinds found in the docs");
}
