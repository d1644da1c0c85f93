//! Shared helpers for the fuzz targets: turning fuzz input into text the way
//! the loader does, and the invariants every parse result must keep.

use std::path::PathBuf;

use stratlint::project::config::Config;
use stratlint::diagnostic::Diagnostic;
use stratlint::parse::{ParseContext, ParsedFile};
use stratlint::source::{SourceFile, Span};

/// Decodes fuzz input as the loader does: UTF-8, else lossily.
pub fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// A source file holding `text`.
pub fn source(name: &str, text: String) -> SourceFile {
    SourceFile::new(PathBuf::from(name), name.to_owned(), text)
}

/// The parse settings of the default configuration.
pub fn default_context() -> ParseContext {
    let c = Config::default();
    ParseContext {
        levels: c.levels,
        tenet_headings: c.tenet_headings,
        ..ParseContext::default()
    }
}

/// Asserts that `span` lies inside `src` and on character boundaries.
#[track_caller]
pub fn assert_span(src: &SourceFile, span: Span, what: &str) {
    let text = &src.text;
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside the file ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} not on a character boundary"
    );
    for offset in [span.start, span.end] {
        let pos = src.position(offset);
        assert!(
            pos.line >= 1 && pos.column >= 1,
            "{what}: position {pos:?} below 1"
        );
        assert!(
            pos.line <= src.line_count(),
            "{what}: line {} past the last line {}",
            pos.line,
            src.line_count()
        );
        let rest = &text[src.line_start(pos.line)..];
        let chars = rest[..rest.find('\n').unwrap_or(rest.len())]
            .chars()
            .count();
        assert!(
            pos.column <= chars + 1,
            "{what}: column {} past the end of line {} ({chars} characters)",
            pos.column,
            pos.line
        );
    }
}

/// Asserts the invariants of one diagnostic in a single-file parse.
#[track_caller]
pub fn assert_diagnostic(src: &SourceFile, d: &Diagnostic) {
    assert_span(src, d.span, d.code.as_str());
    assert!(!d.message.is_empty(), "{}: empty message", d.code);
    assert!(
        d.code.as_str().len() >= 5 && d.code.as_str().chars().all(|c| c.is_ascii_alphanumeric()),
        "odd code {:?}",
        d.code
    );
    for r in &d.related {
        assert_eq!(
            r.file, d.file,
            "{}: related location in another file",
            d.code
        );
        assert_span(src, r.span, d.code.as_str());
    }
    // The fingerprint is computable and stable.
    assert_eq!(d.fingerprint(&src.rel), d.fingerprint(&src.rel));
}

/// Asserts the invariants of everything one file parsed into.
#[track_caller]
pub fn assert_parsed(src: &SourceFile, p: &ParsedFile) {
    for d in &p.diagnostics {
        assert_diagnostic(src, d);
        assert_eq!(d.file, 0);
        if let Some(i) = d.object_index {
            assert!(
                i < p.objects.len(),
                "{}: object index {i} out of range",
                d.code
            );
        }
    }
    for (i, o) in p.objects.iter().enumerate() {
        assert_span(src, o.anchor, "object anchor");
        assert_span(src, o.extent, "object extent");
        let spans = o.spans();
        for s in spans {
            assert_span(src, s, &format!("field of object {i}"));
        }
    }
    for t in &p.tenets {
        assert_span(src, t.span, "tenet");
        assert!(t.object.is_none_or(|i| i < p.objects.len()));
        assert_eq!(
            t.text,
            t.text.split_whitespace().collect::<Vec<_>>().join(" ")
        );
    }
    for l in &p.links {
        assert_span(src, l.span, "link");
    }
    for s in &p.suppressions {
        assert_span(src, s.span, "suppression");
        assert!(s.target_line >= 1);
        for c in &s.codes {
            assert_span(src, c.span, "suppressed code");
            assert_eq!(&src.text[c.span.start..c.span.end], c.value);
        }
    }
    if let Some(r) = &p.registry {
        for person in r.people.values() {
            assert_span(src, person.span, "person");
            if let Some(t) = &person.team {
                assert_span(src, t.span, "person team");
            }
        }
        for team in r.teams.values() {
            assert_span(src, team.span, "team");
            if let Some(l) = &team.lead {
                assert_span(src, l.span, "team lead");
            }
        }
    }
    if !p.strategy {
        assert!(
            p.objects.is_empty() && p.diagnostics.is_empty(),
            "a file that is not strategy contributed objects or diagnostics"
        );
    }
}
