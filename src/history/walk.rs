//! The tree half of the history walk, on a thread of its own.
//!
//! Comparing every commit's trees with its parents' is most of the cost of
//! reading history, and it needs nothing but the directories strategy files
//! live in. So it starts as soon as discovery has found the files, and runs
//! while they are parsed and while the other half (in `judge`) reads the
//! changed blobs it reports. Commits go over a channel in batches, newest
//! first, to one reader or two (see [`Prefetch::start`]); the walk stops
//! when every reader's [`Prefetch`] is dropped.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};

use git2::{Commit, Odb, Oid, Repository, Sort};

use super::headcount::{self, Headcount, Seen};
use super::tree_diff::{self, ChangedFile, Outside, RawTree, SkippedDir, subtree_id};
use super::{CommitInfo, HistoryError, ancestors, info, prefix_of};

/// What comparing one commit with one parent (or with nothing) found,
/// below the root.
pub(super) struct Diff {
    /// The candidate files that differ, in the walk's directories.
    pub files: Vec<ChangedFile>,
    /// The differing directories outside them, not compared.
    pub skipped: Vec<SkippedDir>,
    /// Whether `skipped` holds only directories whose old side holds a
    /// candidate file (checked when the commit adds a file in the walk's
    /// directories, the usual way an object seems to appear).
    pub checked: bool,
}

/// What comparing one commit with its parents found.
pub(super) enum Compared {
    /// The commit's tree equals a parent's: it changed nothing.
    Unchanged,
    /// A root commit: every candidate file is new.
    Root(Diff),
    /// The differences from each parent, in parent order.
    Parents(Vec<Diff>),
}

/// One commit of the walk.
pub(super) struct Step {
    /// The commit.
    pub oid: Oid,
    /// Its parents.
    pub parents: Vec<Oid>,
    /// How it differs from its parents.
    pub compared: Compared,
    /// Its committer time and description, when it changed a file in the
    /// walk's directories (only such a commit can date an object).
    pub info: Option<(i64, CommitInfo)>,
}

/// The tree walk's own repository handle, handed back when the walk ends so
/// that its caches are freed when this is dropped, not on the walk's thread
/// while the check goes on.
pub struct Handle {
    _repo: Receiver<Repository>,
    /// The headcount inflections, when the walk was asked to read them.
    headcount: Option<Receiver<Result<Vec<Headcount>, HistoryError>>>,
}

impl Handle {
    /// Whether the walk reads the headcount inflections.
    pub fn reads_headcount(&self) -> bool {
        self.headcount.is_some()
    }

    /// The headcount inflections the walk read once it ended (see
    /// [`Prefetch::start`]); `None` when it was not asked to. Waits for the
    /// walk to end: drop every [`Prefetch`] first.
    pub fn headcount(&self) -> Option<Result<Vec<Headcount>, HistoryError>> {
        let rx = self.headcount.as_ref()?;
        Some(
            rx.recv()
                .unwrap_or_else(|_| Err(HistoryError("the history walk ended early".into()))),
        )
    }
}

/// Commits sent at once: one hand-over per commit woke the receiving
/// thread thousands of times (a tenth of the run in system time).
const BATCH: usize = 64;

/// Commits as the walk sends them: batches, shared by its readers.
type Batch = Result<Arc<Vec<Step>>, HistoryError>;

/// A walk of history under way on another thread, as one reader sees it.
pub struct Prefetch {
    /// The commit this reader's history starts at.
    pub(super) start: Oid,
    /// The directories the walk compares (below the root).
    pub(super) dirs: Arc<HashSet<String>>,
    /// The commits, newest first.
    steps: Receiver<Batch>,
    /// For a reader starting below the walk's start (see [`Prefetch::start`]):
    /// whether `start` has come by, and the commits known since to be its
    /// ancestors, still to come.
    below: Option<(bool, HashSet<Oid>)>,
    /// Readers still reading: the walk stops when none is left.
    readers: Arc<AtomicUsize>,
}

impl Prefetch {
    /// Starts comparing trees from HEAD, only in the directories holding
    /// `files` (paths relative to `root`) and their ancestors, for a reader
    /// of HEAD's history (with the working tree's changes). With `also`, an
    /// ancestor of HEAD, the walk serves a second reader too: the history of
    /// `also`, that is the commits from `also` on that are its ancestors (as
    /// `git log also` lists them, clocks being sane). With `registry` (the
    /// owners registry's path below `root`) and no `also`, the walk also
    /// reads the registry's headcount inflections once it ends, from the
    /// commits and trees it has already read (see [`Handle::headcount`]).
    /// `None` when there is no commit to walk.
    pub fn start<'a>(
        repo: &Repository,
        root: &Path,
        files: impl IntoIterator<Item = &'a str>,
        also: Option<Oid>,
        registry: Option<&str>,
    ) -> Option<(Prefetch, Option<Prefetch>, Handle)> {
        let start = repo.head().ok()?.peel_to_commit().ok()?.id();
        let prefix = prefix_of(repo, root)?;
        let dirs: Arc<HashSet<String>> = Arc::new(files.into_iter().flat_map(ancestors).collect());
        let gitdir = repo.path().to_path_buf();
        let readers = Arc::new(AtomicUsize::new(1 + usize::from(also.is_some())));
        let reader = |start, below| {
            let (tx, steps) = mpsc::channel();
            let prefetch = Prefetch {
                start,
                dirs: dirs.clone(),
                steps,
                below,
                readers: readers.clone(),
            };
            (tx, prefetch)
        };
        let (tx, main) = reader(start, None);
        let mut senders = vec![tx];
        let second = also.map(|oid| {
            let (tx, prefetch) = reader(oid, Some((false, HashSet::default())));
            senders.push(tx);
            prefetch
        });
        let (give_back, handle) = mpsc::channel();
        let registry = registry
            .filter(|_| also.is_none())
            .map(|r| headcount::registry_path(&prefix, r));
        let (headcount_tx, headcount_rx) = match registry {
            Some(_) => {
                let (tx, rx) = mpsc::channel();
                (Some(tx), Some(rx))
            }
            None => (None, None),
        };
        let walk = Walk {
            gitdir,
            start,
            prefix,
            dirs: dirs.clone(),
            readers: readers.clone(),
            registry,
        };
        // Not joined: once stopped it finishes the commit in hand, hands its
        // repository handle back and ends on its own.
        let report = senders.clone();
        let spawned = std::thread::Builder::new()
            .name("history-walk".to_owned())
            .spawn(move || walk.run(senders, give_back, headcount_tx));
        if let Err(e) = spawned {
            // No walk: reading history fails with this, and ages come from `reviewed`.
            let e = HistoryError(format!("cannot start a thread to read it: {e}"));
            for tx in report {
                let _ = tx.send(Err(e.clone()));
            }
        }
        let handle = Handle {
            _repo: handle,
            headcount: headcount_rx,
        };
        Some((main, second, handle))
    }

    /// Whether this reader's history starts at HEAD of the working tree (so
    /// uncommitted changes count).
    pub(super) fn worktree(&self) -> bool {
        self.below.is_none()
    }

    /// The next batch of commits, newest first, as the walk finds them;
    /// `None` when the walk is over.
    pub(super) fn next_batch(&self) -> Option<Batch> {
        self.steps.recv().ok()
    }

    /// Whether a commit of the walk belongs to this reader's history.
    pub(super) fn wanted(&mut self, step: &Step) -> bool {
        let Some((reached, ancestors)) = &mut self.below else {
            return true;
        };
        // Each commit comes once, after at least one of its children.
        let wanted = if *reached {
            ancestors.remove(&step.oid)
        } else {
            *reached = step.oid == self.start;
            *reached
        };
        if wanted {
            ancestors.extend(&step.parents);
        }
        wanted
    }
}

impl Drop for Prefetch {
    fn drop(&mut self) {
        self.readers.fetch_sub(1, Ordering::Relaxed);
    }
}

/// What the walking thread needs.
struct Walk {
    gitdir: PathBuf,
    start: Oid,
    prefix: String,
    dirs: Arc<HashSet<String>>,
    readers: Arc<AtomicUsize>,
    /// The owners registry's path from the repository's root, when the walk
    /// is to read its headcount inflections.
    registry: Option<String>,
}

/// Where the walk hands the headcount inflections over.
type HeadcountSender = Option<Sender<Result<Vec<Headcount>, HistoryError>>>;

impl Walk {
    fn run(
        &self,
        senders: Vec<Sender<Batch>>,
        give_back: Sender<Repository>,
        headcount: HeadcountSender,
    ) {
        let fail = |e: HistoryError| {
            for tx in &senders {
                let _ = tx.send(Err(e.clone()));
            }
        };
        // A handle of its own: libgit2 handles are not shared between threads.
        let repo = match Repository::open(&self.gitdir) {
            Ok(repo) => repo,
            Err(e) => return fail(e.into()),
        };
        let mut seen = Seen::default();
        if let Err(e) = self.walk(&repo, &senders, &mut seen) {
            fail(e);
        }
        // The readers learn that the walk is over first; the handle goes
        // to whoever keeps the `Handle` (freed here if nobody does).
        drop(senders);
        if let (Some(tx), Some(path)) = (headcount, &self.registry) {
            let _ = tx.send(headcount::from(&repo, self.start, path, &seen));
        }
        let _ = give_back.send(repo);
    }

    fn walk(
        &self,
        repo: &Repository,
        senders: &[Sender<Batch>],
        seen: &mut Seen,
    ) -> Result<(), HistoryError> {
        let send = |batch: Vec<Step>| {
            let batch = Arc::new(batch);
            for tx in senders {
                // A reader that is gone no longer counts (see `readers`).
                let _ = tx.send(Ok(batch.clone()));
            }
        };
        let mut holds = HashMap::default();
        let odb = repo.odb()?;
        let mut batch = Vec::with_capacity(BATCH);
        let mut walk = repo.revwalk()?;
        walk.push(self.start)?;
        // git's own order (as `git log`): newest first, a commit always
        // before its parents, found lazily. Sorting by time instead makes
        // libgit2 read the whole history before the first commit.
        walk.set_sorting(Sort::NONE)?;
        for oid in walk {
            if self.readers.load(Ordering::Relaxed) == 0 {
                break;
            }
            let oid = oid?;
            let commit = repo.find_commit(oid)?;
            let compared =
                compare_commit(repo, &odb, &commit, &self.prefix, &self.dirs, &mut holds)?;
            let touched = match &compared {
                Compared::Unchanged => false,
                Compared::Root(diff) => !diff.files.is_empty(),
                Compared::Parents(diffs) => diffs.iter().any(|d| !d.files.is_empty()),
            };
            let info = touched.then(|| (commit.time().seconds(), info(&commit)));
            if let Some(path) = &self.registry {
                // Its tree was just read: the registry's blob comes from the cache.
                let blob = tree_diff::blob_at(&odb, commit.tree_id(), path)?;
                seen.insert(
                    oid,
                    (commit.time().seconds(), commit.parent_id(0).ok(), blob),
                );
            }
            batch.push(Step {
                oid,
                parents: commit.parent_ids().collect(),
                compared,
                info,
            });
            if batch.len() == BATCH {
                send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)));
            }
        }
        if !batch.is_empty() {
            send(batch);
        }
        Ok(())
    }
}

/// Compares commit `oid` with each of its parents inside `dirs`.
pub(super) fn compare(
    repo: &Repository,
    odb: &Odb<'_>,
    oid: Oid,
    prefix: &str,
    dirs: &HashSet<String>,
    holds: &mut HashMap<Oid, bool>,
) -> Result<Compared, HistoryError> {
    compare_commit(repo, odb, &repo.find_commit(oid)?, prefix, dirs, holds)
}

fn compare_commit(
    repo: &Repository,
    odb: &Odb<'_>,
    commit: &Commit<'_>,
    prefix: &str,
    dirs: &HashSet<String>,
    holds: &mut HashMap<Oid, bool>,
) -> Result<Compared, HistoryError> {
    let tree = subtree_id(odb, commit.tree_id(), prefix)?;
    let mut parents = Vec::with_capacity(commit.parent_count());
    for id in commit.parent_ids() {
        let pt = subtree_id(odb, repo.find_commit(id)?.tree_id(), prefix)?;
        if pt == tree {
            return Ok(Compared::Unchanged);
        }
        parents.push(pt);
    }
    let tree = tree.map(|id| RawTree::read(odb, id)).transpose()?;
    let mut diff = |old: Option<Oid>| -> Result<Diff, HistoryError> {
        let old = old.map(|id| RawTree::read(odb, id)).transpose()?;
        let mut files = Vec::new();
        let mut within = tree_diff::Within {
            dirs,
            skipped: Vec::new(),
        };
        tree_diff::changed_files(
            odb,
            &mut within,
            old.as_ref(),
            tree.as_ref(),
            "",
            &mut files,
        )?;
        let mut skipped = within.skipped;
        let checked = files.iter().any(|f| f.old.is_none());
        if checked {
            let mut outside = Outside { odb, memo: holds };
            let mut kept = Vec::with_capacity(skipped.len());
            for dir in skipped {
                if let Some(old) = dir.old {
                    if outside.holds(old)? {
                        kept.push(dir);
                    }
                }
            }
            skipped = kept;
        }
        Ok(Diff {
            files,
            skipped,
            checked,
        })
    };
    if parents.is_empty() {
        return Ok(Compared::Root(diff(None)?));
    }
    let lists = parents
        .into_iter()
        .map(&mut diff)
        .collect::<Result<_, _>>()?;
    Ok(Compared::Parents(lists))
}
