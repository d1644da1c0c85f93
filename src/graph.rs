//! The edge index: ids to objects, and every reference that resolves to an
//! object of a kind its field accepts as a typed [`Edge`], with outgoing,
//! incoming and children lookups and one generic cycle search. Rules, the
//! rollup and the map read this one index.

use rustc_hash::FxHashMap as HashMap;
use std::collections::VecDeque;

use crate::model::{Object, Repository};
use crate::parse::adr_name::numbered_key;
use crate::schema::{Kind, Relation};
use crate::source::{FileId, Span};

/// A resolved reference: `from`'s field names `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    /// The object that makes the reference.
    pub from: usize,
    /// The object it names.
    pub to: usize,
    /// What the edge means.
    pub relation: Relation,
    /// The field it was written in.
    pub field: &'static str,
    /// Where the link was written: `from`'s reference value, or, for a
    /// `Superseded by` link in an adopted record, that link in `to`'s file.
    pub file: FileId,
    /// The span of that value or link.
    pub span: Span,
}

/// The objects with one id, in file order: one, without an allocation of
/// its own, or several (SL004).
#[derive(Debug)]
enum Ids {
    One([usize; 1]),
    Many(Vec<usize>),
}

impl Ids {
    fn as_slice(&self) -> &[usize] {
        match self {
            Ids::One(one) => one,
            Ids::Many(many) => many,
        }
    }

    fn push(&mut self, i: usize) {
        match self {
            Ids::One([first]) => *self = Ids::Many(vec![*first, i]),
            Ids::Many(many) => many.push(i),
        }
    }
}

/// Each object's edges as one flat list: object `i`'s are
/// `list[start[i]..start[i + 1]]`, edge indices in the order added.
#[derive(Debug, Default)]
struct Adjacency {
    start: Vec<usize>,
    list: Vec<usize>,
}

impl Adjacency {
    /// The adjacency of `n` objects, each edge listed under `end(edge)`.
    fn of(n: usize, edges: &[Edge], end: fn(&Edge) -> usize) -> Adjacency {
        let mut start = vec![0; n + 1];
        for e in edges {
            start[end(e) + 1] += 1;
        }
        for i in 1..=n {
            start[i] += start[i - 1];
        }
        let mut next = start.clone();
        let mut list = vec![0; edges.len()];
        for (k, e) in edges.iter().enumerate() {
            let at = &mut next[end(e)];
            list[*at] = k;
            *at += 1;
        }
        Adjacency { start, list }
    }

    fn of_object(&self, i: usize) -> &[usize] {
        self.start
            .get(i..=i + 1)
            .map_or(&[], |r| &self.list[r[0]..r[1]])
    }
}

/// Lookups over a loaded repository's objects and their edges.
#[derive(Debug, Default)]
pub struct Graph {
    by_id: HashMap<String, Ids>,
    /// Adopted records by prefix and number read as a number (SPEC §11).
    by_number: HashMap<(String, u64), usize>,
    kinds: Vec<Kind>,
    edges: Vec<Edge>,
    outgoing: Adjacency,
    incoming: Adjacency,
}

impl Graph {
    /// Indexes a repository: ids, then every reference that names an object
    /// (the first with that id) of a kind its field accepts.
    pub fn new(repo: &Repository) -> Self {
        let objects = &repo.objects;
        let mut by_id: HashMap<String, Ids> =
            HashMap::with_capacity_and_hasher(objects.len(), Default::default());
        let mut by_number = HashMap::default();
        let mut kinds = Vec::with_capacity(objects.len());
        // One pass over the objects for their ids, kinds and record numbers.
        for (i, o) in objects.iter().enumerate() {
            kinds.push(o.kind);
            let Some(id) = o.id() else { continue };
            match by_id.get_mut(id) {
                Some(ids) => ids.push(i),
                None => {
                    by_id.insert(id.to_owned(), Ids::One([i]));
                }
            }
            if o.as_decision().is_some_and(|d| d.adopted) {
                if let Some(key) = numbered_key(id) {
                    by_number.entry(key).or_insert(i);
                }
            }
        }
        let mut g = Graph {
            by_id,
            by_number,
            kinds,
            edges: Vec::new(),
            outgoing: Adjacency::default(),
            incoming: Adjacency::default(),
        };
        // The supersessions added so far, as (from, to).
        let mut supersedes: rustc_hash::FxHashSet<(usize, usize)> = Default::default();
        for (from, o) in objects.iter().enumerate() {
            for r in &o.refs {
                let Some(to) = g.get(&r.target.value) else {
                    continue;
                };
                if r.accepts.contains(&objects[to].kind) {
                    if r.relation == Relation::Supersedes {
                        supersedes.insert((from, to));
                    }
                    g.edges.push(Edge {
                        from,
                        to,
                        relation: r.relation,
                        field: r.field,
                        file: o.file,
                        span: r.target.span,
                    });
                }
            }
            // `Superseded by X` in an adopted record: X supersedes it.
            for by in o.as_decision().map_or(&[][..], |d| &d.superseded_by[..]) {
                let Some(successor) = g.get(&by.value) else {
                    continue;
                };
                let already = supersedes.contains(&(successor, from));
                if objects[successor].kind == Kind::Decision && !already {
                    supersedes.insert((successor, from));
                    g.edges.push(Edge {
                        from: successor,
                        to: from,
                        relation: Relation::Supersedes,
                        field: "supersedes",
                        file: o.file,
                        span: by.span,
                    });
                }
            }
        }
        g.outgoing = Adjacency::of(objects.len(), &g.edges, |e| e.from);
        g.incoming = Adjacency::of(objects.len(), &g.edges, |e| e.to);
        g
    }

    /// The first object (in file order) with this id; else the adopted
    /// record whose number this id names (`ADR-17`: `ADR-0017`, SPEC §11).
    pub fn get(&self, id: &str) -> Option<usize> {
        match self.by_id.get(id) {
            Some(v) => v.as_slice().first().copied(),
            None => numbered_key(id).and_then(|k| self.by_number.get(&k).copied()),
        }
    }

    /// Every object with this id, in file order.
    pub fn all(&self, id: &str) -> &[usize] {
        self.by_id.get(id).map_or(&[], Ids::as_slice)
    }

    /// Ids of objects of the given kinds, sorted (for suggestions).
    pub fn ids_of(&self, kinds: &[Kind]) -> Vec<&str> {
        let mut ids: Vec<&str> = self
            .by_id
            .iter()
            .filter(|(_, v)| kinds.contains(&self.kinds[v.as_slice()[0]]))
            .map(|(k, _)| k.as_str())
            .collect();
        ids.sort_unstable();
        ids
    }

    /// Every edge, in object then field order.
    pub fn edges(&self) -> &[Edge] {
        &self.edges
    }

    /// The edges from object `i`, in the order its references are written.
    pub fn outgoing(&self, i: usize) -> impl Iterator<Item = &Edge> {
        self.outgoing.of_object(i).iter().map(|&e| &self.edges[e])
    }

    /// The edges into object `i`, in object order of their sources.
    pub fn incoming(&self, i: usize) -> impl Iterator<Item = &Edge> {
        self.incoming.of_object(i).iter().map(|&e| &self.edges[e])
    }

    /// The object `i`'s first `relation` edge points at (an objective's parent, a KPI's objective).
    pub fn target(&self, i: usize, relation: Relation) -> Option<usize> {
        self.outgoing(i)
            .find(|e| e.relation == relation)
            .map(|e| e.to)
    }

    /// An objective's resolved parent.
    pub fn parent(&self, i: usize) -> Option<usize> {
        self.target(i, Relation::Parent)
    }

    /// The objectives whose parent is `i`, in object order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.incoming(i)
            .filter(|e| e.relation == Relation::Parent)
            .map(|e| e.from)
    }

    /// Objective `i` and every objective below it along `parent` edges, `i`
    /// first, each once (a parent cycle ends the search where it meets an
    /// objective already found).
    pub fn subtree(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut at = 0;
        while at < out.len() {
            let o = out[at];
            at += 1;
            for c in self.children(o) {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
        }
        out
    }

    /// The cycles along `relation` edges: one per strongly connected
    /// component that holds one, as its members in edge order, starting at
    /// its member first in object order (file, then position) and taking
    /// the shortest way back to it. Members are object indices.
    pub fn cycles(&self, relation: Relation) -> Vec<Vec<usize>> {
        // Each object's successors along `relation`, in edge order, as one
        // flat list: no allocation per object.
        let n = self.kinds.len();
        let mut bounds = Vec::with_capacity(n + 1);
        let mut targets = Vec::new();
        bounds.push(0);
        for v in 0..n {
            targets.extend(
                self.outgoing(v)
                    .filter(|e| e.relation == relation)
                    .map(|e| e.to),
            );
            bounds.push(targets.len());
        }
        cycles_in(n, &|v| &targets[bounds[v]..bounds[v + 1]])
    }
}

/// The cycles of a graph of `n` vertices given by their successors, as
/// [`Graph::cycles`] gives them.
fn cycles_in<'s>(n: usize, next: &dyn Fn(usize) -> &'s [usize]) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    for comp in strongly_connected(n, next) {
        let start = comp[0];
        let looped = comp.len() > 1 || next(start).contains(&start);
        if !looped {
            continue;
        }
        let mut member = vec![false; n];
        for &c in &comp {
            member[c] = true;
        }
        out.push(shortest_cycle(start, &member, next));
    }
    out.sort();
    out
}

/// Strongly connected components (Tarjan, iterative), each sorted by
/// index, leaving out the objects with no successor (a component of its
/// own, and never a cycle).
fn strongly_connected<'s>(n: usize, next: &dyn Fn(usize) -> &'s [usize]) -> Vec<Vec<usize>> {
    const UNSEEN: usize = usize::MAX;
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut out = Vec::new();
    let mut counter = 0;
    for root in 0..n {
        if index[root] != UNSEEN || next(root).is_empty() {
            continue;
        }
        // (vertex, its successors, the next successor to visit)
        let mut frames: Vec<(usize, &[usize], usize)> = vec![(root, next(root), 0)];
        index[root] = counter;
        low[root] = counter;
        counter += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some((v, succ, pos)) = frames.last_mut() {
            let v = *v;
            if let Some(&w) = succ.get(*pos) {
                *pos += 1;
                if index[w] == UNSEEN {
                    index[w] = counter;
                    low[w] = counter;
                    counter += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    frames.push((w, next(w), 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            frames.pop();
            if let Some((parent, _, _)) = frames.last() {
                low[*parent] = low[*parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut comp = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp.push(w);
                    if w == v {
                        break;
                    }
                }
                if comp.len() > 1 || !next(v).is_empty() {
                    comp.sort_unstable();
                    out.push(comp);
                }
            }
        }
    }
    out
}

/// The shortest way from `start` back to itself through members only
/// (breadth first, successors in edge order), as the members in order.
fn shortest_cycle<'s>(
    start: usize,
    member: &[bool],
    next: &dyn Fn(usize) -> &'s [usize],
) -> Vec<usize> {
    let mut came_from: HashMap<usize, usize> = HashMap::default();
    let mut queue = VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        for &w in next(v) {
            if !member[w] {
                continue;
            }
            if w == start {
                let mut path = vec![v];
                let mut cur = v;
                while cur != start {
                    cur = came_from[&cur];
                    path.push(cur);
                }
                path.reverse();
                // `path` runs start → … → v; v's edge closes the cycle.
                return path;
            }
            if let std::collections::hash_map::Entry::Vacant(e) = came_from.entry(w) {
                e.insert(v);
                queue.push_back(w);
            }
        }
    }
    vec![start]
}

/// What an owner value names in the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnerRef {
    /// A person, active or not.
    Person {
        /// Whether the person is still here.
        active: bool,
    },
    /// A team.
    Team,
    /// Nobody in the registry.
    Unknown,
}

/// What an owner value (with or without `@`) names; `None` without a registry.
pub fn owner(repo: &Repository, owner: &str) -> Option<OwnerRef> {
    let registry = repo.registry.as_ref()?;
    let id = crate::model::owner_id(owner);
    Some(if let Some(p) = registry.people.get(id) {
        OwnerRef::Person { active: p.active }
    } else if registry.teams.contains_key(id) {
        OwnerRef::Team
    } else {
        OwnerRef::Unknown
    })
}

/// `kind `id``, or `an unnamed kind`, for messages.
pub fn describe(o: &Object) -> String {
    match o.id() {
        Some(id) => format!("{} `{id}`", o.kind.name()),
        None => format!("an unnamed {}", o.kind.name()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(edges: &[(usize, usize)], n: usize) -> Vec<Vec<usize>> {
        let successors: Vec<Vec<usize>> = (0..n)
            .map(|v| edges.iter().filter(|e| e.0 == v).map(|e| e.1).collect())
            .collect();
        cycles_in(n, &|v| &successors[v])
    }

    #[test]
    fn finds_each_cycle_once_in_edge_order_from_its_first_member() {
        // 0 → 1 → 2 → 0, 3 → 3, 4 → 0 (a tail into the cycle), 5 → 6
        let edges = [(0, 1), (1, 2), (2, 0), (3, 3), (4, 0), (5, 6)];
        assert_eq!(graph(&edges, 7), vec![vec![0, 1, 2], vec![3]]);
        // 2 → 0 → 1 → 2: still starts at 0
        assert_eq!(graph(&[(2, 0), (0, 1), (1, 2)], 3), vec![vec![0, 1, 2]]);
        assert!(graph(&[(0, 1), (1, 2)], 3).is_empty());
    }

    #[test]
    fn takes_the_shortest_way_back_when_there_are_several() {
        // 0 → 1 → 2 → 0 and 0 → 2
        assert_eq!(
            graph(&[(0, 1), (1, 2), (2, 0), (0, 2)], 3),
            vec![vec![0, 2]]
        );
    }
}
