//! A KPI's values by quarter (SPEC §12, the report's KPI history): the
//! `current` in force at the end of each of the three quarters before now's,
//! read from git, and the value now, labelled with now's quarter. History
//! reads the changes of `current` back far enough only when asked
//! ([`crate::analysis::Options::kpi_history`], the report).

use crate::date::Date;
use crate::history::Timeline;
use crate::history::texts::current_facet;
use crate::metrics;
use crate::model::KpiData;
use crate::quarters::Quarter;

use super::series::value_at;

/// The value in force at the end of one quarter (now, for now's).
#[derive(Debug, Clone, PartialEq)]
pub struct QuarterValue {
    /// The quarter.
    pub quarter: Quarter,
    /// `current` then: `None` where the KPI or its value did not exist, or
    /// history was not read.
    pub current: Option<f64>,
}

/// KPI `id`'s (payload `k`) four values, oldest first: at the end of each
/// of the three quarters before now's (quarters starting in `start_month`)
/// and now. Without history read back to those quarters, the past ones
/// are `None`.
pub fn by_quarter(
    id: &str,
    k: &KpiData,
    timeline: &Timeline,
    start_month: u32,
) -> Vec<QuarterValue> {
    let now_value = metrics::values(k).2;
    let quarters = Quarter::last_four(Date::from_unix(timeline.now), start_month);
    let git = timeline.git.as_ref().filter(|g| g.series_read);
    let facet = current_facet(id);
    let none = Vec::new();
    let changes = git.and_then(|g| g.series.get(&facet)).unwrap_or(&none);
    let [q1, q2, q3, now] = quarters;
    let mut values: Vec<QuarterValue> = [q1, q2, q3]
        .into_iter()
        .map(|quarter| {
            // The last second of its last day.
            let end = Date(quarter.last.0 + 1).unix() - 1;
            let read = git.is_some_and(|g| g.series_since.is_some_and(|since| since <= end));
            QuarterValue {
                quarter,
                current: read.then(|| value_at(changes, end, now_value)).flatten(),
            }
        })
        .collect();
    values.push(QuarterValue {
        quarter: now,
        current: now_value,
    });
    values
}
