//! KPI005 (SPEC §5b): a KPI whose last measurement is at least
//! `measure_every` old. Its last measurement is the later of its
//! `measured` date and the newest commit that changed its `current` (as a
//! number; added or removed counts; its first commit counts; an uncommitted
//! change counts as now), which history dates like any object's text.

use crate::date::{DAY, Date};
use crate::diagnostic::Diagnostic;
use crate::history::{Timeline, texts::current_facet};
use crate::model::{Kind, Number};
use crate::rules::Context;
use crate::schema::Code;

/// A KPI's last measurement (SPEC §5b): the later of its `measured` date
/// and the newest commit that changed its `current`.
pub struct LastMeasured<'t> {
    /// Unix time.
    pub time: i64,
    /// False at a shallow clone's boundary: the measurement is at least as old.
    pub exact: bool,
    /// The commit, when git dates it.
    pub commit: Option<&'t crate::history::CommitInfo>,
}

/// The last measurement of the KPI `id` (its payload `k`), as KPI005 and the
/// report read it; `None` when neither `measured` nor history says.
pub fn last_measured<'t>(
    id: &str,
    k: &crate::model::KpiData,
    timeline: &'t Timeline,
) -> Option<LastMeasured<'t>> {
    let measured = k.measured.as_ref().map(|m| m.value.unix());
    // From git: exact, or (at a shallow clone's boundary) a lower bound on the age.
    let change = timeline
        .git
        .as_ref()
        .and_then(|g| g.changes.get(&current_facet(id)));
    let (time, exact, commit) = match (change, measured) {
        (Some(c), Some(m)) if m >= c.time => (m, true, None),
        (Some(c), _) => (c.time, !c.lower_bound, c.commit.as_ref()),
        (None, Some(m)) => (m, true, None),
        (None, None) => return None,
    };
    Some(LastMeasured { time, exact, commit })
}

/// Runs KPI005.
pub fn check(ctx: &Context<'_>, timeline: &Timeline, out: &mut Vec<Diagnostic>) {
    for (i, o) in ctx.active() {
        let (Some(k), Some(id), true) = (o.as_kpi(), o.id(), o.kind == Kind::Kpi) else {
            continue;
        };
        let every = k
            .measure_every
            .as_ref()
            .map_or(ctx.config.measure_every, |m| m.value);
        let Some(LastMeasured { time: last, exact, commit }) = last_measured(id, k, timeline) else {
            continue;
        };
        // By UTC day, as every date is compared.
        let days = (Date::from_unix(timeline.now).unix() - Date::from_unix(last).unix()) / DAY;
        // A lower bound that does not prove staleness says nothing (no HL005 for KPIs).
        if days < every {
            continue;
        }
        let span = match (&k.current, &k.measured) {
            (Number::Value(v), _) => v.span,
            (_, Some(m)) => m.span,
            _ => o.anchor,
        };
        let when = Date::from_unix(last);
        let at_least = if exact { "" } else { "at least " };
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
