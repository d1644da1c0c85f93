//! `--format human`: miette graphical reports (source snippet, labelled
//! span, help, related locations nested), then the summary line.
//!
//! What keeps it short and readable:
//! - diagnostics on the same span are one report: one snippet, the labels
//!   of each joined under it, the most severe one's message as the header
//!   and each other one nested below it (with its code and help);
//! - a related location whose line the primary snippet already shows, or
//!   that an earlier note of the report already showed, is a note without
//!   a snippet; other related locations get a snippet with an unlabelled
//!   underline (the note's message says what it is);
//! - text wraps at spaces only, never inside a date, id or code.

use std::fmt;
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};

use crate::diagnostic::{Diagnostic, Severity};
use crate::views::check::Outcome;
use crate::views::check::{Style, summary};

/// Lines of context miette shows above and below a label.
const CONTEXT_LINES: usize = 1;

/// One miette report: a group of diagnostics on one span, a diagnostic
/// nested in such a group, or a related note.
#[derive(Debug)]
struct Report {
    code: Option<String>,
    severity: miette::Severity,
    message: String,
    help: Option<String>,
    source: Option<NamedSource<Arc<str>>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Report>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
impl std::error::Error for Report {}

impl miette::Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            return None;
        }
        Some(Box::new(self.labels.iter().cloned()))
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

fn severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

/// A label kept inside the text, so miette always has a line to show.
fn label(text: &str, start: usize, end: usize, message: Option<String>) -> LabeledSpan {
    let start = start.min(text.len());
    let len = end.min(text.len()).saturating_sub(start);
    LabeledSpan::new_primary_with_span(message, (start, len))
}

/// The words under a diagnostic's span: its own, else its rule's.
fn label_of(d: &Diagnostic) -> &str {
    d.label.as_deref().unwrap_or(d.code.rule().label)
}

/// Builds the report of diagnostics that share one span (at least one).
fn group_report(
    outcome: &Outcome<'_>,
    group: &[&Diagnostic],
    source: &dyn Fn(usize) -> NamedSource<Arc<str>>,
) -> Report {
    let first = group[0];
    let text = &outcome.files[first.file].text;
    let mut words: Vec<&str> = Vec::new();
    for d in group {
        let w = label_of(d);
        if !words.contains(&w) {
            words.push(w);
        }
    }
    let line_of = |file: usize, offset: usize| outcome.position(file, offset).line;
    let primary_line = line_of(first.file, first.span.start);
    let primary_last = line_of(first.file, first.span.end.max(first.span.start));
    // Lines already on screen: the primary snippet, then each note's.
    let mut shown: Vec<(usize, usize, usize)> = vec![(
        first.file,
        primary_line.saturating_sub(CONTEXT_LINES),
        primary_last + CONTEXT_LINES,
    )];
    let mut said: Vec<(usize, usize, &str)> = Vec::new();
    let mut related = Vec::new();
    for d in &group[1..] {
        related.push(Report {
            code: None,
            severity: severity(d.severity),
            message: format!("{}: {}", d.code, d.message),
            help: d.help.clone(),
            source: None,
            labels: Vec::new(),
            related: Vec::new(),
        });
    }
    for d in group {
        for r in &d.related {
            let line = line_of(r.file, r.span.start);
            if said.contains(&(r.file, line, r.message.as_str())) {
                continue;
            }
            said.push((r.file, line, r.message.as_str()));
            let visible = shown
                .iter()
                .any(|&(f, lo, hi)| f == r.file && lo <= line && line <= hi);
            let (src, labels) = if visible {
                (None, Vec::new())
            } else {
                shown.push((r.file, line, line));
                let t = &outcome.files[r.file].text;
                (
                    Some(source(r.file)),
                    vec![label(t, r.span.start, r.span.end, None)],
                )
            };
            related.push(Report {
                code: None,
                severity: miette::Severity::Advice,
                message: r.message.clone(),
                help: None,
                source: src,
                labels,
                related: Vec::new(),
            });
        }
    }
    Report {
        code: Some(first.code.to_string()),
        severity: severity(first.severity),
        message: first.message.clone(),
        help: first.help.clone(),
        source: Some(source(first.file)),
        labels: vec![label(
            text,
            first.span.start,
            first.span.end,
            Some(words.join("; ")),
        )],
        related,
    }
}

/// Renders every diagnostic, and the summary line when `style` asks for it.
pub fn render(outcome: &Outcome<'_>, style: Style) -> String {
    let sources: Vec<Arc<str>> = outcome.files.iter().map(|f| f.text.clone()).collect();
    let source = |file: usize| NamedSource::new(outcome.display(file), sources[file].clone());
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_context_lines(CONTEXT_LINES)
        .with_show_related_as_nested(true)
        // Wrap at spaces only: never inside a date (`2026-10-01`), an id
        // (`INF-EU`) or a code, which the default splits at hyphens.
        .with_break_words(false)
        .with_word_separator(textwrap::WordSeparator::AsciiSpace)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut out = String::new();
    let diagnostics = outcome.diagnostics;
    let mut i = 0;
    while i < diagnostics.len() {
        let d = &diagnostics[i];
        let mut group = vec![d];
        while let Some(next) = diagnostics.get(i + group.len()) {
            if next.file != d.file || next.span != d.span {
                break;
            }
            group.push(next);
        }
        i += group.len();
        // The most severe leads the report (a stable sort keeps code order otherwise).
        group.sort_by_key(|d| std::cmp::Reverse(d.severity));
        let report = group_report(outcome, &group, &source);
        if handler.render_report(&mut out, &report).is_err() {
            for d in &group {
                let pos = outcome.position(d.file, d.span.start);
                out.push_str(&format!(
                    "{}:{}:{}: {}\n",
                    outcome.display(d.file),
                    pos.line,
                    pos.column,
                    d.message
                ));
            }
        }
        out.push('\n');
    }
    if style.summary {
        out.push_str(&summary(outcome));
        out.push('\n');
    }
    out
}
