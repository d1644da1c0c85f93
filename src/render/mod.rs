//! Renderers: turn an [`Outcome`] into text. They never judge: every
//! decision about what to report was made before they run.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;
pub mod step_summary;

use crate::check::Outcome;
use crate::diagnostic::{Diagnostic, Severity};

/// The output formats of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// miette reports with source snippets, then a summary line.
    Human,
    /// One line per diagnostic: `path:line:col: severity[CODE] message`.
    Concise,
    /// One JSON document.
    Json,
    /// One SARIF 2.1.0 log, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…::message`).
    Github,
}

/// Counts by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub infos: usize,
}

impl Counts {
    /// Counts the diagnostics of an outcome.
    pub fn of(diagnostics: &[Diagnostic]) -> Counts {
        let mut c = Counts::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }
}

/// The summary line of SPEC §9.
pub fn summary(outcome: &Outcome) -> String {
    let c = Counts::of(&outcome.diagnostics);
    format!(
        "{} errors, {} warnings in {} files ({} objects) in {} ms",
        c.errors,
        c.warnings,
        outcome.repo.files.len(),
        outcome.repo.objects.len(),
        outcome.elapsed_ms
    )
}

/// How to render human output.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Use colour.
    pub color: bool,
    /// Wrap at this many columns.
    pub width: usize,
}

/// Renders an outcome in a format.
pub fn render(outcome: &Outcome, format: Format, style: Style) -> String {
    match format {
        Format::Human => human::render(outcome, style),
        Format::Concise => concise::render(outcome),
        Format::Json => json::render(outcome),
        Format::Sarif => sarif::render(outcome),
        Format::Github => github::render(outcome),
    }
}

/// Percent-encodes a `/`-separated path for use in a URI: every byte but
/// the unreserved characters, the sub-delimiters, `@` and `/`. A `:` is
/// encoded too, so a relative reference never reads as a scheme.
pub fn encode_uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => out.push(char::from(b)),
            b'-' | b'.' | b'_' | b'~' | b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+'
            | b',' | b';' | b'=' | b'@' | b'/' => out.push(char::from(b)),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
