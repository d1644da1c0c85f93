//! EXE004 (SPEC §14): no first signal. An active initiative with `moves`
//! whose first signal is before today, where a KPI it names was measured on
//! or after the first-signal day, and none of them has changed its
//! `current` the expected way since the initiative started.

use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::history::Timeline;
use crate::rules::Context;
use crate::schema::Code;

/// Runs EXE004: only with git's dates and facts.
pub fn check(ctx: &Context<'_>, timeline: &Timeline, out: &mut Vec<Diagnostic>) {
    let Some(facts) = ctx.facts else { return };
    if timeline.git.is_none() {
        return;
    }
    let objects = &ctx.repo.objects;
    for (i, o) in ctx.active() {
        let (Some(data), Some(signal)) = (o.as_initiative(), facts.signal(i)) else {
            continue;
        };
        let (true, Some(due), Some(at)) = (signal.overdue, signal.due, data.first_signal.as_ref())
        else {
            continue;
        };
        // The KPIs of `moves`, with their last measurements.
        let mut last: Option<i64> = None;
        let mut related = Vec::new();
        for (kpi, _) in &signal.moved {
            let Some(k) = ctx.graph.get(kpi) else { continue };
            let measured = facts.measured(k).map(|m| m.time);
            last = last.max(measured);
            let when = measured.map_or("never measured".to_owned(), |t| {
                format!("last measured on {}", Date::from_unix(t))
            });
            let obj = &objects[k];
            related.push((obj.file, obj.anchor, format!("`{kpi}`: {when}")));
        }
        let last = last.map_or("never".to_owned(), |t| Date::from_unix(t).to_string());
        let kpis: Vec<String> = signal.moved.iter().map(|(k, _)| format!("`{k}`")).collect();
        let msg = format!(
            "{} shows no first signal: due on {due}, it started on {}, and {} has not moved the expected way since (last measured {last})",
            ctx.name(i),
            signal.start,
            kpis.join(", "),
        );
        let mut d = ctx
            .about(Code::EXE004, i, at.span, msg)
            .help("scale it, change it or stop it (`status = \"stopped\"`); or, if the signal is only late, set a later `first_signal`");
        for (file, span, note) in related {
            d = d.related(file, span, note);
        }
        out.push(d);
    }
}
