//! `--format concise`: `path:line:col: severity[CODE] message`, one a line.

use std::fmt::Write;

use crate::views::check::Outcome;

/// Renders one line per diagnostic.
pub fn render(outcome: &Outcome<'_>) -> String {
    let mut out = String::new();
    for d in outcome.diagnostics {
        let pos = outcome.position(d.file, d.span.start);
        let message = d.message.replace(['\n', '\r'], " ");
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            outcome.display(d.file),
            pos.line,
            pos.column,
            d.severity.name(),
            d.code,
            message
        );
    }
    out
}
