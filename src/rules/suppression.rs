//! Suppression (SPEC §7): per-object `ignore` lists and per-line comments,
//! and SUP001 for a suppression that suppressed nothing.

use crate::diagnostic::Diagnostic;
use crate::model::{Repository, Spanned};
use crate::schema::Code;
use crate::schema::codes::{all_codes, matches_any};
use crate::source::Span;
use crate::suggest::did_you_mean;

struct Entry<'a> {
    file: usize,
    span: Span,
    /// The code or prefix; `None` for a comment that names no code.
    code: Option<&'a str>,
    object: Option<usize>,
    /// For line suppressions, the line they apply to.
    line: Option<usize>,
    used: bool,
}

/// Removes suppressed diagnostics and returns SUP001 for entries that
/// suppressed nothing. `ran(code_or_prefix)` says whether any rule the
/// entry names ran for the entry's object; `line_of` gives a diagnostic's primary line.
pub fn apply(
    repo: &Repository,
    diagnostics: &mut Vec<Diagnostic>,
    ran: impl Fn(&str, Option<usize>) -> bool,
    line_of: impl Fn(&Diagnostic) -> usize,
) -> Vec<Diagnostic> {
    let mut entries: Vec<Entry<'_>> = Vec::new();
    for (i, o) in repo.objects.iter().enumerate() {
        for code in &o.ignore {
            entries.push(Entry {
                file: o.file,
                span: code.span,
                code: Some(&code.value),
                object: Some(i),
                line: None,
                used: false,
            });
        }
    }
    for s in &repo.suppressions {
        let object = object_at(repo, s.file, s.span);
        if s.codes.is_empty() {
            entries.push(Entry {
                file: s.file,
                span: s.span,
                code: None,
                object,
                line: Some(s.target_line),
                used: false,
            });
        }
        for Spanned { value, span } in &s.codes {
            entries.push(Entry {
                file: s.file,
                span: *span,
                code: Some(value),
                object,
                line: Some(s.target_line),
                used: false,
            });
        }
    }
    diagnostics.retain(|d| {
        let line = line_of(d);
        let mut suppressed = false;
        for e in entries.iter_mut() {
            let code_matches = e.code.is_none_or(|c| d.code.matches(c));
            let place_matches = match e.line {
                Some(l) => e.file == d.file && l == line,
                // A document's `ignore` also covers the tenets written in it.
                None => {
                    d.object_index == e.object
                        || d.object_index
                            .and_then(|i| repo.objects[i].within)
                            .is_some_and(|w| Some(w) == e.object)
                }
            };
            if code_matches && place_matches {
                e.used = true;
                suppressed = true;
            }
        }
        !suppressed
    });
    entries
        .into_iter()
        // A retired object is exempt from every rule but the SL ones; a code
        // that names no rule can never suppress anything, so it is reported.
        .filter(|e| {
            !e.used
                && e.object.is_none_or(|o| repo.objects[o].is_active())
                && e.code
                    .is_none_or(|c| !matches_any(c) || ran(c, e.object))
        })
        .map(|e| {
            let id = e.object.and_then(|o| repo.objects[o].id());
            // Every message names its object (SPEC §9).
            let of = id.map_or_else(String::new, |i| format!(" in `{i}`"));
            if let Some(c) = e.code.filter(|c| !matches_any(c)) {
                let help = did_you_mean(c, all_codes()).map_or_else(
                    || "name rule codes (`TEN005`) or prefixes (`TEN`)".to_owned(),
                    |s| format!("did you mean `{s}`?"),
                );
                return Diagnostic::new(
                    Code::SUP001,
                    e.file,
                    e.span,
                    format!(
                        "suppression of `{c}`{of} suppresses nothing: it is not a rule code or prefix"
                    ),
                )
                .object(id, e.object)
                .key(format!("{c}:unknown"))
                .help(help);
            }
            let what = match (e.code, e.line) {
                (Some(c), None) => format!("`ignore` entry `{c}`"),
                (Some(c), Some(_)) => format!("suppression of `{c}`{of}"),
                (None, _) => format!("suppression comment{of}"),
            };
            let target = match e.line {
                Some(l) => format!("line {l}"),
                None => id.map_or_else(|| "this object".to_owned(), |i| format!("`{i}`")),
            };
            Diagnostic::new(
                Code::SUP001,
                e.file,
                e.span,
                format!("{what} suppressed nothing on {target}"),
            )
            .object(id, e.object)
            .key(format!(
                "{}:{}",
                e.code.unwrap_or("*"),
                e.line.map_or(String::new(), |_| "line".to_owned())
            ))
            .help("remove the suppression: nothing it names fires there any more")
        })
        .collect()
}

/// The object whose text contains `span` in `file`.
fn object_at(repo: &Repository, file: usize, span: Span) -> Option<usize> {
    repo.objects
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, o)| {
            o.file == file
                && o.extent.start <= span.start
                && span.start < o.extent.end.max(o.extent.start + 1)
        })
        .map(|(i, _)| i)
        .next()
}
