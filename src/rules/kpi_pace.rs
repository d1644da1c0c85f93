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
use crate::metrics;
use crate::model::{Direction, Kind, KpiData, Number};
use crate::rules::Context;
use crate::rules::kpi_motion::{self, upstream};
use crate::schema::Code;

/// A KPI behind pace, as KPI008 reports it and EXE006 reads it.
pub struct Behind {
    /// Its last measurement (UTC day), or now.
    pub measured: Date,
    /// The start of its period.
    pub start: Date,
    /// Its due date.
    pub due: Date,
    /// The share of the period passed at `measured`.
    pub elapsed: f64,
    /// The progress of the value measured then.
    pub progress: f64,
}

/// Whether KPI `i` is behind pace (SPEC §15), and how; `None` for an
/// object that is not an active KPI KPI008 judges, or one on pace.
pub fn behind(ctx: &Context<'_>, i: usize) -> Option<Behind> {
    let facts = ctx.facts?;
    let o = &ctx.repo.objects[i];
    let (Some(k), Some(_), true, true) = (o.as_kpi(), o.id(), o.kind == Kind::Kpi, o.is_active())
    else {
        return None;
    };
    if !matches!(k.current, Number::Value(_)) || !judged(k) || metrics::regressed(k) {
        return None;
    }
    let progress = metrics::kpi_progress(k)?;
    let today = Date::from_unix(ctx.now);
    // Past due is KPI007's to judge.
    let due = kpi_motion::due_of(ctx, i).map(|d| d.value).filter(|d| *d >= today)?;
    let start = start(k, facts.set(i)).filter(|s| *s < due)?;
    // Where the data is: the last measurement, else now.
    let measured = facts
        .measured(i)
        .map_or(today, |m| Date::from_unix(m.time));
    let elapsed = (measured.unix() - start.unix()) as f64 / (due.unix() - start.unix()) as f64;
    let behind = elapsed >= ctx.config.pace_after && progress < elapsed * ctx.config.pace_ratio;
    behind.then_some(Behind {
        measured,
        start,
        due,
        elapsed,
        progress,
    })
}

/// Runs KPI008.
pub fn check(ctx: &Context<'_>, _timeline: &Timeline, out: &mut Vec<Diagnostic>) {
    for (i, o) in ctx.active() {
        let Some(b) = behind(ctx, i) else {
            continue;
        };
        let span = match o.as_kpi().map(|k| &k.current) {
            Some(Number::Value(v)) => v.span,
            _ => o.anchor,
        };
        let days = (b.due.unix() - b.measured.unix()) / DAY;
        let d = ctx
            .about(
                Code::KPI008,
                i,
                span,
                format!(
                    "{} is behind pace: when last measured on {}, {} of the time from {} to {} had passed; progress was {}",
                    ctx.name(i),
                    b.measured,
                    metrics::percent(b.elapsed),
                    b.start,
                    b.due,
                    metrics::percent(b.progress),
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
fn start(k: &KpiData, set: Option<Date>) -> Option<Date> {
    [
        k.since.as_ref().map(|d| d.value),
        k.revised.as_ref().map(|d| d.value),
        set,
    ]
    .into_iter()
    .flatten()
    .max()
}
