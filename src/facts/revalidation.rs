//! An object's last revalidation (SPEC §5): the later of its `reviewed`
//! date and the newest change git shows to its own text.

use crate::history::{Change, Timeline};
use crate::model::Object;

/// An object's last revalidation, as far as it can be known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Revalidation {
    /// Known exactly: the time, and what set it.
    Known {
        /// Unix seconds.
        time: i64,
        /// The git change, when it is later than `reviewed`.
        change: Option<Change>,
    },
    /// At or before `time` (a shallow clone's boundary).
    AtMost {
        /// Unix seconds of the boundary commit.
        time: i64,
        /// The boundary commit.
        change: Change,
    },
    /// Cannot be told, and why.
    Unknown(&'static str),
}

impl Revalidation {
    /// Its time (Unix seconds): exact, or the bound; `None` when unknown.
    pub fn time(&self) -> Option<i64> {
        match self {
            Revalidation::Known { time, .. } | Revalidation::AtMost { time, .. } => Some(*time),
            Revalidation::Unknown(_) => None,
        }
    }

    /// Whether the time is exact (not a shallow clone's bound).
    pub fn exact(&self) -> bool {
        matches!(self, Revalidation::Known { .. })
    }

    /// The git change that set it, when one did.
    pub fn change(&self) -> Option<&Change> {
        match self {
            Revalidation::Known { change, .. } => change.as_ref(),
            Revalidation::AtMost { change, .. } => Some(change),
            Revalidation::Unknown(_) => None,
        }
    }
}

/// The last revalidation of object `o` (SPEC §5).
pub fn revalidation(timeline: &Timeline, o: &Object) -> Revalidation {
    let reviewed = o.reviewed().map(|r| r.value.unix());
    let Some(git) = &timeline.git else {
        return match reviewed {
            Some(time) => Revalidation::Known { time, change: None },
            None => Revalidation::Unknown("no git history and no `reviewed` date"),
        };
    };
    let change = o.id().and_then(|id| git.changes.get(id));
    match (change, reviewed) {
        (Some(c), r) if c.lower_bound => match r {
            // `reviewed` at or after the boundary is exact: the real change is older.
            Some(r) if r >= c.time => Revalidation::Known {
                time: r,
                change: None,
            },
            _ => Revalidation::AtMost {
                time: c.time,
                change: c.clone(),
            },
        },
        (Some(c), Some(r)) if r > c.time => Revalidation::Known {
            time: r,
            change: None,
        },
        (Some(c), _) => Revalidation::Known {
            time: c.time,
            change: Some(c.clone()),
        },
        (None, Some(r)) => Revalidation::Known {
            time: r,
            change: None,
        },
        (None, None) => Revalidation::Unknown(
            "git history does not show when it was written and it has no `reviewed` date",
        ),
    }
}
