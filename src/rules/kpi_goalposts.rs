//! KPI004 (SPEC §5b, §15): moving goalposts. A KPI's `baseline` and
//! `target` (and a guardrail's `min` and `max`) are set by the first commit
//! that has it; a later commit (or the working tree) that changes one, as a
//! number, moves the goalposts unless the KPI's `revised` date covers the
//! change's UTC day. History follows each field as a facet of the KPI
//! (`ID␟baseline`, `ID␟target`, `ID␟min`, `ID␟max`) and dates its newest
//! change, so moving the KPI between files, reformatting it or editing other
//! fields does not count. The moved goalpost is a fact
//! ([`crate::facts::goalposts`]), which the report shows too.

use crate::diagnostic::Diagnostic;
use crate::history::{Change, Timeline};
use crate::model::{Kind, Number};
use crate::rules::Context;
use crate::schema::Code;

/// Runs KPI004.
pub fn check(ctx: &Context<'_>, _timeline: &Timeline, out: &mut Vec<Diagnostic>) {
    // The facts are set for the checks that read the timeline.
    let Some(facts) = ctx.facts else { return };
    for (i, o) in ctx.active() {
        let (Some(k), Some(_), true) = (o.as_kpi(), o.id(), o.kind == Kind::Kpi) else {
            continue;
        };
        let Some(m) = facts.moved(i) else {
            continue;
        };
        let number = match m.field {
            "target" => &k.target,
            "min" => &k.min,
            "max" => &k.max,
            _ => &k.baseline,
        };
        let span = match number {
            Number::Value(v) => v.span,
            Number::Invalid(span) => *span,
            Number::Missing => o.anchor,
        };
        out.push(report(ctx, i, m.field, span, &m.change, m.from, m.to));
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
