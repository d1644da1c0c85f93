//! The GitHub Actions job summary: when `GITHUB_STEP_SUMMARY` names a
//! file, a short Markdown report is appended to it (never to stdout),
//! whatever the `--format`: the counts, a table of counts per code, and
//! the first problems with links to their lines.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use crate::diagnostic::Severity;
use crate::project::discover;
use crate::schema::Code;
use crate::views::check::Outcome;
use crate::views::check::{Counts, encode_uri_path, plural};

/// How many problems are listed one by one.
pub const LISTED: usize = 10;

/// Where rule documentation is published.
const DOCS: &str = "https://github.com/stratlint/stratlint/blob/main/docs/rules/";

/// Message text made safe for one Markdown line: no line breaks, and no
/// HTML outside code spans (inside them, Markdown shows text as it is).
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for c in text.chars() {
        match c {
            '`' => {
                in_code = !in_code;
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            '&' if !in_code => out.push_str("&amp;"),
            '<' if !in_code => out.push_str("&lt;"),
            '>' if !in_code => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Link text: brackets and backslashes escaped.
fn link_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '[' | ']' | '\\' | '`' | '*' | '_' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Renders the Markdown summary. Links point at `path#Lline` (the path as
/// in every format, relative to the current directory); with `blob_base`
/// (`https://github.com/OWNER/REPO/blob/SHA/`) and a git work tree they
/// point at the file in the repository instead.
pub fn render(outcome: &Outcome<'_>, blob_base: Option<&str>) -> String {
    let c = Counts::of(outcome.diagnostics);
    let mut out = String::from("### stratlint\n\n");
    let files = plural(outcome.files.len(), "file");
    let objects = plural(outcome.objects, "object");
    if outcome.diagnostics.is_empty() {
        let _ = writeln!(out, "No problems in {files} ({objects}).");
        return out;
    }
    let _ = writeln!(
        out,
        "**{}, {}, {}** in {files} ({objects}).\n",
        plural(c.errors, "error"),
        plural(c.warnings, "warning"),
        plural(c.infos, "info"),
    );

    // Counts per code (and severity), in the registry's order.
    let mut per_code: BTreeMap<(usize, Code, std::cmp::Reverse<Severity>), usize> = BTreeMap::new();
    for d in outcome.diagnostics {
        let order = d.code as usize;
        *per_code
            .entry((order, d.code, std::cmp::Reverse(d.severity)))
            .or_default() += 1;
    }
    out.push_str("| Code | Rule | Severity | Count |\n|---|---|---|---:|\n");
    for ((_, code, severity), n) in &per_code {
        let name = code.rule().name;
        let _ = writeln!(
            out,
            "| [{code}]({DOCS}{code}.md) | {name} | {} | {n} |",
            severity.0.name()
        );
    }

    let total = outcome.diagnostics.len();
    if total > LISTED {
        let _ = writeln!(out, "\nFirst {LISTED} of {total} problems:\n");
    } else {
        out.push_str("\nProblems:\n\n");
    }
    for d in outcome.diagnostics.iter().take(LISTED) {
        let line = outcome.position(d.file, d.span.start).line;
        let display = &outcome.display(d.file);
        let target = match (blob_base, &outcome.git_top) {
            (Some(base), Some(top)) => format!(
                "{base}{}",
                encode_uri_path(&discover::relative(&outcome.files[d.file].path, top))
            ),
            _ => encode_uri_path(display),
        };
        let _ = writeln!(
            out,
            "- **{}** `{}` [{}:{line}]({target}#L{line}): {}",
            d.severity.name(),
            d.code,
            link_text(display),
            inline(&d.message)
        );
    }
    out
}

/// Appends `text` to the summary file, creating it when needed.
pub fn append(path: &Path, text: &str) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    file.write_all(text.as_bytes())?;
    if !text.ends_with("\n\n") {
        file.write_all(b"\n")?;
    }
    file.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_is_escaped() {
        assert_eq!(inline("a <b>\nc & d"), "a &lt;b&gt; c &amp; d");
        assert_eq!(inline("id `<x>` is <y>"), "id `<x>` is &lt;y&gt;");
        assert_eq!(link_text("a[1]_b.md"), r"a\[1\]\_b.md");
    }
}
