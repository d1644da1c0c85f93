//! `--format human`: miette graphical reports (source snippet, labelled
//! span, help, related spans in other files), then the summary line.

use std::fmt;
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};

use crate::check::Outcome;
use crate::diagnostic::Severity;
use crate::render::{Style, summary};

#[derive(Debug)]
struct Report {
    code: &'static str,
    severity: Severity,
    message: String,
    help: Option<String>,
    source: NamedSource<Arc<str>>,
    label: LabeledSpan,
    related: Vec<Note>,
}

#[derive(Debug)]
struct Note {
    message: String,
    source: NamedSource<Arc<str>>,
    label: LabeledSpan,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
impl std::error::Error for Report {}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
impl std::error::Error for Note {}

impl miette::Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(self.label.clone())))
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(
            self.related.iter().map(|n| n as &dyn miette::Diagnostic),
        ))
    }
}

impl miette::Diagnostic for Note {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(self.label.clone())))
    }
}

/// A primary label, kept inside the text so miette always has a line to show.
fn label(text: &str, start: usize, end: usize, message: Option<String>) -> LabeledSpan {
    let start = start.min(text.len());
    let len = end.min(text.len()).saturating_sub(start);
    LabeledSpan::new_primary_with_span(message, (start, len))
}

fn label_for(code: &str) -> &'static str {
    match code {
        "SL001" => "does not parse",
        "SL002" => "unknown kind",
        "SL003" => "missing field",
        "SL004" => "duplicate id",
        "SL005" => "unknown field",
        "SL006" => "invalid value",
        "OBJ001" => "names nothing",
        "OBJ002" => "cycle",
        "OBJ003" => "parent not higher",
        "OBJ004" => "no parent",
        "OBJ005" => "unmeasured",
        "OBJ006" => "retired",
        "OWN001" => "no owner",
        "OWN002" => "not in the registry",
        "OWN003" => "has left",
        "OWN004" => "wrong kind of owner",
        "KPI001" => "not a number",
        "KPI002" => "same as the baseline",
        "LNK001" => "broken link",
        "SUP001" => "suppresses nothing",
        "HL001" => "past its half-life",
        "HL002" => "past twice its half-life",
        "HL003" => "predates the inflection",
        "HL004" => "serves what changed since",
        "HL005" => "age unknown",
        c if c.starts_with("TEN") => "tenet",
        _ => "here",
    }
}

/// Renders every diagnostic and the summary line.
pub fn render(outcome: &Outcome, style: Style) -> String {
    let sources: Vec<Arc<str>> = outcome
        .repo
        .files
        .iter()
        .map(|f| Arc::from(f.text.as_str()))
        .collect();
    let source =
        |file: usize| NamedSource::new(outcome.display[file].clone(), sources[file].clone());
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_show_related_as_nested(true);
    let mut out = String::new();
    for d in &outcome.diagnostics {
        let text = &outcome.repo.files[d.file].text;
        let report = Report {
            code: d.code,
            severity: d.severity,
            message: d.message.clone(),
            help: d.help.clone(),
            source: source(d.file),
            label: label(
                text,
                d.span.start,
                d.span.end,
                Some(label_for(d.code).to_owned()),
            ),
            related: d
                .related
                .iter()
                .map(|r| Note {
                    message: r.message.clone(),
                    source: source(r.file),
                    label: label(
                        &outcome.repo.files[r.file].text,
                        r.span.start,
                        r.span.end,
                        Some(r.message.clone()),
                    ),
                })
                .collect(),
        };
        if handler.render_report(&mut out, &report).is_err() {
            let pos = outcome.position(d.file, d.span.start);
            out.push_str(&format!(
                "{}:{}:{}: {}\n",
                outcome.display[d.file], pos.line, pos.column, d.message
            ));
        }
        out.push('\n');
    }
    out.push_str(&summary(outcome));
    out.push('\n');
    out
}
