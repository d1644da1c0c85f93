//! Completion, read off the buffer's text (which may not parse while it is
//! being typed) and the last analysis's ids and owners registry:
//!
//! - inside a reference field's value, the ids of the kinds it accepts,
//!   with their titles;
//! - inside an `owner` value, the registry's people and teams;
//! - on an empty line of a `[[kind]]` table or of front matter, the kind's
//!   fields not yet present.

use std::collections::BTreeSet;

use lsp_types::{CompletionItem, CompletionItemKind, CompletionTextEdit, Range, TextEdit};

use super::text::position_in;
use crate::analysis::Analysis;
use crate::parse::frontmatter::{self, FrontMatter};
use crate::schema::Kind;

/// The block of text the cursor is in: an object's table or front matter.
struct Block<'t> {
    /// Its kind, when the header or `kind` line names one.
    kind: Option<Kind>,
    /// Its lines (without the header or fences).
    text: &'t str,
    /// Where `text` starts in the buffer.
    start: usize,
}

/// The completions at byte offset `at` of `text`.
pub fn at(a: Option<&Analysis>, text: &str, at: usize) -> Vec<CompletionItem> {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let Some(block) = block(text, at) else {
        return Vec::new();
    };
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..at];
    if let Some((key, value)) = value_context(&block, text, at) {
        let partial = partial(value);
        let edit_range = Range {
            start: position_in(text, at - partial.len()),
            end: position_in(text, at),
        };
        let quoted = value.matches('"').count() % 2 == 1 || value.matches('\'').count() % 2 == 1;
        let Some(a) = a else { return Vec::new() };
        return values(a, block.kind, key)
            .into_iter()
            .map(|(label, detail, kind)| {
                let new_text = if quoted {
                    label.clone()
                } else {
                    format!("\"{label}\"")
                };
                item(label, detail, kind, edit_range, new_text)
            })
            .collect();
    }
    // A field name, on a line holding nothing else yet.
    let typed = before.trim_start();
    if !typed.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        || !text[at..].lines().next().unwrap_or("").trim().is_empty()
    {
        return Vec::new();
    }
    let Some(kind) = block.kind else {
        return Vec::new();
    };
    let present: BTreeSet<&str> = block.text.lines().filter_map(key_of).collect();
    let edit_range = Range {
        start: position_in(text, at - typed.len()),
        end: position_in(text, at),
    };
    kind.fields()
        .filter(|f| !present.contains(f.name))
        .map(|f| {
            let label = f.name.to_owned();
            let new_text = format!("{label} = ");
            item(
                label,
                f.doc.to_owned(),
                CompletionItemKind::FIELD,
                edit_range,
                new_text,
            )
        })
        .collect()
}

/// A completion item that replaces `range` with `new_text`.
fn item(
    label: String,
    detail: String,
    kind: CompletionItemKind,
    range: Range,
    new_text: String,
) -> CompletionItem {
    CompletionItem {
        label,
        kind: Some(kind),
        detail: (!detail.is_empty()).then_some(detail),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit { range, new_text })),
        ..CompletionItem::default()
    }
}

/// The values to offer for `key`: ids (with titles) for a reference field
/// of `kind` (of any kind with such a field when the kind is not known),
/// people and teams for `owner`, the configured layers for `layer` and
/// levels for `level`.
fn values(
    a: &Analysis,
    kind: Option<Kind>,
    key: &str,
) -> Vec<(String, String, CompletionItemKind)> {
    let config = &a.project.config;
    let named = |names: &[String], what: &str| {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                (
                    n.clone(),
                    format!("{what} {}", i + 1),
                    CompletionItemKind::ENUM_MEMBER,
                )
            })
            .collect::<Vec<_>>()
    };
    match key {
        "layer" => return named(&config.layers, "alignment layer"),
        "level" => return named(&config.levels, "objective level"),
        _ => {}
    }
    if key == "owner" {
        let Some(registry) = &a.model.registry else {
            return Vec::new();
        };
        let people = registry
            .people
            .iter()
            .filter(|(_, p)| p.active)
            .map(|(id, p)| {
                let team = p.team.as_ref().map(|t| format!(" of {}", t.value));
                (
                    id.clone(),
                    format!("person{}", team.unwrap_or_default()),
                    CompletionItemKind::VALUE,
                )
            });
        let teams = registry
            .teams
            .keys()
            .map(|id| (id.clone(), "team".to_owned(), CompletionItemKind::MODULE));
        return people.chain(teams).collect();
    }
    let kinds: Vec<Kind> = match kind {
        Some(k) => k
            .field(key)
            .and_then(|f| f.reference())
            .map(|(_, kinds)| kinds.to_vec())
            .unwrap_or_default(),
        None => Kind::ALL
            .iter()
            .filter_map(|k| k.field(key).and_then(|f| f.reference()))
            .flat_map(|(_, kinds)| kinds.iter().copied())
            .collect(),
    };
    if kinds.is_empty() {
        return Vec::new();
    }
    a.graph
        .ids_of(&kinds)
        .into_iter()
        .filter_map(|id| {
            let o = &a.model.objects[a.graph.get(id)?];
            let title = o.title.as_ref().map(|t| t.value.as_str()).unwrap_or("");
            let detail = format!("{}: {title}", o.kind.name());
            Some((id.to_owned(), detail, CompletionItemKind::REFERENCE))
        })
        .collect()
}

/// The key whose value the cursor is in, and that value's text up to the
/// cursor: on a `key = …` line, or on a later line of a `key = [` array.
fn value_context<'t>(block: &Block<'t>, text: &'t str, at: usize) -> Option<(&'t str, &'t str)> {
    let mut end = at;
    loop {
        let start = text[..end]
            .rfind('\n')
            .map_or(0, |i| i + 1)
            .max(block.start);
        let line = &text[start..end.max(start)];
        if let Some(key) = key_of(line) {
            let eq = start + line.find('=')?;
            let value = &text[eq + 1..at];
            // On the key's own line, or within the array it opened.
            let open = value.matches('[').count() > value.matches(']').count();
            return (start == text[..at].rfind('\n').map_or(0, |i| i + 1).max(block.start) || open)
                .then_some((key, value));
        }
        if start <= block.start {
            return None;
        }
        end = start - 1;
    }
}

/// The key a `key = …` line sets.
fn key_of(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let eq = t.find('=')?;
    let key = t[..eq].trim_end();
    (!key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
    .then_some(key)
}

/// The part of a value typed so far that a completion replaces: back to a
/// quote, bracket, comma or space.
fn partial(value: &str) -> &str {
    let start = value
        .rfind(|c: char| matches!(c, '"' | '\'' | '[' | ',' | '=') || c.is_whitespace())
        .map_or(0, |i| i + 1);
    &value[start..]
}

/// The object block around `at`: the front matter of a Markdown file, or
/// the `[[kind]]` table of a TOML file.
fn block(text: &str, at: usize) -> Option<Block<'_>> {
    if let FrontMatter::Toml { toml, .. } | FrontMatter::NearMiss { toml, .. } =
        frontmatter::split(text)
    {
        if !(toml.start <= at && at <= toml.end) {
            return None;
        }
        let inside = &text[toml.clone()];
        let kind = inside.lines().find_map(|l| {
            (key_of(l)? == "kind")
                .then(|| {
                    l.split_once('=')
                        .map(|(_, v)| v.trim().trim_matches(['"', '\'']))
                })
                .flatten()
                .and_then(Kind::parse)
        });
        return Some(Block {
            kind,
            text: inside,
            start: toml.start,
        });
    }
    // A TOML file: from the last table header above `at` to the next one.
    let mut header: Option<(usize, usize, &str)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if offset > at {
            break;
        }
        let t = line.trim();
        if t.starts_with('[') {
            let name = t
                .trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or("")
                .trim();
            header = Some((offset, offset + line.len(), name));
        }
        offset += line.len();
    }
    let (header_start, body, name) = header?;
    if at < body && at >= header_start && !text[header_start..at].contains('\n') {
        // On the header line itself.
        return None;
    }
    let rest = &text[body..];
    let mut len = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_start().starts_with('[') {
            break;
        }
        len += line.len();
    }
    Some(Block {
        kind: Kind::parse(name),
        text: &text[body..body + len],
        start: body,
    })
}

/// A position's byte offset, for tests.
#[cfg(test)]
fn offset_of(text: &str, marker: &str) -> (String, usize) {
    let at = text.find(marker).unwrap();
    (text.replacen(marker, "", 1), at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(items: &[CompletionItem]) -> Vec<&str> {
        items.iter().map(|i| i.label.as_str()).collect()
    }

    #[test]
    fn field_names_not_yet_present_on_an_empty_line() {
        let (text, at) = offset_of("[[kpi]]\nid = \"k\"\ntitle = \"K\"\n|\n", "|");
        let items = super::at(None, &text, at);
        let names = labels(&items);
        assert!(
            names.contains(&"owner") && names.contains(&"target"),
            "{names:?}"
        );
        assert!(
            !names.contains(&"id") && !names.contains(&"title"),
            "{names:?}"
        );
        // In front matter, by its `kind`; not in the Markdown body.
        let (text, at) = offset_of(
            "+++\nkind = \"principle\"\nid = \"p\"\nre|\n+++\nbody\n",
            "|",
        );
        let names: Vec<String> = super::at(None, &text, at)
            .into_iter()
            .map(|i| i.label)
            .collect();
        assert!(names.contains(&"reviewed".to_owned()), "{names:?}");
        let (text, at) = offset_of("+++\nkind = \"principle\"\n+++\n\n|\n", "|");
        assert!(super::at(None, &text, at).is_empty());
    }

    #[test]
    fn values_are_found_on_the_key_s_line_or_in_its_open_array() {
        let text = "[[objective]]\nid = \"o\"\nserves = [\n  \"a\",\n  \"b";
        let b = block(text, text.len()).unwrap();
        assert_eq!(
            value_context(&b, text, text.len()).map(|c| c.0),
            Some("serves")
        );
        let text = "[[kpi]]\nid = \"k\"\nobjective = \"o-";
        let b = block(text, text.len()).unwrap();
        let (key, value) = value_context(&b, text, text.len()).unwrap();
        assert_eq!((key, partial(value)), ("objective", "o-"));
        let text = "[[kpi]]\nid = \"k\"\n\n";
        let b = block(text, text.len()).unwrap();
        assert_eq!(value_context(&b, text, text.len()), None);
    }
}
