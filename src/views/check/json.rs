//! `--format json`: exactly one JSON document (SPEC §9).

use serde::Serialize;

use crate::views::check::Counts;
use crate::views::check::Outcome;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    diagnostics: Vec<Item<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Item<'a> {
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    object: Option<&'a str>,
    help: Option<&'a str>,
    fingerprint: String,
    related: Vec<RelatedItem<'a>>,
}

#[derive(Serialize)]
struct RelatedItem<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
    infos: usize,
    files: usize,
    objects: usize,
}

/// Renders the JSON document, with a trailing newline.
pub fn render(outcome: &Outcome<'_>) -> String {
    let diagnostics = outcome
        .diagnostics
        .iter()
        .map(|d| {
            let start = outcome.position(d.file, d.span.start);
            let end = outcome.position(d.file, d.span.end);
            Item {
                code: d.code.as_str(),
                severity: d.severity.name(),
                message: &d.message,
                file: outcome.display(d.file),
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                object: d.object.as_deref(),
                help: d.help.as_deref(),
                fingerprint: d.fingerprint(&outcome.files[d.file].rel),
                related: d
                    .related
                    .iter()
                    .map(|r| {
                        let pos = outcome.position(r.file, r.span.start);
                        RelatedItem {
                            file: outcome.display(r.file),
                            line: pos.line,
                            column: pos.column,
                            message: &r.message,
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let c = Counts::of(outcome.diagnostics);
    let doc = Document {
        version: 1,
        diagnostics,
        summary: Summary {
            errors: c.errors,
            warnings: c.warnings,
            infos: c.infos,
            files: outcome.files.len(),
            objects: outcome.objects,
        },
    };
    let mut s = serde_json::to_string_pretty(&doc).expect("plain data serializes");
    s.push('\n');
    s
}
