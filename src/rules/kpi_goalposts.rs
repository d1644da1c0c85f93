//! KPI004 (SPEC §5b): moving goalposts. A KPI's `baseline` and `target` are
//! set by the first commit that has it; a later commit (or the working tree)
//! that changes either, as a number, moves the goalposts unless the KPI's
//! `revised` date covers the change's UTC day. History follows each field
//! as a facet of the KPI (`ID␟baseline`, `ID␟target`) and dates its newest
//! change, so moving the KPI between files, reformatting it or editing other
//! fields does not count.

use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::history::texts::{facet, facet_number};
use crate::history::{Change, Timeline};
use crate::model::{Kind, KpiData, Number};
use crate::rules::Context;
use crate::schema::Code;

/// A KPI's newest moved goalpost that its `revised` date does not cover:
/// what KPI004 reports, and the report shows where it fires.
#[derive(Debug, Clone, Copy)]
pub struct Moved<'a> {
    /// `baseline` or `target`.
    pub field: &'static str,
    /// The value before the change.
    pub from: f64,
    /// The value after it.
    pub to: f64,
    /// The change: its commit, or none for an uncommitted one (dated now).
    pub change: &'a Change,
}

/// The newest change of `k`'s `baseline` or `target` (id `id`) after it
/// was set, as a number to another number (`target` when both changed at
/// once), unless `revised` covers its UTC day; `None` without history.
pub fn moved<'a>(id: &str, k: &KpiData, timeline: &'a Timeline) -> Option<Moved<'a>> {
    let git = timeline.git.as_ref()?;
    // The newest real change of each field: one that moved a number to
    // another number (not the commit that set the KPI, nor one that
    // added or removed the field).
    let changed = |field: &'static str| {
        let c = git.changes.get(&facet(id, field))?;
        let from = facet_number(c.before?)?;
        let to = c.after.and_then(facet_number);
        Some((field, c, from, to))
    };
    let newest = match (changed("target"), changed("baseline")) {
        (Some(t), Some(b)) => Some(if b.1.time > t.1.time { b } else { t }),
        (t, b) => t.or(b),
    };
    let (field, change, from, to) = newest?;
    let to = to?;
    let day = Date::from_unix(change.time);
    if k.revised.as_ref().is_some_and(|r| r.value >= day) {
        return None;
    }
    Some(Moved {
        field,
        from,
        to,
        change,
    })
}

/// Runs KPI004.
pub fn check(ctx: &Context<'_>, timeline: &Timeline, out: &mut Vec<Diagnostic>) {
    for (i, o) in ctx.active() {
        let (Some(k), Some(id), true) = (o.as_kpi(), o.id(), o.kind == Kind::Kpi) else {
            continue;
        };
        let Some(m) = moved(id, k, timeline) else {
            continue;
        };
        let number = if m.field == "target" {
            &k.target
        } else {
            &k.baseline
        };
        let span = match number {
            Number::Value(v) => v.span,
            Number::Invalid(span) => *span,
            Number::Missing => o.anchor,
        };
        out.push(report(ctx, i, m.field, span, m.change, m.from, m.to));
    }
}

/// The KPI004 diagnostic for one moved field.
fn report(
    ctx: &Context<'_>,
    i: usize,
    field: &str,
    span: crate::source::Span,
    change: &Change,
    before: f64,
    after: f64,
) -> Diagnostic {
    let o = &ctx.repo.objects[i];
    let when = match &change.commit {
        Some(c) => format!("on {}", c.date),
        None => "in an uncommitted change".to_owned(),
    };
    let mut d = ctx
        .about(
            Code::KPI004,
            i,
            span,
            format!(
                "{}'s {field} was moved from {before} to {after} {when}, after it was set",
                ctx.name(i)
            ),
        )
        .help("if the change is deliberate, add `revised = YYYY-MM-DD` (the day of the change or later) to the KPI; otherwise restore the original value");
    if let Some(c) = &change.commit {
        d = d.related(
            o.file,
            o.anchor,
            format!("`{field}` changed by commit {} on {}: {}", c.short, c.date, c.subject),
        );
    }
    d
}
