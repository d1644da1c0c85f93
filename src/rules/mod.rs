//! Rules: one module per family. Each returns plain [`Diagnostic`] data and
//! never prints; the pipeline in [`crate::check`] filters and renders them.

pub mod half_life;
pub mod kpis;
pub mod links;
pub mod objectives;
pub mod ownership;
pub mod registry;
pub mod structure;
pub mod suppression;
pub mod tenets;

use std::path::Path;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::graph::Graph;
use crate::model::{Object, Repository};

/// What every rule may read.
pub struct Context<'a> {
    /// The loaded repository.
    pub repo: &'a Repository,
    /// Its resolved graph.
    pub graph: &'a Graph<'a>,
    /// The configuration.
    pub config: &'a Config,
    /// The project root.
    pub root: &'a Path,
    /// Files beyond the strategy files: the working tree or a commit's tree.
    pub files: &'a (dyn crate::snapshot::Snapshot + Sync),
}

impl Context<'_> {
    /// Active objects with their indices.
    pub fn active(&self) -> impl Iterator<Item = (usize, &Object)> {
        self.repo
            .objects
            .iter()
            .enumerate()
            .filter(|(_, o)| o.is_active())
    }

    /// `kind `id`` for messages.
    pub fn name(&self, index: usize) -> String {
        let o = &self.repo.objects[index];
        match o.id() {
            Some(id) => format!("{} `{id}`", o.kind.name()),
            None => format!("an unnamed {}", o.kind.name()),
        }
    }

    /// Starts a diagnostic about object `index`.
    pub fn about(
        &self,
        code: &'static str,
        index: usize,
        span: crate::source::Span,
        msg: String,
    ) -> Diagnostic {
        let o = &self.repo.objects[index];
        Diagnostic::new(code, o.file, span, msg).object(o.id(), Some(index))
    }
}

/// Runs every rule family but the one that reads history (HL, see
/// [`run_history`]), so these can run while history is read.
pub fn run(ctx: &Context<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    structure::check(ctx, &mut out);
    objectives::check(ctx, &mut out);
    ownership::check(ctx, &mut out);
    kpis::check(ctx, &mut out);
    tenets::check(ctx, &mut out);
    links::check(ctx, &mut out);
    out
}

/// Runs the rules that judge objects by their age (HL).
pub fn run_history(ctx: &Context<'_>, timeline: &half_life::Timeline) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    half_life::check(ctx, timeline, &mut out);
    out
}
