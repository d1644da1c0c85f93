//! A KPI's last measurement (SPEC §5b): the later of its `measured` date
//! and the newest commit that changed its `current` (as a number; added or
//! removed counts; its first commit counts; an uncommitted change counts
//! as now), which history dates like any object's text.

use crate::history::{CommitInfo, Timeline, texts::current_facet};
use crate::model::KpiData;

/// A KPI's last measurement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastMeasured {
    /// Unix time.
    pub time: i64,
    /// False at a shallow clone's boundary: the measurement is at least as old.
    pub exact: bool,
    /// The commit, when git dates it.
    pub commit: Option<CommitInfo>,
}

/// The last measurement of the KPI `id` (its payload `k`); `None` when
/// neither `measured` nor history says.
pub fn last_measured(id: &str, k: &KpiData, timeline: &Timeline) -> Option<LastMeasured> {
    let measured = k.measured.as_ref().map(|m| m.value.unix());
    // From git: exact, or (at a shallow clone's boundary) a lower bound on the age.
    let change = timeline
        .git
        .as_ref()
        .and_then(|g| g.changes.get(&current_facet(id)));
    let (time, exact, commit) = match (change, measured) {
        (Some(c), Some(m)) if m >= c.time => (m, true, None),
        (Some(c), _) => (c.time, !c.lower_bound, c.commit.clone()),
        (None, Some(m)) => (m, true, None),
        (None, None) => return None,
    };
    Some(LastMeasured {
        time,
        exact,
        commit,
    })
}
