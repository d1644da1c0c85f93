//! KPIs in motion and dates that passed (SPEC §5b): KPI003 (a `direction`
//! that contradicts baseline → target), KPI006 (regressed past the
//! baseline), KPI007 (due and not met), KPI010 (an implausible value: a
//! unit mistake or a typo), OBJ007 (an objective past due).
//! KPI006 and KPI007 show the upstream impact: the objective the KPI
//! measures and its ancestors, bottom-up.

use crate::date::{DAY, Date};
use crate::diagnostic::Diagnostic;
use crate::metrics;
use crate::model::{Kind, Spanned};
use crate::rules::Context;
use crate::schema::{Code, Relation};

/// Runs KPI003, KPI006, KPI007, KPI010 and OBJ007.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let today = Date::from_unix(ctx.now).unix();
    for (i, o) in ctx.active() {
        if o.kind == Kind::Objective {
            if let Some(due) = o.as_objective().and_then(|d| d.due.as_ref()) {
                if due.value.unix() < today {
                    let days = (today - due.value.unix()) / DAY;
                    out.push(
                        ctx.about(
                            Code::OBJ007,
                            i,
                            due.span,
                            format!(
                                "{} was due on {}, {days} day{} ago",
                                ctx.name(i),
                                due.value,
                                if days == 1 { "" } else { "s" }
                            ),
                        )
                        .help("retire it if it is done or dropped, or set a new `due`"),
                    );
                }
            }
            continue;
        }
        let Some(k) = o.as_kpi() else { continue };
        if let (true, Some(direction)) = (metrics::direction_contradicts(k), &k.direction) {
            let (b, t, _) = metrics::values(k);
            out.push(
                ctx.about(
                    Code::KPI003,
                    i,
                    direction.span,
                    format!(
                        "{} goes from {} to {}, but its `direction` says the opposite",
                        ctx.name(i),
                        b.unwrap_or_default(),
                        t.unwrap_or_default()
                    ),
                )
                .help("fix the `direction`, or swap the `baseline` and `target` if those are wrong"),
            );
        }
        if metrics::regressed(k) {
            let (b, _, c) = metrics::values(k);
            let span = match &k.current {
                crate::model::Number::Value(v) => v.span,
                _ => o.anchor,
            };
            let d = ctx.about(
                Code::KPI006,
                i,
                span,
                format!(
                    "{} is at {}, worse than its baseline of {}",
                    ctx.name(i),
                    c.unwrap_or_default(),
                    b.unwrap_or_default()
                ),
            );
            out.push(upstream(ctx, i, d).help(
                "look into why it moved the wrong way; the objectives above it are at risk",
            ));
        }
        if let (true, crate::model::Number::Value(c), Some(p)) = (
            metrics::implausible(k),
            &k.current,
            metrics::kpi_progress(k),
        ) {
            let (b, t, _) = metrics::values(k);
            out.push(
                ctx.about(
                    Code::KPI010,
                    i,
                    c.span,
                    format!(
                        "{} is at {}, {} of the way from its baseline of {} to its target of {}: an order of magnitude off",
                        ctx.name(i),
                        c.value,
                        metrics::percent(p),
                        b.unwrap_or_default(),
                        t.unwrap_or_default()
                    ),
                )
                .help("check `current` for a unit mistake (dollars where thousands were meant) or a typo; if `baseline` and `target` are in the wrong unit, fix those"),
            );
        }
        if let Some(due) = missed(ctx, i) {
            let span = k.due.as_ref().map_or(o.anchor, |d| d.span);
            let how = match metrics::values(k) {
                (_, Some(t), Some(c)) => format!("at {c}, short of its target of {t}"),
                _ => "with no `current` value".to_owned(),
            };
            let d = ctx.about(
                Code::KPI007,
                i,
                span,
                format!("{} was due on {} and ended {how}", ctx.name(i), due.value),
            );
            out.push(upstream(ctx, i, d).help(
                "record the outcome: retire the KPI, or set a new `due` and target on purpose",
            ));
        }
    }
}

/// The due date KPI `i` missed (KPI007), if it did: its `due`, else its
/// objective's (ancestors' do not count), before now's UTC day, with its
/// target not met and a better side known. EXE006 asks the same.
pub fn missed<'a>(ctx: &Context<'a>, i: usize) -> Option<&'a Spanned<Date>> {
    let k = ctx.repo.objects[i].as_kpi()?;
    let today = Date::from_unix(ctx.now).unix();
    let due = due_of(ctx, i)?;
    let missed = due.value.unix() < today
        && metrics::target_met(k) != Some(true)
        && metrics::better(k).is_some();
    missed.then_some(due)
}

/// KPI `i`'s due date: its `due`, else its objective's (ancestors' do not
/// count). KPI007 and KPI008 read it.
pub fn due_of<'a>(ctx: &Context<'a>, i: usize) -> Option<&'a Spanned<Date>> {
    let k = ctx.repo.objects[i].as_kpi()?;
    k.due.as_ref().or_else(|| {
        ctx.graph
            .target(i, Relation::Measures)
            .and_then(|p| ctx.repo.objects[p].as_objective())
            .and_then(|d| d.due.as_ref())
    })
}

/// Adds the upstream impact to a KPI's diagnostic: the objective it
/// measures and each ancestor, bottom-up, stopping at one with no
/// resolvable parent or before one already listed; the message names the top.
pub fn upstream(ctx: &Context<'_>, kpi: usize, mut d: Diagnostic) -> Diagnostic {
    let mut chain: Vec<usize> = Vec::new();
    let mut listed = vec![false; ctx.repo.objects.len()];
    let mut cur = ctx.graph.target(kpi, Relation::Measures);
    while let Some(o) = cur.filter(|&o| !listed[o]) {
        listed[o] = true;
        chain.push(o);
        cur = ctx.graph.parent(o);
    }
    let Some(&top) = chain.last() else {
        return d;
    };
    d.message.push_str(&format!(", which puts {} at risk", ctx.name(top)));
    for &o in &chain {
        let obj = &ctx.repo.objects[o];
        let note = if o == chain[0] {
            format!("measures `{}`", obj.id().unwrap_or("?"))
        } else {
            format!("`{}` is above it", obj.id().unwrap_or("?"))
        };
        d = d.related(obj.file, obj.anchor, note);
    }
    d
}
