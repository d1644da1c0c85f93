//! One analysis, many views: [`analyze`] takes a discovered [`Project`],
//! in-memory overlays and [`Options`], and returns an [`Analysis`]: the
//! model, its graph, the timeline and the diagnostics, sorted. It prints
//! nothing and never reads the current directory. `check`, and every view
//! to come, are thin consumers of it.
//!
//! The pipeline: load (parse) → graph → the model's rules, on one thread,
//! while history is read on this one → the timed rules → verdict
//! (retirement, selection, severity, suppression) → `--changed-since`
//! baseline → sort.

pub mod baseline;
pub mod dating;
pub mod future;
pub mod head;
pub mod memory;
pub mod staged;
pub mod verdict;

use crate::Fatal;
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::graph::Graph;
use crate::history::Timeline;
use crate::load;
use crate::metrics::{self, Metrics};
use crate::model::Repository;
use crate::project::Project;
use crate::rules::{self, Context};
use crate::snapshot::{Overlays, Snapshot, WorkTree};

pub use dating::Retained;

/// How to analyze.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--now` / `STRATLINT_NOW`; the clock when absent.
    pub now: Option<Date>,
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
    /// The walk and the files' parses kept between analyses of the same
    /// project (the language server's, see [`load::ParseCache`]); none for
    /// the CLI.
    pub parse_cache: Option<std::sync::Arc<load::ParseCache>>,
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

/// What every rule reads.
fn context<'a>(
    project: &'a Project,
    repo: &'a Repository,
    graph: &'a Graph,
    files: &'a (dyn Snapshot + Sync),
    now: i64,
) -> Context<'a> {
    Context {
        repo,
        graph,
        config: &project.config,
        root: &project.root,
        files,
        now,
    }
}

/// Runs every rule over a loaded repository and applies the verdict.
/// `files` is what link targets are looked up in.
pub fn judge(
    project: &Project,
    repo: &Repository,
    graph: &Graph,
    mut diagnostics: Vec<Diagnostic>,
    timeline: &Timeline,
    files: &(dyn Snapshot + Sync),
    history_on: bool,
) -> Vec<Diagnostic> {
    let ctx = context(project, repo, graph, files, timeline.now);
    diagnostics.extend(rules::run(&ctx));
    rules::run_timed(&ctx, timeline, &mut diagnostics);
    verdict::apply(&project.config, repo, diagnostics, timeline, history_on)
}

/// Analyzes a project: its files on disk with `overlays` in their place.
pub fn analyze(
    project: Project,
    overlays: &Overlays,
    options: &Options,
) -> Result<Analysis, Fatal> {
    let history_on = !options.no_history;
    let now = dating::now_secs(options.now);
    // With --changed-since, the merge base is analyzed on another thread
    // while the working tree is analyzed here: two cores, one wall time.
    // One walk of history serves both.
    let base = match &options.changed_since {
        Some(rev) => baseline::merge_base_of(&project, rev)?,
        None => None,
    };
    // --staged: the index's texts in place of the working tree's, and
    // files git does not track left out.
    let (merged, tracked) = if options.staged {
        let (mut index, tracked) = staged::view(&project, options.index_file.as_deref())?;
        index.extend(overlays.iter().map(|(p, t)| (p.clone(), t.clone())));
        (Some(index), Some(tracked))
    } else {
        (None, None)
    };
    let overlays = merged.as_ref().unwrap_or(overlays);
    let found = load::find_cached(
        &project,
        overlays,
        tracked.as_ref(),
        options.parse_cache.as_ref(),
    )?;
    // An earlier read's dates (the language server's) stand in for a walk.
    let (history, below) = if history_on && options.history_from.is_none() {
        dating::open(&project, found.history_rels(overlays), base)
    } else {
        (None, None)
    };
    let (head, base, state) = std::thread::scope(|scope| {
        let project = &project;
        let base = base.map(|base| {
            scope.spawn(move || baseline::fingerprints(project, base, below, now, history_on))
        });
        // The state judged (the report's item 0), unless git is not to be
        // read at all: a status scan of the work tree, meanwhile.
        let state = (options.head && history_on).then(|| scope.spawn(|| head::read(&project.root)));
        let head = worktree(project, found, overlays, history, options, now);
        let base = base.map(|b| b.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        let state = state.map(|s| s.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        (head, base, state)
    });
    let (model, graph, timeline, mut diagnostics, mut notes, retained) = head?;

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
        diagnostics,
        notes,
        known_before,
        retained,
        head: state,
    })
}

/// What analyzing the working tree gives back.
type Worktree = (
    Repository,
    Graph,
    Timeline,
    Vec<Diagnostic>,
    Vec<String>,
    Retained,
);

/// Loads, dates and judges the working tree's strategy files, `found`,
/// with `history` (see [`dating::open`]) or the dates of an earlier read
/// (`options.history_from`).
fn worktree(
    project: &Project,
    found: load::Candidates,
    overlays: &Overlays,
    history: Option<dating::History>,
    options: &Options,
    now: i64,
) -> Result<Worktree, Fatal> {
    let history_on = !options.no_history;
    let reuse = options.history_from.as_deref().filter(|_| history_on);
    let loaded = load::read_found(project, found, overlays, history.is_some())?;
    let mut notes = loaded.notes;
    let mut repo = loaded.repo;
    let mut diagnostics = loaded.diagnostics;
    future::clear(&mut repo, now, &mut diagnostics);
    let files = WorkTree { overlays };
    let read_history = |repo: &Repository, notes: &mut Vec<String>| match reuse {
        Some(earlier) => (
            dating::reuse(project, repo, earlier, now),
            Retained::default(),
        ),
        None => dating::read(
            project,
            repo,
            &loaded.prepared,
            &options.only,
            now,
            history,
            notes,
        ),
    };
    let (graph, found, (timeline, retained)) = if history_on && dating::has_undated(&repo) {
        // Undated adopted records are dated by the walk (SPEC §11), and the
        // rules read decisions' dates: they wait for it.
        let (timeline, retained) = read_history(&repo, &mut notes);
        dating::date_adopted(&mut repo, &timeline);
        let graph = Graph::new(&repo);
        let ctx = context(project, &repo, &graph, &files, now);
        let found = rules::run(&ctx);
        (graph, found, (timeline, retained))
    } else {
        let graph = Graph::new(&repo);
        let ctx = context(project, &repo, &graph, &files, now);
        // The rules that read no history run on another thread meanwhile.
        let (found, history) = std::thread::scope(|scope| {
            let rules = scope.spawn(|| rules::run(&ctx));
            let history = read_history(&repo, &mut notes);
            let found = rules
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            (found, history)
        });
        (graph, found, history)
    };
    let ctx = context(project, &repo, &graph, &files, now);
    diagnostics.extend(found);
    rules::run_timed(&ctx, &timeline, &mut diagnostics);
    let diagnostics = verdict::apply(&project.config, &repo, diagnostics, &timeline, history_on);
    Ok((repo, graph, timeline, diagnostics, notes, retained))
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
