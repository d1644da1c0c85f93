//! `report --format markdown`: what GitHub renders (the map as a Mermaid
//! block), for a job summary or a pull request comment. Every text from
//! strategy files is escaped so it can neither add markup nor break a table.

use std::fmt::Write as _;

use crate::views::report::{
    Report, Tree, count_of, freshness_percent, kpi_percent, moved_words, number, percent,
};

/// Text from strategy files, made inert for Markdown (and safe in a table cell).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A ten-cell bar for a progress in [0, 1].
pub fn bar(p: Option<f64>) -> String {
    match p {
        Some(p) => {
            let full = (p.clamp(0.0, 1.0) * 10.0).round() as usize;
            format!(
                "{}{} {}",
                "█".repeat(full),
                "░".repeat(10 - full),
                percent(Some(p))
            )
        }
        None => "no progress yet".to_owned(),
    }
}

/// `roots` and their `children` as a nested Markdown list, each item's
/// text from `item`; iterative, so a deep tree cannot overflow the stack.
fn nested<T>(out: &mut String, roots: &[T], children: fn(&T) -> &[T], item: &dyn Fn(&T) -> String) {
    let mut stack: Vec<(&T, usize)> = roots.iter().rev().map(|t| (t, 0)).collect();
    while let Some((t, depth)) = stack.pop() {
        let _ = writeln!(out, "{}- {}", "  ".repeat(depth), item(t));
        stack.extend(children(t).iter().rev().map(|c| (c, depth + 1)));
    }
}

/// The objective trees: each objective with its progress bar, owner and due date.
fn tree_lines(out: &mut String, roots: &[Tree]) {
    nested(out, roots, |t| &t.children, &|t| {
        let mut line = format!(
            "**{}** {} — {}",
            escape(&t.id),
            escape(&t.title),
            bar(t.progress)
        );
        if let Some(o) = &t.owner {
            let _ = write!(line, " · {}", escape(o));
        }
        if let Some(d) = &t.due {
            let _ = write!(line, " · due {d}");
        }
        line
    });
}

/// The Alignment section: each top-layer value with its interpretations
/// nested below it, then the misaligned values.
fn alignment(out: &mut String, a: &super::alignment::Alignment) {
    if a.is_empty() {
        return;
    }
    out.push_str("\n## Alignment\n\nValues by layer, each with the values that interpret it.\n\n");
    nested(out, &a.values, |v| &v.children, &|v| {
        let mut line = format!("**{}** {}", escape(&v.id), escape(&v.title));
        for detail in v.layer.iter().chain(&v.owner) {
            let _ = write!(line, " · {}", escape(detail));
        }
        line
    });
    if !a.misaligned.is_empty() {
        let _ = writeln!(
            out,
            "\nConnected to nothing above (ALN001, ALN002 or a broken `interprets`): {}",
            crate::views::report::ids(&a.misaligned, |s| format!("**{}**", escape(s)))
        );
    }
}

fn kpi_rows(out: &mut String, t: &Tree) {
    let mut stack = vec![t];
    while let Some(t) = stack.pop() {
        for k in &t.kpis {
            let mut status = k.health.to_owned();
            if let Some(m) = &k.moved {
                status.push_str("; ");
                status.push_str(&moved_words(m));
            }
            // A guardrail's value against its range, else baseline → current → target.
            let unit = k.unit.as_deref().map(escape).unwrap_or_default();
            let values = match &k.range {
                Some(r) => {
                    let u = if unit.is_empty() {
                        String::new()
                    } else {
                        format!(" {unit}")
                    };
                    format!("{}{u} (guardrail: {}{u})", number(k.current), r.words())
                }
                None => format!(
                    "{} → {} → {} {unit}",
                    number(k.baseline),
                    number(k.current),
                    number(k.target)
                ),
            };
            let _ = writeln!(
                out,
                "| **{}** {} | {} | {} | {values} | {} | {} | {} | {} | {} |",
                escape(&k.id),
                escape(&k.title),
                escape(&t.id),
                k.owner.as_deref().map_or("—".to_owned(), escape),
                kpi_percent(k),
                k.due.as_deref().unwrap_or("—"),
                k.last_measured.as_deref().unwrap_or("—"),
                escape(&k.history_words()),
                status
            );
        }
        for c in t.children.iter().rev() {
            stack.push(c);
        }
    }
}

/// Whether any objective in the trees has a KPI.
pub fn has_kpis(trees: &[Tree]) -> bool {
    let mut stack: Vec<&Tree> = trees.iter().collect();
    while let Some(t) = stack.pop() {
        if !t.kpis.is_empty() {
            return true;
        }
        stack.extend(t.children.iter());
    }
    false
}

/// The headline in words: objects by kind, errors and warnings, and the
/// top objectives' progress when there are objectives.
pub fn headline(r: &Report) -> (String, String, Option<String>) {
    let kinds: Vec<String> = r
        .summary
        .objects
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(k, n)| count_of(*n, k))
        .collect();
    let kinds = if kinds.is_empty() {
        "No strategy objects yet".to_owned()
    } else {
        kinds.join(", ")
    };
    let counts = format!(
        "{}, {}",
        count_of(r.summary.errors, "error"),
        count_of(r.summary.warnings, "warning")
    );
    let progress = (!r.objectives.is_empty()).then(|| percent(r.summary.progress));
    (kinds, counts, progress)
}

/// Renders the report as Markdown: sections with nothing to show are left out.
pub fn render(r: &Report) -> String {
    let mut out = String::from("# Strategy report\n\n");
    let _ = writeln!(out, "_{}_\n", escape(&r.as_of.words()));
    let (kinds, counts, progress) = headline(r);
    let _ = write!(out, "{kinds}. **{counts}.**");
    if let Some(p) = progress {
        let _ = write!(out, " Progress of the top objectives: **{p}**.");
    }
    out.push_str("\n\n");

    if !r.objectives.is_empty() {
        out.push_str("## Objectives\n\n");
        tree_lines(&mut out, &r.objectives);
    }
    if has_kpis(&r.objectives) {
        out.push_str("\n### KPIs\n\n| KPI | Objective | Owner | Baseline → current → target | Progress | Due | Last measured | By quarter | Status |\n|---|---|---|---|---:|---|---|---|---|\n");
        for t in &r.objectives {
            kpi_rows(&mut out, t);
        }
    }

    if let Some(e) = &r.execution {
        execution(&mut out, e);
    }

    if let Some(map) = r.map.as_ref().filter(|m| !m.nodes.is_empty()) {
        out.push_str("\n## Map\n\n```mermaid\n");
        out.push_str(&map.mermaid());
        out.push_str("```\n");
    }

    if !r.freshness.is_empty() {
        out.push_str("\n## Principles and theses, stalest first\n\n| | Freshness | Age | Half-life | Last revalidated | Since then |\n|---|---:|---:|---:|---|---|\n");
    }
    for f in &r.freshness {
        let last = f.last_revalidated.as_ref().map_or("—".to_owned(), |l| {
            match (&l.commit, &l.subject) {
                (Some(c), Some(s)) => format!("{} `{}` {}", l.date, c, escape(s)),
                _ => format!("{} (`reviewed`)", l.date),
            }
        });
        let _ = writeln!(
            out,
            "| **{}** {} | {} | {} | {} d | {} | {} |",
            escape(&f.id),
            escape(&f.title),
            freshness_percent(f.freshness),
            f.age_days.map_or("—".to_owned(), |d| format!("{d} d")),
            f.half_life_days,
            last,
            f.since(escape)
        );
    }

    alignment(&mut out, &r.alignment);

    let list = |v: &[String]| crate::views::report::ids(v, escape);
    if !r.tenets.is_empty() {
        out.push_str("\n## Tenets\n\nMost used first. Per quarter: decisions in force for / against.\n\n| Tenet | Cited by (in force) | Gone against by | Last cited | Per quarter | Contradicts |\n|---|---|---|---|---|---|\n");
    }
    for t in &r.tenets {
        let _ = writeln!(
            out,
            "| **{}** | {} | {} | {} | {} | {} |",
            escape(&t.id),
            list(&t.cited_by),
            list(&t.against_by),
            t.last_cited.as_deref().unwrap_or("—"),
            escape(&t.audit_words()),
            list(&t.contradicts)
        );
    }

    if !r.decisions.is_empty() {
        out.push_str("\n## Decisions\n\n| Decision | Status | Date | Supersedes | Superseded by |\n|---|---|---|---|---|\n");
    }
    for d in &r.decisions {
        let _ = writeln!(
            out,
            "| **{}** {} | {} | {} | {} | {} |",
            escape(&d.id),
            escape(&d.title),
            d.status.unwrap_or("—"),
            d.date.as_deref().unwrap_or("—"),
            list(&d.supersedes),
            list(&d.superseded_by)
        );
    }

    if !r.diagnostics.counts.is_empty() {
        out.push_str("\n## Diagnostics\n\n| Code | Count |\n|---|---:|\n");
        for (code, n) in &r.diagnostics.counts {
            let _ = writeln!(out, "| {code} | {n} |");
        }
        out.push('\n');
        for d in &r.diagnostics.items {
            let _ = writeln!(
                out,
                "- `{}` {}:{} {}",
                d.code,
                escape(&d.file),
                d.line,
                escape(&d.message)
            );
        }
    }
    out
}

/// A Markdown table: the header (numbers right-aligned), then the rows.
fn table<const N: usize>(out: &mut String, columns: [&str; N], rows: &[[String; N]]) {
    use super::execution::NUMBER_COLUMNS;
    let _ = writeln!(out, "| {} |", columns.join(" | "));
    let rule: Vec<&str> = columns
        .iter()
        .map(|c| {
            if NUMBER_COLUMNS.contains(c) {
                "---:"
            } else {
                "---"
            }
        })
        .collect();
    let _ = writeln!(out, "|{}|", rule.join("|"));
    for row in rows {
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
}

/// The Execution section: initiatives by objective, the quarter's capacity,
/// what nobody works on, and the debt register.
fn execution(out: &mut String, e: &super::execution::Execution) {
    use super::execution::{DEBT_COLUMNS, INITIATIVE_COLUMNS};
    out.push_str("\n## Execution\n\n");
    if !e.by_objective.is_empty() {
        table(out, INITIATIVE_COLUMNS, &e.initiative_rows(escape));
        out.push('\n');
    }
    let _ = writeln!(out, "{}.\n", e.capacity_words(escape));
    if !e.unserved.is_empty() {
        let ids: Vec<String> = e
            .unserved
            .iter()
            .map(|u| format!("`{}`", escape(u)))
            .collect();
        let _ = writeln!(out, "Served by no open initiative: {}.\n", ids.join(", "));
    }
    if !e.debt.is_empty() {
        out.push_str("### Debt register\n\n");
        table(out, DEBT_COLUMNS, &e.debt_rows(escape));
    }
}
