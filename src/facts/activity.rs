//! The work git records (SPEC §14): the commits linked to each initiative,
//! its activity in `execution.window` (`now − window < t ≤ now`, committer
//! time) and the day of its newest linked commit; and each objective's
//! activity, the distinct commits linked in the window to the initiatives
//! that count for it. Without git's dates (`--no-history`, outside git)
//! there is none.

use std::collections::BTreeSet;

use git2::Oid;

use crate::date::Date;
use crate::graph::Graph;
use crate::history::Timeline;
use crate::history::texts::status_facet;
use crate::model::{Kind, Object, Repository, Signal};
use crate::schema::Relation;

/// What git records of one initiative's work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    /// Its linked commits (id, committer time), newest first (git's order).
    pub commits: Vec<(Oid, i64)>,
    /// How many of them fall in the window.
    pub in_window: usize,
    /// The UTC day of its newest linked commit, at any time.
    pub last: Option<Date>,
}

/// Whether committer time `t` falls in the window of `window` days ending at `now`.
pub fn in_window(t: i64, now: i64, window: i64) -> bool {
    now - window * 86_400 < t && t <= now
}

/// Each initiative's activity by object index (`None` for other objects,
/// and for every object without git's dates).
pub fn initiatives(repo: &Repository, timeline: &Timeline, window: i64) -> Vec<Option<Activity>> {
    let Some(git) = &timeline.git else {
        return vec![None; repo.objects.len()];
    };
    let linked = &git.linked;
    let mut by_target: Vec<Vec<(Oid, i64)>> = vec![Vec::new(); linked.ids.len()];
    for c in &linked.commits {
        for &t in &c.targets {
            if let Some(list) = by_target.get_mut(t as usize) {
                list.push((c.oid, c.time));
            }
        }
    }
    repo.objects
        .iter()
        .map(|o| {
            o.as_initiative()?;
            let id = o.id()?;
            let commits = linked
                .ids
                .iter()
                .position(|t| t == id)
                .map(|i| std::mem::take(&mut by_target[i]))
                .unwrap_or_default();
            let in_window = commits
                .iter()
                .filter(|&&(_, t)| in_window(t, timeline.now, window))
                .count();
            let last = commits.iter().map(|&(_, t)| t).max().map(Date::from_unix);
            Some(Activity {
                commits,
                in_window,
                last,
            })
        })
        .collect()
}

/// The day an initiative started: `started`, else the UTC day of the first
/// commit in which it exists (now when not committed yet, or without git).
pub fn started(o: &Object, timeline: &Timeline) -> Date {
    if let Some(s) = o.as_initiative().and_then(|d| d.started.as_ref()) {
        return s.value;
    }
    let first = timeline
        .git
        .as_ref()
        .and_then(|g| g.first_seen.get(o.id()?).copied());
    Date::from_unix(first.unwrap_or(timeline.now))
}

/// An initiative's first-signal day: its date, or its duration counted
/// from its start; `None` when it has none.
pub fn first_signal(o: &Object, timeline: &Timeline) -> Option<Date> {
    match o.as_initiative()?.first_signal.as_ref()?.value {
        Signal::On(d) => Some(d),
        Signal::After(days) => Some(Date(started(o, timeline).0 + days)),
    }
}

/// Whether an initiative that is done or stopped became so in the window:
/// the newest commit that changed its `status` (or an uncommitted change,
/// counting as now) falls in it. False without git's dates.
pub fn ended_in_window(o: &Object, timeline: &Timeline, window: i64) -> bool {
    let change = timeline
        .git
        .as_ref()
        .zip(o.id())
        .and_then(|(g, id)| g.changes.get(&status_facet(id)));
    change.is_some_and(|c| in_window(c.time, timeline.now, window))
}

/// Whether an initiative counts for the objectives it serves: open, or
/// done or stopped by a commit (or an uncommitted change) in the window;
/// and its first signal, when set, on or before now's day.
pub fn counts(o: &Object, timeline: &Timeline, window: i64) -> bool {
    let Some(data) = o.as_initiative() else {
        return false;
    };
    let open = matches!(data.status(), "planned" | "active");
    if !open && !ended_in_window(o, timeline, window) {
        return false;
    }
    first_signal(o, timeline).is_none_or(|d| d <= Date::from_unix(timeline.now))
}

/// Each objective's activity by object index: the distinct commits linked
/// in the window to the initiatives that count for it (serving it or one
/// of its descendants). `None` for other objects and without git's dates.
pub fn objectives(
    repo: &Repository,
    graph: &Graph,
    timeline: &Timeline,
    window: i64,
    initiatives: &[Option<Activity>],
) -> Vec<Option<usize>> {
    if timeline.git.is_none() {
        return vec![None; repo.objects.len()];
    }
    let counting: Vec<bool> = repo
        .objects
        .iter()
        .map(|o| counts(o, timeline, window))
        .collect();
    (0..repo.objects.len())
        .map(|i| {
            if repo.objects[i].kind != Kind::Objective {
                return None;
            }
            let mut commits: BTreeSet<Oid> = BTreeSet::new();
            for objective in graph.subtree(i) {
                for e in graph.incoming(objective) {
                    if e.relation != Relation::Serves || !counting[e.from] {
                        continue;
                    }
                    let Some(a) = initiatives.get(e.from).and_then(Option::as_ref) else {
                        continue;
                    };
                    commits.extend(
                        a.commits
                            .iter()
                            .filter(|&&(_, t)| in_window(t, timeline.now, window))
                            .map(|&(oid, _)| oid),
                    );
                }
            }
            Some(commits.len())
        })
        .collect()
}
