//! Adopted architecture decision records (SPEC §11): the records of a
//! directory of `decisions.adr` (which names are records: `adr_name`), in
//! the adr-tools or MADR layout, with or without `---` YAML front matter
//! (read by `adr_yaml`, after leading blank lines and HTML comments), read
//! where they are into decision objects. The body is read with
//! pulldown-cmark; status phrases and dates by `adr_status`.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::diagnostic::Diagnostic;
use crate::model::{
    DecisionData, DecisionStatus, Kind, Object, Payload, Reference, Spanned, Status,
};
use crate::parse::adr_name::{self, reference};
use crate::parse::adr_status::{
    self, Line, first_date_shape, first_iso_shape, iso_day, superseded_by, yaml_day,
};
use crate::parse::adr_table::{Row, status_cell};
use crate::parse::adr_yaml::{MAX_EXPANDED, Node, Yaml};
use crate::parse::fields::quoted_list;
use crate::parse::markdown::{attach_body, read_body};
use crate::parse::{AdrScheme, ParseContext, ParsedFile, sl001};
use crate::schema::kinds::DECISION_STATUSES;
use crate::schema::{Code, Relation};
use crate::source::{FileId, SourceFile, Span};
use crate::suggest::did_you_mean;

// ---------------------------------------------------------------- body --

/// A paragraph or list item of the body: its text (soft breaks as `\n`),
/// span, links (with where each starts in the text), and whether it lies
/// in a Status section.
#[derive(Debug, Default)]
struct Block {
    text: String,
    span: Option<Span>,
    links: Vec<(String, Span)>,
    link_at: Vec<usize>,
    in_status: bool,
}

impl Block {
    /// The text before the first link that starts below `end`, from `start`.
    fn before_link(&self, start: usize, end: usize) -> Option<&str> {
        let at = self.link_at.iter().find(|&&a| a >= start && a < end)?;
        Some(&self.text[start..*at])
    }
}

/// What the body says, read with pulldown-cmark.
#[derive(Debug, Default)]
struct Body {
    /// The first level-1 heading: text and span.
    title: Option<(String, Span)>,
    /// The first heading's span, where values with no line of their own point.
    first_heading: Option<Span>,
    /// The first `Status` heading (`## Status`, `## Status: Superseded`).
    status_heading: Option<(String, Span)>,
    blocks: Vec<Block>,
    /// The status cell of the first table before the first section
    /// (heading below level 1) that has one (`adr_table`).
    table_status: Option<(String, Span)>,
}

/// Whether a heading's text names a Status section.
fn is_status_heading(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    lower == "status" || lower.starts_with("status:")
}

fn read(text: &str, offset: usize) -> Body {
    let mut body = Body::default();
    let mut heading: Option<(HeadingLevel, String, Span)> = None;
    let mut heading_links: Vec<(String, Span)> = Vec::new();
    let mut in_status = false;
    // Inside an image: its alt text is no text of the block.
    let mut images = 0usize;
    // Inside a blockquote: template guidance (`> A decision may be
    // "proposed"…`), never the status.
    let mut quotes = 0usize;
    // The table being read: its rows so far, and the cell being read.
    let mut rows: Vec<Row> = Vec::new();
    let mut cell: Option<(String, Span)> = None;
    // Past a heading below level 1: tables there are no metadata.
    let mut in_section = false;
    let mut open: Vec<Block> = Vec::new();
    let parser = Parser::new_ext(&text[offset..], Options::ENABLE_TABLES);
    for (event, range) in parser.into_offset_iter() {
        let span = Span::new(range.start + offset, range.end + offset);
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level, String::new(), span));
                heading_links.clear();
                body.first_heading.get_or_insert(span);
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, t, span)) = heading.take() {
                    in_section |= level != HeadingLevel::H1;
                    let t = t.trim().to_owned();
                    in_status = is_status_heading(&t);
                    if in_status && body.status_heading.is_none() {
                        body.status_heading = Some((t.clone(), span));
                        // `## Status: Superseded by [ADR-5](…)` names its
                        // successor as such a paragraph does.
                        body.blocks.push(Block {
                            text: t.clone(),
                            span: Some(span),
                            links: std::mem::take(&mut heading_links),
                            ..Default::default()
                        });
                    }
                    if level == HeadingLevel::H1 && body.title.is_none() {
                        body.title = Some((t, span));
                    }
                }
            }
            Event::Start(Tag::Table(_)) => rows.clear(),
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => cell = Some((String::new(), span)),
            Event::End(TagEnd::TableCell) => {
                if let (Some((t, span)), Some(row)) = (cell.take(), rows.last_mut()) {
                    row.push((t.trim().to_owned(), span));
                }
            }
            // Only a table heading the record, before its first section.
            Event::End(TagEnd::Table) if body.table_status.is_none() && !in_section => {
                body.table_status = status_cell(&rows).cloned();
            }
            Event::Start(Tag::BlockQuote(_)) => quotes += 1,
            Event::End(TagEnd::BlockQuote(_)) => quotes = quotes.saturating_sub(1),
            Event::Start(Tag::Paragraph) | Event::Start(Tag::Item) => open.push(Block {
                in_status: in_status && quotes == 0,
                ..Default::default()
            }),
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) => {
                if let Some(b) = open.pop() {
                    // A paragraph inside a list item belongs to the item.
                    match open.last_mut() {
                        Some(parent) if parent.text.is_empty() => {
                            parent.text = b.text;
                            parent.span = b.span;
                            parent.links = b.links;
                            parent.link_at = b.link_at;
                        }
                        _ => body.blocks.push(b),
                    }
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) if heading.is_some() => {
                heading_links.push((dest_url.to_string(), span));
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(b) = open.last_mut() {
                    b.links.push((dest_url.to_string(), span));
                    b.link_at.push(b.text.len());
                }
            }
            Event::Start(Tag::Image { .. }) => images += 1,
            Event::End(TagEnd::Image) => images = images.saturating_sub(1),
            Event::Text(_) | Event::Code(_) if images > 0 => {}
            Event::Text(s) | Event::Code(s) => {
                if let Some((_, t, _)) = heading.as_mut() {
                    t.push_str(&s);
                } else if let Some((t, _)) = cell.as_mut() {
                    t.push_str(&s);
                } else if let Some(b) = open.last_mut() {
                    b.text.push_str(&s);
                    b.span = Some(b.span.map_or(span, |o| Span::new(o.start, span.end)));
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(b) = open.last_mut() {
                    b.text.push('\n');
                }
            }
            _ => {}
        }
    }
    body.blocks.extend(open);
    body
}

/// A `Label: value` line of a block (`Status:`, `Date:`, `Deciders:`,
/// `Tenets:`; any line of it, a list item's included): the value's start
/// and the line's end, as offsets in the block's text.
fn labelled(block: &Block, label: &str) -> Option<(usize, usize)> {
    let mut start = 0;
    for line in block.text.split_inclusive('\n') {
        let end = start + line.trim_end().len();
        if let Some((name, _)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case(label) {
                let colon = start + name.len() + 1;
                let value = colon
                    + (block.text[colon..end].len() - block.text[colon..end].trim_start().len());
                return Some((value, end.max(value)));
            }
        }
        start += line.len();
    }
    None
}

/// The span of `needle` inside `within` in the file, else `within`.
fn narrow(src: &SourceFile, within: Span, needle: &str) -> Span {
    let needle = needle.trim();
    if needle.is_empty() {
        return within;
    }
    src.text
        .get(within.start..within.end)
        .and_then(|t| t.find(needle))
        .map_or(within, |at| {
            Span::new(within.start + at, within.start + at + needle.len())
        })
}

/// Where an adopted record's status comes from (SPEC §11).
enum Stated {
    /// A status text (to read a phrase from), where it was written, and
    /// whether it came from YAML.
    Text(String, Span, bool),
    /// A Status section or line with nothing readable: SL006.
    Unreadable(Span),
    /// No status stated at all: `decisions.default_status`.
    Absent,
}

/// The status as the record states it: YAML `status:`; else a Status
/// heading's own text or its first paragraph or item that is no relation;
/// else a `Status:` line; else a status kept in a table.
fn stated_status(src: &SourceFile, y: Option<&Yaml>, body: &Body, ctx: &ParseContext) -> Stated {
    if let Some(y) = y {
        match y.get("status") {
            Some(Node::Scalar(s, span)) => return Stated::Text(s.clone(), *span, true),
            Some(_) => {
                let at = y.key_span("status").unwrap_or_else(|| src.line_span(1));
                return Stated::Unreadable(at);
            }
            None => {}
        }
    }
    if let Some((heading, span)) = &body.status_heading {
        let own = heading
            .trim()
            .get("status".len()..)
            .unwrap_or_default()
            .trim_start()
            .trim_start_matches(':');
        if !own.trim().is_empty() {
            return Stated::Text(own.to_owned(), *span, false);
        }
        // The first `<Verb> [link]` skipped, in case nothing after it is a status.
        let mut verb: Option<(String, Span)> = None;
        for b in body.blocks.iter().filter(|b| b.in_status) {
            let Some(block_span) = b.span else { continue };
            let end = b.text.find('\n').unwrap_or(b.text.len());
            let start = labelled(b, "status")
                .filter(|&(v, _)| v <= end)
                .map_or(0, |(v, _)| v);
            let line = &b.text[start..end];
            if line.trim().is_empty() {
                continue;
            }
            let before = b.before_link(start, end);
            let word = line.split_whitespace().next().unwrap_or_default();
            let at = narrow(src, block_span, word);
            match adr_status::classify(line, before, &ctx.statuses) {
                Line::Relation => continue,
                Line::Verb => {
                    verb.get_or_insert((before.unwrap_or(line).to_owned(), at));
                    continue;
                }
                Line::SupersededBy | Line::Status => {
                    let text = before.unwrap_or(line);
                    // A paragraph with no words (a date, an image) is not the status.
                    if adr_status::phrase(text).is_empty() && before.is_none() {
                        continue;
                    }
                    // `Reverted by [#1198](…)` then prose: the verb is the status.
                    let known = adr_status::lookup(&adr_status::phrase(text), &ctx.statuses);
                    if let (None, Some((verb, at))) = (known, verb) {
                        return Stated::Text(verb, at, false);
                    }
                    return Stated::Text(text.to_owned(), at, false);
                }
            }
        }
        return match verb {
            Some((verb, at)) => Stated::Text(verb, at, false),
            None => Stated::Unreadable(*span),
        };
    }
    for b in &body.blocks {
        let (Some((start, end)), Some(span)) = (labelled(b, "status"), b.span) else {
            continue;
        };
        let text = b.before_link(start, end).unwrap_or(&b.text[start..end]);
        if text.trim().is_empty() && b.before_link(start, end).is_none() {
            return Stated::Unreadable(span);
        }
        let at = narrow(src, span, &b.text[start..end]);
        return Stated::Text(text.to_owned(), at, false);
    }
    // Beyond the SPEC: a status kept in a table (hyades, nats).
    if let Some((text, span)) = &body.table_status {
        if adr_status::phrase(text).is_empty() {
            return Stated::Unreadable(*span);
        }
        return Stated::Text(text.clone(), *span, false);
    }
    Stated::Absent
}

// ------------------------------------------------------------- record --

/// Record ids written as text (after `Supersedes`, `Superseded by`, in
/// YAML `status:`) on the first line: `ADR-0005`, `ADR 5`, `0005`,
/// `0005-title.md`; dates are not ids.
fn ids_in_text(scheme: &AdrScheme, text: &str) -> Vec<String> {
    let line = text.lines().next().unwrap_or_default();
    let tokens: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|t| t.trim_matches(|c: char| "[]().:;`\"'*_".contains(c)))
        .filter(|t| !t.is_empty())
        .collect();
    let bare_prefix = scheme
        .prefix
        .trim_end_matches(['-', '_', ' '])
        .to_ascii_lowercase();
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        let date = first_date_shape(t).is_some_and(|(at, d)| at == 0 && d.len() == t.len());
        // `ADR 17`: the prefix, then the number, as two words.
        if !bare_prefix.is_empty()
            && t.eq_ignore_ascii_case(&bare_prefix)
            && tokens
                .get(i + 1)
                .is_some_and(|n| n.bytes().all(|c| c.is_ascii_digit()))
        {
            out.push(format!("{}{}", scheme.prefix, tokens[i + 1]));
            i += 2;
            continue;
        }
        // A bare number names a record when it is zero-padded (`0017`) or
        // comes first (`Superseded by 17`): `the 2019 plan` names none.
        let bare = t.bytes().all(|c| c.is_ascii_digit());
        let plausible = !bare || t.starts_with('0') || i == 0;
        if !date && plausible && t.bytes().any(|c| c.is_ascii_digit()) {
            if let Some(id) = reference(&scheme.prefix, scheme.by_name, t) {
                out.push(id);
            }
        }
        i += 1;
    }
    out
}

/// What the links of a relation name: records of the directory (links to
/// other sites are no records).
fn linked_records(scheme: &AdrScheme, links: &[(String, Span)]) -> Vec<Spanned<String>> {
    links
        .iter()
        .filter(|(dest, _)| !dest.contains("://"))
        .filter_map(|(dest, span)| {
            let name = dest.rsplit('/').next().unwrap_or(dest);
            let file_like = adr_name::markdown_stem(name.split('#').next().unwrap_or(name))
                .is_some()
                || dest.ends_with('/');
            let id = reference(&scheme.prefix, scheme.by_name, dest)?;
            file_like.then(|| Spanned::new(id, *span))
        })
        .collect()
}

/// `[text](dest)` links written in plain text (YAML): their destinations.
fn markdown_links(text: &str) -> Vec<&str> {
    text.match_indices("](")
        .filter_map(|(at, _)| {
            let rest = &text[at + 2..];
            rest.find(')').map(|end| rest[..end].trim())
        })
        .collect()
}

/// Where YAML front matter starts (`---` on a line of its own), after a
/// byte-order mark, blank lines and HTML comments (an SPDX header).
fn front_matter_start(text: &str) -> Option<usize> {
    let mut at = if text.starts_with('\u{feff}') { 3 } else { 0 };
    loop {
        let rest = &text[at..];
        let trimmed = rest.trim_start();
        at += rest.len() - trimmed.len();
        if trimmed.starts_with("<!--") {
            at += trimmed.find("-->")? + 3;
            continue;
        }
        break;
    }
    let line_start = at == 0 || text[..at].ends_with('\n') || text[..at] == *"\u{feff}";
    let first = text[at..].lines().next()?;
    (line_start && first.trim_end() == "---").then_some(at)
}

/// Parses an adopted record into `out`: always a strategy file.
pub fn parse(
    src: &SourceFile,
    file: FileId,
    scheme: &AdrScheme,
    ctx: &ParseContext,
    out: &mut ParsedFile,
) -> bool {
    let text = &src.text;
    let mut parts = src.rel.rsplit('/');
    let name = parts.next().unwrap_or(&src.rel);
    let record = adr_name::record_file(name).or_else(|| parts.next().and_then(adr_name::record));
    let id = record.map_or_else(
        || format!("{}{name}", scheme.prefix),
        |r| r.id(&scheme.prefix, scheme.by_name),
    );

    // `---` YAML front matter, after blank lines and HTML comments.
    let mut yaml = None;
    let mut body_start = 0;
    if let Some(open) = front_matter_start(text) {
        let start = open + text[open..].find('\n').map_or(text.len() - open, |n| n + 1);
        let mut offset = start;
        let mut end = None;
        for line in text[start..].split_inclusive('\n') {
            if line.trim_end() == "---" || line.trim_end() == "..." {
                end = Some((offset, offset + line.len()));
                break;
            }
            offset += line.len();
        }
        let opened = src.position(open).line;
        let Some((close, after)) = end else {
            out.diagnostics.push(
                sl001(
                    file,
                    src.line_span(opened),
                    "YAML front matter opened with `---` is never closed",
                )
                .help("close it with a line that holds only `---`"),
            );
            return true;
        };
        match Yaml::parse(&text[start..close], start) {
            Ok(y) if y.expanded() > MAX_EXPANDED => {
                out.diagnostics.push(
                    sl001(
                        file,
                        src.line_span(opened),
                        format!(
                            "YAML front matter stands for more than {MAX_EXPANDED} values once its aliases are expanded (an alias bomb)"
                        ),
                    )
                    .help("write the values out instead of repeating anchors"),
                );
                return true;
            }
            Ok(y) => yaml = Some(y),
            Err((at, message)) => {
                let at = src.clamp(at);
                let line = src.position(at).line;
                out.diagnostics.push(sl001(
                    file,
                    src.line_span(line),
                    format!("YAML front matter does not parse: {message}"),
                ));
                return true;
            }
        }
        body_start = after;
    }

    let body = read(text, body_start);
    let anchor = body.first_heading.unwrap_or_else(|| src.line_span(1));
    let mut obj = Object::new(Kind::Decision, file, anchor, Span::new(0, text.len()));
    let index = out.objects.len();
    obj.id = Some(Spanned::new(id.clone(), anchor));
    let mut data = DecisionData {
        free_text_deciders: true,
        adopted: true,
        ..Default::default()
    };
    let y = yaml.as_ref();

    // Title.
    obj.title = y.and_then(|y| y.string("title")).or_else(|| {
        body.title.as_ref().map(|(t, span)| {
            let numbered = t.trim_start_matches(|c: char| c.is_ascii_digit());
            let t = match numbered.strip_prefix('.') {
                Some(rest) if numbered.len() < t.len() => rest.trim_start(),
                _ => t.as_str(),
            };
            Spanned::new(t.to_owned(), *span)
        })
    });
    if obj.title.is_none() {
        out.diagnostics
            .push(missing(file, anchor, &id, index, "title"));
    }

    // Status.
    match stated_status(src, y, &body, ctx) {
        Stated::Text(written, span, from_yaml) => {
            let phrase = adr_status::phrase(&written);
            match adr_status::lookup(&phrase, &ctx.statuses) {
                Some(st) => {
                    data.status = Some(Spanned::new(st, span));
                    // YAML `status: superseded by ADR-0002` names the successor.
                    if let (Some(by), true) = (superseded_by(&written), from_yaml) {
                        let rest = &written[by..];
                        let linked: Vec<String> = markdown_links(rest)
                            .into_iter()
                            .filter_map(|d| reference(&scheme.prefix, scheme.by_name, d))
                            .collect();
                        let targets = if linked.is_empty() {
                            ids_in_text(scheme, rest)
                        } else {
                            linked
                        };
                        data.superseded_by
                            .extend(targets.into_iter().map(|t| Spanned::new(t, span)));
                    }
                }
                None => out
                    .diagnostics
                    .push(unknown_status(file, &id, index, span, &phrase)),
            }
        }
        Stated::Unreadable(span) => out
            .diagnostics
            .push(unknown_status(file, &id, index, span, "")),
        Stated::Absent => {
            let st = DecisionStatus::parse(&ctx.default_status).unwrap_or(DecisionStatus::Accepted);
            data.status = Some(Spanned::new(st, anchor));
        }
    }
    if data.status.as_ref().is_some_and(|s| s.value.is_retired()) {
        obj.status = Status::Retired;
    }

    // Date: YAML, else the first date on a `Date:` line, else (with history)
    // the commit that added the file.
    match y.and_then(|y| y.string("date")) {
        Some(d) => match yaml_day(&d.value) {
            Some(day) => data.date = Some(Spanned::new(day, d.span)),
            None => out
                .diagnostics
                .push(invalid_date(file, &id, index, "date", &d)),
        },
        None => {
            let line = body.blocks.iter().find_map(|b| {
                let (start, end) = labelled(b, "date")?;
                Some((&b.text[start..end], b.span?))
            });
            match line.and_then(|(value, span)| {
                first_iso_shape(value).map(|d| Spanned::new(d.to_owned(), narrow(src, span, d)))
            }) {
                Some(d) => match iso_day(&d.value) {
                    Some(day) => data.date = Some(Spanned::new(day, d.span)),
                    None => out
                        .diagnostics
                        .push(invalid_date(file, &id, index, "date", &d)),
                },
                None => data.dated_by_git = Some(src.rel.clone()),
            }
        }
    }
    if let Some(r) = y.and_then(|y| y.string("review_by")) {
        match yaml_day(&r.value) {
            Some(day) => data.review_by = Some(Spanned::new(day, r.span)),
            None => out
                .diagnostics
                .push(invalid_date(file, &id, index, "review_by", &r)),
        }
    }

    data.tradeoff = y
        .and_then(|y| y.string("tradeoff"))
        .filter(|t| !t.value.trim().is_empty());

    // Deciders: free text, matched to the registry by id or name where needed.
    data.deciders = match y.map(|y| y.strings("deciders")).filter(|d| !d.is_empty()) {
        Some(list) => list.into_iter().flat_map(|d| split_commas(&d)).collect(),
        None => body
            .blocks
            .iter()
            .find_map(|b| {
                let (start, end) = labelled(b, "deciders")?;
                let value = &b.text[start..end];
                Some(Spanned::new(value.to_owned(), narrow(src, b.span?, value)))
            })
            .map(|d| split_commas(&d))
            .unwrap_or_default(),
    };

    // References.
    let mut refer = |field: &'static str,
                     relation: Relation,
                     accepts: &'static [Kind],
                     target: Spanned<String>| {
        let known = obj
            .refs
            .iter()
            .any(|r| r.field == field && r.target.value == target.value);
        if !known {
            obj.refs.push(Reference {
                field,
                relation,
                accepts,
                target,
            });
        }
    };
    if let Some(y) = y {
        for t in y.strings("tenets") {
            refer("tenets", Relation::Cites, &[Kind::Tenet], t);
        }
        for t in y.strings("against") {
            refer("against", Relation::Against, &[Kind::Tenet], t);
        }
        for s in y.strings("serves") {
            refer(
                "serves",
                Relation::Serves,
                &[Kind::Thesis, Kind::Objective, Kind::Principle],
                s,
            );
        }
        for s in y.strings("supersedes") {
            let id = reference(&scheme.prefix, scheme.by_name, &s.value).unwrap_or(s.value);
            refer(
                "supersedes",
                Relation::Supersedes,
                &[Kind::Decision],
                Spanned::new(id, s.span),
            );
        }
    }
    // `Tenets: T-1, T-2` lines.
    for b in &body.blocks {
        let (Some((start, end)), Some(span)) = (labelled(b, "tenets"), b.span) else {
            continue;
        };
        for t in b.text[start..end].split([',', ';']) {
            let t = t.trim().trim_matches(|c: char| "`*_[]".contains(c));
            if !t.is_empty() && !t.contains(char::is_whitespace) {
                refer(
                    "tenets",
                    Relation::Cites,
                    &[Kind::Tenet],
                    Spanned::new(t.to_owned(), narrow(src, span, t)),
                );
            }
        }
    }
    for b in &body.blocks {
        // `Supersedes […]`, `Superseded by […]` (either spelling), also on a
        // `Status:` line (MADR 2: `* Status: superseded by [ADR-0002](…)`).
        let mut text = b.text.trim_start();
        if text
            .get(..7)
            .is_some_and(|l| l.eq_ignore_ascii_case("status:"))
        {
            text = text[7..].trim_start();
        }
        // `⌛️ Superseded by […]`: symbols before the first word are dropped.
        text = adr_status::without_leading_symbols(text);
        let lead = text.to_ascii_lowercase();
        let (by, rest) = if let Some(n) = superseded_by(text) {
            (true, &text[n..])
        } else if b
            .before_link(0, b.text.len())
            .is_some_and(|head| adr_status::superseded_before_link(head.trim_start()))
        {
            // `Superseded [0019](0019-….md)`, without `by`: its links only.
            (true, "")
        } else if lead.starts_with("supersedes") || lead.starts_with("supercedes") {
            (false, &text["supersedes".len()..])
        } else {
            continue;
        };
        // Links to records of this directory, else ids written as text
        // (`Superseded by ADR-0005`, `Supersedes 0002`).
        let mut targets = linked_records(scheme, &b.links);
        if targets.is_empty() {
            if let Some(span) = b.span {
                targets = ids_in_text(scheme, rest)
                    .into_iter()
                    .map(|id| Spanned::new(id, span))
                    .collect();
            }
        }
        for target in targets {
            if by {
                data.superseded_by.push(target);
            } else {
                refer(
                    "supersedes",
                    Relation::Supersedes,
                    &[Kind::Decision],
                    target,
                );
            }
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    data.superseded_by.retain(|s| seen.insert(s.value.clone()));
    obj.payload = Payload::Decision(data);

    // Like any strategy document: tenets under a tenets heading, links, anchors.
    let doc = read_body(text, body_start, &ctx.tenet_headings);
    out.scan_markdown_suppressions(src, file, &doc.html);
    out.objects.push(obj);
    attach_body(out, file, index, doc);
    true
}

/// SL006 for a status phrase none of the statuses, synonyms or
/// `decisions.statuses` knows (empty: none could be read).
fn unknown_status(file: FileId, id: &str, index: usize, span: Span, phrase: &str) -> Diagnostic {
    let statuses = quoted_list(DECISION_STATUSES);
    let (message, help) = if phrase.is_empty() {
        (
            format!(
                "decision `{id}` has a Status section or line, but no status stratlint can read there"
            ),
            format!(
                "write the status ({statuses}) as the first words under `## Status`, or after `Status:`"
            ),
        )
    } else {
        let first = phrase.split_whitespace().next().unwrap_or(phrase);
        let close = did_you_mean(first, DECISION_STATUSES.iter().copied())
            .map(|c| format!("did you mean \"{c}\"? Or "))
            .unwrap_or_default();
        (
            format!(
                "`status` of decision `{id}` is \"{phrase}\", which is none of {statuses}, a known synonym or a phrase in `decisions.statuses`"
            ),
            format!(
                "{close}map it in stratlint.toml: `[decisions] statuses = {{ \"{phrase}\" = \"accepted\" }}` (or the status it means)"
            ),
        )
    };
    Diagnostic::new(Code::SL006, file, span, message)
        .object(Some(id), Some(index))
        .key("status")
        .help(help)
}

/// `"Ada Lovelace, Grace Hopper"` as two deciders.
fn split_commas(d: &Spanned<String>) -> Vec<Spanned<String>> {
    d.value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| Spanned::new(s.to_owned(), d.span))
        .collect()
}

fn missing(file: FileId, anchor: Span, id: &str, index: usize, field: &str) -> Diagnostic {
    Diagnostic::new(
        Code::SL003,
        file,
        anchor,
        format!("decision `{id}` is missing the required field `{field}`"),
    )
    .object(Some(id), Some(index))
    .key(field.to_owned())
    .help("start the record with a `# Title` heading, or add `title:` to the front matter")
}

fn invalid_date(
    file: FileId,
    id: &str,
    index: usize,
    field: &str,
    d: &Spanned<String>,
) -> Diagnostic {
    Diagnostic::new(
        Code::SL006,
        file,
        d.span,
        format!(
            "`{field}` of decision `{id}` is not a valid date: \"{}\"",
            d.value.trim()
        ),
    )
    .object(Some(id), Some(index))
    .key(field.to_owned())
    .help("write a date as 2026-03-01")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scheme() -> AdrScheme {
        AdrScheme {
            prefix: "ADR-".into(),
            by_name: false,
        }
    }

    #[test]
    fn ids_written_as_text() {
        let s = scheme();
        assert_eq!(ids_in_text(&s, " ADR-0005"), ["ADR-0005"]);
        assert_eq!(ids_in_text(&s, " adr-0005."), ["ADR-0005"]);
        assert_eq!(ids_in_text(&s, " ADR 17 on 2026-01-02"), ["ADR-17"]);
        assert_eq!(
            ids_in_text(&s, " 0002 and 0003-b.md"),
            ["ADR-0002", "ADR-0003"]
        );
        assert!(ids_in_text(&s, " the new approach").is_empty());
        assert!(ids_in_text(&s, " the 2019 plan").is_empty());
        assert_eq!(ids_in_text(&s, " 17, as agreed in 2019"), ["ADR-17"]);
    }

    #[test]
    fn front_matter_after_comments_and_blank_lines() {
        assert_eq!(front_matter_start("---\na: b\n---\n"), Some(0));
        let spdx = "<!-- SPDX-License-Identifier: MIT -->\n\n---\nstatus: accepted\n---\n";
        assert_eq!(front_matter_start(spdx), Some(39));
        let two = "\n<!--\n  licence\n-->\n<!-- x -->\n---\n";
        assert_eq!(&two[front_matter_start(two).unwrap()..], "---\n");
        assert_eq!(front_matter_start("# Title\n---\n"), None);
        assert_eq!(front_matter_start("<!-- x --> ---\n"), None);
        assert_eq!(front_matter_start("<!-- never closed\n---\n"), None);
    }

    #[test]
    fn yaml_links() {
        assert_eq!(
            markdown_links("by [ADR-2](0002-b.md) and [3](./0003-c.md)"),
            ["0002-b.md", "./0003-c.md"]
        );
    }
}
