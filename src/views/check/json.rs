//! `--format json`: exactly one JSON document (SPEC §9).

use serde::Serialize;

use crate::views::check::Counts;
use crate::views::check::Outcome;

#[derive(Serialize)]
struct Document {
    version: u32,
    diagnostics: Vec<Item>,
    summary: Summary,
}

/// One diagnostic as the JSON document has it (also the report's items).
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// The rule code.
    pub code: &'static str,
    /// `error`, `warning` or `info`.
    pub severity: &'static str,
    /// The message.
    pub message: String,
    /// The file, as displayed (relative to the current directory).
    pub file: String,
    /// 1-based line of the span's start.
    pub line: usize,
    /// 1-based character column of the span's start.
    pub column: usize,
    /// 1-based line of the span's end.
    pub end_line: usize,
    /// 1-based character column of the span's end.
    pub end_column: usize,
    /// The object's id, when it is about one.
    pub object: Option<String>,
    /// The help line.
    pub help: Option<String>,
    /// The fingerprint (SPEC §9).
    pub fingerprint: String,
    /// Related locations.
    pub related: Vec<RelatedItem>,
}

/// A related location of an [`Item`].
#[derive(Debug, Clone, Serialize)]
pub struct RelatedItem {
    /// The file, as displayed.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based character column.
    pub column: usize,
    /// What it says.
    pub message: String,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
    infos: usize,
    files: usize,
    objects: usize,
}

/// The outcome's diagnostics as the JSON document lists them.
pub fn items(outcome: &Outcome<'_>) -> Vec<Item> {
    outcome
        .diagnostics
        .iter()
        .map(|d| {
            let start = outcome.position(d.file, d.span.start);
            let end = outcome.position(d.file, d.span.end);
            Item {
                code: d.code.as_str(),
                severity: d.severity.name(),
                message: d.message.clone(),
                file: outcome.display(d.file).to_owned(),
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                object: d.object.clone(),
                help: d.help.clone(),
                fingerprint: d.fingerprint(&outcome.files[d.file].rel),
                related: d
                    .related
                    .iter()
                    .map(|r| {
                        let pos = outcome.position(r.file, r.span.start);
                        RelatedItem {
                            file: outcome.display(r.file).to_owned(),
                            line: pos.line,
                            column: pos.column,
                            message: r.message.clone(),
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}

/// Renders the JSON document, with a trailing newline.
pub fn render(outcome: &Outcome<'_>) -> String {
    let c = Counts::of(outcome.diagnostics);
    let doc = Document {
        version: 1,
        diagnostics: items(outcome),
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
