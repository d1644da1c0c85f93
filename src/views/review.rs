//! `stratlint review ID... [--date DATE]`: records a revalidation by
//! setting `reviewed` (principles, theses) or `measured` (KPIs) to a date,
//! in place, with toml_edit, so no other byte of the file changes: an
//! existing value is replaced with the rest of its line (a comment) kept;
//! an absent key goes on the line after the object's last key (in front
//! matter, before the closing `+++`). Every id is checked before anything
//! is written: an unknown id, or a kind without the field, writes nothing.

use std::path::PathBuf;

use toml_edit::{DocumentMut, Item, Table, Value};

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
        Kind::Thesis | Kind::Principle => Some("reviewed"),
        Kind::Kpi => Some("measured"),
        _ => None,
    }
}

fn usage(message: String) -> Fatal {
    Fatal::Usage(message)
}

/// Sets `field = date` in `table`, keeping the old value's surrounding
/// space and trailing comment; a new key goes after the table's last key.
fn set_date(table: &mut Table, field: &str, date: Date) -> Result<(), Fatal> {
    let datetime: toml_edit::Datetime = date
        .to_string()
        .parse()
        .map_err(|e| usage(format!("{date} is not a TOML date: {e}")))?;
    let mut value = Value::from(datetime);
    match table.get_mut(field) {
        Some(Item::Value(old)) => {
            *value.decor_mut() = old.decor().clone();
            *old = value;
        }
        Some(_) => return Err(usage(format!("`{field}` is not a plain value here"))),
        None => {
            table.insert(field, Item::Value(value));
        }
    }
    Ok(())
}

/// The `[[kind]]` table with this id in a TOML strategy document.
fn table_with_id<'d>(doc: &'d mut DocumentMut, kind: &str, id: &str) -> Option<&'d mut Table> {
    doc.get_mut(kind)?
        .as_array_of_tables_mut()?
        .iter_mut()
        .find(|t| t.get("id").and_then(|v| v.as_str()) == Some(id))
}

/// What one file becomes when `id` (of `kind`) gets `field = date`: the
/// edit `review` writes, and the language server proposes.
pub fn edited(text: &str, kind: Kind, id: &str, field: &str, date: Date) -> Result<String, Fatal> {
    if let FrontMatter::Toml { toml, .. } = frontmatter::split(text) {
        let mut doc: DocumentMut = text[toml.clone()]
            .parse()
            .map_err(|e| usage(format!("front matter of `{id}` does not parse: {e}")))?;
        set_date(doc.as_table_mut(), field, date)?;
        let mut front = doc.to_string();
        if !front.ends_with('\n') {
            front.push('\n');
        }
        return Ok(format!(
            "{}{front}{}",
            &text[..toml.start],
            &text[toml.end..]
        ));
    }
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e| usage(format!("the file of `{id}` does not parse: {e}")))?;
    let table = table_with_id(&mut doc, kind.name(), id)
        .ok_or_else(|| usage(format!("`{id}` is not a `[[{}]]` table here", kind.name())))?;
    set_date(table, field, date)?;
    Ok(doc.to_string())
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
            .or_insert_with(|| model.files[file].text.clone());
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
}
