//! `diff --format markdown`: headed sections and tables that render on
//! GitHub (a pull request comment, a job summary). Every text from strategy
//! files, and the revisions as given, escaped as the report's Markdown
//! escapes them ([`crate::views::report::markdown::escape`]).

use std::fmt::Write as _;

use super::{Diff, State, by_code, number, progress};
use crate::views::check::json::Item;
use crate::views::report::markdown::escape;

fn side_name(s: &State) -> String {
    match (&s.rev, &s.commit, &s.date) {
        (Some(rev), Some(commit), Some(date)) => format!(
            "{} (`{}`, {date})",
            escape(rev),
            &commit[..commit.len().min(12)]
        ),
        (Some(rev), ..) => escape(rev),
        _ => "the working tree".to_owned(),
    }
}

fn cell(s: &Option<String>) -> String {
    s.as_deref().map_or_else(|| "—".to_owned(), escape)
}

/// A section: its heading and a table with `header`, one row per item.
fn table(out: &mut String, title: &str, header: &[&str], rows: Vec<Vec<String>>) {
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n### {title} ({})\n", rows.len());
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
    for row in rows {
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
}

fn diagnostics(out: &mut String, title: &str, items: &[Item]) {
    if items.is_empty() {
        return;
    }
    let counts: Vec<String> = by_code(items)
        .into_iter()
        .map(|(code, n)| format!("{code} ×{n}"))
        .collect();
    let rows = items
        .iter()
        .map(|i| {
            vec![
                i.code.to_owned(),
                i.severity.to_owned(),
                format!("{}:{}", escape(&i.file), i.line),
                cell(&i.object),
                escape(&i.message),
            ]
        })
        .collect();
    table(
        out,
        &format!("{title}: {}", counts.join(", ")),
        &["Code", "Severity", "Where", "Object", "Message"],
        rows,
    );
}

/// Renders the diff as GitHub-flavoured Markdown.
pub fn render(d: &Diff) -> String {
    let mut out = format!(
        "## Strategy changes\n\nFrom {} to {}.\n",
        side_name(&d.from),
        side_name(&d.to)
    );
    if d.is_empty() {
        out.push_str("\nNo change.\n");
        return out;
    }
    for (title, list) in [("Added", &d.added), ("Removed", &d.removed)] {
        let rows = list
            .iter()
            .map(|p| vec![escape(&p.id), p.kind.to_owned(), cell(&p.title)])
            .collect();
        table(&mut out, title, &["Id", "Kind", "Title"], rows);
    }
    let changes = |list: &[super::Change<String>]| -> Vec<Vec<String>> {
        list.iter()
            .map(|c| vec![escape(&c.id), cell(&c.from), cell(&c.to)])
            .collect()
    };
    table(
        &mut out,
        "Status",
        &["Id", "Before", "After"],
        changes(&d.status),
    );
    let rows = d
        .reparented
        .iter()
        .map(|c| {
            vec![
                escape(&c.id),
                format!("`{}`", c.field),
                cell(&c.from),
                cell(&c.to),
            ]
        })
        .collect();
    table(
        &mut out,
        "Re-parented",
        &["Id", "Field", "Before", "After"],
        rows,
    );
    let rows = d
        .goalposts
        .iter()
        .map(|c| {
            vec![
                escape(&c.id),
                format!("`{}`", c.field),
                number(c.from),
                number(c.to),
            ]
        })
        .collect();
    table(
        &mut out,
        "Moved goalposts",
        &["Id", "Field", "Before", "After"],
        rows,
    );
    let rows = d
        .measurements
        .iter()
        .map(|m| {
            vec![
                escape(&m.id),
                number(m.from),
                number(m.to),
                progress(m.progress_from, m.implausible.0),
                progress(m.progress_to, m.implausible.1),
            ]
        })
        .collect();
    table(
        &mut out,
        "Measurements",
        &["Id", "Before", "After", "Progress before", "Progress after"],
        rows,
    );
    table(
        &mut out,
        "Owners",
        &["Id", "Before", "After"],
        changes(&d.owners),
    );
    let rows = d.edited.iter().map(|id| vec![escape(id)]).collect();
    table(&mut out, "Edited", &["Id"], rows);
    diagnostics(
        &mut out,
        "Diagnostics introduced",
        &d.diagnostics.introduced,
    );
    diagnostics(&mut out, "Diagnostics fixed", &d.diagnostics.fixed);
    out
}
