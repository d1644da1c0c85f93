//! The report's Alignment section (SPEC §15): each top-layer value with the
//! values that interpret it nested below, then the values that connect to
//! nothing above them. Which values are misaligned is
//! [`crate::alignment`]'s to say, as ALN001 and ALN002 read it.

use serde::Serialize;

use crate::alignment::{Layers, misaligned};
use crate::analysis::Analysis;
use crate::model::Kind;
use crate::schema::Relation;

/// One value and the values that interpret it.
#[derive(Debug, Clone, Serialize)]
pub struct ValueTree {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its layer, when one of `alignment.layers`.
    pub layer: Option<String>,
    /// Its owner, without `@`.
    pub owner: Option<String>,
    /// The active values on lower layers that interpret it, by id.
    pub children: Vec<ValueTree>,
}

/// The Alignment section; its JSON keys (`values`, `misaligned`) sit at the
/// report's top level.
#[derive(Debug, Clone, Serialize)]
pub struct Alignment {
    /// The active top-layer values, by id, each with its interpretations.
    pub values: Vec<ValueTree>,
    /// The active values below the top layer that connect to nothing above
    /// them, by id.
    pub misaligned: Vec<String>,
}

impl Alignment {
    /// Whether there is nothing to show.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty() && self.misaligned.is_empty()
    }
}

/// Builds the section.
pub fn build(a: &Analysis) -> Alignment {
    let objects = &a.model.objects;
    let layers = Layers(&a.project.config.layers);
    let value = |i: usize| {
        let o = &objects[i];
        o.kind == Kind::Value && o.is_active() && o.id().is_some()
    };
    let rank = |i: usize| layers.of(&objects[i]).map(|(r, _)| r);
    // A value's interpretations: the active values on a lower layer whose
    // `interprets` names it, so the tree never loops.
    let children_of = |i: usize| {
        let mut c: Vec<usize> = a
            .graph
            .incoming(i)
            .filter(|e| e.relation == Relation::Interprets && value(e.from))
            .filter(|e| matches!((rank(e.from), rank(i)), (Some(x), Some(y)) if x > y))
            .map(|e| e.from)
            .collect();
        c.sort_by_key(|&c| objects[c].id());
        c
    };
    let node = |i: usize| {
        let o = &objects[i];
        ValueTree {
            id: o.id().unwrap_or_default().to_owned(),
            title: super::title_of(o),
            layer: layers.of(o).map(|(_, l)| l.value.clone()),
            owner: super::owner_of(o),
            children: Vec::new(),
        }
    };
    // Recursive: a child is always on a lower layer than its parent, so the
    // depth is at most the number of layers.
    fn grow(
        i: usize,
        node: &dyn Fn(usize) -> ValueTree,
        kids: &dyn Fn(usize) -> Vec<usize>,
    ) -> ValueTree {
        let mut n = node(i);
        n.children = kids(i).into_iter().map(|c| grow(c, node, kids)).collect();
        n
    }
    let mut tops: Vec<usize> = (0..objects.len())
        .filter(|&i| value(i) && rank(i) == Some(0))
        .collect();
    tops.sort_by_key(|&i| objects[i].id());
    let mut misaligned: Vec<String> = misaligned(&a.model, &a.graph, layers)
        .into_iter()
        .filter_map(|i| objects[i].id().map(str::to_owned))
        .collect();
    misaligned.sort();
    Alignment {
        values: tops
            .into_iter()
            .map(|i| grow(i, &node, &children_of))
            .collect(),
        misaligned,
    }
}
