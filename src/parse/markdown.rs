//! Markdown strategy documents: front matter into an object, and from the
//! body its tenets, links, heading anchors and first paragraph.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use toml::de::DeTable;

use crate::diagnostic::Diagnostic;
use crate::model::{Kind, Link, Object, Payload, Spanned, Tenet, TenetData, TenetOrigin};
use crate::parse::fields::FieldReader;
use crate::parse::fields::is_valid_id;
use crate::parse::frontmatter::{self, FrontMatter};
use crate::parse::tenet::normalize;
use crate::parse::{ParseContext, ParsedFile, sl001, toml_error, unknown_kind};
use crate::schema::Code;
use crate::source::{FileId, SourceFile, Span};

/// What the body of a Markdown file holds that rules read.
#[derive(Debug, Default)]
pub struct Body {
    /// GitHub anchor slugs of every heading.
    pub slugs: Vec<String>,
    /// Links and images: destination and span.
    pub links: Vec<(String, Span)>,
    /// List items under a tenets heading: normalized text and span.
    pub tenets: Vec<(String, Span)>,
    /// The first paragraph: normalized text and span.
    pub first_paragraph: Option<(String, Span)>,
    /// Byte ranges of raw HTML (blocks and inline), adjacent pieces merged:
    /// where suppression comments may be (never inside code).
    pub html: Vec<std::ops::Range<usize>>,
}

/// GitHub's heading slug: lowercase, spaces to `-`, punctuation other than `-` and `_` dropped.
pub fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

struct Buffer {
    text: String,
    span: Option<Span>,
}

impl Buffer {
    fn new() -> Self {
        Buffer {
            text: String::new(),
            span: None,
        }
    }
    fn push(&mut self, s: &str, r: std::ops::Range<usize>) {
        self.text.push_str(s);
        let r = Span::from(r);
        self.span = Some(match self.span {
            Some(sp) => Span::new(sp.start.min(r.start), sp.end.max(r.end)),
            None => r,
        });
    }
}

/// Reads a Markdown body starting at byte `offset` of `text`.
pub fn read_body(text: &str, offset: usize, tenet_headings: &[String]) -> Body {
    let mut body = Body::default();
    let mut seen_slugs: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut heading: Option<(HeadingLevel, Buffer)> = None;
    let mut tenet_section: Option<HeadingLevel> = None;
    let mut items: Vec<Buffer> = Vec::new();
    let mut paragraph: Option<Buffer> = None;
    let mut paragraph_done = false;
    let parser = Parser::new_ext(
        &text[offset..],
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    );
    for (event, range) in parser.into_offset_iter() {
        let range = range.start + offset..range.end + offset;
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, Buffer::new())),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, buf)) = heading.take() {
                    let base = slug(&buf.text);
                    let n = seen_slugs.entry(base.clone()).or_insert(0);
                    body.slugs.push(if *n == 0 {
                        base.clone()
                    } else {
                        format!("{base}-{n}")
                    });
                    *n += 1;
                    let name = normalize(&buf.text).to_lowercase();
                    if tenet_headings.contains(&name) {
                        tenet_section = Some(level);
                    } else if tenet_section.is_some_and(|l| level <= l) {
                        tenet_section = None;
                    }
                }
            }
            Event::Start(Tag::Item) => items.push(Buffer::new()),
            Event::End(TagEnd::Item) => {
                if let Some(buf) = items.pop() {
                    if let (Some(span), true) = (buf.span, tenet_section.is_some()) {
                        let text = normalize(&buf.text);
                        if !text.is_empty() {
                            body.tenets.push((text, span));
                        }
                    }
                }
            }
            Event::Start(Tag::Paragraph)
                if !paragraph_done && items.is_empty() && heading.is_none() =>
            {
                paragraph = Some(Buffer::new());
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some(buf) = paragraph.take() {
                    paragraph_done = true;
                    if let Some(span) = buf.span {
                        body.first_paragraph = Some((normalize(&buf.text), span));
                    }
                } else if let Some(b) = items.last_mut() {
                    // Paragraphs of a loose list item are separate words.
                    b.text.push(' ');
                }
            }
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                body.links
                    .push((dest_url.to_string(), Span::from(range.clone())));
            }
            Event::Text(s) | Event::Code(s) => {
                let target = if let Some((_, b)) = heading.as_mut() {
                    Some(b)
                } else if let Some(b) = items.last_mut() {
                    Some(b)
                } else {
                    paragraph.as_mut()
                };
                if let Some(b) = target {
                    b.push(&s, range);
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => match body.html.last_mut() {
                Some(last) if last.end == range.start => last.end = range.end,
                _ => body.html.push(range),
            },
            Event::SoftBreak | Event::HardBreak => {
                if let Some(b) = items.last_mut() {
                    b.text.push(' ');
                }
                if let Some(b) = paragraph.as_mut() {
                    b.text.push(' ');
                }
            }
            _ => {}
        }
    }
    body
}

/// Parses a Markdown file into `out`; false when it is not a strategy document.
pub fn parse(src: &SourceFile, file: usize, ctx: &ParseContext, out: &mut ParsedFile) -> bool {
    let text = &src.text;
    let (toml_range, body_start) = match frontmatter::split(text) {
        FrontMatter::NotStrategy => return false,
        FrontMatter::Unterminated { open } => {
            out.diagnostics.push(
                sl001(
                    file,
                    src.line_span(src.position(open).line),
                    "front matter opened with `+++` is never closed",
                )
                .help("close the front matter with a line that holds only `+++`"),
            );
            return true;
        }
        FrontMatter::Yaml { open } => {
            out.diagnostics.push(
                sl001(
                    file,
                    src.line_span(src.position(open).line),
                    "front matter must be TOML between `+++` lines, not YAML between `---`",
                )
                .help("replace the `---` fences with `+++` and write `kind = \"…\"` in TOML"),
            );
            return true;
        }
        FrontMatter::NearMiss { toml, key } => {
            let written = &text[key.clone()];
            let id = DeTable::parse(&text[toml.clone()]).ok().and_then(|t| {
                t.get_ref()
                    .get("id")
                    .and_then(|v| v.get_ref().as_str().map(str::to_owned))
            });
            let whose = id.as_deref().map_or_else(
                || "this document".to_owned(),
                |id| format!("document `{id}`"),
            );
            out.diagnostics.push(
                Diagnostic::new(
                    Code::SL002,
                    file,
                    Span::new(key.start, key.end),
                    format!("{whose} has no `kind` key, but `{written}` looks like one"),
                )
                .object(id.as_deref(), None)
                .key(written.to_owned())
                .label("not `kind`")
                .help(format!(
                    "did you mean `kind`? write `kind = \"…\"` ({})",
                    crate::schema::kinds::kind_names()
                )),
            );
            return true;
        }
        FrontMatter::Toml { toml, body, .. } => (toml, body),
    };
    let front = &text[toml_range.clone()];
    let table = match DeTable::parse(front) {
        Ok(t) => t,
        Err(e) => {
            out.diagnostics
                .push(toml_error(src, file, &e, toml_range.start));
            return true;
        }
    };
    let table = table.get_ref();
    let shift = toml_range.start;
    out.scan_toml_suppressions(src, file, toml_range.clone());
    let body = read_body(text, body_start, &ctx.tenet_headings);
    out.scan_markdown_suppressions(src, file, &body.html);

    let kind_entry = table.iter().find(|(k, _)| k.get_ref() == "kind");
    let Some((_, kind_value)) = kind_entry else {
        // A `kind` line that TOML read differently (e.g. inside a table): treat as SL001.
        out.diagnostics.push(sl001(
            file,
            Span::new(shift, shift),
            "front matter has no top-level `kind` key",
        ));
        return true;
    };
    let kind_span = Span::from(kind_value.span()).shift(shift);
    let Some(written) = kind_value.get_ref().as_str() else {
        let found = kind_value.get_ref().type_str();
        out.diagnostics.push(
            Diagnostic::new(
                Code::SL006,
                file,
                kind_span,
                format!("`kind` must be a string, found {found}"),
            )
            .key("kind")
            .help("write the kind as a string, e.g. `kind = \"principle\"`"),
        );
        return true;
    };
    let Some(kind) = Kind::parse(written) else {
        out.diagnostics
            .push(unknown_kind(file, kind_span, written, |k| format!("`{k}`")));
        return true;
    };

    let index = out.objects.len();
    let anchor = table
        .iter()
        .find(|(k, _)| k.get_ref() == "id")
        .map_or(kind_span, |(_, v)| Span::from(v.span()).shift(shift));
    let mut obj = Object::new(kind, file, anchor, Span::new(0, text.len()));
    let mut reader = FieldReader {
        ctx,
        src,
        file,
        shift,
        diagnostics: Vec::new(),
    };
    reader.read(&mut obj, index, table, &["kind"]);

    let mut has_text = table.iter().any(|(k, _)| k.get_ref() == "text");
    if kind == Kind::Tenet {
        let text_value = table
            .iter()
            .find(|(k, _)| k.get_ref() == "text")
            .and_then(|(_, v)| {
                v.get_ref()
                    .as_str()
                    .map(|s| (normalize(s), Span::from(v.span()).shift(shift)))
            });
        if let Some((t, span)) = text_value.or_else(|| body.first_paragraph.clone()) {
            has_text = true;
            out.tenets.push(Tenet {
                file,
                span,
                text: t,
                object: Some(index),
                origin: TenetOrigin::Object,
                parts: None,
            });
        }
    }
    reader.require(&obj, index, |f| {
        f == "text" && has_text || table.iter().any(|(k, _)| k.get_ref() == f)
    });
    out.diagnostics.append(&mut reader.diagnostics);

    out.objects.push(obj);
    attach_body(out, file, index, body);
    true
}

/// What a document's body adds once its object (`index`) is in `out`:
/// its links, heading anchors, and tenets; a list-item tenet ending in
/// `{#ID}` becomes a tenet object of its own (SPEC §4), with the
/// document's owner and status.
pub fn attach_body(out: &mut ParsedFile, file: FileId, index: usize, body: Body) {
    for (dest, span) in body.links {
        out.links.push(Link {
            file,
            dest,
            span,
            object: Some(index),
        });
    }
    out.slugs = Some(body.slugs);
    let (owner, status) = (out.objects[index].owner.clone(), out.objects[index].status);
    // A list-item tenet takes the layer of the value document it is
    // written in, and has none elsewhere (SPEC §15).
    let layer = match &out.objects[index].payload {
        Payload::Value(v) => v.layer.clone(),
        _ => None,
    };
    for (t, span) in body.tenets {
        let (text, marker) = split_marker(&t);
        let object = match marker {
            Some(id) if is_valid_id(id) => {
                let mut tenet = Object::new(Kind::Tenet, file, span, span);
                tenet.id = Some(Spanned::new(id.to_owned(), span));
                tenet.owner = owner.clone();
                tenet.status = status;
                tenet.within = Some(index);
                tenet.payload = Payload::Tenet(TenetData {
                    text: Some(Spanned::new(text.clone(), span)),
                    layer: layer.clone(),
                });
                out.objects.push(tenet);
                out.objects.len() - 1
            }
            Some(id) => {
                out.diagnostics.push(
                    Diagnostic::new(
                        Code::SL006,
                        file,
                        span,
                        format!("`{id}` in a tenet's `{{#…}}` is not a valid id"),
                    )
                    .object(out.objects[index].id(), Some(index))
                    .key(format!("tenet-id:{id}"))
                    .help("an id starts with a letter and holds only letters, digits, `_`, `.` and `-`"),
                );
                index
            }
            None => index,
        };
        out.tenets.push(Tenet {
            file,
            span,
            text,
            object: Some(object),
            origin: TenetOrigin::ListItem,
            parts: None,
        });
    }
}

/// A list-item tenet's text without its `{#ID}` marker, and the marker's id.
pub fn split_marker(text: &str) -> (String, Option<&str>) {
    let trimmed = text.trim_end();
    if let Some(open) = trimmed.rfind("{#") {
        if let Some(id) = trimmed[open + 2..].strip_suffix('}') {
            if !id.contains(['{', '}']) {
                return (trimmed[..open].trim_end().to_owned(), Some(id));
            }
        }
    }
    (text.to_owned(), None)
}
