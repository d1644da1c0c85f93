//! Code actions: quick fixes for the diagnostics under a range.
//!
//! - A diagnostic whose help names a closest id or field ("did you mean
//!   `X`?") gets a fix that writes `X` in place of the value at fault. The
//!   help offers only close ones (SPEC §6, `crate::suggest`); the fix is
//!   marked preferred (an editor may apply it on its own) only when it is one
//!   edit away (or differs in case alone).
//! - HL001, HL002, HL003 and KPI005 get "mark reviewed today": the edit
//!   `stratlint review ID` would make to the file, made to the buffer.

use std::collections::HashMap;

use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, Range, TextEdit, WorkspaceEdit};

use super::diagnostics::to_lsp;
use super::text::{range, smallest_edit, uri_of};
use crate::analysis::Analysis;
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::schema::Code;
use crate::source::Span;
use crate::suggest;
use crate::views::review;

/// The codes "mark reviewed today" fixes.
const REVIEWABLE: &[Code] = &[Code::HL001, Code::HL002, Code::HL003, Code::KPI005];

/// The quick fixes for the diagnostics of `file` that touch `within`,
/// with `today` as the review date.
pub fn for_range(
    a: &Analysis,
    file: usize,
    within: Range,
    today: Date,
) -> Vec<CodeActionOrCommand> {
    let f = &a.model.files[file];
    let mut out = Vec::new();
    for d in a.diagnostics.iter().filter(|d| d.file == file) {
        let r = range(f, d.span);
        if r.end < within.start || within.end < r.start {
            continue;
        }
        if let Some(action) = closest(a, d) {
            out.push(CodeActionOrCommand::CodeAction(action));
        }
        if REVIEWABLE.contains(&d.code) {
            if let Some(action) = reviewed(a, d, today) {
                out.push(CodeActionOrCommand::CodeAction(action));
            }
        }
    }
    out
}

/// The replacement a help text suggests: `X` in "did you mean `X`?" or
/// "did you mean \"X\"?".
fn suggestion(help: &str) -> Option<&str> {
    let rest = &help[help.find("did you mean ")? + "did you mean ".len()..];
    let close = match rest.chars().next()? {
        '`' => '`',
        '"' => '"',
        _ => return None,
    };
    let inner = &rest[1..];
    let end = inner.find(close)?;
    let s = &inner[..end];
    // A kind offered as a table header (`[[objective]]`) is written as its name.
    let s = s
        .strip_prefix("[[")
        .and_then(|s| s.strip_suffix("]]"))
        .unwrap_or(s);
    // Only a single token is a value to write in place (not a pattern such
    // as `[people.<id>]`).
    (!s.is_empty() && !s.contains(char::is_whitespace) && !s.contains(['<', '['])).then_some(s)
}

/// The span of what to replace inside `span`: a quoted value's inside, and
/// after a leading `@` or `#` the suggestion does not repeat.
fn target(text: &str, span: Span, with: &str) -> Option<Span> {
    let written = text.get(span.start..span.end)?;
    if written.is_empty() || written.contains('\n') {
        return None;
    }
    let (mut start, mut end) = (span.start, span.end);
    let quoted = written.len() >= 2
        && (written.starts_with('"') && written.ends_with('"')
            || written.starts_with('\'') && written.ends_with('\''));
    if quoted {
        start += 1;
        end -= 1;
    }
    for sigil in ['@', '#'] {
        if text[start..end].starts_with(sigil) && !with.starts_with(sigil) {
            start += 1;
        }
    }
    Some(Span::new(start, end))
}

/// One edit in one document, as a quick fix for `d`; `preferred` marks it
/// as the fix an editor may apply on its own.
fn fix(
    a: &Analysis,
    d: &Diagnostic,
    title: String,
    edit: TextEdit,
    preferred: bool,
) -> Option<CodeAction> {
    let f = &a.model.files[d.file];
    let uri = uri_of(&f.path)?;
    let mut changes = HashMap::new();
    changes.insert(uri, vec![edit]);
    Some(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: to_lsp(a, d).map(|(_, l)| vec![l]),
        edit: Some(WorkspaceEdit {
            changes: Some(changes),
            ..WorkspaceEdit::default()
        }),
        is_preferred: Some(preferred),
        ..CodeAction::default()
    })
}

/// "Replace with `X`" for a help that names the closest id or field.
fn closest(a: &Analysis, d: &Diagnostic) -> Option<CodeAction> {
    let with = suggestion(d.help.as_deref()?)?;
    let f = &a.model.files[d.file];
    let span = target(&f.text, d.span, with)?;
    let written = &f.text[span.start..span.end];
    if written == with {
        return None;
    }
    let edit = TextEdit {
        range: range(f, span),
        new_text: with.to_owned(),
    };
    let preferred = suggest::distance(written, with) <= 1;
    fix(a, d, format!("Replace with `{with}`"), edit, preferred)
}

/// "Mark reviewed today": what `stratlint review ID --date today` writes.
fn reviewed(a: &Analysis, d: &Diagnostic, today: Date) -> Option<CodeAction> {
    let o = &a.model.objects[d.object_index?];
    let id = o.id()?;
    let field = review::field_of(o.kind)?;
    let f = &a.model.files[o.file];
    let new = review::edited(&f.text, o.kind, id, field, today).ok()?;
    let edit = smallest_edit(&f.text, &new)?;
    let verb = if field == "measured" {
        "measured"
    } else {
        "reviewed"
    };
    fix(
        a,
        d,
        format!("Mark `{id}` {verb} today ({field} = {today})"),
        edit,
        false,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_single_tokens_in_backticks_or_quotes() {
        assert_eq!(suggestion("did you mean `obj-a`?"), Some("obj-a"));
        assert_eq!(suggestion("did you mean \"active\"?"), Some("active"));
        assert_eq!(suggestion("did you mean `#intro`?"), Some("#intro"));
        assert_eq!(suggestion("did you mean kpi or thesis?"), None);
        assert_eq!(
            suggestion("did you mean `kind`? write `kind = \"…\"`"),
            Some("kind")
        );
        assert_eq!(suggestion("add it to owners.toml"), None);
        assert_eq!(
            suggestion("did you mean `[[objective]]`? this file is skipped"),
            Some("objective")
        );
        assert_eq!(suggestion("did you mean `[people.<id>]`?"), None);
    }

    #[test]
    fn targets_keep_quotes_and_sigils() {
        let text = "owner = \"@ana\"\nparent = 'o-1'\nkey = 1";
        let s = |a: usize, b: usize| Span::new(a, b);
        let t = target(text, s(8, 14), "anna").unwrap();
        assert_eq!(&text[t.start..t.end], "ana");
        let t = target(text, s(24, 29), "o-2").unwrap();
        assert_eq!(&text[t.start..t.end], "o-1");
        let t = target(text, s(30, 33), "kind").unwrap();
        assert_eq!(&text[t.start..t.end], "key");
        assert!(target(text, s(0, 20), "x").is_none());
    }
}
