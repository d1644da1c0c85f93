//! The pipeline: discover → load (parse) → graph → rules → configure →
//! suppress → filter to the requested paths → sort.

use std::path::PathBuf;
use std::time::Instant;

use crate::Fatal;
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::discover::{self, Project};
use crate::graph::Graph;
use crate::history::{self, Dates, LoadedFile, Prefetch, Prepared};
use crate::load;
use crate::model::{Kind, Repository};
use crate::rules::half_life::{self, Timeline};
use crate::rules::{self, Context, registry};
use std::collections::BTreeSet;

use crate::baseline;
use crate::snapshot::{Snapshot, WorkTree};

/// What `check` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Paths given on the command line (files or directories).
    pub paths: Vec<PathBuf>,
    /// `--config`.
    pub config: Option<PathBuf>,
    /// `--now` / `STRATLINT_NOW`.
    pub now: Option<Date>,
    /// `--no-history`.
    pub no_history: bool,
    /// `--changed-since REV`: report only what is new since `git merge-base REV HEAD`.
    pub changed_since: Option<String>,
}

/// The result of a check, ready to render.
#[derive(Debug)]
pub struct Outcome {
    /// The project that was checked.
    pub project: Project,
    /// Everything that was loaded.
    pub repo: Repository,
    /// Each file's path as shown (relative to the current directory, `/` separators).
    pub display: Vec<String>,
    /// Diagnostics to report, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Notes about the run, for stderr.
    pub notes: Vec<String>,
    /// Wall time of the check in milliseconds.
    pub elapsed_ms: u128,
    /// What the check used and did not free (see [`Retained`]).
    pub retained: Retained,
}

/// The git repository handles history was read with (the caller's and the
/// tree walk's), kept with the outcome rather than freed when the check
/// ends: freeing libgit2's object and pack caches took about 5% of a run.
/// Dropping the outcome frees them; the CLI exits without doing so.
#[derive(Default)]
pub struct Retained {
    _git: Option<git2::Repository>,
    _walker: Option<history::Handle>,
}

impl Retained {
    fn new(git: git2::Repository, walker: Option<history::Handle>) -> Self {
        Retained {
            _git: Some(git),
            _walker: walker,
        }
    }
}

impl std::fmt::Debug for Retained {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Retained")
    }
}

impl Outcome {
    /// Line and column (1-based, characters) of a byte offset in a file.
    pub fn position(&self, file: usize, offset: usize) -> crate::source::Position {
        self.repo.files[file].position(offset)
    }
}

/// What decides whether a rule ran, for SUP001.
struct RunState<'a> {
    project: &'a Project,
    /// History is read (not `--no-history`).
    history_on: bool,
    /// An owners registry exists (OWN002–OWN004 run).
    registry: bool,
}

impl RunState<'_> {
    /// Whether a code matching `pattern` ran for an object whose age is
    /// (or is not) known, so a suppression naming it could have fired.
    fn ran(&self, pattern: &str, age_known: bool) -> bool {
        registry::RULES
            .iter()
            .filter(|r| r.code.starts_with(pattern))
            .any(|r| {
                let ran = match r.code {
                    c if c.starts_with("HL") => self.history_on && age_known,
                    "OWN002" | "OWN003" | "OWN004" => self.registry,
                    _ => true,
                };
                ran && self
                    .project
                    .config
                    .severity_of(r.code, r.severity)
                    .is_some()
            })
    }
}

/// Now, as Unix seconds: `--now` at 00:00 UTC, else the clock.
fn now_secs(now: Option<Date>) -> i64 {
    match now {
        Some(d) => d.unix(),
        None => crate::date::clock(),
    }
}

/// The repository's history, opened (and its tree walk started) before
/// the files are parsed, so the two overlap.
pub struct History {
    git: git2::Repository,
    prefetch: Option<Prefetch>,
    walker: Option<history::Handle>,
}

impl History {
    /// The history of a commit below HEAD read from a walk another
    /// [`History`] started (see [`open_history`]), with a repository
    /// handle of its own.
    pub fn below(git: git2::Repository, prefetch: Prefetch) -> Self {
        History {
            git,
            prefetch: Some(prefetch),
            walker: None,
        }
    }
}

/// Opens the history of the repository holding the project and starts
/// walking it from HEAD (with the working tree) in the directories of
/// `files` (paths below the root). With `also`, an ancestor of HEAD (the
/// merge base of `--changed-since`), the same walk also serves that
/// commit's history: the second value, to be read with [`History::below`].
/// `None` with `--no-history` or outside git.
pub fn open_history<'a>(
    project: &Project,
    opts: &CheckOptions,
    files: impl IntoIterator<Item = &'a str>,
    also: Option<git2::Oid>,
) -> (Option<History>, Option<Prefetch>) {
    if opts.no_history {
        return (None, None);
    }
    let Some(git) = history::open(&project.root) else {
        return (None, None);
    };
    let Some((prefetch, second, walker)) = Prefetch::start(&git, &project.root, files, also) else {
        let history = History {
            git,
            prefetch: None,
            walker: None,
        };
        return (Some(history), None);
    };
    let history = History {
        git,
        prefetch: Some(prefetch),
        walker: Some(walker),
    };
    (Some(history), second)
}

/// Reads git's dates for the objects the HL rules judge (and those
/// principles serve) from `history` (see [`open_history`]), with what the
/// load `prepared` for it (by file id; computed where missing). The
/// repository handles (the caller's and the tree walk's) come back with the
/// timeline as [`Retained`]: freeing libgit2's caches costs a few percent of
/// a run, so the caller decides when that happens.
pub fn read_history(
    project: &Project,
    repo: &Repository,
    prepared: &[Option<Prepared>],
    opts: &CheckOptions,
    history: Option<History>,
    notes: &mut Vec<String>,
) -> (Timeline, Retained) {
    let now = now_secs(opts.now);
    let Some(History {
        git,
        prefetch,
        walker,
    }) = history
    else {
        return (Timeline { now, git: None }, Retained::default());
    };
    let mut needed = BTreeSet::new();
    for o in repo.objects.iter().filter(|o| o.is_active()) {
        let has_half_life = o.half_life.is_some() || project.config.half_life.contains_key(&o.kind);
        if let (true, Some(id)) = (has_half_life, o.id()) {
            needed.insert(id.to_owned());
            if o.kind == Kind::Principle {
                needed.extend(o.serves.iter().map(|s| s.value.clone()));
            }
        }
    }
    if needed.is_empty() {
        let timeline = Timeline {
            now,
            git: Some(Dates::default()),
        };
        return (timeline, Retained::new(git, walker));
    }
    let files: Vec<LoadedFile<'_>> = repo
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| LoadedFile {
            rel: &f.rel,
            text: &f.text,
            prepared: prepared.get(i).and_then(Option::as_ref),
        })
        .collect();
    let dated = history::date(&git, &project.root, prefetch, &needed, now, &files);
    let dates = match dated {
        Ok(dates) => {
            if dates.shallow {
                notes.push(
                    "this is a shallow clone: ages found at its boundary are lower bounds; fetch \
                     full history (`git fetch --unshallow`, or `fetch-depth: 0` with \
                     actions/checkout)"
                        .to_owned(),
                );
            }
            Some(dates)
        }
        Err(e) => {
            notes.push(format!(
                "could not read git history ({}); ages come from `reviewed` alone",
                e.0
            ));
            None
        }
    };
    (Timeline { now, git: dates }, Retained::new(git, walker))
}

/// Runs the rules over a loaded repository, then applies retirement,
/// selection, severities and suppressions (with SUP001). `files` is what
/// link targets are looked up in.
pub fn analyze(
    project: &Project,
    repo: &Repository,
    mut diagnostics: Vec<Diagnostic>,
    timeline: &Timeline,
    files: &(dyn Snapshot + Sync),
    opts: &CheckOptions,
) -> Vec<Diagnostic> {
    let graph = Graph::new(repo);
    diagnostics.extend(rules::run(&context(project, repo, &graph, files)));
    finish(project, repo, &graph, diagnostics, timeline, files, opts)
}

/// What every rule reads.
fn context<'a>(
    project: &'a Project,
    repo: &'a Repository,
    graph: &'a Graph<'a>,
    files: &'a (dyn Snapshot + Sync),
) -> Context<'a> {
    Context {
        repo,
        graph,
        config: &project.config,
        root: &project.root,
        files,
    }
}

/// [`analyze`] once the rules that read no history have run: the HL rules,
/// then retirement, selection, severities and suppressions.
fn finish(
    project: &Project,
    repo: &Repository,
    graph: &Graph<'_>,
    mut diagnostics: Vec<Diagnostic>,
    timeline: &Timeline,
    files: &(dyn Snapshot + Sync),
    opts: &CheckOptions,
) -> Vec<Diagnostic> {
    diagnostics.extend(rules::run_history(
        &context(project, repo, graph, files),
        timeline,
    ));

    // A retired object is exempt from every rule but the SL ones.
    diagnostics.retain(|d| {
        d.code.starts_with("SL") || d.object_index.is_none_or(|i| repo.objects[i].is_active())
    });

    // Selection and severity.
    let config = &project.config;
    diagnostics.retain_mut(|d| {
        match config.severity_of(d.code, registry::default_severity(d.code)) {
            Some(s) => {
                d.severity = s;
                true
            }
            None => false,
        }
    });

    // Suppression, then SUP001 for what suppressed nothing.
    let line_of = |d: &Diagnostic| repo.files[d.file].position(d.span.start).line;
    let age_known = |object: Option<usize>| {
        object.is_none_or(|i| {
            !matches!(
                half_life::revalidation(timeline, &repo.objects[i]),
                half_life::Revalidation::Unknown(_)
            )
        })
    };
    let state = RunState {
        project,
        history_on: !opts.no_history,
        registry: repo.registry.is_some(),
    };
    let ran = |pattern: &str, object: Option<usize>| state.ran(pattern, age_known(object));
    let unused = rules::suppression::apply(repo, &mut diagnostics, ran, line_of);
    if let Some(sev) = config.severity_of("SUP001", registry::default_severity("SUP001")) {
        diagnostics.extend(unused.into_iter().map(|mut d| {
            d.severity = sev;
            d
        }));
    }
    diagnostics
}

/// What checking the working tree gives back.
type Checked = (Repository, Vec<Diagnostic>, Vec<String>, Retained);

/// Loads, dates and analyzes the working tree's strategy files, `found`,
/// with `history` (see [`open_history`]).
fn check_worktree(
    project: &Project,
    found: load::Candidates,
    history: Option<History>,
    opts: &CheckOptions,
) -> Result<Checked, Fatal> {
    let loaded = load::read_found(project, found, history.is_some())?;
    let mut notes = loaded.notes;
    let repo = &loaded.repo;
    let graph = Graph::new(repo);
    // The rules that read no history run on another thread meanwhile.
    let (found, (timeline, git)) = std::thread::scope(|scope| {
        let rules = scope.spawn(|| rules::run(&context(project, repo, &graph, &WorkTree)));
        let history = read_history(project, repo, &loaded.prepared, opts, history, &mut notes);
        let found = rules
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (found, history)
    });
    let mut diagnostics = loaded.diagnostics;
    diagnostics.extend(found);
    let diagnostics = finish(
        project,
        repo,
        &graph,
        diagnostics,
        &timeline,
        &WorkTree,
        opts,
    );
    Ok((loaded.repo, diagnostics, notes, git))
}

/// Runs a whole check.
pub fn run(opts: &CheckOptions) -> Result<Outcome, Fatal> {
    let started = Instant::now();
    for p in &opts.paths {
        if std::fs::symlink_metadata(p).is_err() {
            return Err(Fatal::Usage(format!(
                "path `{}` does not exist",
                p.display()
            )));
        }
    }
    let project = discover::locate(&opts.paths, opts.config.as_deref())?;
    // With --changed-since, the merge base is checked on another thread
    // while the working tree is checked here: two cores, one wall time.
    // One walk of history serves both.
    let base = match &opts.changed_since {
        Some(rev) => Some(baseline::merge_base_of(&project, rev)?),
        None => None,
    };
    let found = load::find(&project)?;
    let (history, below) = open_history(&project, opts, found.rels(), base);
    let (head, base) = std::thread::scope(|scope| {
        let project = &project;
        let base = base
            .map(|base| scope.spawn(move || baseline::fingerprints(project, base, below, opts)));
        let head = check_worktree(project, found, history, opts);
        let base = base.map(|b| b.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        (head, base)
    });
    let (repo, mut diagnostics, notes, retained) = head?;

    // Only what is new since the merge base, matched by fingerprint.
    if let Some(base) = base {
        let mut known = base?;
        diagnostics.retain(|d| {
            let fp = d.fingerprint(&repo.files[d.file].rel);
            match known.get_mut(&fp) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            }
        });
    }
    // Only diagnostics located in the requested paths.
    let wanted: Vec<PathBuf> = opts
        .paths
        .iter()
        .filter_map(|p| std::fs::canonicalize(project.cwd.join(p)).ok())
        .filter(|p| *p != project.root)
        .collect();
    if let Some(outside) = wanted.iter().find(|w| !w.starts_with(&project.root)) {
        return Err(Fatal::Usage(format!(
            "path `{}` is outside the project root `{}`",
            outside.display(),
            project.root.display()
        )));
    }
    if !wanted.is_empty() {
        diagnostics.retain(|d| {
            let path = &repo.files[d.file].path;
            let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            wanted
                .iter()
                .any(|w| canonical.starts_with(w) || path.starts_with(w))
        });
    }

    let display: Vec<String> = repo.files.iter().map(|f| f.display.clone()).collect();
    let mut keyed: Vec<(String, usize, usize, Diagnostic)> = diagnostics
        .into_iter()
        .map(|d| {
            let pos = repo.files[d.file].position(d.span.start);
            (display[d.file].clone(), pos.line, pos.column, d)
        })
        .collect();
    keyed.sort_by(|a, b| {
        (
            a.0.as_bytes(),
            a.1,
            a.2,
            a.3.code,
            &a.3.object,
            &a.3.message,
            a.3.span.end,
        )
            .cmp(&(
                b.0.as_bytes(),
                b.1,
                b.2,
                b.3.code,
                &b.3.object,
                &b.3.message,
                b.3.span.end,
            ))
    });
    keyed.dedup_by(|a, b| a.3 == b.3);
    let diagnostics = keyed.into_iter().map(|k| k.3).collect();
    Ok(Outcome {
        project,
        repo,
        display,
        diagnostics,
        notes,
        elapsed_ms: started.elapsed().as_millis(),
        retained,
    })
}
