//! Adopted architecture decision records (SPEC §11): Markdown files named
//! `0007-use-postgres.md` directly inside a directory of `decisions.adr`,
//! in the adr-tools or MADR layout, with or without `---` YAML front
//! matter, read where they are into decision objects.
//!
//! The YAML is read with saphyr-parser's event stream, so aliases are never
//! expanded: a value an alias names is looked up where it is anchored, and
//! front matter whose aliases would expand past [`MAX_EXPANDED`] nodes (an
//! alias bomb) is SL001. The body is read with pulldown-cmark.

use std::collections::HashMap;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use saphyr_parser::{Event as YamlEvent, Parser as YamlParser};

use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::model::{
    DecisionData, DecisionStatus, Kind, Object, Payload, Reference, Spanned, Status,
};
use crate::parse::fields::quoted_list;
use crate::parse::markdown::{attach_body, read_body};
use crate::parse::{ParseContext, ParsedFile, sl001};
use crate::schema::kinds::DECISION_STATUSES;
use crate::schema::{Code, Relation};
use crate::source::{FileId, SourceFile, Span};
use crate::suggest::did_you_mean;

/// Most YAML nodes front matter may stand for once its aliases are expanded.
pub const MAX_EXPANDED: u64 = 10_000;

/// The leading digits of an adopted record's file name (`0007-use-postgres.md`
/// → `0007`), when it is one.
pub fn number_of(file_name: &str) -> Option<&str> {
    let digits = file_name.len()
        - file_name
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    (digits > 0 && file_name[digits..].starts_with('-') && file_name.ends_with(".md"))
        .then(|| &file_name[..digits])
}

// ---------------------------------------------------------------- YAML --

/// A YAML node, with the byte range it was read from (in the file).
#[derive(Debug)]
enum Node {
    Scalar(String, Span),
    Seq(Vec<usize>),
    Map(Vec<(usize, usize)>),
    Alias(usize),
}

/// YAML front matter read into nodes, without expanding aliases.
struct Yaml {
    nodes: Vec<Node>,
    anchors: HashMap<usize, usize>,
    root: Option<usize>,
}

impl Yaml {
    /// Parses `text` (the front matter, starting at byte `shift` of the file).
    fn parse(text: &str, shift: usize) -> Result<Yaml, (usize, String)> {
        // saphyr's markers count characters: map them back to bytes.
        let bytes: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain([text.len()])
            .collect();
        let at = |chars: usize| shift + bytes[chars.min(bytes.len() - 1)];
        let mut yaml = Yaml {
            nodes: Vec::new(),
            anchors: HashMap::new(),
            root: None,
        };
        // Open collections: (node, pending key of a map).
        let mut stack: Vec<(usize, Option<usize>)> = Vec::new();
        for item in YamlParser::new_from_str(text) {
            let (event, span) = item.map_err(|e| (at(e.marker().index()), e.info().to_owned()))?;
            let range = Span::new(at(span.start.index()), at(span.end.index()));
            let (node, anchor) = match event {
                YamlEvent::Scalar(value, _, anchor, _) => {
                    (Some(Node::Scalar(value.into_owned(), range)), anchor)
                }
                YamlEvent::Alias(id) => (Some(Node::Alias(id)), 0),
                YamlEvent::SequenceStart(anchor, _) => (Some(Node::Seq(Vec::new())), anchor),
                YamlEvent::MappingStart(anchor, _) => (Some(Node::Map(Vec::new())), anchor),
                YamlEvent::SequenceEnd | YamlEvent::MappingEnd => {
                    stack.pop();
                    (None, 0)
                }
                _ => (None, 0),
            };
            let Some(node) = node else { continue };
            let opens = matches!(node, Node::Seq(..) | Node::Map(..));
            let id = yaml.nodes.len();
            yaml.nodes.push(node);
            if anchor > 0 {
                yaml.anchors.insert(anchor, id);
            }
            match stack.last_mut() {
                None => yaml.root = yaml.root.or(Some(id)),
                Some((parent, key)) => match &mut yaml.nodes[*parent] {
                    Node::Seq(items) => items.push(id),
                    Node::Map(pairs) => match key.take() {
                        None => *key = Some(id),
                        Some(k) => pairs.push((k, id)),
                    },
                    _ => {}
                },
            }
            if opens {
                stack.push((id, None));
            }
        }
        Ok(yaml)
    }

    /// How many nodes the tree stands for with every alias expanded
    /// (saturating), each node's count computed once, without recursion.
    fn expanded(&self) -> u64 {
        let Some(root) = self.root else { return 0 };
        let deps = |id: usize| -> Vec<usize> {
            match &self.nodes[id] {
                Node::Scalar(..) => Vec::new(),
                Node::Seq(items) => items.clone(),
                Node::Map(pairs) => pairs.iter().flat_map(|&(k, v)| [k, v]).collect(),
                Node::Alias(a) => self.anchors.get(a).copied().into_iter().collect(),
            }
        };
        let mut memo: Vec<Option<u64>> = vec![None; self.nodes.len()];
        // 0: not seen, 1: its dependencies are being counted, 2: counted.
        let mut state = vec![0u8; self.nodes.len()];
        let mut stack = vec![root];
        while let Some(&id) = stack.last() {
            match state[id] {
                0 => {
                    state[id] = 1;
                    stack.extend(deps(id).into_iter().filter(|&d| state[d] == 0));
                }
                1 => {
                    // A dependency still being counted is a cycle: unbounded.
                    let own = u64::from(!matches!(self.nodes[id], Node::Alias(..)));
                    let size = deps(id)
                        .iter()
                        .fold(own, |n, &d| n.saturating_add(memo[d].unwrap_or(u64::MAX)));
                    memo[id] = Some(size);
                    state[id] = 2;
                    stack.pop();
                }
                _ => {
                    stack.pop();
                }
            }
        }
        memo[root].unwrap_or(u64::MAX)
    }

    /// A node with aliases followed.
    fn resolve(&self, mut id: usize) -> &Node {
        for _ in 0..64 {
            match &self.nodes[id] {
                Node::Alias(a) => match self.anchors.get(a) {
                    Some(&n) if n != id => id = n,
                    _ => break,
                },
                node => return node,
            }
        }
        &self.nodes[id]
    }

    /// The value of a top-level key.
    fn get(&self, key: &str) -> Option<&Node> {
        let Node::Map(pairs) = self.resolve(self.root?) else {
            return None;
        };
        pairs
            .iter()
            .find(|(k, _)| matches!(self.resolve(*k), Node::Scalar(s, _) if s == key))
            .map(|&(_, v)| self.resolve(v))
    }

    /// A key's value as one string.
    fn string(&self, key: &str) -> Option<Spanned<String>> {
        match self.get(key)? {
            Node::Scalar(s, span) => Some(Spanned::new(s.clone(), *span)),
            _ => None,
        }
    }

    /// A key's value as a list of strings (a list, or one value).
    fn strings(&self, key: &str) -> Vec<Spanned<String>> {
        match self.get(key) {
            Some(Node::Scalar(s, span)) if !s.is_empty() => vec![Spanned::new(s.clone(), *span)],
            Some(Node::Seq(items)) => items
                .iter()
                .filter_map(|&i| match self.resolve(i) {
                    Node::Scalar(s, span) => Some(Spanned::new(s.clone(), *span)),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

// ---------------------------------------------------------------- body --

/// A paragraph or list item of the body: its text (soft breaks as `\n`),
/// span, links, and the level-2 heading it is under.
#[derive(Debug, Default)]
struct Block {
    text: String,
    span: Option<Span>,
    links: Vec<(String, Span)>,
    section: String,
}

/// What the body says, read with pulldown-cmark.
#[derive(Debug, Default)]
struct Body {
    /// The first level-1 heading: text and span.
    title: Option<(String, Span)>,
    /// The first heading's span, where values with no line of their own point.
    first_heading: Option<Span>,
    blocks: Vec<Block>,
}

fn read(text: &str, offset: usize) -> Body {
    let mut body = Body::default();
    let mut heading: Option<(HeadingLevel, String, Span)> = None;
    let mut section = String::new();
    let mut open: Vec<Block> = Vec::new();
    let parser = Parser::new_ext(&text[offset..], Options::ENABLE_TABLES);
    for (event, range) in parser.into_offset_iter() {
        let span = Span::new(range.start + offset, range.end + offset);
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level, String::new(), span));
                body.first_heading.get_or_insert(span);
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, t, span)) = heading.take() {
                    let t = t.trim().to_owned();
                    if level == HeadingLevel::H1 && body.title.is_none() {
                        body.title = Some((t.clone(), span));
                    }
                    if level <= HeadingLevel::H2 {
                        section = t.to_lowercase();
                    }
                }
            }
            Event::Start(Tag::Paragraph) | Event::Start(Tag::Item) => open.push(Block {
                section: section.clone(),
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
                        }
                        _ => body.blocks.push(b),
                    }
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(b) = open.last_mut() {
                    b.links.push((dest_url.to_string(), span));
                }
            }
            Event::Text(s) | Event::Code(s) => {
                if let Some((_, t, _)) = heading.as_mut() {
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

/// `Status: X`, `Date: X`, `Deciders: X` lines of a block (any line of it).
fn labelled<'b>(block: &'b Block, label: &str) -> Option<&'b str> {
    block.text.lines().find_map(|line| {
        let line = line.trim();
        let (name, value) = line.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case(label)
            .then(|| value.trim())
    })
}

/// A status word as SPEC §11 reads it: the first word, letters only, lowercased.
fn status_word(text: &str) -> String {
    text.split_whitespace()
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase()
}

// ------------------------------------------------------------- record --

/// What a file of an ADR directory names another record by: an id
/// (`ADR-0002`), a bare number (`0002`) or a file name (`0002-foo.md`).
fn record_id(prefix: &str, written: &str) -> String {
    let name = written.rsplit('/').next().unwrap_or(written);
    let name = name.split('#').next().unwrap_or(name);
    if let Some(n) = number_of(name) {
        return format!("{prefix}{n}");
    }
    if !name.is_empty() && name.chars().all(|c| c.is_ascii_digit()) {
        return format!("{prefix}{name}");
    }
    written.to_owned()
}

/// Record ids written as text after `Supersedes` or `Superseded by`, up to
/// the end of the line: `ADR-0005`, `0005`, `5`, `0005-title.md`.
fn ids_in_text(prefix: &str, text: &str) -> Vec<String> {
    let line = text.lines().next().unwrap_or_default();
    let with_prefix = |t: &str| {
        t.len() > prefix.len()
            && t.is_char_boundary(prefix.len())
            && t[..prefix.len()].eq_ignore_ascii_case(prefix)
            && t[prefix.len()..].chars().all(|c| c.is_ascii_digit())
    };
    line.split(|c: char| c.is_whitespace() || c == ',')
        .map(|t| t.trim_matches(|c: char| "[]().:;`\"'".contains(c)))
        .filter_map(|t| {
            if !prefix.is_empty() && with_prefix(t) {
                Some(format!("{prefix}{}", &t[prefix.len()..]))
            } else if (!t.is_empty() && t.chars().all(|c| c.is_ascii_digit()))
                || number_of(t).is_some()
            {
                Some(record_id(prefix, t))
            } else {
                None
            }
        })
        .collect()
}

/// Parses an adopted record into `out`: always a strategy file.
pub fn parse(
    src: &SourceFile,
    file: FileId,
    prefix: &str,
    ctx: &ParseContext,
    out: &mut ParsedFile,
) -> bool {
    let text = &src.text;
    let name = src.rel.rsplit('/').next().unwrap_or(&src.rel);
    let number = number_of(name).unwrap_or_default();
    let id = format!("{prefix}{number}");

    // `---` YAML front matter.
    let mut yaml = None;
    let mut body_start = 0;
    let open = if text.starts_with('\u{feff}') { 3 } else { 0 };
    if text[open..].starts_with("---")
        && text[open..]
            .lines()
            .next()
            .is_some_and(|l| l.trim_end() == "---")
    {
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
        let Some((close, after)) = end else {
            out.diagnostics.push(
                sl001(
                    file,
                    src.line_span(1),
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
                        src.line_span(1),
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

    // Status: YAML, else `## Status`, else a `Status:` line.
    let yaml_status = y.and_then(|y| y.string("status"));
    let status_in_yaml = yaml_status.is_some();
    let status = yaml_status
        .or_else(|| {
            body.blocks
                .iter()
                .find(|b| b.section == "status" && !b.text.trim().is_empty())
                .and_then(|b| b.span.map(|s| Spanned::new(b.text.clone(), s)))
        })
        .or_else(|| {
            body.blocks.iter().find_map(|b| {
                labelled(b, "status").and_then(|v| b.span.map(|s| Spanned::new(v.to_owned(), s)))
            })
        });
    match &status {
        Some(s) => {
            let word = status_word(&s.value);
            match DecisionStatus::parse(&word) {
                Some(st) => {
                    if st.is_retired() {
                        obj.status = Status::Retired;
                    }
                    data.status = Some(Spanned::new(st, s.span));
                    // YAML `status: superseded by ADR-0002` (in the body, the
                    // `Superseded by` paragraph's links say it).
                    if st == DecisionStatus::Superseded && status_in_yaml {
                        let rest = s.value.trim().splitn(3, char::is_whitespace).nth(2);
                        if let Some(rest) = rest.filter(|r| !r.trim().is_empty()) {
                            let target = rest
                                .trim()
                                .trim_start_matches('[')
                                .split([']', ' ', ','])
                                .next()
                                .unwrap_or_default();
                            if !target.is_empty() {
                                data.superseded_by
                                    .push(Spanned::new(record_id(prefix, target), s.span));
                            }
                        }
                    }
                }
                None => {
                    let help = did_you_mean(&word, DECISION_STATUSES.iter().copied())
                        .map(|c| format!("did you mean \"{c}\"?"));
                    out.diagnostics.push(
                        Diagnostic::new(
                            Code::SL006,
                            file,
                            s.span,
                            format!(
                                "`status` of decision `{id}` must be one of {}, not \"{word}\"",
                                quoted_list(DECISION_STATUSES)
                            ),
                        )
                        .object(Some(&id), Some(index))
                        .key("status")
                        .maybe_help(help),
                    );
                }
            }
        }
        None => out
            .diagnostics
            .push(missing(file, anchor, &id, index, "status")),
    }
    if obj.title.is_none() {
        out.diagnostics
            .push(missing(file, anchor, &id, index, "title"));
    }

    // Date: YAML, else a `Date:` line, else (with history) the commit that added the file.
    let date = y.and_then(|y| y.string("date")).or_else(|| {
        body.blocks.iter().find_map(|b| {
            labelled(b, "date").and_then(|v| b.span.map(|s| Spanned::new(v.to_owned(), s)))
        })
    });
    match date {
        Some(d) => match Date::parse(d.value.trim()) {
            Some(day) => data.date = Some(Spanned::new(day, d.span)),
            None => out
                .diagnostics
                .push(invalid_date(file, &id, index, "date", &d)),
        },
        None => data.dated_by_git = Some(src.rel.clone()),
    }
    if let Some(r) = y.and_then(|y| y.string("review_by")) {
        match Date::parse(r.value.trim()) {
            Some(day) => data.review_by = Some(Spanned::new(day, r.span)),
            None => out
                .diagnostics
                .push(invalid_date(file, &id, index, "review_by", &r)),
        }
    }

    // Deciders: free text, matched to the registry by the views that need it.
    data.deciders = match y.map(|y| y.strings("deciders")).filter(|d| !d.is_empty()) {
        Some(list) => list.into_iter().flat_map(|d| split_commas(&d)).collect(),
        None => body
            .blocks
            .iter()
            .find_map(|b| {
                labelled(b, "deciders").and_then(|v| b.span.map(|s| Spanned::new(v.to_owned(), s)))
            })
            .map(|d| split_commas(&d))
            .unwrap_or_default(),
    };

    // References.
    let mut refer = |field: &'static str,
                     relation: Relation,
                     accepts: &'static [Kind],
                     target: Spanned<String>| {
        obj.refs.push(Reference {
            field,
            relation,
            accepts,
            target,
        });
    };
    if let Some(y) = y {
        for t in y.strings("tenets") {
            refer("tenets", Relation::Cites, &[Kind::Tenet], t);
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
            let target = Spanned::new(record_id(prefix, &s.value), s.span);
            refer(
                "supersedes",
                Relation::Supersedes,
                &[Kind::Decision],
                target,
            );
        }
    }
    for b in &body.blocks {
        // A `Status: superseded by [..](..)` line (MADR 2) says it as a
        // `Superseded by` paragraph does (SPEC §11).
        let mut text = b.text.trim_start();
        if text
            .get(..7)
            .is_some_and(|l| l.eq_ignore_ascii_case("status:"))
        {
            text = text[7..].trim_start();
        }
        let lead = text.to_lowercase();
        let (by, rest) = if lead.starts_with("superseded by") {
            (true, &text["superseded by".len()..])
        } else if lead.starts_with("supersedes") {
            (false, &text["supersedes".len()..])
        } else {
            continue;
        };
        let relative = |dest: &str| {
            let name = dest.rsplit('/').next().unwrap_or(dest);
            !dest.contains("://") && number_of(name.split('#').next().unwrap_or("")).is_some()
        };
        // Links to records of this directory, else ids written as text
        // (`Superseded by ADR-0005`, `Supersedes 0002`).
        let mut targets: Vec<Spanned<String>> = b
            .links
            .iter()
            .filter(|(d, _)| relative(d))
            .map(|(dest, span)| Spanned::new(record_id(prefix, dest), *span))
            .collect();
        if targets.is_empty() {
            if let Some(span) = b.span {
                targets = ids_in_text(prefix, rest)
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
    data.superseded_by.dedup_by(|a, b| a.value == b.value);
    obj.payload = Payload::Decision(data);

    // Like any strategy document: tenets under a tenets heading, links, anchors.
    let doc = read_body(text, body_start, &ctx.tenet_headings);
    out.scan_markdown_suppressions(src, file, &doc.html);
    out.objects.push(obj);
    attach_body(out, file, index, doc);
    true
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
    .help(match field {
        "status" => "add a `## Status` section whose first word is the status, or `status:` in the front matter".to_owned(),
        _ => "start the record with a `# Title` heading, or add `title:` to the front matter".to_owned(),
    })
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

    #[test]
    fn numbers_and_ids_of_records() {
        assert_eq!(number_of("0007-use-postgres.md"), Some("0007"));
        assert_eq!(number_of("README.md"), None);
        assert_eq!(number_of("0007.md"), None);
        assert_eq!(number_of("template-0001.md"), None);
        assert_eq!(record_id("ADR-", "0002-b.md"), "ADR-0002");
        assert_eq!(record_id("ADR-", "0002"), "ADR-0002");
        assert_eq!(record_id("ADR-", "ADR-0002"), "ADR-0002");
        assert_eq!(record_id("ADR-", "./0002-b.md#status"), "ADR-0002");
    }

    #[test]
    fn ids_written_as_text() {
        assert_eq!(ids_in_text("ADR-", " ADR-0005"), ["ADR-0005"]);
        assert_eq!(ids_in_text("ADR-", " adr-0005."), ["ADR-0005"]);
        assert_eq!(
            ids_in_text("ADR-", " 0002 and 0003-b.md"),
            ["ADR-0002", "ADR-0003"]
        );
        assert!(ids_in_text("ADR-", " the new approach").is_empty());
    }

    #[test]
    fn status_words() {
        assert_eq!(status_word("Accepted."), "accepted");
        assert_eq!(status_word("Superseded by [2. B](0002-b.md)"), "superseded");
        assert_eq!(status_word("  "), "");
    }

    #[test]
    fn an_alias_bomb_is_measured_not_expanded() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for k in 0..9u8 {
            let prev = (b'a' + k) as char;
            let next = (b'a' + k + 1) as char;
            bomb.push_str(&format!("{next}: &{next} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        let y = Yaml::parse(&bomb, 0).unwrap();
        assert!(y.expanded() > MAX_EXPANDED);
        let plain = Yaml::parse("title: x\nstatus: accepted\nlist: [a, b]\n", 0).unwrap();
        assert!(plain.expanded() < 20);
        assert_eq!(plain.string("status").unwrap().value, "accepted");
        assert_eq!(plain.strings("list").len(), 2);
    }
}
