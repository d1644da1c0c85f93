//! `report --format html`: one self-contained page: inline CSS, the
//! objective tree drawn as inline SVG from a layout of our own, no script,
//! nothing fetched. Readable on a phone (a viewport, tables that scroll) and
//! on paper (print styles); accessible (headings, table headers, a text
//! alternative for the drawing, and words, not colour alone, for status).

use std::fmt::Write as _;

use crate::views::report::markdown::{has_kpis, headline};
use crate::views::report::{
    Report, Tree, freshness_percent, kpi_percent, moved_words, number, percent,
};

/// Text from strategy files, escaped for HTML (and SVG) text and attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = r#"
:root { --ink:#1d1d1f; --muted:#5f6368; --line:#d9dce1; --ok:#1e7d32; --warn:#8a5a00; --bad:#b3261e; --bar:#2f6fde; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0 auto; padding: 1.5rem 1rem 3rem; max-width: 72rem; }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; } h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
.lead { color: var(--muted); margin: 0 0 1rem; }
.cards { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; }
.card { border: 1px solid var(--line); border-radius: .5rem; padding: .5rem .9rem; min-width: 8rem; }
.card b { display: block; font-size: 1.4rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; background: #f6f7f9; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.date { white-space: nowrap; }
.id { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .9em; }
.bar { display: inline-block; width: 6rem; height: .6rem; background: #e8eaed; border-radius: .3rem; vertical-align: middle; margin-right: .4rem; overflow: hidden; }
.bar i { display: block; height: 100%; background: var(--bar); }
.tag { display: inline-block; font-size: .8rem; padding: 0 .45rem; border-radius: .7rem; border: 1px solid currentColor; white-space: nowrap; }
.ok { color: var(--ok); } .warn { color: var(--warn); } .bad { color: var(--bad); } .muted { color: var(--muted); }
ul.tree, ul.tree ul { list-style: none; padding-left: 1.1rem; margin: .2rem 0; }
ul.tree > li { padding-left: 0; }
ul.tree li { margin: .2rem 0; }
figure { margin: 1rem 0; } figcaption { color: var(--muted); font-size: .85rem; }
svg text { font: 12px system-ui, sans-serif; }
@media (max-width: 40rem) { body { font-size: 15px; padding: 1rem .6rem; } .bar { width: 3.5rem; } }
@media print { body { max-width: none; padding: 0; } .scroll { overflow: visible; } a { color: inherit; text-decoration: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
"#;

/// A bar filled to `p` clamped to [0, 1], followed by `text` (the
/// progress as every format writes it).
fn bar_with(p: Option<f64>, text: &str) -> String {
    match p {
        Some(p) => format!(
            "<span class=\"bar\" aria-hidden=\"true\"><i style=\"width:{:.0}%\"></i></span>{}",
            p.clamp(0.0, 1.0) * 100.0,
            escape(text)
        ),
        None => "<span class=\"muted\">no progress yet</span>".to_owned(),
    }
}

fn bar(p: Option<f64>) -> String {
    bar_with(p, &percent(p))
}

fn health(h: &str) -> String {
    let class = match h {
        "on track" | "within" => "ok",
        "no value" | "stale" | "behind pace" => "warn",
        _ => "bad",
    };
    format!("<span class=\"tag {class}\">{h}</span>")
}

/// The objective tree as nested lists (iterative: any depth).
/// A nested `<ul class="tree">` of `roots` and their `children`, each item
/// opened with `item`'s HTML; iterative, so a deep tree cannot overflow
/// the stack.
fn nested_list<T>(
    out: &mut String,
    roots: &[T],
    children: fn(&T) -> &[T],
    item: &dyn Fn(&T) -> String,
) {
    enum Step<'a, T> {
        Open(&'a T),
        Close,
    }
    out.push_str("<ul class=\"tree\">\n");
    let mut stack: Vec<Step<'_, T>> = roots.iter().rev().map(Step::Open).collect();
    while let Some(step) = stack.pop() {
        match step {
            Step::Close => out.push_str("</ul></li>\n"),
            Step::Open(t) => {
                let _ = write!(out, "<li>{}", item(t));
                let kids = children(t);
                if kids.is_empty() {
                    out.push_str("</li>\n");
                } else {
                    out.push_str("\n<ul>\n");
                    stack.push(Step::Close);
                    stack.extend(kids.iter().rev().map(Step::Open));
                }
            }
        }
    }
    out.push_str("</ul>\n");
}

/// The objective tree as a nested list: each objective with its progress
/// bar, owner and due date.
fn tree_list(out: &mut String, roots: &[Tree]) {
    nested_list(out, roots, |t| &t.children, &|t| {
        let mut line = format!(
            "<span class=\"id\">{}</span> {} — {}",
            escape(&t.id),
            escape(&t.title),
            bar(t.progress)
        );
        if let Some(o) = &t.owner {
            let _ = write!(line, " <span class=\"muted\">· {}</span>", escape(o));
        }
        if let Some(d) = &t.due {
            let _ = write!(line, " <span class=\"muted\">· due {d}</span>");
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
    out.push_str("<h2>Alignment</h2>\n");
    nested_list(out, &a.values, |v| &v.children, &|v| {
        let mut line = format!(
            "<span class=\"id\">{}</span> {}",
            escape(&v.id),
            escape(&v.title)
        );
        for detail in v.layer.iter().chain(&v.owner) {
            let _ = write!(line, " <span class=\"muted\">· {}</span>", escape(detail));
        }
        line
    });
    if !a.misaligned.is_empty() {
        let _ = writeln!(
            out,
            "<p><span class=\"tag warn\">misaligned</span> connected to nothing above: {}</p>",
            crate::views::report::ids(&a.misaligned, |s| format!(
                "<span class=\"id\">{}</span>",
                escape(s)
            ))
        );
    }
}

/// The objective tree drawn top-down: each objective a box at its depth,
/// leaves side by side, a parent centred over its children.
fn tree_svg(roots: &[Tree]) -> String {
    const W: f64 = 190.0;
    const H: f64 = 54.0;
    const GX: f64 = 16.0;
    const GY: f64 = 40.0;
    // (x centre, depth, tree) in pre-order; edges (parent index, child index).
    let mut boxes: Vec<(f64, usize, &Tree)> = Vec::new();
    let mut edges: Vec<(usize, usize)> = Vec::new();
    let mut next_leaf = 0.0f64;
    // Post-order placement with an explicit stack.
    enum Step<'a> {
        Enter(&'a Tree, usize, Option<usize>),
        Leave(usize),
    }
    let mut kids: Vec<Vec<usize>> = Vec::new();
    let mut stack: Vec<Step<'_>> = roots
        .iter()
        .rev()
        .map(|t| Step::Enter(t, 0, None))
        .collect();
    while let Some(step) = stack.pop() {
        match step {
            Step::Enter(t, depth, parent) => {
                let k = boxes.len();
                boxes.push((0.0, depth, t));
                kids.push(Vec::new());
                if let Some(p) = parent {
                    edges.push((p, k));
                    kids[p].push(k);
                }
                stack.push(Step::Leave(k));
                for c in t.children.iter().rev() {
                    stack.push(Step::Enter(c, depth + 1, Some(k)));
                }
            }
            Step::Leave(k) => {
                boxes[k].0 = if kids[k].is_empty() {
                    let x = next_leaf * (W + GX) + W / 2.0;
                    next_leaf += 1.0;
                    x
                } else {
                    let first = boxes[kids[k][0]].0;
                    let last = boxes[*kids[k].last().unwrap_or(&kids[k][0])].0;
                    (first + last) / 2.0
                };
            }
        }
    }
    let depth = boxes.iter().map(|b| b.1).max().unwrap_or(0);
    let width = (next_leaf.max(1.0) * (W + GX)).max(W + GX);
    let height = (depth + 1) as f64 * (H + GY);
    let mut out = format!(
        "<svg role=\"img\" aria-labelledby=\"tree-title tree-desc\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"100%\" style=\"max-width:{width:.0}px;min-width:{:.0}px\">\n<title id=\"tree-title\">The objective tree</title>\n<desc id=\"tree-desc\">",
        width.min(600.0)
    );
    let mut desc: Vec<String> = Vec::new();
    for (_, _, t) in &boxes {
        desc.push(format!("{} {}: {}", t.id, t.title, percent(t.progress)));
    }
    out.push_str(&escape(&desc.join("; ")));
    out.push_str("</desc>\n");
    let top = |d: usize| d as f64 * (H + GY) + 4.0;
    for (p, c) in &edges {
        let (px, pd, _) = boxes[*p];
        let (cx, cd, _) = boxes[*c];
        let _ = writeln!(
            out,
            "<path d=\"M{cx:.1} {:.1} C{cx:.1} {:.1} {px:.1} {:.1} {px:.1} {:.1}\" fill=\"none\" stroke=\"#9aa0a6\"/>",
            top(cd),
            top(cd) - GY / 2.0,
            top(pd) + H + GY / 2.0,
            top(pd) + H
        );
    }
    for (x, d, t) in &boxes {
        let (left, y) = (x - W / 2.0, top(*d));
        let title: String = t.title.chars().take(26).collect();
        let title = if t.title.chars().count() > 26 {
            format!("{title}…")
        } else {
            title
        };
        let fill = t.progress.map_or(0.0, |p| p.clamp(0.0, 1.0)) * (W - 20.0);
        let _ = writeln!(
            out,
            "<g><rect x=\"{left:.1}\" y=\"{y:.1}\" width=\"{W}\" height=\"{H}\" rx=\"6\" fill=\"#fff\" stroke=\"#5f6368\"/>\
<text x=\"{:.1}\" y=\"{:.1}\" font-weight=\"600\">{}</text>\
<text x=\"{:.1}\" y=\"{:.1}\">{}</text>\
<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"6\" rx=\"3\" fill=\"#e8eaed\"/>\
<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{fill:.1}\" height=\"6\" rx=\"3\" fill=\"#2f6fde\"/></g>",
            left + 10.0,
            y + 17.0,
            escape(&format!("{} · {}", t.id, percent(t.progress))),
            left + 10.0,
            y + 32.0,
            escape(&title),
            left + 10.0,
            y + 41.0,
            W - 20.0,
            left + 10.0,
            y + 41.0,
        );
    }
    out.push_str("</svg>\n");
    out
}

/// Renders the report as one self-contained HTML page.
pub fn render(r: &Report) -> String {
    let mut out = String::from(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Strategy report</title>\n<style>",
    );
    out.push_str(CSS);
    out.push_str("</style>\n</head>\n<body>\n<main>\n<h1>Strategy report</h1>\n");
    let _ = writeln!(out, "<p class=\"lead\">{}</p>", escape(&r.as_of.words()));
    let (kinds, counts, progress) = headline(r);
    let _ = writeln!(out, "<p>{}. {}.</p>", escape(&kinds), escape(&counts));
    let verdict = if r.summary.errors > 0 {
        "bad"
    } else if r.summary.warnings > 0 {
        "warn"
    } else {
        "ok"
    };
    out.push_str("<div class=\"cards\">");
    if let Some(p) = progress {
        let _ = write!(
            out,
            "<div class=\"card\"><b>{p}</b>progress of the top objectives</div>"
        );
    }
    let _ = writeln!(
        out,
        "<div class=\"card {verdict}\"><b>{}</b>errors</div><div class=\"card\"><b>{}</b>warnings</div></div>",
        r.summary.errors, r.summary.warnings
    );

    if !r.objectives.is_empty() {
        out.push_str("<h2>Objectives</h2>\n<figure><div class=\"scroll\">");
        out.push_str(&tree_svg(&r.objectives));
        out.push_str("</div><figcaption>The objective tree, top-down, with each objective's rolled-up progress.</figcaption></figure>\n");
        tree_list(&mut out, &r.objectives);
    }

    if has_kpis(&r.objectives) {
        out.push_str("<h2>KPIs</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">KPI</th><th scope=\"col\">Objective</th><th scope=\"col\">Owner</th><th scope=\"col\">Baseline</th><th scope=\"col\">Current</th><th scope=\"col\">Target</th><th scope=\"col\">Progress</th><th scope=\"col\">Due</th><th scope=\"col\">Last measured</th><th scope=\"col\">By quarter</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>\n");
    }
    let mut stack: Vec<&Tree> = r.objectives.iter().rev().collect();
    while let Some(t) = stack.pop() {
        for k in &t.kpis {
            let unit = k
                .unit
                .as_deref()
                .map(|u| format!(" {}", escape(u)))
                .unwrap_or_default();
            // A value with its unit; `—` alone where there is none.
            let with_unit = |v: Option<f64>| match v {
                Some(_) => format!("{}{unit}", number(v)),
                None => "—".to_owned(),
            };
            let moved = k.moved.as_ref().map_or(String::new(), |m| {
                format!(
                    "<br><span class=\"warn\">{}</span>",
                    escape(&moved_words(m))
                )
            });
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\"><span class=\"id\">{}</span> {}</th><td class=\"id\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"date\">{}</td><td class=\"date\">{}</td><td>{}</td><td>{}{moved}</td></tr>",
                escape(&k.id),
                escape(&k.title),
                escape(&t.id),
                k.owner.as_deref().map_or("—".to_owned(), escape),
                // A guardrail's range where a baseline would be.
                k.range.as_ref().map_or_else(
                    || with_unit(k.baseline),
                    |r| format!("guardrail {}{unit}", escape(&r.words()))
                ),
                with_unit(k.current),
                with_unit(k.target),
                bar_with(k.progress, &kpi_percent(k)),
                k.due.as_deref().unwrap_or("—"),
                k.last_measured.as_deref().unwrap_or("—"),
                escape(&k.history_words()),
                health(k.health)
            );
        }
        for c in t.children.iter().rev() {
            stack.push(c);
        }
    }
    if has_kpis(&r.objectives) {
        out.push_str("</tbody></table></div>\n");
    }
    if let Some(e) = &r.execution {
        execution(&mut out, e);
    }

    if !r.freshness.is_empty() {
        out.push_str("<h2>Principles and theses, stalest first</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Object</th><th scope=\"col\">Freshness</th><th scope=\"col\">Age</th><th scope=\"col\">Half-life</th><th scope=\"col\">Last revalidated</th><th scope=\"col\">Since then</th></tr></thead>\n<tbody>\n");
    }
    for f in &r.freshness {
        let last = f.last_revalidated.as_ref().map_or("—".to_owned(), |l| {
            match (&l.commit, &l.subject) {
                (Some(c), Some(s)) => format!(
                    "{} <span class=\"id\">{}</span> {}",
                    l.date,
                    escape(c),
                    escape(s)
                ),
                _ => format!("{} (<code>reviewed</code>)", l.date),
            }
        });
        let state = match f.freshness {
            Some(x) if x < 0.25 => "<span class=\"tag bad\">decayed</span> ",
            Some(x) if x < 0.5 => "<span class=\"tag warn\">stale</span> ",
            _ => "",
        };
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\"><span class=\"id\">{}</span> {}</th><td>{state}{}</td><td class=\"num\">{}</td><td class=\"num\">{} d</td><td>{last}</td><td>{}</td></tr>",
            escape(&f.id),
            escape(&f.title),
            freshness_percent(f.freshness),
            f.age_days.map_or("—".to_owned(), |d| format!("{d} d")),
            f.half_life_days,
            f.since(escape)
        );
    }
    if !r.freshness.is_empty() {
        out.push_str("</tbody></table></div>\n");
    }

    alignment(&mut out, &r.alignment);

    let list = |v: &[String]| crate::views::report::ids(v, escape);
    if !r.tenets.is_empty() {
        out.push_str("<h2>Tenets</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Tenet</th><th scope=\"col\">Cited by decisions in force</th><th scope=\"col\">Gone against by</th><th scope=\"col\">Last cited</th><th scope=\"col\">Per quarter (for / against)</th><th scope=\"col\">Contradicts</th></tr></thead>\n<tbody>\n");
    }
    for t in &r.tenets {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\" class=\"id\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&t.id),
            list(&t.cited_by),
            list(&t.against_by),
            t.last_cited.as_deref().unwrap_or("—"),
            escape(&t.audit_words()),
            list(&t.contradicts)
        );
    }
    if !r.tenets.is_empty() {
        out.push_str("</tbody></table></div>\n");
    }

    if !r.decisions.is_empty() {
        out.push_str("<h2>Decisions</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Decision</th><th scope=\"col\">Status</th><th scope=\"col\">Date</th><th scope=\"col\">Supersedes</th><th scope=\"col\">Superseded by</th></tr></thead>\n<tbody>\n");
    }
    for d in &r.decisions {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\"><span class=\"id\">{}</span> {}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&d.id),
            escape(&d.title),
            d.status.unwrap_or("—"),
            d.date.as_deref().unwrap_or("—"),
            list(&d.supersedes),
            list(&d.superseded_by)
        );
    }
    if !r.decisions.is_empty() {
        out.push_str("</tbody></table></div>\n");
    }

    if !r.diagnostics.counts.is_empty() {
        out.push_str("<h2>Diagnostics</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Code</th><th scope=\"col\">Count</th></tr></thead>\n<tbody>\n");
        for (code, n) in &r.diagnostics.counts {
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\" class=\"id\">{}</th><td class=\"num\">{n}</td></tr>",
                escape(code)
            );
        }
        out.push_str("</tbody></table></div>\n<ul>\n");
        for d in &r.diagnostics.items {
            let severity = d.severity;
            let class = if severity == "error" { "bad" } else { "warn" };
            let _ = writeln!(
                out,
                "<li><span class=\"tag {class}\">{}</span> <span class=\"id\">{}</span> {}:{} — {}</li>",
                escape(severity),
                escape(d.code),
                escape(&d.file),
                d.line,
                escape(&d.message)
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// An HTML table in its scrolling box: the header, then the rows.
fn table<const N: usize>(out: &mut String, columns: [&str; N], rows: &[[String; N]]) {
    use std::fmt::Write as _;
    out.push_str("<div class=\"scroll\"><table>\n<thead><tr>");
    for c in columns {
        let _ = write!(out, "<th scope=\"col\">{c}</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            let _ = write!(out, "<td>{cell}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
}

/// The Execution section: initiatives by objective, the quarter's capacity,
/// what nobody works on, and the debt register.
fn execution(out: &mut String, e: &super::execution::Execution) {
    use super::execution::{DEBT_COLUMNS, INITIATIVE_COLUMNS};
    use std::fmt::Write as _;
    out.push_str("<h2>Execution</h2>\n");
    if !e.by_objective.is_empty() {
        table(out, INITIATIVE_COLUMNS, &e.initiative_rows(escape));
    }
    let _ = writeln!(out, "<p>{}.</p>", e.capacity_words(escape));
    if !e.unserved.is_empty() {
        let ids: Vec<String> = e
            .unserved
            .iter()
            .map(|u| format!("<code>{}</code>", escape(u)))
            .collect();
        let _ = writeln!(
            out,
            "<p>Served by no open initiative: {}.</p>",
            ids.join(", ")
        );
    }
    if !e.debt.is_empty() {
        out.push_str("<h3>Debt register</h3>\n");
        table(out, DEBT_COLUMNS, &e.debt_rows(escape));
    }
}
