//! EXE005 (SPEC §14): velocity without impact. An active objective is
//! *busy* when its activity in `execution.window` reaches
//! `execution.min_activity`, or a `delivery` KPI measuring it or a
//! descendant improved in the window; it is *flat* when an active outcome
//! KPI measuring it or a descendant was measured in the window and every
//! such KPI that was is flat. It is reported on each busy and flat
//! objective none of whose child objectives is busy and flat.

use crate::diagnostic::Diagnostic;
use crate::facts::{Facts, activity};
use crate::history::Timeline;
use crate::model::Kind;
use crate::rules::Context;
use crate::schema::{Code, Relation};

/// How many flat KPIs the message gives as evidence.
const EVIDENCE: usize = 3;

/// What EXE005 finds about one objective.
struct Verdict {
    /// Its activity in the window.
    activity: usize,
    /// Busy and flat.
    busy_and_flat: bool,
    /// The flat outcome KPIs measured in the window, in file order.
    flat: Vec<usize>,
}

fn verdict(ctx: &Context<'_>, facts: &Facts, i: usize) -> Verdict {
    let objects = &ctx.repo.objects;
    let activity = facts.objective_activity(i).unwrap_or(0);
    let mut delivery_improved = false;
    let mut measured_outcomes = 0;
    let mut flat = Vec::new();
    for o in ctx.graph.subtree(i) {
        for e in ctx.graph.incoming(o) {
            let k = &objects[e.from];
            let (Relation::Measures, true, Some(data)) = (e.relation, k.is_active(), k.as_kpi())
            else {
                continue;
            };
            let Some(series) = facts.series(e.from) else {
                continue;
            };
            if data.is_delivery() {
                delivery_improved |= series.improved;
            } else if !series.points.is_empty() {
                measured_outcomes += 1;
                if series.flat {
                    flat.push(e.from);
                }
            }
        }
    }
    flat.sort_unstable();
    let busy = activity >= ctx.config.execution.min_activity || delivery_improved;
    let all_flat = measured_outcomes > 0 && flat.len() == measured_outcomes;
    Verdict {
        activity,
        busy_and_flat: busy && all_flat,
        flat,
    }
}

/// A KPI's values as the message writes them: each with as many decimals
/// as the most precise of them needs (at most four), so that `3.1 → 3.0 →
/// 3.1` reads as one series; `none` for no value.
fn shown(values: &[Option<f64>]) -> Vec<String> {
    let decimals = |x: f64| {
        let s = format!("{x:.4}");
        let t = s.trim_end_matches('0');
        t.len() - t.find('.').map_or(t.len(), |d| d + 1)
    };
    let places = values.iter().flatten().map(|&x| decimals(x)).max().unwrap_or(0);
    values
        .iter()
        .map(|x| x.map_or("none".to_owned(), |x| format!("{x:.places$}")))
        .collect()
}

/// Runs EXE005: only with git's dates and facts.
pub fn check(ctx: &Context<'_>, timeline: &Timeline, out: &mut Vec<Diagnostic>) {
    let Some(facts) = ctx.facts else { return };
    if timeline.git.is_none() {
        return;
    }
    let objects = &ctx.repo.objects;
    let judged: Vec<Option<Verdict>> = objects
        .iter()
        .enumerate()
        .map(|(i, o)| {
            (o.kind == Kind::Objective && o.is_active() && o.id().is_some())
                .then(|| verdict(ctx, facts, i))
        })
        .collect();
    let window = ctx.config.execution.window;
    for (i, v) in judged.iter().enumerate() {
        let Some(v) = v.as_ref().filter(|v| v.busy_and_flat) else {
            continue;
        };
        let child_too = ctx
            .graph
            .children(i)
            .any(|c| judged[c].as_ref().is_some_and(|c| c.busy_and_flat));
        if child_too {
            continue;
        }
        let o = &objects[i];
        let Some(id) = &o.id else { continue };
        let evidence: Vec<String> = v
            .flat
            .iter()
            .take(EVIDENCE)
            .filter_map(|&k| {
                let s = facts.series(k)?;
                let mut values = vec![s.start];
                values.extend(s.points.iter().map(|p| p.1));
                Some(format!(
                    "{} {}",
                    objects[k].id().unwrap_or("?"),
                    shown(&values).join(" → ")
                ))
            })
            .collect();
        let more = v.flat.len().saturating_sub(EVIDENCE);
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        let commits = if v.activity == 1 { "commit" } else { "commits" };
        let msg = format!(
            "{} is busy but its outcome KPIs are flat: {} {commits} in the last {window} days, while {}{more} did not improve",
            ctx.name(i),
            v.activity,
            evidence.join(", "),
        );
        let mut d = ctx
            .about(Code::EXE005, i, id.span, msg)
            .help("check whether the work serves this objective's outcome: scale, change or stop the initiatives, or revisit the KPIs");
        // The initiatives that count for it, most active first, then by id.
        let mut counting: Vec<(usize, usize)> = Vec::new();
        for o in ctx.graph.subtree(i) {
            for e in ctx.graph.incoming(o) {
                let init = &objects[e.from];
                if e.relation == Relation::Serves
                    && init.kind == Kind::Initiative
                    && activity::counts(init, timeline, window)
                    && !counting.iter().any(|c| c.1 == e.from)
                {
                    let n = facts.activity(e.from).map_or(0, |a| a.in_window);
                    counting.push((n, e.from));
                }
            }
        }
        counting.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| objects[a.1].id().cmp(&objects[b.1].id()))
        });
        for (n, k) in counting {
            let init = &objects[k];
            let s = if n == 1 { "" } else { "s" };
            d = d.related(
                init.file,
                init.anchor,
                format!("`{}`: {n} linked commit{s} in the window", init.id().unwrap_or("?")),
            );
        }
        // The objectives above it, up to the top.
        let mut listed = vec![i];
        let mut cur = ctx.graph.parent(i);
        while let Some(p) = cur.filter(|p| !listed.contains(p)) {
            listed.push(p);
            let obj = &objects[p];
            d = d.related(
                obj.file,
                obj.anchor,
                format!("`{}` is above it", obj.id().unwrap_or("?")),
            );
            cur = ctx.graph.parent(p);
        }
        out.push(d);
    }
}
