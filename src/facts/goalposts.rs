//! A KPI's moved goalposts (SPEC §5b, §15): the newest change of its
//! `baseline` or `target`, or of a guardrail's `min` or `max`, as a number
//! to another number, after it was set. History follows each field as a
//! facet of the KPI (`ID␟baseline`, `ID␟target`, `ID␟min`, `ID␟max`).

use crate::date::Date;
use crate::history::texts::{facet, facet_number};
use crate::history::{Change, Timeline};
use crate::model::KpiData;

/// The fields whose changes move a KPI's goalposts, in the order that
/// names one of several changed by the same commit: the first wins.
const GOALPOSTS: [&str; 4] = ["target", "baseline", "max", "min"];

/// The fields whose changes move `k`'s goalposts: its baseline and target,
/// and a guardrail's bounds too (a KPI without them is judged as before).
/// History dates each as a facet of the KPI.
pub fn fields(k: &KpiData) -> &'static [&'static str] {
    if k.is_guardrail() {
        &GOALPOSTS
    } else {
        &GOALPOSTS[..2]
    }
}

/// A KPI's newest moved goalpost that its `revised` date does not cover:
/// what KPI004 reports, and the report shows where it fires.
#[derive(Debug, Clone, PartialEq)]
pub struct Moved {
    /// `baseline` or `target`, or a guardrail's `min` or `max`.
    pub field: &'static str,
    /// The value before the change.
    pub from: f64,
    /// The value after it.
    pub to: f64,
    /// The change: its commit, or none for an uncommitted one (dated now).
    pub change: Change,
}

/// The UTC day KPI `id`'s current baseline and target were set: the
/// newest change git shows of either (KPI008 starts a period there).
pub fn set(id: &str, timeline: &Timeline) -> Option<Date> {
    let git = timeline.git.as_ref()?;
    let mut key = facet(id, "baseline");
    let baseline = git.changes.get(&key).map(|c| c.time);
    key.truncate(key.len() - "baseline".len());
    key.push_str("target");
    let target = git.changes.get(&key).map(|c| c.time);
    baseline.max(target).map(Date::from_unix)
}

/// The newest change of `k`'s `baseline` or `target`, or, for a guardrail,
/// of its `min` or `max` (id `id`), after it was set, as a number to
/// another number (of several changed at once, the first of `target`,
/// `baseline`, `max`, `min`), unless `revised` covers its UTC day; `None`
/// without history.
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
    let newest = fields(k).iter().filter_map(|f| changed(f)).fold(
        None,
        |newest: Option<(_, &Change, _, _)>, c| match newest {
            Some(n) if n.1.time >= c.1.time => Some(n),
            _ => Some(c),
        },
    );
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
