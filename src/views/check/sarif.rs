//! `--format sarif`: one SARIF 2.1.0 log (SPEC §9) for GitHub code
//! scanning: every rule of the registry in `tool.driver.rules`, one result
//! per diagnostic with a `partialFingerprints` entry, and artifact URIs
//! relative to the current directory (`%SRCROOT%`), as every format shows
//! paths (SPEC §9).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::schema::{RULES, Rule};
use crate::source::{FileId, Span};
use crate::views::check::Outcome;
use crate::views::check::encode_uri_path;

/// The `$schema` of the log.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// Where rule documentation is published.
const DOCS: &str = "https://github.com/stratlint/stratlint/blob/main/docs/rules/";
/// The base id every relative artifact URI is resolved against.
const SRCROOT: &str = "%SRCROOT%";
/// The key of the fingerprint in `partialFingerprints`.
const FINGERPRINT: &str = "stratlint/v1";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    invocations: [Invocation; 1],
    original_uri_base_ids: BTreeMap<&'static str, ArtifactLocation>,
    column_kind: &'static str,
    results: Vec<ResultItem<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<RuleItem>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleItem {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Message,
    help: Message,
    help_uri: String,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

/// A message with an optional Markdown form.
#[derive(Serialize)]
struct Message {
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    markdown: Option<&'static str>,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultItem<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

/// The SARIF level of a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The "What it checks" section of a rule page (Markdown), the summary
/// when the page has none.
fn what_it_checks(rule: &Rule) -> &'static str {
    let doc = rule.doc;
    let Some(heading) = doc.find("\n## What it checks\n") else {
        return rule.summary;
    };
    let body = &doc[heading + "\n## What it checks\n".len()..];
    let body = body.find("\n## ").map_or(body, |end| &body[..end]);
    match body.trim() {
        "" => rule.summary,
        text => text,
    }
}

/// Markdown as plain text: each paragraph and list item on one line,
/// indented code kept line by line.
fn unwrap_lines(markdown: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut code = false;
    for line in markdown.lines() {
        let starts_block = line.starts_with("    ")
            || line.starts_with("- ")
            || line.starts_with("* ")
            || line
                .split_once(". ")
                .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        match lines.last_mut() {
            _ if line.trim().is_empty() => {
                if lines.last().is_some_and(|l| !l.is_empty()) {
                    lines.push(String::new());
                }
                continue;
            }
            Some(last) if !last.is_empty() && !starts_block && !code => {
                last.push(' ');
                last.push_str(line.trim());
            }
            _ => lines.push(line.trim_end().to_owned()),
        }
        code = line.starts_with("    ");
    }
    lines.join("\n").trim().to_owned()
}

fn rules() -> Vec<RuleItem> {
    RULES
        .iter()
        .map(|r| RuleItem {
            id: r.code.as_str(),
            name: r.name,
            short_description: Text {
                text: r.summary.to_owned(),
            },
            full_description: Message {
                text: unwrap_lines(what_it_checks(r)),
                markdown: Some(what_it_checks(r)),
            },
            help: Message {
                text: r.doc.to_owned(),
                markdown: Some(r.doc),
            },
            help_uri: format!("{DOCS}{}.md", r.code),
            default_configuration: Configuration {
                level: level(r.severity),
            },
        })
        .collect()
}

/// A path as text with `/` separators (only Windows uses `\\`).
fn slashed(path: &Path) -> String {
    let text = path.to_string_lossy();
    if cfg!(windows) {
        let text = text.replace('\\', "/");
        // A verbatim path (`\\?\C:\…`) from canonicalize.
        text.strip_prefix("//?/")
            .map_or(text.clone(), str::to_owned)
    } else {
        text.into_owned()
    }
}

/// A `file://` URI for an absolute path with `/` separators, ending in `/`
/// when `dir`.
fn file_uri(path: &str, dir: bool) -> String {
    let mut text = path.to_owned();
    if !text.starts_with('/') {
        text.insert(0, '/');
    }
    if dir && !text.ends_with('/') {
        text.push('/');
    }
    // A drive letter keeps its colon: `file:///C:/work/`.
    let bytes = text.as_bytes();
    let drive = bytes.len() >= 3 && bytes[1].is_ascii_alphabetic() && bytes[2] == b':';
    let (head, tail) = text.split_at(if drive { 3 } else { 0 });
    format!("file://{head}{}", encode_uri_path(tail))
}

/// Where a file is: its path as every format shows it, relative to the
/// current directory (`%SRCROOT%`), when it lies below that directory; else
/// an absolute `file://` URI with no base id (GitHub code scanning takes no
/// `../` in a URI, and maps absolute ones inside the checkout itself).
fn artifact(outcome: &Outcome<'_>, file: FileId) -> ArtifactLocation {
    let src = &outcome.files[file];
    let rel = outcome.display(file);
    let outside = rel.is_empty()
        || rel == ".."
        || rel.starts_with("../")
        || rel.starts_with('/')
        || Path::new(rel).is_absolute();
    if outside {
        let absolute = if src.path.is_absolute() {
            src.path.clone()
        } else {
            outcome.root.join(&src.path)
        };
        ArtifactLocation {
            uri: file_uri(&slashed(&absolute), false),
            uri_base_id: None,
        }
    } else {
        ArtifactLocation {
            uri: encode_uri_path(rel),
            uri_base_id: Some(SRCROOT),
        }
    }
}

fn physical(outcome: &Outcome<'_>, file: FileId, span: Span) -> PhysicalLocation {
    let start = outcome.position(file, span.start);
    let end = outcome.position(file, span.end);
    PhysicalLocation {
        artifact_location: artifact(outcome, file),
        region: Region {
            start_line: start.line,
            start_column: start.column,
            end_line: end.line,
            end_column: end.column,
        },
    }
}

fn result<'a>(outcome: &Outcome<'_>, d: &'a Diagnostic) -> ResultItem<'a> {
    let text = match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    };
    ResultItem {
        rule_id: d.code.as_str(),
        rule_index: RULES.iter().position(|r| r.code == d.code),
        level: level(d.severity),
        message: Text { text },
        locations: [Location {
            id: None,
            physical_location: physical(outcome, d.file, d.span),
            message: None,
        }],
        related_locations: d
            .related
            .iter()
            .enumerate()
            .map(|(i, r)| Location {
                id: Some(i + 1),
                physical_location: physical(outcome, r.file, r.span),
                message: Some(Text {
                    text: r.message.clone(),
                }),
            })
            .collect(),
        partial_fingerprints: BTreeMap::from([(
            FINGERPRINT,
            d.fingerprint(&outcome.files[d.file].rel),
        )]),
    }
}

/// Renders the SARIF log, with a trailing newline.
pub fn render(outcome: &Outcome<'_>) -> String {
    let version = env!("CARGO_PKG_VERSION");
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "stratlint",
                    version,
                    semantic_version: version,
                    information_uri: env!("CARGO_PKG_REPOSITORY"),
                    rules: rules(),
                },
            },
            invocations: [Invocation {
                execution_successful: true,
            }],
            original_uri_base_ids: BTreeMap::from([(
                SRCROOT,
                ArtifactLocation {
                    uri: file_uri(&slashed(outcome.cwd), true),
                    uri_base_id: None,
                },
            )]),
            column_kind: "unicodeCodePoints",
            results: outcome
                .diagnostics
                .iter()
                .map(|d| result(outcome, d))
                .collect(),
        }],
    };
    let mut s = serde_json::to_string_pretty(&log).expect("plain data serializes");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_are_absolute_and_percent_encoded() {
        assert_eq!(
            file_uri("/home/a b/100%:#?", true),
            "file:///home/a%20b/100%25%3A%23%3F/"
        );
        assert_eq!(file_uri("/", true), "file:///");
        assert_eq!(file_uri("C:/work/é", false), "file:///C:/work/%C3%A9");
    }

    #[test]
    fn every_rule_has_a_full_description_beyond_its_summary() {
        for r in RULES {
            let full = what_it_checks(r);
            assert!(
                !full.starts_with('#') && !full.contains("\n## "),
                "{}",
                r.code
            );
            assert_ne!(full, r.summary, "{} has no `What it checks`", r.code);
        }
    }

    #[test]
    fn wrapped_markdown_becomes_one_line_per_paragraph_and_item() {
        let md = "That a thing\nholds, when:\n\n- one\n  two;\n- three\n\n    code a\n    code b\n\nEnd\nhere.";
        assert_eq!(
            unwrap_lines(md),
            "That a thing holds, when:\n\n- one two;\n- three\n\n    code a\n    code b\n\nEnd here."
        );
    }
}
