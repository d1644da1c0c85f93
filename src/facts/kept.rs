//! Facts kept from the analysis before, for a model spliced from it (the
//! language server's re-check after a keystroke, [`crate::splice`]): an
//! object outside the files that changed keeps its facts when the dates,
//! the config and now are those they were computed with, instead of each
//! being computed again. What a fact of such an object reads is its own
//! fields and git's dates, and for its age the ids it serves: so it is
//! computed again when one of those ids is one the changed files held or
//! hold.

use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::history::{Dates, Timeline};
use crate::model::Repository;
use crate::model::Touched;
use crate::project::config::Config;

use super::Facts;

/// The findings of an earlier analysis's model checks, for a model spliced
/// from its model under the same config and now: what
/// `rules::scope::kept` hands each check whose scope they leave alone.
#[derive(Debug, Clone, Copy)]
pub struct Reuse<'a> {
    /// Each check's findings (by its place in `rules::CHECKS`).
    pub found: &'a [Vec<Diagnostic>],
    /// What the splice's changed files held or hold.
    pub touched: &'a Touched,
    /// Whether files on disk (and documents beyond the model) are as they were.
    pub disk_same: bool,
}

/// The facts of an analysis, with what they were computed from.
#[derive(Debug)]
pub struct Kept {
    /// The load the model came from ([`Repository::generation`]).
    pub generation: Option<u64>,
    /// The config.
    pub config: Config,
    /// Now.
    pub now: i64,
    /// Git's dates, shared with the timeline they were read into.
    pub git: Option<Arc<Dates>>,
    /// The facts.
    pub facts: Facts,
    /// What each model check found, by its place in
    /// [`crate::rules::CHECKS`].
    pub found: Vec<Vec<Diagnostic>>,
    /// Whether files on disk are as they were for that analysis (the
    /// language server heard of no save or file event since).
    pub disk_same: bool,
}

impl Kept {
    /// Keeps an analysis's facts and its model checks' findings (`found`)
    /// with what they were computed from; `disk_same` when files on disk
    /// are as they were for it.
    pub fn new(
        repo: &Repository,
        config: &Config,
        timeline: &Timeline,
        facts: Facts,
        found: Vec<Vec<Diagnostic>>,
        disk_same: bool,
    ) -> Kept {
        Kept {
            generation: repo.generation,
            config: config.clone(),
            now: timeline.now,
            git: timeline.git.clone(),
            facts,
            found,
            disk_same,
        }
    }

    /// The model checks' findings, for `repo` spliced from their model
    /// with every object in its place, under the same config and now:
    /// each check whose scope the changed files leave alone keeps them.
    pub fn reuse<'a>(
        &'a self,
        repo: &'a Repository,
        config: &Config,
        now: i64,
    ) -> Option<Reuse<'a>> {
        let spliced = repo.spliced.as_ref()?;
        self.spliced_from(repo, config, now).then_some(Reuse {
            found: &self.found,
            touched: &spliced.touched,
            disk_same: self.disk_same,
        })
    }

    /// Whether these facts hold for the objects of `repo` outside its
    /// spliced files: `repo` was spliced from their model with every
    /// file's objects in the same places, under the same config, now and
    /// dates.
    pub fn holds_for(&self, repo: &Repository, config: &Config, timeline: &Timeline) -> bool {
        let same_dates = match (&self.git, &timeline.git) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same_dates && self.spliced_from(repo, config, timeline.now)
    }

    /// Whether `repo` was spliced from the model these were computed from,
    /// with every object in its place, under the same config and now.
    fn spliced_from(&self, repo: &Repository, config: &Config, now: i64) -> bool {
        repo.spliced
            .as_ref()
            .is_some_and(|s| Some(s.from) == self.generation)
            && self.facts.aging.len() == repo.objects.len()
            && self.now == now
            && self.config == *config
    }
}
