//! KPI008 (SPEC §15): a KPI behind pace. A target set for a date is judged
//! against the time that has passed, not only at the deadline: at the
//! KPI's last measurement, the share of its period gone by and the
//! progress of the value measured then.
//!
//! The period runs from its start, the latest of `since`, `revised` and
//! the UTC day its current baseline and target were set (the newest change
//! git shows of either, which the walk dates as facets of the KPI), to its
//! `due` (else its objective's). The last measurement is the one KPI005
//! reads ([`crate::facts::measured`]), else now.

use crate::date::{DAY, Date};
use crate::diagnostic::Diagnostic;
use crate::history::Timeline;
use crate::history::texts::facet;
use crate::metrics;
use crate::model::{Direction, Kind, KpiData, Number};
use crate::rules::Context;
use crate::rules::kpi_motion::upstream;
use crate::schema::{Code, Relation};

/// Runs KPI008.
pub fn check(ctx: &Context<'_>, timeline: &Timeline, out: &mut Vec<Diagnostic>) {
    // The facts are set for the checks that read the timeline.
    let Some(facts) = ctx.facts else { return };
    let today = Date::from_unix(ctx.now);
    for (i, o) in ctx.active() {
        let (Some(k), Some(id), true) = (o.as_kpi(), o.id(), o.kind == Kind::Kpi) else {
            continue;
        };
        let Number::Value(current) = &k.current else {
            continue;
        };
        if !judged(k) || metrics::regressed(k) {
            continue;
        }
        let Some(progress) = metrics::kpi_progress(k) else {
            continue;
        };
        let objective = ctx.graph.target(i, Relation::Measures);
        let due = k.due.as_ref().or_else(|| {
            objective
                .and_then(|p| ctx.repo.objects[p].as_objective())
                .and_then(|d| d.due.as_ref())
        });
        // Past due is KPI007's to judge.
        let Some(due) = due.map(|d| d.value).filter(|d| *d >= today) else {
            continue;
        };
        let Some(start) = start(id, k, timeline).filter(|s| *s < due) else {
            continue;
        };
        // Where the data is: the last measurement, else now.
        let measured = facts
            .measured(i)
            .map_or(today, |m| Date::from_unix(m.time));
        let elapsed = (measured.unix() - start.unix()) as f64 / (due.unix() - start.unix()) as f64;
        if elapsed < ctx.config.pace_after || progress >= elapsed * ctx.config.pace_ratio {
            continue;
        }
        let days = (due.unix() - measured.unix()) / DAY;
        let d = ctx
            .about(
                Code::KPI008,
                i,
                current.span,
                format!(
                    "{} is behind pace: when last measured on {measured}, {} of the time from {start} to {due} had passed; progress was {}",
                    ctx.name(i),
                    metrics::percent(elapsed),
                    metrics::percent(progress),
                ),
            )
            .help(format!(
                "{days} days remain to close the gap: start the work that moves it, or revise the target on purpose (`revised`) or its period (`since`, `due`); `pace = \"none\"` for a KPI that moves in steps"
            ));
        out.push(upstream(ctx, i, d));
    }
}

/// Whether KPI008 judges a KPI's pace at all: not with `pace = "none"`,
/// not one that holds its target (`maintain`), not a milestone (baseline
/// and target whole numbers one apart, such as 0 → 1, which moves in one
/// step).
fn judged(k: &KpiData) -> bool {
    let none = k.pace.as_ref().is_some_and(|p| p.value == "none");
    let maintain = matches!(
        k.direction.as_ref().map(|d| d.value),
        Some(Direction::Maintain)
    );
    let milestone = match metrics::values(k) {
        (Some(b), Some(t), _) => b.fract() == 0.0 && t.fract() == 0.0 && (t - b).abs() == 1.0,
        _ => false,
    };
    !none && !maintain && !milestone
}

/// The start of a KPI's period: the latest of `since`, `revised` and the
/// UTC day git shows its baseline or target last set; `None` when none is
/// known (no dates written, and no history).
fn start(id: &str, k: &KpiData, timeline: &Timeline) -> Option<Date> {
    let set = timeline.git.as_ref().and_then(|git| {
        ["baseline", "target"]
            .iter()
            .filter_map(|field| git.changes.get(&facet(id, field)))
            .map(|c| Date::from_unix(c.time))
            .max()
    });
    [
        k.since.as_ref().map(|d| d.value),
        k.revised.as_ref().map(|d| d.value),
        set,
    ]
    .into_iter()
    .flatten()
    .max()
}
