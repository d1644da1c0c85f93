//! Dates that record the past may not lie in the future (SPEC §3): a
//! `reviewed`, `measured` or `revised` after now's UTC day is SL006, and
//! the object is then judged as if the field were absent. Parsing knows no
//! `now`, so this runs on the loaded model, before any rule reads it.

use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::graph::describe;
use crate::model::{Payload, Repository, Spanned};
use crate::schema::Code;

/// Takes every `reviewed`, `measured` and `revised` after now's UTC day
/// out of `repo`, with an SL006 for each (at the value) added to `out`.
pub fn clear(repo: &mut Repository, now: i64, out: &mut Vec<Diagnostic>) {
    let today = Date::from_unix(now);
    let mut cleared = Vec::new();
    for (index, o) in repo.objects.iter_mut().enumerate() {
        let mut found: Vec<(&'static str, Spanned<Date>)> = Vec::new();
        let mut take = |field: &'static str, slot: &mut Option<Spanned<Date>>| {
            if slot.as_ref().is_some_and(|d| d.value > today) {
                found.extend(slot.take().map(|d| (field, d)));
            }
        };
        match &mut o.payload {
            Payload::Thesis(a) | Payload::Principle(a) => take("reviewed", &mut a.reviewed),
            Payload::Kpi(k) => {
                take("measured", &mut k.measured);
                take("revised", &mut k.revised);
            }
            _ => {}
        }
        for (field, date) in found {
            cleared.push((index, field, date.clone()));
            let what = match field {
                "reviewed" => "a review",
                "measured" => "a measurement",
                _ => "a revision",
            };
            out.push(
                Diagnostic::new(
                    Code::SL006,
                    o.file,
                    date.span,
                    format!(
                        "`{field}` of {} is in the future: {} is after today ({today})",
                        describe(o),
                        date.value
                    ),
                )
                .object(o.id(), Some(index))
                .key(field.to_owned())
                .help(format!(
                    "`{field}` records when {what} happened: write that day (today at the latest); until then it is read as absent"
                )),
            );
        }
    }
    repo.cleared = cleared;
}

/// Puts back what [`clear`] took out of `repo`.
pub fn restore(repo: &mut Repository) {
    for (index, field, date) in std::mem::take(&mut repo.cleared) {
        let Some(o) = repo.objects.get_mut(index) else {
            continue;
        };
        let slot = match (&mut o.payload, field) {
            (Payload::Thesis(a) | Payload::Principle(a), "reviewed") => &mut a.reviewed,
            (Payload::Kpi(k), "measured") => &mut k.measured,
            (Payload::Kpi(k), "revised") => &mut k.revised,
            _ => continue,
        };
        *slot = Some(date);
    }
}
