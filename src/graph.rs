//! The resolved graph: ids to objects, objective parent links, owners.

use std::collections::HashMap;

use crate::model::{Kind, Repository};

/// Lookups over a loaded repository.
#[derive(Debug)]
pub struct Graph<'a> {
    repo: &'a Repository,
    by_id: HashMap<&'a str, Vec<usize>>,
    /// For each object, its resolved objective parent (objectives only).
    pub parent: Vec<Option<usize>>,
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

impl<'a> Graph<'a> {
    /// Indexes a repository.
    pub fn new(repo: &'a Repository) -> Self {
        let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, o) in repo.objects.iter().enumerate() {
            if let Some(id) = o.id() {
                by_id.entry(id).or_default().push(i);
            }
        }
        let mut g = Graph {
            repo,
            by_id,
            parent: vec![None; repo.objects.len()],
        };
        for (i, o) in repo.objects.iter().enumerate() {
            if o.kind == Kind::Objective {
                g.parent[i] = o
                    .parent
                    .as_ref()
                    .and_then(|p| g.get(&p.value))
                    .filter(|&p| repo.objects[p].kind == Kind::Objective);
            }
        }
        g
    }

    /// The first object (in file order) with this id.
    pub fn get(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).and_then(|v| v.first().copied())
    }

    /// Every object with this id, in file order.
    pub fn all(&self, id: &str) -> &[usize] {
        self.by_id.get(id).map_or(&[], Vec::as_slice)
    }

    /// Ids of objects of the given kinds, sorted (for suggestions).
    pub fn ids_of(&self, kinds: &[Kind]) -> Vec<&'a str> {
        let mut ids: Vec<&str> = self
            .by_id
            .iter()
            .filter(|(_, v)| kinds.contains(&self.repo.objects[v[0]].kind))
            .map(|(k, _)| *k)
            .collect();
        ids.sort_unstable();
        ids
    }

    /// What an owner value (with or without `@`) names.
    pub fn owner(&self, owner: &str) -> Option<OwnerRef> {
        let registry = self.repo.registry.as_ref()?;
        let id = owner.trim_start_matches('@');
        Some(if let Some(p) = registry.people.get(id) {
            OwnerRef::Person { active: p.active }
        } else if registry.teams.contains_key(id) {
            OwnerRef::Team
        } else {
            OwnerRef::Unknown
        })
    }
}
