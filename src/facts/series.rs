//! A KPI's measurements over the activity window (SPEC §14): each commit
//! that changed its `current` (as a number) and each that set `measured`
//! (a re-measurement at the same value), the working tree counting as now
//! where it differs from HEAD; the value in force at the window's start and
//! at its end; whether it improved over the window, and whether it is flat.
//! History reads them ([`crate::history::Dates::series`]) only for a project
//! with initiatives: EXE005 (velocity without impact) judges them.

use crate::history::texts::{NO_VALUE, current_facet, facet, facet_number};
use crate::history::{Change, Timeline};
use crate::metrics::{self, Better};
use crate::model::KpiData;

/// A KPI's measurements in the window `now − window < t ≤ now`.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Each measurement in the window, oldest first: its time and the
    /// `current` in force then (`None`: no number).
    pub points: Vec<(i64, Option<f64>)>,
    /// The `current` in force at the window's start (`None`: none then).
    pub start: Option<f64>,
    /// The `current` at the window's end (now).
    pub end: Option<f64>,
    /// Measured in the window, and its value at the end strictly on the
    /// better side of its value at the start (of `baseline`, with no value
    /// at the start).
    pub improved: bool,
    /// Measured in the window, not improved, and its target not met at the
    /// end (a held `maintain` target is met; a KPI without a baseline, a
    /// target or a value now is never flat).
    pub flat: bool,
}

/// The value in force at `t` from `changes` (newest first, read back to
/// the first at or before the window's start), or `current` when history
/// shows none.
pub(crate) fn value_at(changes: &[Change], t: i64, current: Option<f64>) -> Option<f64> {
    if changes.is_empty() {
        return current;
    }
    match changes.iter().find(|c| c.time <= t) {
        Some(c) => c.after.and_then(facet_number),
        None => changes.last().and_then(|c| c.before).and_then(facet_number),
    }
}

/// KPI `id`'s series (its payload `k`), when history read it: `None`
/// without git's dates, or when history was not asked for it (a project
/// with no initiative).
pub fn series(id: &str, k: &KpiData, timeline: &Timeline, window: i64) -> Option<Series> {
    let git = timeline.git.as_ref()?;
    if !git.series_read {
        return None;
    }
    let now = timeline.now;
    let since = now - window * 86_400;
    let none = Vec::new();
    let current = git.series.get(&current_facet(id)).unwrap_or(&none);
    let measured = git.series.get(&facet(id, "measured")).unwrap_or(&none);
    let now_value = metrics::values(k).2;
    let inside = |t: i64| since < t && t <= now;
    let mut points: Vec<(i64, Option<f64>)> = current
        .iter()
        .filter(|c| inside(c.time))
        .map(|c| (c.time, c.after.and_then(facet_number)))
        .collect();
    // A `measured` set (not removed) is a measurement at the value then.
    let set = |m: &&Change| m.after.is_some_and(|v| v != NO_VALUE);
    for m in measured.iter().filter(|m| inside(m.time)).filter(set) {
        points.push((m.time, value_at(current, m.time, now_value)));
    }
    // Oldest first; one commit that changed both is one measurement.
    points.sort_by_key(|p| p.0);
    points.dedup_by_key(|p| p.0);
    let start = value_at(current, since, now_value);
    let end = now_value;
    let measured_in = !points.is_empty();
    let reference = start.or_else(|| metrics::values(k).0);
    let improved = measured_in
        && match (metrics::better(k), reference, end) {
            (Some(Better::Higher), Some(a), Some(b)) => b > a,
            (Some(Better::Lower), Some(a), Some(b)) => b < a,
            _ => false,
        };
    // Without a baseline, a target or a value now there is no better side
    // to judge by: neither improved nor flat.
    let missed = metrics::target_met(k) == Some(false);
    Some(Series {
        points,
        start,
        end,
        improved,
        flat: measured_in && !improved && missed,
    })
}
