//! Per-line suppression comments: `<!-- stratlint-disable-next-line CODES -->`
//! in Markdown and `# stratlint: ignore[CODES]` in TOML.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::{LineSuppression, Spanned};
use crate::parse::ParsedFile;
use crate::source::{FileId, SourceFile, Span};

static MARKDOWN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*stratlint-disable-next-line\b(?P<codes>[^>]*?)\s*-->")
        .expect("static regex")
});
static TOML: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"#\s*stratlint:\s*ignore(?:\[(?P<codes>[^\]]*)\])?").expect("static regex")
});

fn codes(text: &str, offset: usize) -> Vec<Spanned<String>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for part in text.split([',', ' ', '\t']) {
        if !part.is_empty() {
            let start = offset + pos;
            out.push(Spanned::new(
                part.to_owned(),
                Span::new(start, start + part.len()),
            ));
        }
        pos += part.len() + 1;
    }
    out
}

impl ParsedFile {
    /// Collects `<!-- stratlint-disable-next-line … -->` comments from the
    /// raw HTML ranges of a Markdown body (a comment shown in a code block or
    /// code span is an example, not a suppression).
    pub fn scan_markdown_suppressions(
        &mut self,
        src: &SourceFile,
        file: FileId,
        html: &[Range<usize>],
    ) {
        for range in html {
            let from = range.start;
            for m in MARKDOWN.captures_iter(&src.text[range.clone()]) {
                let whole = m.get(0).expect("match");
                let span = Span::new(whole.start() + from, whole.end() + from);
                let codes_m = m.name("codes").expect("group");
                let line = src.position(span.start).line;
                self.suppressions.push(LineSuppression {
                    file,
                    target_line: line + 1,
                    span,
                    codes: codes(codes_m.as_str(), codes_m.start() + from),
                });
            }
        }
    }

    /// Collects `# stratlint: ignore[…]` comments within `range`.
    pub fn scan_toml_suppressions(&mut self, src: &SourceFile, file: FileId, range: Range<usize>) {
        let text = &src.text[range.clone()];
        if !text.contains("stratlint") {
            return;
        }
        for m in TOML.captures_iter(text) {
            let whole = m.get(0).expect("match");
            let span = Span::new(whole.start() + range.start, whole.end() + range.start);
            let pos = src.position(span.start);
            let before = &src.text[src.line_start(pos.line)..span.start];
            let own_line = before.trim().is_empty();
            let codes = m
                .name("codes")
                .map(|c| codes(c.as_str(), c.start() + range.start))
                .unwrap_or_default();
            self.suppressions.push(LineSuppression {
                file,
                target_line: if own_line { pos.line + 1 } else { pos.line },
                span,
                codes,
            });
        }
    }
}
