//! An initiative's first signal (SPEC §14, EXE004 and the report): from its
//! start, did each KPI it names in `moves` change its `current` the way the
//! sign says, was any of them measured on or after the first-signal day, and
//! is the first signal therefore overdue.

use crate::date::Date;
use crate::history::texts::{NO_VALUE, current_facet, facet, facet_number};
use crate::history::{Change, Timeline};
use crate::model::{Number, Object};

use super::activity;

/// What history says of an initiative's first signal.
#[derive(Debug, Clone, PartialEq)]
pub struct FirstSignal {
    /// The day it started: `started`, else its first commit (now when not
    /// committed yet).
    pub start: Date,
    /// Its first-signal day, when it has one.
    pub due: Option<Date>,
    /// Each KPI of `moves` (in the order written) and whether its `current`
    /// changed in the expected direction since the start (a commit, or the
    /// working tree).
    pub moved: Vec<(String, bool)>,
    /// Whether a KPI of `moves` was measured on or after the first-signal
    /// day (a change of `current`, a `measured` set).
    pub evidence: bool,
    /// EXE004's condition: active, with `moves`, the first signal before
    /// today, evidence, and nothing moved the expected way.
    pub overdue: bool,
}

/// Whether a change moved a facet's number the way `sign` says.
fn moved_by(c: &Change, sign: f64) -> bool {
    match (
        c.before.and_then(facet_number),
        c.after.and_then(facet_number),
    ) {
        (Some(a), Some(b)) => (b - a) * sign > 0.0,
        _ => false,
    }
}

/// The first signal of initiative `o`, when history read the series of its
/// KPIs (`None` without git's dates, or when the rules did not ask).
pub fn first_signal(o: &Object, timeline: &Timeline) -> Option<FirstSignal> {
    let data = o.as_initiative()?;
    let git = timeline.git.as_ref()?;
    if !git.series_read {
        return None;
    }
    let start = activity::started(o, timeline);
    let due = activity::first_signal(o, timeline);
    let none = Vec::new();
    let mut moved = Vec::new();
    let mut evidence = false;
    for (kpi, amount) in &data.moves {
        let Number::Value(amount) = amount else {
            continue;
        };
        // A shallow clone's boundary is no measurement: only the commits
        // inside the clone count.
        let real = |c: &&Change| !c.lower_bound;
        let current: Vec<&Change> = git
            .series
            .get(&current_facet(kpi))
            .unwrap_or(&none)
            .iter()
            .filter(real)
            .collect();
        let measured: Vec<&Change> = git
            .series
            .get(&facet(kpi, "measured"))
            .unwrap_or(&none)
            .iter()
            .filter(real)
            .collect();
        let since_start = current
            .iter()
            .filter(|c| c.time >= start.unix())
            .any(|c| moved_by(c, amount.value.signum()));
        moved.push((kpi.clone(), since_start));
        if let Some(due) = due {
            let after = |c: &&&Change| c.time >= due.unix();
            let set = |c: &&&Change| c.after.is_some_and(|v| v != NO_VALUE);
            evidence |= current.iter().filter(after).any(|c| c.after.is_some())
                || measured.iter().filter(after).any(|c| set(&c));
        }
    }
    let today = Date::from_unix(timeline.now);
    let overdue = data.status() == "active"
        && !moved.is_empty()
        && due.is_some_and(|d| d < today)
        && evidence
        && !moved.iter().any(|(_, m)| *m);
    Some(FirstSignal {
        start,
        due,
        moved,
        evidence,
        overdue,
    })
}
