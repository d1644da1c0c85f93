//! One analysis, many views: [`analyze`] takes a discovered [`Project`],
//! in-memory overlays and [`Options`], and returns an [`Analysis`]: the
//! model, its graph, the timeline and the diagnostics, sorted. It prints
//! nothing and never reads the current directory. `check`, and every view
//! to come, are thin consumers of it.
//!
//! The pipeline: a [`Source`] opened ([`source`]) → load (parse) → graph →
//! the model's rules, on one thread, while history is read on this one →
//! the timed rules → verdict (retirement, selection, severity,
//! suppression), all in [`pipeline`], the same for every source → the
//! `--changed-since` baseline (the merge base, a source of its own) → sort.
//! With `--as-of` ([`as_of`]), the source is the commit it names, and
//! history is walked from there.

pub mod as_of;
pub mod baseline;
pub mod commit;
pub mod dating;
pub mod future;
pub mod head;
pub mod memory;
pub mod pipeline;
pub mod sides;
pub mod source;
pub mod staged;
pub mod verdict;

use std::path::PathBuf;

use crate::Fatal;
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::facts::Facts;
use crate::graph::Graph;
use crate::history::{self, Timeline};
use crate::metrics::{self, Metrics};
use crate::model::Repository;
use crate::project::Project;
use crate::snapshot::Overlays;

pub use as_of::Pinned;
pub use dating::Retained;
pub use pipeline::Dating;
pub use source::{CommitRole, Source};

/// How to analyze.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--now` / `STRATLINT_NOW`; when absent, the now `as_of` brings,
    /// else the clock.
    pub now: Option<Date>,
    /// `--as-of REV|DATE` (SPEC §16): judge the project as it was at that
    /// commit (or the one a date `YYYY-MM-DD` names on HEAD's first-parent
    /// chain) instead of the working tree: its files and config read from
    /// git's object database, its history only. Not with `changed_since`
    /// or `staged`.
    pub as_of: Option<String>,
    /// `--no-history`: read no git history.
    pub no_history: bool,
    /// `--changed-since REV`: keep only what is new since `git merge-base REV HEAD`
    /// (everything, in a repository with no commit yet).
    pub changed_since: Option<String>,
    /// `--staged`: check the staged versions of files (git's index) instead
    /// of the working tree, leaving out files git does not track.
    pub staged: bool,
    /// With `staged`: the index git names in `GIT_INDEX_FILE` (absolute, or
    /// relative to the work tree's top level), read instead of the
    /// repository's own (`git commit -a` and `git commit <paths>` build the
    /// commit in such an index and hand it to the hooks).
    pub index_file: Option<std::path::PathBuf>,
    /// Git's dates read by an earlier analysis of the same HEAD (the
    /// language server's): used instead of reading history again (see
    /// [`dating::reuse`]). Ignored with `no_history`.
    pub history_from: Option<std::sync::Arc<Timeline>>,
    /// The files and directories (absolute, canonical) whose diagnostics
    /// are wanted, when not all are (`check FILE…`): history dates only
    /// their objects and what those serve or name. Diagnostics elsewhere
    /// that need dates are then not to be trusted: views show only these.
    pub only: Vec<std::path::PathBuf>,
    /// Read the state judged ([`head::Head`]: HEAD's commit, and whether the
    /// working tree differs from it), as `report` shows it; not with
    /// `no_history`. Off for `check`, which does not show it: finding
    /// uncommitted files costs a scan of the working tree.
    pub head: bool,
    /// Whether the values each KPI's `current` took at the end of the last
    /// quarters are read from history (SPEC §12, the report's KPI history:
    /// [`crate::facts::kpi_history`]); off for `check`, which does not
    /// show them.
    pub kpi_history: bool,
    /// The walk and the files' parses kept between analyses of the same
    /// project (the language server's, see [`load::ParseCache`]); none for
    /// the CLI.
    pub parse_cache: Option<std::sync::Arc<crate::load::ParseCache>>,
    /// The facts of the analysis before (the language server's), kept for
    /// the objects a spliced model left as they were (see
    /// [`crate::facts::kept`]).
    pub facts_from: Option<std::sync::Arc<crate::facts::kept::Kept>>,
    /// Now as Unix seconds, ahead of `now` and of what `as_of` brings:
    /// `diff`'s one clock, the same for both sides (see [`sides`]).
    pub clock: Option<i64>,
}

/// Everything one analysis found: what every view reads.
#[derive(Debug)]
pub struct Analysis {
    /// The project analyzed.
    pub project: Project,
    /// Every file and object loaded.
    pub model: Repository,
    /// The model's edge index.
    pub graph: Graph,
    /// KPI progress, rolled up the objective tree.
    pub metrics: Metrics,
    /// Now, and git's dates when history was read.
    pub timeline: Timeline,
    /// What the dates tell of each object (age, freshness, a KPI's last
    /// measurement, moved goalposts), computed once from the timeline:
    /// what the timed rules read too.
    pub facts: Facts,
    /// What each model check found, by its place in
    /// [`crate::rules::CHECKS`], before the verdict: what the language
    /// server's next re-check may keep ([`crate::facts::kept::Kept`]).
    pub found: Vec<Vec<Diagnostic>>,
    /// What is reported, after configuration and suppression, sorted by
    /// file (display path, byte-wise), line, column and code.
    pub diagnostics: Vec<Diagnostic>,
    /// Notes about the run itself, for stderr (once each); one that starts
    /// with `warning: ` is a warning (a shallow clone, SPEC §5).
    pub notes: Vec<String>,
    /// With `--changed-since`: how many diagnostics the merge base already
    /// had and were left out (`None` without it).
    pub known_before: Option<usize>,
    /// The git handles history was read with (see [`Retained`]).
    pub retained: Retained,
    /// The state judged, when [`Options::head`] asked for it (and git was read).
    pub head: Option<head::Head>,
}

/// What every stage of one analysis reads of its [`Options`], resolved
/// once: the clock, whether git is read, and which files are wanted.
#[derive(Debug, Clone, Copy)]
pub struct Run<'o> {
    /// Now, as Unix seconds.
    pub now: i64,
    /// Whether git history is read (not `--no-history`).
    pub history_on: bool,
    /// The files whose diagnostics are wanted (see [`Options::only`]);
    /// empty for all.
    pub only: &'o [PathBuf],
    /// See [`Options::facts_from`].
    pub facts_from: Option<&'o crate::facts::kept::Kept>,
    /// The commit `--as-of` names, resolved (see [`Options::as_of`]).
    pub as_of: Option<Pinned>,
    /// See [`Options::kpi_history`].
    pub kpi_history: bool,
}

impl Options {
    /// The options every stage reads, with now resolved (the clock read
    /// once), for the working tree or the index.
    pub fn run(&self) -> Run<'_> {
        self.run_at(None)
    }

    /// [`Options::run`] for the commit `--as-of` named, `as_of` resolved
    /// ([`as_of::resolve`]): now is `--now`, else the now it brings.
    pub fn run_at(&self, as_of: Option<Pinned>) -> Run<'_> {
        let now = match (self.clock, self.now, as_of) {
            (Some(clock), ..) => clock,
            (None, None, Some(pinned)) => pinned.now(),
            (None, now, _) => dating::now_secs(now),
        };
        Run {
            now,
            history_on: !self.no_history,
            only: &self.only,
            facts_from: self.facts_from.as_deref(),
            as_of,
            kpi_history: self.kpi_history,
        }
    }

    /// `--as-of` combined with a source of its own (`--changed-since`,
    /// `--staged`): a usage error.
    fn check_sources(&self) -> Result<(), Fatal> {
        let other = match (&self.as_of, &self.changed_since, self.staged) {
            (None, ..) => return Ok(()),
            (Some(_), Some(_), _) => "--changed-since",
            (Some(_), None, true) => "--staged",
            (Some(_), None, false) => return Ok(()),
        };
        Err(Fatal::Usage(format!(
            "--as-of cannot be combined with {other}: it judges a commit, not the working tree"
        )))
    }

    /// Where the files come from: the commit `--as-of` named (`as_of`,
    /// resolved), else the index with `staged`, else the working tree;
    /// `overlays` in place of files in either of those.
    pub fn source<'a>(&'a self, overlays: &'a Overlays, as_of: Option<Pinned>) -> Source<'a> {
        if let Some(pinned) = as_of {
            Source::Commit(pinned.commit, CommitRole::AsOf)
        } else if self.staged {
            Source::Index {
                overlays,
                file: self.index_file.as_deref(),
            }
        } else {
            Source::WorkTree(overlays)
        }
    }
}

/// Analyzes a project: its files on disk with `overlays` in their place.
pub fn analyze(
    project: Project,
    overlays: &Overlays,
    options: &Options,
) -> Result<Analysis, Fatal> {
    options.check_sources()?;
    let pinned = match &options.as_of {
        Some(rev) => Some(as_of::resolve(&project, rev)?),
        None => None,
    };
    let run = options.run_at(pinned);
    // With --changed-since, the merge base is analyzed on another thread
    // while the working tree is analyzed here: two cores, one wall time.
    // One walk of history serves both.
    let base = match &options.changed_since {
        Some(rev) => baseline::merge_base_of(&project, rev)?,
        None => None,
    };
    let mut opened = source::open(
        &project,
        options.source(overlays, pinned),
        options.parse_cache.as_ref(),
    )?;
    // An earlier read's dates (the language server's) stand in for a walk.
    // The walk starts where the source stands: HEAD (the working tree's
    // changes on top), or the commit --as-of names.
    let (dating, below) = match &options.history_from {
        _ if !run.history_on => (Dating::Off, None),
        Some(earlier) if pinned.is_none() => (Dating::Reuse(earlier), None),
        _ => {
            let from = match pinned {
                Some(p) => history::Start::Commit(p.commit),
                None => history::Start::Head { also: base },
            };
            let rels = opened.files.history_rels(&opened.project);
            let (history, below) = dating::open(&opened.project, rels, from);
            (Dating::Walk(history.map(Box::new)), below)
        }
    };
    let (head, base, state) = std::thread::scope(|scope| {
        let project = &project;
        let run = &run;
        let base =
            base.map(|base| scope.spawn(move || baseline::fingerprints(project, base, below, run)));
        // The state judged (the report's item 0), unless git is not to be
        // read at all: a status scan of the work tree, meanwhile; with
        // --as-of, the commit it names.
        let state = (options.head && run.history_on && pinned.is_none())
            .then(|| scope.spawn(|| head::read(&project.root)));
        let head = pipeline::judge(&mut opened, dating, run);
        let base = base.map(|b| b.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        let state = match (state, pinned) {
            (Some(s), _) => Some(s.join().unwrap_or_else(|e| std::panic::resume_unwind(e))),
            (None, Some(p)) if options.head => Some(head::Head::at(p.commit, p.time)),
            (None, _) => None,
        };
        (head, base, state)
    });
    // The project as configured where the files came from: at the commit
    // --as-of names, the config it held is what the views read too.
    let at_source = match opened.project {
        std::borrow::Cow::Owned(p) => Some(p),
        std::borrow::Cow::Borrowed(_) => None,
    };
    let source_notes = opened.notes;
    let project = at_source.unwrap_or(project);
    let pipeline::Judged {
        repo: model,
        graph,
        timeline,
        mut diagnostics,
        mut notes,
        retained,
        facts,
        found,
    } = head?;
    notes.splice(0..0, source_notes);

    // Only what is new since the merge base, matched by fingerprint.
    let mut known_before = options.changed_since.as_ref().map(|_| 0);
    if let Some(base) = base {
        let (mut known, base_notes) = base?;
        notes.extend(base_notes);
        let before = diagnostics.len();
        diagnostics.retain(|d| {
            let fp = d.fingerprint(&model.files[d.file].rel);
            match known.get_mut(&fp) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            }
        });
        known_before = Some(before - diagnostics.len());
    }
    sort(&model, &mut diagnostics);
    let metrics = metrics::compute(&model, &graph);
    Ok(Analysis {
        project,
        model,
        graph,
        metrics,
        timeline,
        facts,
        found,
        diagnostics,
        notes,
        known_before,
        retained,
        head: state,
    })
}

/// Hands an analysis back for the next load of the same `cache` (the
/// language server's re-check, an MCP call): its model, as loaded, to the
/// cache to splice the changed files into, and its facts and model checks'
/// findings out as [`Kept`](crate::facts::kept::Kept) for the next analysis
/// (`Options::facts_from`); `disk_same` when files beyond the model are as
/// they were for it. What is left of `last` is the caller's to free.
pub fn hand_back(
    last: &mut Analysis,
    cache: &crate::load::ParseCache,
    disk_same: bool,
) -> std::sync::Arc<crate::facts::kept::Kept> {
    let kept = crate::facts::kept::Kept::new(
        &last.model,
        &last.project.config,
        &last.timeline,
        std::mem::take(&mut last.facts),
        std::mem::take(&mut last.found),
        disk_same,
    );
    cache.keep_model(as_loaded(std::mem::take(&mut last.model)));
    std::sync::Arc::new(kept)
}

/// An analysis's model as it was loaded, before the analysis took future
/// dates out of it and dated undated adopted records: what the language
/// server hands back to its [`load::ParseCache`] for the next load to
/// splice its changed files into.
///
/// [`load::ParseCache`]: crate::load::ParseCache
pub fn as_loaded(mut model: Repository) -> Repository {
    future::restore(&mut model);
    dating::undate_adopted(&mut model);
    model
}

/// What diagnostics are ordered by: display path (byte-wise), line,
/// column, code, object, message, end of span.
type SortKey<'a> = (
    &'a [u8],
    usize,
    usize,
    &'a str,
    Option<&'a str>,
    &'a str,
    usize,
);

fn sort_key<'a>(
    repo: &'a Repository,
    (line, column, d): &'a (usize, usize, Diagnostic),
) -> SortKey<'a> {
    let display = repo.files[d.file].display.as_bytes();
    (
        display,
        *line,
        *column,
        d.code.as_str(),
        d.object.as_deref(),
        d.message.as_str(),
        d.span.end,
    )
}

/// Sorts diagnostics by file (display path, byte-wise), line, column,
/// code, object and message, and drops exact duplicates.
pub fn sort(repo: &Repository, diagnostics: &mut Vec<Diagnostic>) {
    let mut keyed: Vec<(usize, usize, Diagnostic)> = diagnostics
        .drain(..)
        .map(|d| {
            let pos = repo.files[d.file].position(d.span.start);
            (pos.line, pos.column, d)
        })
        .collect();
    keyed.sort_by(|a, b| sort_key(repo, a).cmp(&sort_key(repo, b)));
    keyed.dedup_by(|a, b| a.2 == b.2);
    diagnostics.extend(keyed.into_iter().map(|k| k.2));
}
