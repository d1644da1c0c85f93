//! Alignment layers (SPEC §15): where each value and tenet sits among the
//! configured `alignment.layers`, and which values connect to nothing above
//! them. Read alike by the ALN rules and the report's Alignment section, so
//! that a warning and the report never disagree about a value.

use crate::graph::Graph;
use crate::model::{Kind, Object, Payload, Repository, Spanned, Tenet};

/// The layers, top first, as configured.
#[derive(Debug, Clone, Copy)]
pub struct Layers<'a>(pub &'a [String]);

impl Layers<'_> {
    /// The rank of a layer name: 0 for the top layer; `None` for a name
    /// outside the list (already SL006 at parse time).
    pub fn rank(&self, layer: &str) -> Option<usize> {
        self.0.iter().position(|l| l == layer)
    }

    /// The layer an object names (`layer` of a value or a tenet object),
    /// with its rank, when it is one of the layers.
    pub fn of<'o>(&self, o: &'o Object) -> Option<(usize, &'o Spanned<String>)> {
        let layer = layer_field(o)?;
        Some((self.rank(&layer.value)?, layer))
    }

    /// The rank of a tenet's layer: its object's `layer` (a `[[tenet]]`, a
    /// tenet document, or a list item with `{#ID}` in a value document),
    /// else, for a list item without an id, the value document it is
    /// written in; `None` elsewhere.
    pub fn of_tenet(&self, repo: &Repository, t: &Tenet) -> Option<usize> {
        let o = &repo.objects[t.object?];
        self.of(o).map(|(rank, _)| rank)
    }
}

/// A value's or tenet object's `layer`, as read (a valid layer name).
fn layer_field(o: &Object) -> Option<&Spanned<String>> {
    match &o.payload {
        Payload::Value(v) => v.layer.as_ref(),
        Payload::Tenet(t) => t.layer.as_ref(),
        _ => None,
    }
}

/// How a value below the top layer fails to connect upwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Misalignment {
    /// It has no `interprets` (ALN001).
    Unanchored,
    /// Its `interprets` names no active value (OBJ001, SL006 or OBJ006 say why).
    Dangling,
    /// Its `interprets` names a value on the same or a lower layer (ALN002):
    /// that value's index.
    NotAbove(usize),
}

/// Whether active value `i` (on a layer below the top) connects to an
/// active value on a higher layer; `None` when it does, or when it is not
/// judged (not an active value, on no configured layer, or on the top
/// layer).
pub fn misalignment(
    repo: &Repository,
    graph: &Graph,
    layers: Layers<'_>,
    i: usize,
) -> Option<Misalignment> {
    let o = &repo.objects[i];
    if o.kind != Kind::Value || !o.is_active() {
        return None;
    }
    let (rank, _) = layers.of(o).filter(|(rank, _)| *rank > 0)?;
    if o.ref_in("interprets").is_none() {
        return Some(Misalignment::Unanchored);
    }
    let target = graph.target(i, crate::schema::Relation::Interprets);
    let Some(t) = target.filter(|&t| repo.objects[t].is_active()) else {
        return Some(Misalignment::Dangling);
    };
    match layers.of(&repo.objects[t]) {
        Some((above, _)) if above < rank => None,
        Some(_) => Some(Misalignment::NotAbove(t)),
        // A value on no configured layer is SL006's; it is above nothing.
        None => Some(Misalignment::Dangling),
    }
}

/// The misaligned values (SPEC §15): the active values below the top
/// layer whose `interprets` is absent, names no active value, or names one
/// that is not on a higher layer, by index, in model order.
pub fn misaligned(repo: &Repository, graph: &Graph, layers: Layers<'_>) -> Vec<usize> {
    (0..repo.objects.len())
        .filter(|&i| misalignment(repo, graph, layers, i).is_some())
        .collect()
}
