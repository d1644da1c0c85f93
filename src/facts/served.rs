//! What a principle serves that changed after its last revalidation (SPEC
//! §5, HL004; the report's "served changes since").

use crate::graph::Graph;
use crate::history::{Change, Timeline};
use crate::model::Object;

/// An object in `serves` whose own text changed after the last revalidation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServedChange {
    /// Its place in the object's `serves` list, as written.
    pub position: usize,
    /// The served object's id.
    pub id: String,
    /// Its index in the model.
    pub target: usize,
    /// The change: a commit, or none for the working tree's.
    pub change: Change,
}

/// The objects `o` serves whose text changed after `last` (Unix seconds),
/// in the order `serves` lists them. A change at a shallow clone's boundary
/// proves nothing; a served id that no longer exists did not change, it is
/// gone (OBJ001 says so).
pub fn changed_since(
    o: &Object,
    graph: &Graph,
    timeline: &Timeline,
    last: i64,
) -> Vec<ServedChange> {
    let Some(git) = &timeline.git else {
        return Vec::new();
    };
    o.serves()
        .enumerate()
        .filter_map(|(position, s)| {
            let change = git.changes.get(&s.value)?;
            if change.lower_bound || change.time <= last {
                return None;
            }
            Some(ServedChange {
                position,
                id: s.value.clone(),
                target: graph.get(&s.value)?,
                change: change.clone(),
            })
        })
        .collect()
}
