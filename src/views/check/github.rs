//! `--format github`: one GitHub Actions workflow command per diagnostic,
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE::message`,
//! which the runner turns into an annotation on the file and line.

use std::fmt::Write;

use crate::diagnostic::Severity;
use crate::views::check::Outcome;

/// The workflow command of a severity.
pub fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Escapes a command's message (its data): `%`, CR and LF.
pub fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a property value: as data, and also `:` and `,`.
pub fn escape_property(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in escape_data(text).chars() {
        match c {
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

/// Renders one workflow command per diagnostic: `title=CODE::message`, the
/// message alone (SPEC §9; the help is in the other formats).
pub fn render(outcome: &Outcome<'_>) -> String {
    let mut out = String::new();
    for d in outcome.diagnostics {
        let start = outcome.position(d.file, d.span.start);
        let end = outcome.position(d.file, d.span.end);
        let _ = writeln!(
            out,
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            command(d.severity),
            escape_property(outcome.display(d.file)),
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(d.code.as_str()),
            escape_data(&d.message)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_and_properties_are_escaped_as_github_reads_them() {
        assert_eq!(escape_data("50% a:b,c\r\nd"), "50%25 a:b,c%0D%0Ad");
        assert_eq!(escape_property("50% a:b,c\r\nd"), "50%25 a%3Ab%2Cc%0D%0Ad");
        // Escapes are not escaped twice.
        assert_eq!(escape_property("%3A"), "%253A");
    }
}
