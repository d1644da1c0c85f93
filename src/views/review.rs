//! `stratlint review ID... [--date DATE]`: records a revalidation by
//! setting `reviewed` (principles, theses) or `measured` (KPIs) to a date,
//! in place, so no other byte of the file changes (toml_edit finds the
//! spans; the bytes are spliced, so line endings stay as written): an
//! existing value is replaced with the rest of its line (a comment) kept;
//! an absent key goes on the line after the object's last key (in front
//! matter, before the closing `+++`). Every id is checked before anything
//! is written: an unknown id, or a kind without the field, writes nothing.

use std::path::PathBuf;

use toml_edit::{Document, Item, Table};

use crate::Fatal;
use crate::analysis::Analysis;
use crate::date::Date;
use crate::parse::frontmatter::{self, FrontMatter};
use crate::schema::Kind;

/// One edit `review` made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reviewed {
    /// The object's id.
    pub id: String,
    /// The field set (`reviewed` or `measured`).
    pub field: &'static str,
    /// The file written, as shown.
    pub file: String,
}

/// The field `review` sets on a kind, if it has one.
pub fn field_of(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::Thesis | Kind::Principle | Kind::Debt => Some("reviewed"),
        Kind::Kpi => Some("measured"),
        _ => None,
    }
}

fn usage(message: String) -> Fatal {
    Fatal::Usage(message)
}

/// The TOML date `review` writes, checked to be one.
fn toml_date(date: Date) -> Result<String, Fatal> {
    let text = date.to_string();
    text.parse::<toml_edit::Datetime>()
        .map_err(|e| usage(format!("{date} is not a TOML date: {e}")))?;
    Ok(text)
}

/// Where the last value of `table` ends in the parsed text: the end of the
/// object's last key's value (dotted keys included; sub-tables with their
/// own header are other objects' business).
fn end_of_values(table: &Table) -> Option<usize> {
    table
        .iter()
        .filter_map(|(_, item)| match item {
            Item::Value(v) => v.span().map(|s| s.end),
            Item::Table(t) if t.is_dotted() => end_of_values(t),
            _ => None,
        })
        .max()
}

/// The line ending `text` uses: that of its first line, `\n` without one.
fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(nl) if text[..nl].ends_with('\r') => "\r\n",
        _ => "\n",
    }
}

/// `text` with `field = date` set in `table` (parsed, with spans, from
/// `text[base..]`), by splicing bytes so that nothing else changes: an
/// existing value's bytes are replaced, keeping its surrounding space and
/// trailing comment; an absent key becomes a line of its own after the line
/// where the table's last value ends, ending as that line does (CRLF in a
/// CRLF file).
fn splice(
    text: &str,
    base: usize,
    table: &Table,
    field: &str,
    date: Date,
) -> Result<String, Fatal> {
    let date = toml_date(date)?;
    let mut out = String::with_capacity(text.len() + field.len() + date.len() + 8);
    match table.get(field) {
        Some(Item::Value(old)) => {
            let span = old
                .span()
                .ok_or_else(|| usage(format!("`{field}` has no place in the file")))?;
            out.push_str(&text[..base + span.start]);
            out.push_str(&date);
            out.push_str(&text[base + span.end..]);
        }
        Some(_) => return Err(usage(format!("`{field}` is not a plain value here"))),
        None => {
            let end = base
                + end_of_values(table)
                    .ok_or_else(|| usage(format!("no key to put `{field}` after")))?;
            match text[end..].find('\n') {
                Some(nl) => {
                    let at = end + nl + 1;
                    let eol = if text[..end + nl].ends_with('\r') {
                        "\r\n"
                    } else {
                        "\n"
                    };
                    out.push_str(&text[..at]);
                    out.push_str(&format!("{field} = {date}{eol}"));
                    out.push_str(&text[at..]);
                }
                None => {
                    // The value ends the file, with no line ending after it.
                    out.push_str(text);
                    out.push_str(&format!("{}{field} = {date}", line_ending(text)));
                }
            }
        }
    }
    Ok(out)
}

/// What one file becomes when `id` (of `kind`) gets `field = date`: the
/// edit `review` writes, and the language server proposes. Only the one
/// line set or added differs from `text`.
pub fn edited(text: &str, kind: Kind, id: &str, field: &str, date: Date) -> Result<String, Fatal> {
    if let FrontMatter::Toml { toml, .. } = frontmatter::split(text) {
        let doc = Document::parse(&text[toml.clone()])
            .map_err(|e| usage(format!("front matter of `{id}` does not parse: {e}")))?;
        return splice(text, toml.start, doc.as_table(), field, date);
    }
    let doc = Document::parse(text)
        .map_err(|e| usage(format!("the file of `{id}` does not parse: {e}")))?;
    let table = doc
        .get(kind.name())
        .and_then(Item::as_array_of_tables)
        .and_then(|tables| {
            tables
                .iter()
                .find(|t| t.get("id").and_then(|v| v.as_str()) == Some(id))
        })
        .ok_or_else(|| usage(format!("`{id}` is not a `[[{}]]` table here", kind.name())))?;
    splice(text, 0, table, field, date)
}

/// Sets the review field of each of `ids` to `date` in the analyzed
/// project's files, all or nothing.
pub fn run(analysis: &Analysis, ids: &[String], date: Date) -> Result<Vec<Reviewed>, Fatal> {
    let model = &analysis.model;
    // Check every id first: nothing is written unless all are good.
    let mut plan: Vec<(usize, Kind, &str, &'static str)> = Vec::new();
    for id in ids {
        let found = analysis.graph.all(id);
        let &[index] = found else {
            return Err(usage(if found.is_empty() {
                format!("no object has the id `{id}`")
            } else {
                format!(
                    "the id `{id}` is used by {} objects (SL004): fix that first",
                    found.len()
                )
            }));
        };
        let o = &model.objects[index];
        let Some(field) = field_of(o.kind) else {
            return Err(usage(format!(
                "`{id}` is {} {}: only principles and theses take `reviewed`, and KPIs `measured`",
                if o.kind == Kind::Objective || o.kind == Kind::Inflection {
                    "an"
                } else {
                    "a"
                },
                o.kind.name()
            )));
        };
        plan.push((o.file, o.kind, id.as_str(), field));
    }
    // Several ids may share a file: edit each file once, in order.
    let mut texts: std::collections::BTreeMap<usize, String> = Default::default();
    for &(file, kind, id, field) in &plan {
        let text = texts
            .entry(file)
            .or_insert_with(|| model.files[file].text.to_string());
        *text = edited(text, kind, id, field, date)?;
    }
    let mut written: Vec<(PathBuf, String)> = Vec::new();
    for (file, text) in texts {
        written.push((model.files[file].path.clone(), text));
    }
    for (path, text) in &written {
        std::fs::write(path, text)
            .map_err(|e| usage(format!("cannot write {}: {e}", path.display())))?;
    }
    Ok(plan
        .into_iter()
        .map(|(file, _, id, field)| Reviewed {
            id: id.to_owned(),
            field,
            file: model.files[file].display.clone(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn replaces_a_value_and_keeps_its_comment_and_every_other_byte() {
        let text = "# top\n[[principle]]\nid = \"P-1\"   # the id\nreviewed = 2025-01-01  # last time\ntitle = 'x'\n\n[[kpi]]\nid = \"K\"\n";
        let out = edited(text, Kind::Principle, "P-1", "reviewed", day("2026-12-01")).unwrap();
        assert_eq!(out, text.replace("2025-01-01", "2026-12-01"));
    }

    #[test]
    fn adds_an_absent_key_after_the_object_s_last_key() {
        let text = "[[kpi]]\nid = \"K-1\"\ncurrent = 3 # q3\n\n[[kpi]]\nid = \"K-2\"\n";
        let out = edited(text, Kind::Kpi, "K-1", "measured", day("2026-12-01")).unwrap();
        assert_eq!(
            out,
            "[[kpi]]\nid = \"K-1\"\ncurrent = 3 # q3\nmeasured = 2026-12-01\n\n[[kpi]]\nid = \"K-2\"\n"
        );
    }

    #[test]
    fn edits_front_matter_before_its_closing_fence() {
        let text = "+++\nkind = \"principle\"\nid = \"P-1\"\n+++\n\nBody with reviewed = 1.\n";
        let out = edited(text, Kind::Principle, "P-1", "reviewed", day("2026-12-01")).unwrap();
        assert_eq!(
            out,
            "+++\nkind = \"principle\"\nid = \"P-1\"\nreviewed = 2026-12-01\n+++\n\nBody with reviewed = 1.\n"
        );
        let again = edited(&out, Kind::Principle, "P-1", "reviewed", day("2027-01-02")).unwrap();
        assert_eq!(again, out.replace("2026-12-01", "2027-01-02"));
    }

    #[test]
    fn keeps_crlf_line_endings_and_writes_the_new_line_with_one() {
        let text = "[[principle]]\r\nid = \"P-4\"\r\ntitle = \"x\"\r\nowner = \"x\"\r\n\r\n[[tenet]]\r\nid=\"T-1\"\r\ntext=\"x\"\r\n";
        let out = edited(text, Kind::Principle, "P-4", "reviewed", day("2026-11-20")).unwrap();
        assert_eq!(
            out,
            text.replace(
                "owner = \"x\"\r\n",
                "owner = \"x\"\r\nreviewed = 2026-11-20\r\n"
            )
        );
        let again = edited(&out, Kind::Principle, "P-4", "reviewed", day("2027-01-02")).unwrap();
        assert_eq!(again, out.replace("2026-11-20", "2027-01-02"));
        let md = "+++\r\nkind = \"principle\"\r\nid = \"P-3\"\r\n+++\r\nBody\r\n";
        let out = edited(md, Kind::Principle, "P-3", "reviewed", day("2026-11-20")).unwrap();
        assert_eq!(
            out,
            "+++\r\nkind = \"principle\"\r\nid = \"P-3\"\r\nreviewed = 2026-11-20\r\n+++\r\nBody\r\n"
        );
    }

    #[test]
    fn a_new_line_ends_as_the_line_it_follows_in_a_mixed_file() {
        let text = "[[kpi]]\r\nid = \"K-1\"\n[[kpi]]\nid = \"K-2\"\r\n";
        let out = edited(text, Kind::Kpi, "K-1", "measured", day("2026-12-01")).unwrap();
        assert_eq!(
            out,
            "[[kpi]]\r\nid = \"K-1\"\nmeasured = 2026-12-01\n[[kpi]]\nid = \"K-2\"\r\n"
        );
        let out = edited(text, Kind::Kpi, "K-2", "measured", day("2026-12-01")).unwrap();
        assert_eq!(out, format!("{text}measured = 2026-12-01\r\n"));
    }

    #[test]
    fn adds_after_a_multi_line_value_a_dotted_key_and_a_file_without_a_final_newline() {
        let text =
            "[[principle]]\nid = \"P-1\"\nserves = [\n  \"T\",\n] # why\nmeta.x = 1\n# next\n";
        let out = edited(text, Kind::Principle, "P-1", "reviewed", day("2026-12-01")).unwrap();
        assert_eq!(
            out,
            text.replace("meta.x = 1\n", "meta.x = 1\nreviewed = 2026-12-01\n")
        );
        let text = "[[principle]]\r\nid = \"P-1\"";
        let out = edited(text, Kind::Principle, "P-1", "reviewed", day("2026-12-01")).unwrap();
        assert_eq!(out, format!("{text}\r\nreviewed = 2026-12-01"));
    }

    #[test]
    fn a_byte_order_mark_stays() {
        let text = "\u{feff}[[thesis]]\nid = \"TH-1\"\nreviewed = 2025-01-01\n";
        let out = edited(text, Kind::Thesis, "TH-1", "reviewed", day("2026-12-01")).unwrap();
        assert_eq!(out, text.replace("2025-01-01", "2026-12-01"));
        let text = "\u{feff}+++\r\nkind = \"thesis\"\r\nid = \"TH-1\"\r\n+++\r\n";
        let out = edited(text, Kind::Thesis, "TH-1", "reviewed", day("2026-12-01")).unwrap();
        assert_eq!(
            out,
            text.replace("\"TH-1\"\r\n", "\"TH-1\"\r\nreviewed = 2026-12-01\r\n")
        );
    }
}
