//! When a debt item was registered (SPEC §14, DEBT002 and the report's
//! debt register): the latest of its `since` and `reviewed` dates, or,
//! where neither is given, the UTC day of the first commit in which it
//! exists (now when it is not committed yet).

use crate::date::Date;
use crate::history::Timeline;
use crate::model::Object;

/// A debt item's registration day, when it is known: from `since` or
/// `reviewed` always, from history only when git's dates were read
/// (`None` with `--no-history` or outside git for an item with neither).
pub fn registered(o: &Object, timeline: &Timeline) -> Option<Date> {
    let debt = o.as_debt()?;
    let written = [&debt.since, &debt.reviewed]
        .into_iter()
        .flatten()
        .map(|d| d.value)
        .max();
    if written.is_some() {
        return written;
    }
    let git = timeline.git.as_ref()?;
    let first = o
        .id()
        .and_then(|id| git.first_seen.get(id).copied())
        .unwrap_or(timeline.now);
    Some(Date::from_unix(first))
}
