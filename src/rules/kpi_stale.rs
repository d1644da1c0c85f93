//! KPI005 (SPEC §5b): a KPI whose last measurement is at least
//! `measure_every` old. Its last measurement is the later of its
//! `measured` date and the newest commit that changed its `current` (as a
//! number; added or removed counts; its first commit counts; an uncommitted
//! change counts as now), which history dates like any object's text
//! ([`crate::facts::measured`]).

use crate::date::{DAY, Date};
use crate::diagnostic::Diagnostic;
use crate::facts::LastMeasured;
use crate::history::Timeline;
use crate::model::{Kind, Number};
use crate::rules::Context;
use crate::schema::Code;

/// Runs KPI005.
pub fn check(ctx: &Context<'_>, timeline: &Timeline, out: &mut Vec<Diagnostic>) {
    // The facts are set for the checks that read the timeline.
    let Some(facts) = ctx.facts else { return };
    for (i, o) in ctx.active() {
        let (Some(k), Some(_), true) = (o.as_kpi(), o.id(), o.kind == Kind::Kpi) else {
            continue;
        };
        let every = k
            .measure_every
            .as_ref()
            .map_or(ctx.config.measure_every, |m| m.value);
        let Some(LastMeasured { time: last, exact, commit }) = facts.measured(i) else {
            continue;
        };
        // By UTC day, as every date is compared.
        let days = (Date::from_unix(timeline.now).unix() - Date::from_unix(*last).unix()) / DAY;
        // A lower bound that does not prove staleness says nothing (no HL005 for KPIs).
        if days < every {
            continue;
        }
        let span = match (&k.current, &k.measured) {
            (Number::Value(v), _) => v.span,
            (_, Some(m)) => m.span,
            _ => o.anchor,
        };
        let when = Date::from_unix(*last);
        let at_least = if *exact { "" } else { "at least " };
        let mut d = ctx
            .about(
                Code::KPI005,
                i,
                span,
                format!(
                    "{} was last measured on {when}, {at_least}{days} days ago; it is expected every {every} days",
                    ctx.name(i)
                ),
            )
            .help("update `current` with a fresh measurement, or run `stratlint review ID` to record that it was re-measured unchanged");
        if let Some(c) = commit {
            d = d.related(
                o.file,
                o.anchor,
                format!("`current` last changed by commit {} on {}: {}", c.short, c.date, c.subject),
            );
        }
        out.push(d);
    }
}
