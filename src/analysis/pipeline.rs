//! The one pipeline every [`Source`](super::source::Source) goes through,
//! the same way: load (parse) → dates → graph → the model's rules → the
//! timed rules → verdict. The working tree, the index, the merge base of
//! `--changed-since` and texts in memory differ only in their opened
//! files and in how history is read ([`Dating`]).

use crate::Fatal;
use crate::diagnostic::Diagnostic;
use crate::facts::Facts;
use crate::graph::Graph;
use crate::history::Timeline;
use crate::model::Repository;
use crate::project::Project;
use crate::rules::{self, Context};
use crate::snapshot::Snapshot;

use super::dating::{self, History, Retained};
use super::source::Opened;
use super::{Run, future, verdict};

/// How an analysis learns git's dates.
pub enum Dating<'t> {
    /// It does not: `--no-history`, or files held in memory.
    Off,
    /// From the history [`dating::open`] opened before loading (`None`
    /// outside git: ages then come from `reviewed` alone).
    Walk(Option<Box<History>>),
    /// From an earlier read of the same HEAD (the language server's).
    Reuse(&'t Timeline),
}

/// What the pipeline gives back: the model, its graph, the dates, the
/// diagnostics after the verdict (not yet sorted), notes for stderr and
/// the git handles history was read with.
#[derive(Debug)]
pub struct Judged {
    /// Every file and object loaded.
    pub repo: Repository,
    /// The model's edge index.
    pub graph: Graph,
    /// Now, and git's dates when history was read.
    pub timeline: Timeline,
    /// What is reported, after configuration and suppression.
    pub diagnostics: Vec<Diagnostic>,
    /// Notes about the run, for stderr.
    pub notes: Vec<String>,
    /// The git handles history was read with (see [`Retained`]).
    pub retained: Retained,
    /// What the timed rules and every view read, computed once.
    pub facts: Facts,
    /// What each model check found, by its place in
    /// [`rules::CHECKS`] (before the verdict): what the next re-check of
    /// a spliced model may keep.
    pub found: Vec<Vec<Diagnostic>>,
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
        facts: None,
    }
}

/// Loads, dates and judges an opened source.
pub fn judge(opened: &mut Opened<'_>, dating: Dating<'_>, run: &Run<'_>) -> Result<Judged, Fatal> {
    let project: &Project = &opened.project;
    let files = &mut opened.files;
    // No walk of history competes for the cores: the model's rules may
    // spread over them.
    let parallel = !matches!(dating, Dating::Walk(_)) || !run.history_on;
    let (dating, walk) = match dating {
        Dating::Walk(history) if run.history_on => (Dating::Off, history),
        other => (other, None),
    };
    // Only the working tree and the index are compared with HEAD.
    let prepare = files.against_head() && walk.is_some();
    let loaded = files.load(project, prepare)?;
    let mut notes = loaded.notes;
    let mut repo = loaded.repo;
    let mut diagnostics = loaded.diagnostics;
    future::clear(&mut repo, run.now, &mut diagnostics);
    let files: &(dyn Snapshot + Sync) = files;
    let read_history = |repo: &Repository, notes: &mut Vec<String>| match (dating, walk) {
        (Dating::Reuse(earlier), _) if run.history_on => (
            dating::reuse(project, repo, earlier, run.now),
            Retained::default(),
        ),
        (_, Some(history)) => dating::read(project, repo, &loaded.prepared, *history, run, notes),
        _ => (Timeline::without_git(run.now), Retained::default()),
    };
    let (graph, found, (timeline, retained), facts) = if run.history_on
        && dating::has_undated(&repo)
    {
        // Undated adopted records are dated by the walk (SPEC §11), and the
        // rules read decisions' dates: they wait for it.
        let (timeline, retained) = read_history(&repo, &mut notes);
        dating::date_adopted(&mut repo, &timeline);
        let graph = Graph::new(&repo);
        let reuse = run
            .facts_from
            .and_then(|k| k.reuse(&repo, &project.config, run.now));
        let found = rules::run(
            &context(project, &repo, &graph, files, run.now),
            parallel,
            reuse,
        );
        let facts =
            Facts::compute_reusing(&repo, &graph, &project.config, &timeline, run.facts_from);
        (graph, found, (timeline, retained), facts)
    } else {
        let graph = Graph::new(&repo);
        let ctx = context(project, &repo, &graph, files, run.now);
        // The rules that read no history run on another thread meanwhile;
        // the facts, once the timeline is known, on this one.
        let (found, history, facts) = std::thread::scope(|scope| {
            let reuse = run
                .facts_from
                .and_then(|k| k.reuse(&repo, &project.config, run.now));
            let rules = scope.spawn(move || rules::run(&ctx, parallel, reuse));
            let history = read_history(&repo, &mut notes);
            let facts =
                Facts::compute_reusing(&repo, &graph, &project.config, &history.0, run.facts_from);
            let found = rules
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            (found, history, facts)
        });
        (graph, found, history, facts)
    };
    diagnostics.extend(found.iter().flatten().cloned());
    let ctx = context(project, &repo, &graph, files, run.now);
    rules::run_timed(&ctx, &timeline, &facts, &mut diagnostics, parallel);
    let diagnostics = verdict::apply(
        &project.config,
        &repo,
        diagnostics,
        &timeline,
        run.history_on,
    );
    Ok(Judged {
        repo,
        graph,
        timeline,
        diagnostics,
        notes,
        retained,
        facts,
        found,
    })
}
