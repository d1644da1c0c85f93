//! The objective tree: OBJ001 (dangling references), OBJ002 (parent cycles),
//! OBJ003 (parent level), OBJ004 (missing parent), OBJ005 (unmeasured),
//! OBJ006 (references to retired objects), and SL006 for a reference to an
//! object of the wrong kind.

use crate::diagnostic::Diagnostic;
use crate::history::Timeline;
use crate::model::{Kind, Reference};
use crate::parse::fields::quoted_list;
use crate::rules::Context;
use crate::schema::Code;
use crate::schema::Relation;
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

fn reference(ctx: &Context<'_>, out: &mut Vec<Diagnostic>, index: usize, r: &Reference) {
    let (field, target, kinds) = (r.field, &r.target, r.accepts);
    let id = target.value.as_str();
    match ctx.graph.get(id) {
        None => {
            // Never the object itself (a parent, a served thesis, is another).
            let own = ctx.repo.objects[index].id();
            let candidates = ctx.graph.ids_of(kinds);
            let others = candidates.iter().copied().filter(|c| Some(*c) != own);
            let help = did_you_mean(id, others)
                .map(|c| format!("did you mean `{c}`?"))
                .unwrap_or_else(|| format!("`{field}` must name the id of {}", a_kind(kinds)));
            out.push(
                ctx.about(
                    Code::OBJ001,
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
                        Code::SL006,
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
            } else if !found.is_active() && r.relation != Relation::Supersedes {
                // A decision names the one it replaced: that one is retired by design.
                out.push(
                    ctx.about(
                        Code::OBJ006,
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

/// OBJ001, SL006 and OBJ006 for every reference field the schema declares.
fn references(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (i, o) in ctx.active() {
        for r in &o.refs {
            reference(ctx, out, i, r);
        }
    }
}

/// OBJ002: one diagnostic per cycle, on its member that comes first in file order.
fn cycles(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for cycle in ctx.graph.cycles(Relation::Parent) {
        report_cycle(ctx, out, &cycle);
    }
}

fn report_cycle(ctx: &Context<'_>, out: &mut Vec<Diagnostic>, ordered: &[usize]) {
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
    let span = o.parent().map_or(o.anchor, |p| p.span);
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    let mut d = ctx
        .about(Code::OBJ002, head, span, format!("objective parent links form a cycle: {chain}"))
        .key(sorted.join(","))
        .help("break the cycle: one of these objectives must have a parent outside it, or be at the top level");
    for &m in &ordered[1..] {
        let mo = &ctx.repo.objects[m];
        let span = mo.parent().map_or(mo.anchor, |p| p.span);
        let parent = mo.parent().map_or("", |p| p.value.as_str());
        d = d.related(
            mo.file,
            span,
            format!("`{}` has parent `{parent}`", mo.id().unwrap_or("?")),
        );
    }
    out.push(d);
}

fn level_index(ctx: &Context<'_>, index: usize) -> Option<usize> {
    let level = ctx.repo.objects[index].as_objective()?.level.as_ref()?;
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
        match (o.parent(), ctx.graph.parent(i)) {
            (None, _) if level > 0 => {
                let above = &ctx.config.levels[level - 1];
                out.push(
                    ctx.about(Code::OBJ004, i, o.anchor,
                        format!("{} is at level `{}` but has no `parent`", ctx.name(i), ctx.config.levels[level]))
                        .help(ctx.twin(i, "parent").unwrap_or_else(|| format!("add `parent = \"…\"` naming a `{above}` objective, or move it to level `{}`", ctx.config.levels[0]))),
                );
            }
            (Some(p), Some(parent)) => {
                let Some(parent_level) = level_index(ctx, parent) else {
                    continue;
                };
                if parent_level >= level {
                    let po = &ctx.repo.objects[parent];
                    out.push(
                        ctx.about(Code::OBJ003, i, p.span, format!(
                            "{} at level `{}` has parent `{}` at level `{}`, which is not higher",
                            ctx.name(i), ctx.config.levels[level], p.value, ctx.config.levels[parent_level]
                        ))
                        .key(p.value.clone())
                        .related(po.file, po.as_objective().and_then(|p| p.level.as_ref()).map_or(po.anchor, |l| l.span), format!("`{}` is at level `{}`", p.value, ctx.config.levels[parent_level]))
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
    for (k, _) in ctx.active() {
        let mut cur = ctx.graph.target(k, Relation::Measures);
        while let Some(c) = cur {
            if measured[c] {
                break;
            }
            measured[c] = true;
            cur = ctx.graph.parent(c);
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
                    Code::OBJ005,
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

/// OBJ001 for an id git shows was removed: the help names the commit that
/// removed it (short id, date, subject), or says it was removed in the
/// working tree, instead of a closest id. Reads history, so it runs once
/// the timeline is known, over what the checks found.
pub fn explain_removed(ctx: &Context<'_>, timeline: &Timeline, found: &mut [Diagnostic]) {
    let Some(git) = &timeline.git else { return };
    for d in found.iter_mut().filter(|d| d.code == Code::OBJ001) {
        let Some((field, id)) = d.key.split_once(':') else {
            continue;
        };
        // Registry links (`team`, `lead`) name people and teams, not objects.
        if matches!(field, "team" | "lead") || ctx.graph.get(id).is_some() {
            continue;
        }
        let Some(change) = git.changes.get(id).filter(|c| !c.lower_bound) else {
            continue;
        };
        let when = match &change.commit {
            Some(c) => format!("in commit {} on {} ({})", c.short, c.date, c.subject),
            None => "in uncommitted changes".to_owned(),
        };
        d.help = Some(format!(
            "`{id}` was removed {when}: point `{field}` at an object that exists, or restore it"
        ));
    }
}
