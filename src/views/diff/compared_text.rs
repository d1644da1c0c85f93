//! What "edited" compares (SPEC §16): an object's text, its extent in its
//! file (a TOML table, or a whole document), with every line that holds a
//! value another group of the diff reports (status, the re-parenting
//! field, goalposts, `current`, `owner`) or a revalidation stamp
//! (`reviewed`, `measured`: `stratlint review`'s) left out, and every run
//! of whitespace read as one space. Where the object sits (its file, its
//! place in it) is not part of it: a move is no edit.

use crate::model::{Number, Object, Payload};
use crate::source::{SourceFile, Span};

/// The field whose value is the object's place in the tree, by kind:
/// `parent` of an objective, `objective` of a KPI, `serves` of an
/// initiative (SPEC §16's re-parenting).
pub fn parent_field(object: &Object) -> Option<&'static str> {
    match object.payload {
        Payload::Objective(_) => Some("parent"),
        Payload::Kpi(_) => Some("objective"),
        Payload::Initiative(_) => Some("serves"),
        _ => None,
    }
}

/// The spans of the values other groups report, or that record a review.
fn reported_spans(object: &Object) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    spans.extend(object.owner.as_ref().map(|o| o.span));
    spans.extend(object.status_span);
    if let Some(field) = parent_field(object) {
        spans.extend(object.refs_in(field).map(|r| r.span));
    }
    let number = |n: &Number| match n {
        Number::Missing => None,
        Number::Invalid(span) => Some(*span),
        Number::Value(v) => Some(v.span),
    };
    match &object.payload {
        Payload::Kpi(k) => {
            for n in [&k.baseline, &k.target, &k.min, &k.max, &k.current] {
                spans.extend(number(n));
            }
            spans.extend(k.measured.as_ref().map(|m| m.span));
        }
        Payload::Thesis(a) | Payload::Principle(a) => {
            spans.extend(a.reviewed.as_ref().map(|r| r.span));
        }
        Payload::Debt(d) => spans.extend(d.reviewed.as_ref().map(|r| r.span)),
        Payload::Decision(d) => spans.extend(d.status.as_ref().map(|s| s.span)),
        _ => {}
    }
    spans
}

/// The object's compared text (see the module's documentation).
pub fn compared_text(object: &Object, file: &SourceFile) -> String {
    let text: &str = &file.text;
    let extent = object.extent.start.min(text.len())..object.extent.end.min(text.len());
    // Whole lines: from the start of the line a value starts on to the end
    // of the line it ends on (a key and its value, a list written over
    // several lines, a status under its heading).
    let mut cuts: Vec<(usize, usize)> = reported_spans(object)
        .into_iter()
        .filter(|s| s.start >= extent.start && s.start <= extent.end)
        .map(|s| {
            let start = text[..s.start].rfind('\n').map_or(0, |n| n + 1);
            let last = s.end.max(s.start).min(text.len());
            let end = text[last..].find('\n').map_or(text.len(), |n| last + n);
            (start.max(extent.start), end.min(extent.end).max(start))
        })
        .collect();
    cuts.sort_unstable();
    let mut kept = String::with_capacity(extent.len());
    let mut at = extent.start;
    for (start, end) in cuts {
        if start > at {
            kept.push_str(&text[at..start]);
        }
        kept.push(' ');
        at = at.max(end);
    }
    if at < extent.end {
        kept.push_str(&text[at..extent.end]);
    }
    crate::parse::tenet::normalize(&kept)
}
