//! `diff --format human`: the groups of a [`Diff`] as plain lines, empty
//! groups left out.

use std::fmt::Write as _;

use super::{Diff, State, by_code, number, progress};
use crate::views::check::json::Item;

/// How a side is named: `REV (commit, day)`, or `the working tree`.
pub fn side_name(s: &State) -> String {
    match (&s.rev, &s.commit, &s.date) {
        (Some(rev), Some(commit), Some(date)) => {
            format!("{rev} ({}, {date})", &commit[..commit.len().min(12)])
        }
        (Some(rev), ..) => rev.clone(),
        _ => "the working tree".to_owned(),
    }
}

fn or_none(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("(none)")
}

fn heading(out: &mut String, title: &str, n: usize) {
    let _ = writeln!(out, "\n{title} ({n})");
}

fn diagnostics(out: &mut String, title: &str, items: &[Item]) {
    if items.is_empty() {
        return;
    }
    let counts: Vec<String> = by_code(items)
        .into_iter()
        .map(|(code, n)| format!("{code} ×{n}"))
        .collect();
    let _ = writeln!(out, "\n{title} ({}): {}", items.len(), counts.join(", "));
    for i in items {
        let _ = writeln!(
            out,
            "  {}:{}:{}: {} {} {}",
            i.file, i.line, i.column, i.severity, i.code, i.message
        );
    }
}

/// Renders the diff for a terminal.
pub fn render(d: &Diff) -> String {
    let mut out = format!(
        "Strategy changes from {} to {}\n",
        side_name(&d.from),
        side_name(&d.to)
    );
    if d.is_empty() {
        out.push_str("\nNo change.\n");
        return out;
    }
    for (title, sign, list) in [("Added", '+', &d.added), ("Removed", '-', &d.removed)] {
        if !list.is_empty() {
            heading(&mut out, title, list.len());
            for p in list {
                let _ = writeln!(out, "  {sign} {} {}: {}", p.kind, p.id, or_none(&p.title));
            }
        }
    }
    if !d.status.is_empty() {
        heading(&mut out, "Status", d.status.len());
        for c in &d.status {
            let _ = writeln!(out, "  {}: {} → {}", c.id, or_none(&c.from), or_none(&c.to));
        }
    }
    if !d.reparented.is_empty() {
        heading(&mut out, "Re-parented", d.reparented.len());
        for c in &d.reparented {
            let _ = writeln!(
                out,
                "  {} {}: {} → {}",
                c.id,
                c.field,
                or_none(&c.from),
                or_none(&c.to)
            );
        }
    }
    if !d.goalposts.is_empty() {
        heading(&mut out, "Moved goalposts", d.goalposts.len());
        for c in &d.goalposts {
            let _ = writeln!(
                out,
                "  {} {}: {} → {}",
                c.id,
                c.field,
                number(c.from),
                number(c.to)
            );
        }
    }
    if !d.measurements.is_empty() {
        heading(&mut out, "Measurements", d.measurements.len());
        for m in &d.measurements {
            let _ = writeln!(
                out,
                "  {} current: {} → {} (progress {} → {})",
                m.id,
                number(m.from),
                number(m.to),
                progress(m.progress_from, m.implausible.0),
                progress(m.progress_to, m.implausible.1)
            );
        }
    }
    if !d.owners.is_empty() {
        heading(&mut out, "Owners", d.owners.len());
        for c in &d.owners {
            let _ = writeln!(out, "  {}: {} → {}", c.id, or_none(&c.from), or_none(&c.to));
        }
    }
    if !d.edited.is_empty() {
        heading(&mut out, "Edited", d.edited.len());
        for id in &d.edited {
            let _ = writeln!(out, "  {id}");
        }
    }
    diagnostics(
        &mut out,
        "Diagnostics introduced",
        &d.diagnostics.introduced,
    );
    diagnostics(&mut out, "Diagnostics fixed", &d.diagnostics.fixed);
    out
}
