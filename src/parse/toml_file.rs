//! TOML strategy files (`[[objective]]`, `[[kpi]]`, …) and the owners registry.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::Diagnostic;
use crate::model::{Kind, Object, Person, Registry, Spanned, Team, Tenet, TenetOrigin};
use crate::parse::fields::FieldReader;
use crate::parse::{ParseContext, ParsedFile, toml_error, unknown_kind};
use crate::schema::{Code, KINDS};
use crate::source::{FileId, SourceFile, Span};
use crate::suggest::did_you_mean;

/// A line reading `[[<kind>]]`, for every kind of the schema.
static KIND_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    let names: Vec<&str> = KINDS.iter().map(|k| k.name).collect();
    Regex::new(&format!(r"(?m)^\s*\[\[\s*({})\s*\]\]", names.join("|")))
        .expect("kind names are plain words")
});

/// True when a line of `text` reads `[[<kind>]]`.
pub fn has_kind_header(text: &str) -> bool {
    KIND_HEADER.is_match(text)
}

/// The kind a table array's name nearly is (SPEC §2): within two edits of
/// a kind or its plural, or a kind in another case; `None` for a kind
/// itself or a name nowhere near one.
pub fn near_kind(name: &str) -> Option<Kind> {
    if Kind::parse(name).is_some() {
        return None;
    }
    let lower = name.to_lowercase();
    KINDS
        .iter()
        .filter_map(|k| {
            let plural = if k.name.ends_with("is") {
                format!("{}es", &k.name[..k.name.len() - 2])
            } else {
                format!("{}s", k.name)
            };
            let d = strsim::osa_distance(&lower, k.name).min(strsim::osa_distance(&lower, &plural));
            (d <= 2).then_some((d, k.kind))
        })
        .min()
        .map(|(_, k)| k)
}

/// The help of SL002 for a near miss: the kind it nearly is only when that
/// is close enough to offer (SPEC §6), else the kinds there are.
fn near_kind_help(name: &str, kind: Kind) -> String {
    let skipped = "this file is skipped until its tables are named after a kind";
    if crate::suggest::distance(name, kind.name()) <= crate::suggest::allowed(name) {
        format!("did you mean `[[{}]]`? {skipped}", kind.name())
    } else {
        format!(
            "kinds are {}; {skipped}",
            crate::schema::kinds::kind_names()
        )
    }
}

/// Byte offsets of every line that opens a table header (`[` at line start).
pub fn header_starts(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with('[') {
            out.push(offset + (line.len() - line.trim_start().len()));
        }
        offset += line.len();
    }
    out
}

/// The first header start after `after` (headers are sorted), or `len`.
pub fn next_header(headers: &[usize], after: usize, len: usize) -> usize {
    headers
        .get(headers.partition_point(|&h| h <= after))
        .copied()
        .unwrap_or(len)
}

/// Parses a TOML file that may be a strategy file; false when it is not one.
pub fn parse_strategy(
    src: &SourceFile,
    file: FileId,
    ctx: &ParseContext,
    out: &mut ParsedFile,
) -> bool {
    let text = &src.text;
    let doc = match DeTable::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            if has_kind_header(text) {
                out.diagnostics.push(toml_error(src, file, &e, 0));
                return true;
            }
            return false;
        }
    };
    let doc = doc.get_ref();
    let is_array_of_tables = |v: &DeValue<'_>| {
        v.as_array()
            .is_some_and(|a| !a.is_empty() && a.iter().all(|i| i.get_ref().is_table()))
    };
    let strategy = doc
        .iter()
        .any(|(k, v)| Kind::parse(k.get_ref()).is_some() && is_array_of_tables(v.get_ref()));
    if !strategy {
        // A near miss (`[[objectives]]` of tables with ids) is reported, not skipped.
        let mut near = false;
        for (key, value) in doc.iter() {
            let name = key.get_ref().as_ref();
            let with_ids = is_array_of_tables(value.get_ref())
                && value.get_ref().as_array().is_some_and(|a| {
                    a.iter().any(|t| {
                        t.get_ref()
                            .as_table()
                            .is_some_and(|t| t.get("id").is_some())
                    })
                });
            if let (true, Some(kind)) = (with_ids, near_kind(name)) {
                near = true;
                out.diagnostics.push(
                    Diagnostic::new(
                        Code::SL002,
                        file,
                        Span::from(key.span()),
                        format!("`{name}` is not a known kind"),
                    )
                    .key(name.to_owned())
                    .label("unknown kind")
                    .help(near_kind_help(name, kind)),
                );
            }
        }
        if near {
            out.scan_toml_suppressions(src, file, 0..text.len());
        }
        return near;
    }
    out.scan_toml_suppressions(src, file, 0..text.len());
    let headers = header_starts(text);
    // Tables of every kind, read in the order they are written: TOML groups
    // an array's tables under one key, but objects are in position order.
    let mut tables = Vec::new();
    for (key, value) in doc.iter() {
        let name = key.get_ref().as_ref();
        let key_span = Span::from(key.span());
        match (Kind::parse(name), is_array_of_tables(value.get_ref())) {
            (Some(kind), true) => {
                for item in value
                    .get_ref()
                    .as_array()
                    .into_iter()
                    .flat_map(|a| a.iter())
                {
                    if let Some(table) = item.get_ref().as_table() {
                        tables.push((kind, Span::from(item.span()), table));
                    }
                }
            }
            (Some(kind), false) => {
                let msg = format!(
                    "`{name}` must be an array of tables: write each {} as `[[{name}]]`",
                    kind.name()
                );
                out.diagnostics
                    .push(Diagnostic::new(Code::SL006, file, key_span, msg).key(name.to_owned()));
            }
            (None, true) => {
                out.diagnostics
                    .push(unknown_kind(file, key_span, name, |k| format!("`[[{k}]]`")));
            }
            (None, false) => {
                let msg = format!("unknown top-level key `{name}` in a strategy file");
                let help = "a strategy file holds only `[[kind]]` tables".to_owned();
                out.diagnostics.push(
                    Diagnostic::new(Code::SL005, file, key_span, msg)
                        .key(name.to_owned())
                        .help(help),
                );
            }
        }
    }
    tables.sort_by_key(|(_, span, _)| span.start);
    for (kind, header, table) in tables {
        read_table(src, file, ctx, out, kind, header, table, &headers);
    }
    true
}

#[allow(clippy::too_many_arguments)]
fn read_table(
    src: &SourceFile,
    file: FileId,
    ctx: &ParseContext,
    out: &mut ParsedFile,
    kind: Kind,
    header: Span,
    table: &DeTable<'_>,
    headers: &[usize],
) {
    let end = next_header(headers, header.start, src.text.len());
    let end = if src.text[header.start..header.end].starts_with("[[") {
        end
    } else {
        header.end
    };
    let index = out.objects.len();
    let id_value = table
        .iter()
        .find(|(k, _)| k.get_ref() == "id")
        .map(|(_, v)| Span::from(v.span()));
    let mut obj = Object::new(
        kind,
        file,
        id_value.unwrap_or(header),
        Span::new(header.start, end),
    );
    let mut reader = FieldReader {
        ctx,
        src,
        file,
        shift: 0,
        diagnostics: Vec::new(),
    };
    reader.read(&mut obj, index, table, &[]);
    reader.require(&obj, index, |f| table.iter().any(|(k, _)| k.get_ref() == f));
    out.diagnostics.append(&mut reader.diagnostics);
    if kind == Kind::Tenet {
        if let Some((_, v)) = table.iter().find(|(k, _)| k.get_ref() == "text") {
            if let Some(text) = v.get_ref().as_str() {
                out.tenets.push(Tenet {
                    file,
                    span: Span::from(v.span()),
                    text: crate::parse::tenet::inline_text(text),
                    object: Some(index),
                    origin: TenetOrigin::Object,
                    parts: None,
                });
            }
        }
    }
    out.objects.push(obj);
}

/// Who an owners registry's text counts (SPEC §5b, §15): what the
/// headcount and executive-turnover inflections read from its history.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Census {
    /// The number of people whose `active` is not `false`.
    pub active: usize,
    /// The ids of those of them with `executive = true`, sorted.
    pub executives: Vec<String>,
}

/// The [`Census`] of an owners registry's text; `None` when the text is
/// not valid TOML.
pub fn census(text: &str) -> Option<Census> {
    let doc = DeTable::parse(text).ok()?;
    let people = doc
        .get_ref()
        .get("people")
        .and_then(|p| p.get_ref().as_table());
    let mut census = Census::default();
    for (id, entry) in people.into_iter().flatten() {
        let fields = entry.get_ref().as_table();
        let flag = |name: &str| fields.and_then(|f| f.get(name)).map(|v| v.get_ref());
        if matches!(flag("active"), Some(DeValue::Boolean(false))) {
            continue;
        }
        census.active += 1;
        if matches!(flag("executive"), Some(DeValue::Boolean(true))) {
            census.executives.push(id.get_ref().to_string());
        }
    }
    census.executives.sort();
    Some(census)
}

/// Parses the owners registry.
pub fn parse_owners(src: &SourceFile, file: FileId, out: &mut ParsedFile) {
    let doc = match DeTable::parse(&src.text) {
        Ok(doc) => doc,
        Err(e) => {
            out.diagnostics.push(toml_error(src, file, &e, 0));
            return;
        }
    };
    out.scan_toml_suppressions(src, file, 0..src.text.len());
    let mut registry = Registry {
        file,
        people: BTreeMap::new(),
        teams: BTreeMap::new(),
    };
    for (key, value) in doc.get_ref().iter() {
        let section = key.get_ref().as_ref();
        if section != "people" && section != "teams" {
            let help = did_you_mean(section, ["people", "teams"])
                .map(|s| format!("did you mean `[{s}.<id>]`?"));
            out.diagnostics.push(
                Diagnostic::new(
                    Code::SL005,
                    file,
                    Span::from(key.span()),
                    format!("unknown section `{section}` in the owners registry"),
                )
                .key(section.to_owned())
                .maybe_help(help),
            );
            continue;
        }
        let Some(entries) = value.get_ref().as_table() else {
            let msg = format!("`{section}` must be a table of `[{section}.<id>]` entries");
            out.diagnostics.push(
                Diagnostic::new(Code::SL006, file, Span::from(value.span()), msg)
                    .key(section.to_owned()),
            );
            continue;
        };
        for (id, entry) in entries.iter() {
            let id_str = id.get_ref().to_string();
            let id_span = Span::from(id.span());
            let Some(fields) = entry.get_ref().as_table() else {
                let msg = format!("`{section}.{id_str}` must be a table");
                out.diagnostics.push(
                    Diagnostic::new(Code::SL006, file, Span::from(entry.span()), msg)
                        .object(Some(&id_str), None)
                        .key(section.to_owned()),
                );
                continue;
            };
            let allowed: &[&str] = if section == "people" {
                &["name", "team", "active", "executive"]
            } else {
                &["name", "lead"]
            };
            let mut link: Option<Spanned<String>> = None;
            let mut active = true;
            let mut has_name = false;
            let mut name: Option<String> = None;
            for (k, v) in fields.iter() {
                let field = k.get_ref().as_ref();
                let span = Span::from(v.span());
                let wrong = |expected: &str| {
                    Diagnostic::new(
                        Code::SL006,
                        file,
                        span,
                        format!("`{field}` of `{section}.{id_str}` must be {expected}"),
                    )
                    .object(Some(&id_str), None)
                    .key(field.to_owned())
                };
                match field {
                    "name" => match v.get_ref().as_str() {
                        Some(n) => {
                            has_name = true;
                            name = Some(n.to_owned());
                        }
                        None => out.diagnostics.push(wrong("a string")),
                    },
                    "team" | "lead" if allowed.contains(&field) => match v.get_ref().as_str() {
                        Some(s) => {
                            link = Some(Spanned::new(s.trim_start_matches('@').to_owned(), span))
                        }
                        None => out.diagnostics.push(wrong("a string")),
                    },
                    "active" if section == "people" => match v.get_ref().as_bool() {
                        Some(b) => active = b,
                        None => out.diagnostics.push(wrong("true or false")),
                    },
                    // Read from the registry's history (`census`): only checked here.
                    "executive" if section == "people" => {
                        if v.get_ref().as_bool().is_none() {
                            out.diagnostics.push(wrong("true or false"));
                        }
                    }
                    _ => {
                        // SPEC §6: the closest field only when it is close;
                        // else the fields there are.
                        let help = Some(did_you_mean(field, allowed.iter().copied()).map_or_else(
                            || {
                                format!(
                                    "the fields of `{section}.<id>` are `{}`",
                                    allowed.join("`, `")
                                )
                            },
                            |c| format!("did you mean `{c}`?"),
                        ));
                        out.diagnostics.push(
                            Diagnostic::new(
                                Code::SL005,
                                file,
                                Span::from(k.span()),
                                format!("unknown field `{field}` in `{section}.{id_str}`"),
                            )
                            .object(Some(&id_str), None)
                            .key(field.to_owned())
                            .maybe_help(help),
                        );
                    }
                }
            }
            if !has_name {
                out.diagnostics.push(
                    Diagnostic::new(
                        Code::SL003,
                        file,
                        id_span,
                        format!("`{section}.{id_str}` is missing the required field `name`"),
                    )
                    .object(Some(&id_str), None)
                    .key("name")
                    .help("add `name = \"…\"`"),
                );
            }
            if section == "people" {
                registry.people.insert(
                    id_str,
                    Person {
                        span: id_span,
                        name,
                        team: link,
                        active,
                    },
                );
            } else {
                registry.teams.insert(
                    id_str,
                    Team {
                        span: id_span,
                        lead: link,
                    },
                );
            }
        }
    }
    out.registry = Some(registry);
}
