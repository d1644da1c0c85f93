//! The objective tree: OBJ001 (dangling references), OBJ002 (parent cycles),
//! OBJ003 (parent level), OBJ004 (missing parent), OBJ005 (unmeasured),
//! OBJ006 (references to retired objects), and SL006 for a reference to an
//! object of the wrong kind.

use crate::diagnostic::Diagnostic;
use crate::model::{Kind, Spanned};
use crate::parse::fields::quoted_list;
use crate::rules::Context;
use crate::suggest::did_you_mean;

/// Runs the OBJ rules.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    references(ctx, out);
    cycles(ctx, out);
    levels(ctx, out);
    unmeasured(ctx, out);
}

fn kind_names(kinds: &[Kind]) -> String {
    let names: Vec<&str> = kinds.iter().map(|k| k.name()).collect();
    quoted_list(&names).replace('"', "")
}

/// `a thesis`, `an objective`: the indefinite article for a word.
pub fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// `a thesis or objective`, `an objective`.
fn a_kind(kinds: &[Kind]) -> String {
    let names = kind_names(kinds);
    format!("{} {names}", article(&names))
}

fn reference(
    ctx: &Context<'_>,
    out: &mut Vec<Diagnostic>,
    index: usize,
    field: &str,
    target: &Spanned<String>,
    kinds: &[Kind],
) {
    let id = target.value.as_str();
    match ctx.graph.get(id) {
        None => {
            let candidates = ctx.graph.ids_of(kinds);
            let help = did_you_mean(id, candidates.iter().copied())
                .map(|c| format!("did you mean `{c}`?"))
                .unwrap_or_else(|| format!("`{field}` must name the id of {}", a_kind(kinds)));
            out.push(
                ctx.about(
                    "OBJ001",
                    index,
                    target.span,
                    format!(
                        "`{field}` of {} names `{id}`, which does not exist",
                        ctx.name(index)
                    ),
                )
                .key(format!("{field}:{id}"))
                .help(help),
            );
        }
        Some(t) => {
            let found = &ctx.repo.objects[t];
            if !kinds.contains(&found.kind) {
                out.push(
                    ctx.about(
                        "SL006",
                        index,
                        target.span,
                        format!(
                            "`{field}` of {} names {}, not {}",
                            ctx.name(index),
                            ctx.name(t),
                            a_kind(kinds)
                        ),
                    )
                    .key(format!("{field}:{id}"))
                    .related(
                        found.file,
                        found.anchor,
                        format!(
                            "`{id}` is {} {}",
                            article(found.kind.name()),
                            found.kind.name()
                        ),
                    )
                    .help(format!("`{field}` accepts the id of {}", a_kind(kinds))),
                );
            } else if !found.is_active() {
                out.push(
                    ctx.about(
                        "OBJ006",
                        index,
                        target.span,
                        format!("{} references retired {}", ctx.name(index), ctx.name(t)),
                    )
                    .key(format!("{field}:{id}"))
                    .related(found.file, found.anchor, format!("`{id}` is retired"))
                    .help(format!(
                        "point `{field}` at an active {}, or retire {} too",
                        kind_names(kinds).replace(" or ", " or an active "),
                        ctx.name(index)
                    )),
                );
            }
        }
    }
}

fn references(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (i, o) in ctx.active() {
        match o.kind {
            Kind::Objective => {
                if let Some(p) = &o.parent {
                    reference(ctx, out, i, "parent", p, &[Kind::Objective]);
                }
                for s in &o.serves {
                    reference(ctx, out, i, "serves", s, &[Kind::Thesis]);
                }
            }
            Kind::Kpi => {
                if let Some(target) = &o.objective {
                    reference(ctx, out, i, "objective", target, &[Kind::Objective]);
                }
            }
            Kind::Principle => {
                for s in &o.serves {
                    reference(ctx, out, i, "serves", s, &[Kind::Thesis, Kind::Objective]);
                }
            }
            _ => {}
        }
    }
}

/// OBJ002: one diagnostic per cycle, on its member that comes first in file order.
fn cycles(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let n = ctx.repo.objects.len();
    // 0 = unvisited, 1 = on the current path, 2 = done.
    let mut state = vec![0u8; n];
    for start in 0..n {
        if state[start] != 0 || ctx.graph.parent[start].is_none() {
            continue;
        }
        let mut path = Vec::new();
        let mut cur = Some(start);
        while let Some(c) = cur {
            if state[c] == 2 {
                break;
            }
            if state[c] == 1 {
                let from = path.iter().position(|&p| p == c).unwrap_or(0);
                report_cycle(ctx, out, &path[from..]);
                break;
            }
            state[c] = 1;
            path.push(c);
            cur = ctx.graph.parent[c];
        }
        for p in path {
            state[p] = 2;
        }
    }
}

fn report_cycle(ctx: &Context<'_>, out: &mut Vec<Diagnostic>, members: &[usize]) {
    // Start the cycle at its member that comes first in file order.
    let first = (0..members.len())
        .min_by_key(|&k| {
            (
                ctx.repo.objects[members[k]].file,
                ctx.repo.objects[members[k]].anchor.start,
            )
        })
        .unwrap_or(0);
    let ordered: Vec<usize> = members[first..]
        .iter()
        .chain(&members[..first])
        .copied()
        .collect();
    let head = ordered[0];
    if !ctx.repo.objects[head].is_active() {
        return;
    }
    let ids: Vec<&str> = ordered
        .iter()
        .map(|&m| ctx.repo.objects[m].id().unwrap_or("?"))
        .collect();
    let chain = format!("{} → {}", ids.join(" → "), ids[0]);
    let o = &ctx.repo.objects[head];
    let span = o.parent.as_ref().map_or(o.anchor, |p| p.span);
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    let mut d = ctx
        .about("OBJ002", head, span, format!("objective parent links form a cycle: {chain}"))
        .key(sorted.join(","))
        .help("break the cycle: one of these objectives must have a parent outside it, or be at the top level");
    for &m in &ordered[1..] {
        let mo = &ctx.repo.objects[m];
        let span = mo.parent.as_ref().map_or(mo.anchor, |p| p.span);
        let parent = mo.parent.as_ref().map_or("", |p| p.value.as_str());
        d = d.related(
            mo.file,
            span,
            format!("`{}` has parent `{parent}`", mo.id().unwrap_or("?")),
        );
    }
    out.push(d);
}

fn level_index(ctx: &Context<'_>, index: usize) -> Option<usize> {
    let level = ctx.repo.objects[index].level.as_ref()?;
    ctx.config.levels.iter().position(|l| *l == level.value)
}

/// OBJ003 and OBJ004.
fn levels(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (i, o) in ctx.active() {
        if o.kind != Kind::Objective {
            continue;
        }
        let Some(level) = level_index(ctx, i) else {
            continue;
        };
        match (&o.parent, ctx.graph.parent[i]) {
            (None, _) if level > 0 => {
                let above = &ctx.config.levels[level - 1];
                out.push(
                    ctx.about("OBJ004", i, o.anchor,
                        format!("{} is at level `{}` but has no `parent`", ctx.name(i), ctx.config.levels[level]))
                        .help(format!("add `parent = \"…\"` naming a `{above}` objective, or move it to level `{}`", ctx.config.levels[0])),
                );
            }
            (Some(p), Some(parent)) => {
                let Some(parent_level) = level_index(ctx, parent) else {
                    continue;
                };
                if parent_level >= level {
                    let po = &ctx.repo.objects[parent];
                    out.push(
                        ctx.about("OBJ003", i, p.span, format!(
                            "{} at level `{}` has parent `{}` at level `{}`, which is not higher",
                            ctx.name(i), ctx.config.levels[level], p.value, ctx.config.levels[parent_level]
                        ))
                        .key(p.value.clone())
                        .related(po.file, po.level.as_ref().map_or(po.anchor, |l| l.span), format!("`{}` is at level `{}`", p.value, ctx.config.levels[parent_level]))
                        .help(if level > 0 {
                            format!("choose a parent at a level above `{}`", ctx.config.levels[level])
                        } else {
                            format!("a `{}` objective is at the top level and takes no parent", ctx.config.levels[0])
                        }),
                    );
                }
            }
            _ => {}
        }
    }
}

/// OBJ005: every active KPI measures its objective and each ancestor.
fn unmeasured(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let n = ctx.repo.objects.len();
    let mut measured = vec![false; n];
    for (_, k) in ctx.active() {
        if k.kind != Kind::Kpi {
            continue;
        }
        let mut cur = k
            .objective
            .as_ref()
            .and_then(|o| ctx.graph.get(&o.value))
            .filter(|&o| ctx.repo.objects[o].kind == Kind::Objective);
        while let Some(c) = cur {
            if measured[c] {
                break;
            }
            measured[c] = true;
            cur = ctx.graph.parent[c];
        }
    }
    for (i, o) in ctx.active() {
        if o.kind == Kind::Objective
            && !measured[i]
            && o.id.is_some()
            && ctx.graph.get(o.id().unwrap_or_default()) == Some(i)
        {
            out.push(
                ctx.about(
                    "OBJ005",
                    i,
                    o.anchor,
                    format!(
                        "{} has no active KPI measuring it or any objective below it",
                        ctx.name(i)
                    ),
                )
                .help(format!(
                    "add a `[[kpi]]` with `objective = \"{}\"`, or under a child objective",
                    o.id().unwrap_or_default()
                )),
            );
        }
    }
}
