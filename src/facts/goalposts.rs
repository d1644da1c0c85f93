//! A KPI's moved goalposts (SPEC §5b): the newest change of its `baseline`
//! or `target`, as a number to another number, after it was set. History
//! follows each field as a facet of the KPI (`ID␟baseline`, `ID␟target`).

use crate::date::Date;
use crate::history::texts::{facet, facet_number};
use crate::history::{Change, Timeline};
use crate::model::KpiData;

/// A KPI's newest moved goalpost that its `revised` date does not cover:
/// what KPI004 reports, and the report shows where it fires.
#[derive(Debug, Clone, PartialEq)]
pub struct Moved {
    /// `baseline` or `target`.
    pub field: &'static str,
    /// The value before the change.
    pub from: f64,
    /// The value after it.
    pub to: f64,
    /// The change: its commit, or none for an uncommitted one (dated now).
    pub change: Change,
}

/// The newest change of `k`'s `baseline` or `target` (id `id`) after it
/// was set, as a number to another number (`target` when both changed at
/// once), unless `revised` covers its UTC day; `None` without history.
pub fn moved(id: &str, k: &KpiData, timeline: &Timeline) -> Option<Moved> {
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
        change: change.clone(),
    })
}
