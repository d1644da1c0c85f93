//! Decision records (SPEC §4b): DEC001 (supersession disagrees), DEC002
//! (supersession cycle), DEC004 (a decision in force is past its
//! `review_by`). DEC003, which reads history, is in `decision_citations`.

use crate::date::{DAY, Date};
use crate::diagnostic::Diagnostic;
use crate::graph::Edge;
use crate::model::{DecisionStatus, Kind, Object};
use crate::rules::Context;
use crate::schema::{Code, Relation};
use crate::source::Span;

/// Runs the DEC rules.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    supersession(ctx, out);
    cycles(ctx, out);
    reviews(ctx, out);
    tradeoffs(ctx, out);
}

/// DEC005 (SPEC §15): a decision in force that goes against tenets
/// (`against`) without saying why (`tradeoff`), at its first `against`.
fn tradeoffs(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (i, o) in ctx.active() {
        let Some(d) = o.as_decision().filter(|_| o.in_force()) else {
            continue;
        };
        let against: Vec<&str> = o.refs_in("against").map(|r| r.value.as_str()).collect();
        let Some(first) = o.refs_in("against").next() else {
            continue;
        };
        if d.tradeoff.is_some() {
            continue;
        }
        out.push(
            ctx.about(
                Code::DEC005,
                i,
                first.span,
                format!(
                    "{} goes against `{}` but gives no `tradeoff`",
                    ctx.name(i),
                    against.join("`, `")
                ),
            )
            .help("say why in `tradeoff = \"…\"`: what was worth more here than the tenet, so the next decision can weigh it too"),
        );
    }
}

fn status_of(o: &Object) -> Option<DecisionStatus> {
    o.as_decision()
        .and_then(|d| d.status.as_ref())
        .map(|s| s.value)
}

/// Where a decision's status is written (its id when it has none).
fn status_span(o: &Object) -> Span {
    o.as_decision()
        .and_then(|d| d.status.as_ref())
        .map_or(o.anchor, |s| s.span)
}



fn status_word(o: &Object) -> String {
    status_of(o).map_or_else(|| "not a decision status".to_owned(), |s| format!("`{}`", s.name()))
}

/// DEC001, once per record, on the side that is wrong.
fn supersession(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (i, o) in ctx.repo.objects.iter().enumerate() {
        if o.kind != Kind::Decision {
            continue;
        }
        let named_by: Vec<&Edge> = ctx
            .graph
            .incoming(i)
            .filter(|e| e.relation == Relation::Supersedes)
            .collect();
        let status = status_of(o);
        let accepted: Vec<&Edge> = named_by
            .iter()
            .copied()
            .filter(|e| status_of(&ctx.repo.objects[e.from]) == Some(DecisionStatus::Accepted))
            .collect();
        let message = if !accepted.is_empty() && status != Some(DecisionStatus::Superseded) {
            let by: Vec<String> = accepted.iter().map(|e| ctx.name(e.from)).collect();
            format!(
                "{} is superseded by accepted {}, but its status is {}",
                ctx.name(i),
                by.join(" and "),
                status_word(o)
            )
        } else if status == Some(DecisionStatus::Superseded)
            && !named_by
                .iter()
                .any(|e| status_of(&ctx.repo.objects[e.from]) != Some(DecisionStatus::Proposed))
        {
            if named_by.is_empty() {
                format!(
                    "{} is `superseded`, but no decision names it in `supersedes`",
                    ctx.name(i)
                )
            } else {
                format!(
                    "{} is `superseded`, but only proposed decisions name it in `supersedes`",
                    ctx.name(i)
                )
            }
        } else {
            continue;
        };
        let help = if status == Some(DecisionStatus::Superseded) {
            "name it in the `supersedes` of the decision that replaced it (and accept that one), or give it its real status"
        } else {
            "set its `status` to \"superseded\", or take it out of the other decision's `supersedes`"
        };
        let mut d = ctx
            .about(Code::DEC001, i, status_span(o), message)
            .key(if status == Some(DecisionStatus::Superseded) { "orphan" } else { "not-superseded" })
            .label("supersession disagrees")
            .help(help);
        // One related location per superseding record, however many ways
        // it names this one (a link, YAML, `Superseded by` here).
        let mut seen = std::collections::BTreeSet::new();
        for e in named_by.iter().filter(|e| seen.insert(e.from)) {
            let from = &ctx.repo.objects[e.from];
            d = d.related(
                e.file,
                e.span,
                format!(
                    "`{}` ({}) supersedes it",
                    from.id().unwrap_or("?"),
                    status_word(from).trim_matches('`')
                ),
            );
        }
        out.push(d);
    }
}

/// DEC002, once per cycle, on its member first in output order.
fn cycles(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for cycle in ctx.graph.cycles(Relation::Supersedes) {
        let next_of = |k: usize| cycle[(k + 1) % cycle.len()];
        let at = |from: usize, to: usize| {
            ctx.graph
                .outgoing(from)
                .find(|e| e.relation == Relation::Supersedes && e.to == to)
                .map_or((ctx.repo.objects[from].file, ctx.repo.objects[from].anchor), |e| {
                    (e.file, e.span)
                })
        };
        let ids: Vec<&str> = cycle
            .iter()
            .map(|&m| ctx.repo.objects[m].id().unwrap_or("?"))
            .collect();
        let head = cycle[0];
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        let (file, span) = at(head, next_of(0));
        let mut d = Diagnostic::new(
                Code::DEC002,
                file,
                span,
                format!(
                    "decisions supersede each other in a cycle: {} → {}",
                    ids.join(" → "),
                    ids[0]
                ),
            )
            .object(ctx.repo.objects[head].id(), Some(head))
            .key(sorted.join(","))
            .help("a decision cannot replace one that replaces it: take one link out of the cycle");
        for (k, &m) in cycle.iter().enumerate().skip(1) {
            let (file, span) = at(m, next_of(k));
            d = d.related(
                file,
                span,
                format!(
                    "`{}` supersedes `{}`",
                    ids[k],
                    ctx.repo.objects[next_of(k)].id().unwrap_or("?")
                ),
            );
        }
        out.push(d);
    }
}

/// DEC004: a decision in force whose `review_by` is on or before today.
fn reviews(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let today = Date::from_unix(ctx.now);
    for (i, o) in ctx.active() {
        let Some(review_by) = o.as_decision().and_then(|d| d.review_by.as_ref()) else {
            continue;
        };
        if !o.in_force() || review_by.value.unix() > ctx.now {
            continue;
        }
        let days = (today.unix() - review_by.value.unix()) / DAY;
        let ago = match days {
            0 => "today".to_owned(),
            1 => "1 day ago".to_owned(),
            n => format!("{n} days ago"),
        };
        out.push(
            ctx.about(
                Code::DEC004,
                i,
                review_by.span,
                format!(
                    "{} was due for review on {}, {ago}",
                    ctx.name(i),
                    review_by.value
                ),
            )
            .help("review it: confirm it (and move `review_by` on), or supersede or deprecate it"),
        );
    }
}
