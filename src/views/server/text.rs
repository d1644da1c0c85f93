//! Positions as LSP counts them (lines from 0, characters in UTF-16 code
//! units) against byte offsets in our texts, and the edits of incremental
//! text sync.

use std::path::Path;

use lsp_types::{Position, Range, TextEdit, Url};
use serde_json::Value;

use crate::source::{SourceFile, Span};

/// Applies one `contentChanges` entry: a range and its new text, or (with
/// no range) the whole text.
pub fn apply(text: &mut String, change: &Value) {
    let Some(new) = change.get("text").and_then(Value::as_str) else {
        return;
    };
    let Some(range) = change
        .get("range")
        .and_then(|r| serde_json::from_value::<Range>(r.clone()).ok())
    else {
        *text = new.to_owned();
        return;
    };
    let start = byte_offset(text, range.start);
    let end = byte_offset(text, range.end).max(start);
    text.replace_range(start..end, new);
}

/// The byte offset of an LSP position (UTF-16 characters) in `text`; past
/// the end of a line, its end; past the last line, the end of the text.
pub fn byte_offset(text: &str, p: Position) -> usize {
    let mut start = 0;
    for _ in 0..p.line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= p.character as usize || c == '\n' {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// The LSP position of a byte offset in `text` (clamped onto it).
pub fn position_in(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let character = text[start..offset].encode_utf16().count();
    Position {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        character: u32::try_from(character).unwrap_or(u32::MAX),
    }
}

/// A file's URI (its path is below the project's canonical root).
pub fn uri_of(path: &Path) -> Option<Url> {
    Url::from_file_path(path).ok()
}

/// A span as an LSP range: lines from 0, characters in UTF-16 code units.
pub fn range(file: &SourceFile, span: Span) -> Range {
    Range {
        start: position(file, span.start),
        end: position(file, span.end.max(span.start)),
    }
}

/// A byte offset as an LSP position.
pub fn position(file: &SourceFile, offset: usize) -> Position {
    let p = file.position(offset);
    let start = file.line_start(p.line);
    let end = file.clamp(offset).max(start);
    let character = file.text[start..end].encode_utf16().count();
    Position {
        line: u32::try_from(p.line.saturating_sub(1)).unwrap_or(u32::MAX),
        character: u32::try_from(character).unwrap_or(u32::MAX),
    }
}

/// The smallest edit that turns `old` into `new`: the part between their
/// common prefix and common suffix (on character boundaries).
pub fn smallest_edit(old: &str, new: &str) -> Option<TextEdit> {
    if old == new {
        return None;
    }
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = old.len().min(new.len()) - prefix;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    Some(TextEdit {
        range: Range {
            start: position_in(old, prefix),
            end: position_in(old, old.len() - suffix),
        },
        new_text: new[prefix..new.len() - suffix].to_owned(),
    })
}

/// Where `needle` is written inside `span` of `text`: the span of its
/// first occurrence (a reference's span may hold quotes, `#` or `@`).
pub fn within(text: &str, span: Span, needle: &str) -> Option<Span> {
    let inside = text.get(span.start..span.end)?;
    let at = inside.find(needle)?;
    Some(Span::new(span.start + at, span.start + at + needle.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incremental_changes_count_utf16_units() {
        let mut text = "a = \"z\u{1f680}x\"\nb = 1\n".to_owned();
        // Replace the `x` after the emoji (2 UTF-16 units) on line 0.
        let change = serde_json::json!({
            "range": {"start": {"line": 0, "character": 8}, "end": {"line": 0, "character": 9}},
            "text": "y"
        });
        apply(&mut text, &change);
        assert_eq!(text, "a = \"z\u{1f680}y\"\nb = 1\n");
        // Insert at the start of line 1, and past the end of the text.
        apply(
            &mut text,
            &serde_json::json!({"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}, "text": "# c\n"}),
        );
        apply(
            &mut text,
            &serde_json::json!({"range": {"start": {"line": 9, "character": 0}, "end": {"line": 9, "character": 0}}, "text": "z = 2\n"}),
        );
        assert_eq!(text, "a = \"z\u{1f680}y\"\n# c\nb = 1\nz = 2\n");
        // No range: the whole text.
        apply(&mut text, &serde_json::json!({"text": "new"}));
        assert_eq!(text, "new");
    }

    #[test]
    fn smallest_edit_replays_to_the_new_text() {
        let cases = [
            ("a\nreviewed = 2025-01-01\n", "a\nreviewed = 2026-12-01\n"),
            ("id = 1\n", "id = 1\nmeasured = 2026-12-01\n"),
            ("é\u{1f680}b", "é\u{1f681}b"),
            ("abc", ""),
            ("", "xyz"),
            ("aaaa", "aa"),
        ];
        for (old, new) in cases {
            let edit = smallest_edit(old, new).unwrap();
            let mut text = old.to_owned();
            let change = serde_json::json!({"range": edit.range, "text": edit.new_text});
            apply(&mut text, &change);
            assert_eq!(text, new, "{old:?} -> {new:?}");
        }
        assert!(smallest_edit("same", "same").is_none());
    }

    #[test]
    fn positions_count_utf16_units_from_line_starts() {
        let text = "ab\n\u{1f680}c\n";
        assert_eq!(position_in(text, 0), Position::new(0, 0));
        assert_eq!(position_in(text, 3 + 4), Position::new(1, 2));
        assert_eq!(byte_offset(text, Position::new(1, 2)), 7);
        assert_eq!(position_in(text, 99), Position::new(2, 0));
    }
}
