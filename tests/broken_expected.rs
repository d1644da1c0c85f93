//! fixtures/broken/EXPECTED.md says what `stratlint check --format json
//! --now 2026-11-25` prints in fixtures/broken. Its tables are generated from
//! that output: the diagnostics, numbered in output order; the totals and
//! the counts per code; and the rule coverage table's case numbers, one row
//! per rule of `schema::RULES` (its *Why* column is written by hand and kept).
//! When they drift this test fails with the difference, and
//! `STRATLINT_BLESS=1 cargo test --test broken_expected` rewrites them. A rule
//! that fires nowhere in the fixture must say why in its row.

mod common;

use std::collections::BTreeMap;

use common::generated::{blessing, cell, markers, read, region};
use common::{fixture, run_binary};
use serde_json::Value;
use stratlint::schema::RULES;

const FILE: &str = "fixtures/broken/EXPECTED.md";
const TEST: &str = "broken_expected";

/// The hand-written *Why* of each code's row in the coverage table.
fn notes(text: &str) -> BTreeMap<String, String> {
    let (begin, end) = markers("coverage");
    let Some(start) = text.find(&begin) else {
        return BTreeMap::new();
    };
    let stop = text[start..].find(&end).map_or(text.len(), |i| start + i);
    let mut out = BTreeMap::new();
    for line in text[start..stop].lines().filter(|l| l.starts_with("| ")) {
        // `| CODE | cases | why |`: the why may hold escaped pipes.
        let mut cells = line.trim_end_matches('|').splitn(3, " | ");
        let code = cells.next().unwrap_or_default().trim_start_matches("| ");
        let why = cells.nth(1).unwrap_or_default().trim();
        out.insert(code.to_owned(), why.to_owned());
    }
    out
}

#[test]
fn expected_md_is_what_check_prints() {
    let run = run_binary(
        &fixture("broken"),
        &["check", "--format", "json", "--now", "2026-11-25"],
        &[],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let doc: Value = serde_json::from_str(&run.stdout).expect("JSON output");
    let diagnostics = doc["diagnostics"].as_array().unwrap();

    let mut table = String::from(
        "| # | Code | Severity | File | Line:col | Object | Message |\n|---|---|---|---|---|---|---|\n",
    );
    let mut cases: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, d) in diagnostics.iter().enumerate() {
        let code = d["code"].as_str().unwrap();
        cases.entry(code).or_default().push(i + 1);
        table.push_str(&format!(
            "| {} | {code} | {} | `{}` | {}:{} | {} | {} |\n",
            i + 1,
            d["severity"].as_str().unwrap(),
            d["file"].as_str().unwrap(),
            d["line"],
            d["column"],
            d["object"].as_str().unwrap_or_default(),
            cell(d["message"].as_str().unwrap()),
        ));
    }
    region(FILE, "diagnostics", &table, TEST);

    let s = &doc["summary"];
    let mut totals = format!("{} errors, {} warnings", s["errors"], s["warnings"]);
    if s["infos"].as_u64() != Some(0) {
        totals.push_str(&format!(", {} infos", s["infos"]));
    }
    totals.push_str(&format!(
        " in {} files ({} objects). Counts per code:\n\n| Code | Count |\n|---|---|\n",
        s["files"], s["objects"]
    ));
    for (code, at) in &cases {
        totals.push_str(&format!("| {code} | {} |\n", at.len()));
    }
    region(FILE, "counts", &totals, TEST);

    let why = notes(&read(FILE));
    let mut coverage = String::from("| Code | Cases (#) | Why |\n|---|---|---|\n");
    let mut unexplained = Vec::new();
    for r in RULES {
        let code = r.code.as_str();
        let numbers = cases.get(code).map_or("none".to_owned(), |at| {
            at.iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        });
        let note = why.get(code).map_or("", String::as_str);
        if numbers == "none" && note.is_empty() {
            unexplained.push(code);
        }
        coverage.push_str(&format!("| {code} | {numbers} | {note} |\n"));
    }
    region(FILE, "coverage", &coverage, TEST);
    assert!(
        unexplained.is_empty(),
        "{FILE}: {unexplained:?} fire nowhere in fixtures/broken: add a case that trips each \
         (a comment beside it, and its reason in the coverage table), or say in its row why not{}",
        if blessing() {
            ""
        } else {
            " (STRATLINT_BLESS=1 adds the rows)"
        }
    );
}
