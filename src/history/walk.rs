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
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};

use git2::{Odb, Oid, Repository};

use super::ahead::{self, Hasher, Taker};
use super::commit_graph::{BloomKey, CommitGraph};
use super::linker::{self, Job, Linker, Outlets, Setup};
use super::linking::{Linked, Linking};
use super::registry_versions::{self, Seen, Version};
use super::tree_diff::{self, ChangedFile, Differing, RawTree, SkippedDir, subtree_id};
use super::{CommitInfo, HistoryError, ancestors, info, prefix_of};

/// What comparing one commit with one parent (or with nothing) found,
/// below the root.
pub(super) struct Diff {
    /// The candidate files that differ, in the walk's directories.
    pub files: Vec<ChangedFile>,
    /// The differing directories outside them, not compared.
    pub skipped: Vec<SkippedDir>,
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
    /// Its position in the commit-graph the walk reads (see
    /// [`Prefetch::graph`]), when there.
    pub pos: Option<u32>,
    /// Its root tree and its parents' (none when the walk compared nothing:
    /// the Bloom filter ruled its directories out), for comparing it again.
    pub trees: (Oid, Vec<Oid>),
}

/// The tree walk's own repository handle, handed back when the walk ends so
/// that its caches are freed when this is dropped, not on the walk's thread
/// while the check goes on.
pub struct Handle {
    _repo: Receiver<Repository>,
    /// The owners registry's versions, when the walk was asked to read them.
    registry: Option<Receiver<Result<Vec<Version>, HistoryError>>>,
    /// Why the repository's commit-graph was not used, once the walk knows.
    note: Arc<std::sync::Mutex<Option<String>>>,
    /// Where the walk learns what links commits (see [`Handle::link`]).
    linking: Sender<Option<Arc<Linking>>>,
    /// The linked commits, once the walk ends, when it was given a linking.
    linked: Receiver<Result<Linked, HistoryError>>,
    /// Whether a linking was given.
    linking_on: std::cell::Cell<bool>,
}

impl Handle {
    /// Why the repository's commit-graph was ignored (it is invalid, or
    /// disagrees with the object database), when it was.
    pub fn graph_note(&self) -> Option<String> {
        self.note.lock().ok().and_then(|n| n.clone())
    }

    /// Tells the walk what links commits (`None`: nothing, as for a
    /// project with no initiative). Call it before dropping the last
    /// [`Prefetch`]: the walk then goes on to the start of history reading
    /// commit messages (and, where a target has paths, the changes in
    /// them), and hands the linked commits over with [`Handle::linked`].
    /// The commits it already passed are read when it learns this.
    pub fn link(&self, linking: Option<Linking>) {
        self.linking_on.set(linking.is_some());
        let _ = self.linking.send(linking.map(Arc::new));
    }

    /// The commits the walk linked, once it ended (see [`Handle::link`]);
    /// `None` when it was given no linking. Waits for the walk to end:
    /// drop every [`Prefetch`] first.
    pub fn linked(&self) -> Option<Result<Linked, HistoryError>> {
        if !self.linking_on.get() {
            return None;
        }
        Some(
            self.linked
                .recv()
                .unwrap_or_else(|_| Err(HistoryError("the history walk ended early".into()))),
        )
    }

    /// Whether the walk reads the owners registry's versions.
    pub fn reads_registry(&self) -> bool {
        self.registry.is_some()
    }

    /// The owners registry's versions the walk read once it ended (see
    /// [`Prefetch::start`]); `None` when it was not asked to. Waits for the
    /// walk to end: drop every [`Prefetch`] first.
    pub fn registry_versions(&self) -> Option<Result<Vec<Version>, HistoryError>> {
        let rx = self.registry.as_ref()?;
        Some(
            rx.recv()
                .unwrap_or_else(|_| Err(HistoryError("the history walk ended early".into()))),
        )
    }
}

/// Commits sent at once: one hand-over per commit woke the receiving
/// thread thousands of times (a tenth of the run in system time).
const BATCH: usize = 64;

/// Batches a reader may have waiting before the walk waits for it: the
/// walk runs ahead while the files are parsed (65,536 commits), and memory
/// stays bounded however long the history.
const QUEUED: usize = 1024;

/// Commits as the walk sends them: batches, shared by its readers.
type Batch = Result<Arc<Vec<Step>>, HistoryError>;

/// A walk of history under way on another thread, as one reader sees it.
pub struct Prefetch {
    /// The commit this reader's history starts at.
    pub(super) start: Oid,
    /// Whether this reader's history starts at HEAD of the working tree (so
    /// uncommitted changes count).
    worktree: bool,
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
    /// The commit-graph the walk reads, once it has opened it (set before
    /// the first batch is sent; never, when it reads none).
    graph: SharedGraph,
    /// The texts the walk's thread hashes once its walk is over, for the
    /// only reader (see [`ahead`]).
    ahead: Option<Taker>,
    /// For the second reader: the commits linked by the first reader's
    /// linking that this reader's start reaches (see [`Prefetch::take_linked`]).
    linked: Option<Receiver<Result<Linked, HistoryError>>>,
}

/// The commit-graph the walk reads, shared with its readers.
type SharedGraph = Arc<OnceLock<Arc<CommitGraph>>>;

/// Where a walk of history starts, and whom it serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// HEAD, for a reader of its history with the working tree's changes;
    /// with `also`, an ancestor of HEAD (the merge base of
    /// `--changed-since`), for a second reader of that commit's history.
    Head {
        /// The second reader's commit.
        also: Option<Oid>,
    },
    /// A commit (`--as-of`), for one reader of its history: the commits
    /// after it are never read, and nothing uncommitted counts.
    Commit(Oid),
}

impl Prefetch {
    /// Starts comparing trees from `from` (HEAD, or the commit
    /// `--as-of` names), only in the directories holding `files` (paths
    /// relative to `root`) and their ancestors, for a reader of its history
    /// (from HEAD, with the working tree's changes). From HEAD with `also`,
    /// an ancestor of HEAD, the walk serves a second reader too: the
    /// history of `also`, that is the commits from `also` on that are its
    /// ancestors (as `git log also` lists them, clocks being sane). With
    /// `registry` (the owners registry's path below `root`) and no second
    /// reader, the walk also reads the registry's versions along its
    /// start's first parents once it ends, from the commits and trees it
    /// has already read (see [`Handle::registry_versions`]). `None` when
    /// there is no commit to walk.
    pub fn start<'a>(
        repo: &Repository,
        root: &Path,
        files: impl IntoIterator<Item = &'a str>,
        from: Start,
        registry: Option<&str>,
    ) -> Option<(Prefetch, Option<Prefetch>, Handle)> {
        let (start, also, worktree) = match from {
            Start::Head { also } => (repo.head().ok()?.peel_to_commit().ok()?.id(), also, true),
            Start::Commit(oid) => (oid, None, false),
        };
        let prefix = prefix_of(repo, root)?;
        let files: Vec<&str> = files.into_iter().collect();
        let dirs: Arc<HashSet<String>> =
            Arc::new(files.iter().copied().flat_map(ancestors).collect());
        let root_files: Arc<HashSet<String>> = Arc::new(
            files
                .iter()
                .filter(|f| !f.contains('/'))
                .map(|f| (*f).to_owned())
                .collect(),
        );
        let note = Arc::new(std::sync::Mutex::new(None));
        let gitdir = repo.path().to_path_buf();
        let readers = Arc::new(AtomicUsize::new(1 + usize::from(also.is_some())));
        let shared: SharedGraph = Arc::default();
        let reader = |start, below| {
            let (tx, steps) = mpsc::sync_channel(QUEUED);
            let prefetch = Prefetch {
                start,
                worktree: false,
                dirs: dirs.clone(),
                steps,
                below,
                readers: readers.clone(),
                graph: shared.clone(),
                ahead: None,
                linked: None,
            };
            (tx, prefetch)
        };
        let (tx, mut main) = reader(start, None);
        main.worktree = worktree;
        // Hashing ahead serves one reader: a second one's commits are not
        // all the first one's.
        let hasher = also.is_none().then(|| {
            let (hasher, taker) = ahead::pair();
            main.ahead = Some(taker);
            hasher
        });
        let mut senders = vec![tx];
        let mut also_linked = None;
        let second = also.map(|oid| {
            let (tx, mut prefetch) = reader(oid, Some((false, HashSet::default())));
            senders.push(tx);
            let (linked_tx, linked_rx) = mpsc::channel();
            prefetch.linked = Some(linked_rx);
            also_linked = Some((oid, linked_tx));
            prefetch
        });
        let (give_back, handle) = mpsc::channel();
        let registry = registry
            .filter(|_| also.is_none())
            .map(|r| registry_versions::registry_path(&prefix, r));
        let (registry_tx, registry_rx) = match registry {
            Some(_) => {
                let (tx, rx) = mpsc::channel();
                (Some(tx), Some(rx))
            }
            None => (None, None),
        };
        let (link_tx, link_rx) = mpsc::channel();
        let (linked_tx, linked_rx) = mpsc::channel();
        let walk = Walk {
            linking: link_rx,
            linked: linked_tx,
            also_linked,
            gitdir,
            start,
            prefix,
            dirs: dirs.clone(),
            root_files,
            note: note.clone(),
            readers: readers.clone(),
            registry,
            graph: shared.clone(),
            ahead: hasher,
        };
        // Not joined: once stopped it finishes the commit in hand, hands its
        // repository handle back and ends on its own.
        let report = senders.clone();
        let spawned = std::thread::Builder::new()
            .name("history-walk".to_owned())
            .spawn(move || walk.run(senders, give_back, registry_tx));
        if let Err(e) = spawned {
            // No walk: reading history fails with this, and ages come from `reviewed`.
            let e = HistoryError(format!("cannot start a thread to read it: {e}"));
            for tx in report {
                let _ = tx.send(Err(e.clone()));
            }
        }
        let handle = Handle {
            _repo: handle,
            registry: registry_rx,
            note,
            linking: link_tx,
            linked: linked_rx,
            linking_on: std::cell::Cell::new(false),
        };
        Some((main, second, handle))
    }

    /// The commit-graph the walk reads (with [`Step::pos`] its commits'
    /// positions there), once the first batch has come.
    pub(super) fn graph(&self) -> Option<&CommitGraph> {
        self.graph.get().map(|g| &**g)
    }

    /// For the second reader (the merge base of `--changed-since`): the
    /// commits the walk linked, by the first reader's linking (the
    /// initiatives of the working tree), that its start reaches, once the
    /// walk ends. Taken once; `None` for the first reader. Wait for them
    /// only after dropping this `Prefetch`, and only when this reader's
    /// project has initiatives (else nothing may ever be sent).
    pub fn take_linked(&mut self) -> Option<Receiver<Result<Linked, HistoryError>>> {
        self.linked.take()
    }

    /// The texts the walk's thread will hash ahead of this reader, to be
    /// taken once (see [`ahead`]).
    pub(super) fn take_ahead(&mut self) -> Option<Taker> {
        self.ahead.take()
    }

    /// Whether this reader's history starts at HEAD of the working tree (so
    /// uncommitted changes count).
    pub(super) fn worktree(&self) -> bool {
        self.worktree
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
    /// The candidate files directly in the project's directory (see
    /// [`tree_diff::Within::root_files`]).
    root_files: Arc<HashSet<String>>,
    /// Why the commit-graph was not used, for a note.
    note: Arc<std::sync::Mutex<Option<String>>>,
    readers: Arc<AtomicUsize>,
    /// The owners registry's path from the repository's root, when the walk
    /// is to read its versions.
    registry: Option<String>,
    /// Where the walk shares the commit-graph it reads with its readers.
    graph: SharedGraph,
    /// What links commits, once told (see [`Handle::link`]).
    linking: Receiver<Option<Arc<Linking>>>,
    /// Where the linked commits go when the walk ends.
    linked: Sender<Result<Linked, HistoryError>>,
    /// With a second reader: its start, and where the linked commits it
    /// reaches go.
    also_linked: Option<(Oid, Sender<Result<Linked, HistoryError>>)>,
    /// Where the texts hashed ahead go, when the walk has one reader.
    ahead: Option<Hasher>,
}

/// What the walk knows of linking commits.
enum Links {
    /// Not told yet: the single-parent and root commits passed meanwhile
    /// wait here, in the walk's order.
    Unknown(Vec<Job>),
    /// Nothing links commits.
    Off,
    /// Linking, on the linker's thread.
    On(Linker),
}

/// Where the walk hands the owners registry's versions over.
type RegistrySender = Option<Sender<Result<Vec<Version>, HistoryError>>>;

impl Walk {
    fn run(
        &self,
        senders: Vec<SyncSender<Batch>>,
        give_back: Sender<Repository>,
        registry: RegistrySender,
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
        let graph = self.graph(&repo).map(Arc::new);
        if let Some(g) = &graph {
            let _ = self.graph.set(g.clone());
        }
        let mut links = Links::Unknown(Vec::new());
        let mut ahead = Vec::new();
        let walked = self.walk(&repo, &graph, &senders, &mut seen, &mut links, &mut ahead);
        if let Err(e) = &walked {
            fail(e.clone());
        }
        let hash = walked.is_ok();
        // The readers learn that the walk is over first; the handle goes
        // to whoever keeps the `Handle` (freed here if nobody does).
        drop(senders);
        if let (Some(tx), Some(path)) = (registry, &self.registry) {
            let _ = tx.send(registry_versions::from(&repo, self.start, path, &seen));
        }
        // History ended before the walk was told what links commits: wait.
        if let Links::Unknown(backlog) = &mut links {
            let told = self.linking.recv().ok().flatten();
            links = self.told(told, &graph, std::mem::take(backlog));
        }
        if let Links::On(linker) = links {
            linker.finish(walked);
        }
        if hash {
            self.hash_ahead(&repo, &ahead);
        }
        drop(ahead);
        let _ = give_back.send(repo);
    }

    /// The repository's commit-graph, when it has a valid one that agrees
    /// with the object database at the walk's start; an invalid one is
    /// ignored with a note, and the walk reads every commit's object.
    fn graph(&self, repo: &Repository) -> Option<CommitGraph> {
        // As git: a shallow clone, grafts or replace refs change what a
        // commit's parents are, which the graph does not know.
        let grafts = repo.commondir().join("info/grafts").exists();
        let replaced = repo
            .references_glob("refs/replace/*")
            .is_ok_and(|mut r| r.next().is_some());
        if repo.is_shallow() || grafts || replaced {
            return None;
        }
        let objects = repo.commondir().join("objects");
        let graph = match CommitGraph::open(&objects) {
            Ok(graph) => graph?,
            Err(e) => {
                self.note_graph(format!("{e}"));
                return None;
            }
        };
        // Spot-check the newest commit it holds on the way: HEAD or the
        // first ancestor (first parents) it has.
        let mut at = Some(self.start);
        for _ in 0..64 {
            let oid = at?;
            let commit = repo.find_commit(oid).ok()?;
            if let Some(pos) = graph.position(oid) {
                let c = graph.commit(pos);
                let parents: Vec<Oid> = c.parents.iter().map(|&p| graph.oid(p)).collect();
                let agrees = c.tree == commit.tree_id()
                    && c.time == commit.time().seconds()
                    && parents == commit.parent_ids().collect::<Vec<_>>();
                if !agrees {
                    self.note_graph(format!(
                        "its commit {oid} disagrees with the object database"
                    ));
                    return None;
                }
                return Some(graph);
            }
            at = commit.parent_id(0).ok();
        }
        Some(graph)
    }

    fn note_graph(&self, why: String) {
        if let Ok(mut note) = self.note.lock() {
            *note = Some(format!(
                "the commit-graph is ignored ({why}); history is read from the commits themselves"
            ));
        }
    }

    /// What the walk does once told `linking`: link on a thread of its own,
    /// beginning with the commits passed before (`backlog`).
    fn told(
        &self,
        linking: Option<Arc<Linking>>,
        graph: &Option<Arc<CommitGraph>>,
        backlog: Vec<Job>,
    ) -> Links {
        let Some(linking) = linking else {
            return Links::Off;
        };
        let setup = Setup {
            gitdir: self.gitdir.clone(),
            prefix: self.prefix.clone(),
            start: self.start,
            graph: graph.clone(),
        };
        let out = Outlets {
            linked: self.linked.clone(),
            below: self.also_linked.clone(),
        };
        Links::On(Linker::start(setup, linking, backlog, out))
    }

    /// Hands a commit to the linking, with its message when the walk read
    /// `commit`: kept until the walk is told what links commits, sent to
    /// the linker once it is.
    fn dispatch(links: &mut Links, job: Option<Job>, commit: &Option<git2::Commit<'_>>) {
        let Some(mut job) = job else { return };
        job.commit = commit.as_ref().map(linker::Read::of);
        match links {
            Links::Unknown(backlog) => backlog.push(job),
            Links::On(linker) => linker.send(job),
            Links::Off => {}
        }
    }

    /// Hashes the new side of each file the walk found changed (`files`:
    /// the index of the commit among those sent, the path, the blob), from
    /// the oldest commit back towards the judge, until the two meet or the
    /// judge stops reading (see [`ahead`]). Each blob once; a blob that
    /// cannot be read is left to the judge, which reports the error.
    fn hash_ahead(&self, repo: &Repository, files: &[(usize, String, Oid)]) {
        let Some(hasher) = &self.ahead else { return };
        let Ok(odb) = repo.odb() else { return };
        let mut done: HashSet<Oid> = HashSet::default();
        for (index, path, blob) in files.iter().rev() {
            if hasher.passed(*index) || self.readers.load(Ordering::Relaxed) == 0 {
                return;
            }
            if !done.insert(*blob) {
                continue;
            }
            let Ok(read) = odb.read(*blob) else { continue };
            if !hasher.send(*blob, ahead::hashed(path, read.data())) {
                return;
            }
        }
    }

    fn walk<'r>(
        &self,
        repo: &'r Repository,
        shared: &'r Option<Arc<CommitGraph>>,
        senders: &[SyncSender<Batch>],
        seen: &mut Seen,
        links: &mut Links,
        ahead: &mut Vec<(usize, String, Oid)>,
    ) -> Result<(), HistoryError> {
        let send = |batch: Vec<Step>| {
            let batch = Arc::new(batch);
            for tx in senders {
                // A reader that is gone no longer counts (see `readers`).
                let _ = tx.send(Ok(batch.clone()));
            }
        };
        // The commits sent so far, and whether blobs are noted for hashing
        // ahead (only what that needs is kept: not the commits themselves).
        let (mut sent, keep) = (0usize, self.ahead.is_some());
        let graph = shared.as_deref();
        let odb = repo.odb()?;
        // What the Bloom filters are asked: has anything in the walk's
        // scope changed against the first parent?
        // The files of the project's directory that are compared: the
        // candidates, and each file an object was moved out of, once the
        // walk has seen the move.
        let mut root_files: HashSet<String> = (*self.root_files).clone();
        let bloom_keys = |root_files: &HashSet<String>| -> Vec<BloomKey> {
            match graph.filter(|g| g.has_bloom()) {
                Some(g) => scope_keys(&self.prefix, &self.dirs, root_files)
                    .iter()
                    .map(|k| g.bloom_key(k))
                    .collect(),
                None => Vec::new(),
            }
        };
        let mut keys = bloom_keys(&root_files);
        let registry_key = match (graph, &self.registry) {
            (Some(g), Some(path)) if g.has_bloom() => Some(g.bloom_key(path)),
            _ => None,
        };
        let mut batch = Vec::with_capacity(BATCH);
        let mut order = Order::new(repo, graph);
        order.push(self.start)?;
        // git's history simplification, for a single reader: a second one
        // (`--changed-since`) must reach the merge base, wherever it lies.
        let simplify = senders.len() == 1;
        // HEAD's first-parent chain, for the registry's versions: the next commit on it.
        let mut chain = Some(self.start);
        while let Some(next) = order.next() {
            let reading = self.readers.load(Ordering::Relaxed) != 0;
            if let Links::Unknown(backlog) = links {
                // With no reader left, only the linking can keep the walk going.
                let told = match reading {
                    true => self.linking.try_recv().ok(),
                    false => Some(self.linking.recv().ok().flatten()),
                };
                if let Some(told) = told {
                    let backlog = std::mem::take(backlog);
                    *links = self.told(told, shared, backlog);
                }
            }
            let linking = matches!(links, Links::On(..));
            if !reading && !linking {
                break;
            }
            let (oid, mut node) = next?;
            // Merges are never linked. A commit's message is read once: with
            // the commit when the walk reads it (from its object, or for its
            // description below), else by the linker.
            let mut commit = node.commit.take();
            let mut job = None;
            if node.parents.len() <= 1 && !matches!(links, Links::Off) {
                let parent = match node.parents.first() {
                    Some(&(p, _)) => Some(order.tree_of(p)?),
                    None => None,
                };
                job = Some(Job {
                    oid,
                    pos: node.pos,
                    trees: (node.tree, parent),
                    commit: None,
                });
            }
            if !reading {
                Self::dispatch(links, job, &commit);
                continue;
            }
            // Reached only through parents that history simplification
            // left out: not part of HEAD's history as `git log` shows it.
            if simplify && oid != self.start && !order.is_followed(oid, node.pos) {
                Self::dispatch(links, job, &commit);
                continue;
            }
            let single = node.parents.len() == 1;
            let ruled_out = |key: &BloomKey| match (graph, node.pos) {
                (Some(g), Some(pos)) => !g.maybe_changed_key(pos, key),
                _ => false,
            };
            // The filter proves nothing in scope changed: no tree is read.
            let skip = single && !keys.is_empty() && keys.iter().all(ruled_out);
            let mut parent_trees = Vec::new();
            let (compared, same) = if skip {
                (Compared::Unchanged, Some(0))
            } else {
                parent_trees.reserve_exact(node.parents.len());
                for &(p, _) in &node.parents {
                    parent_trees.push(order.tree_of(p)?);
                }
                compare_trees(
                    &odb,
                    node.tree,
                    &parent_trees,
                    &self.prefix,
                    &self.dirs,
                    Some(&root_files),
                )?
            };
            let diffs: &[Diff] = match &compared {
                Compared::Unchanged => &[],
                Compared::Root(diff) => std::slice::from_ref(diff),
                Compared::Parents(diffs) => diffs,
            };
            {
                let moved_out = diffs.iter().flat_map(|d| &d.files).filter(|f| {
                    f.new.is_none() && !f.path.contains('/') && !root_files.contains(&f.path)
                });
                let moved_out: Vec<String> = moved_out.map(|f| f.path.clone()).collect();
                if !moved_out.is_empty() {
                    root_files.extend(moved_out);
                    keys = bloom_keys(&root_files);
                }
            }
            if simplify {
                // A merge the same as one parent follows that parent only.
                for (i, &(p, pos)) in node.parents.iter().enumerate() {
                    if same.is_none_or(|k| k == i) {
                        order.follow(p, pos);
                    }
                }
            }
            let touched = match &compared {
                Compared::Unchanged => false,
                Compared::Root(diff) => !diff.files.is_empty(),
                Compared::Parents(diffs) => diffs.iter().any(|d| !d.files.is_empty()),
            };
            if touched && commit.is_none() {
                commit = Some(repo.find_commit(oid)?);
            }
            let info = match (touched, &commit) {
                (true, Some(c)) => Some((c.time().seconds(), info(c))),
                _ => None,
            };
            Self::dispatch(links, job, &commit);
            let first_parent = node.parents.first().map(|&(p, _)| p);
            if let (Some(path), true) = (&self.registry, chain == Some(oid)) {
                let inherit = single && registry_key.as_ref().is_some_and(ruled_out);
                let blob = match inherit {
                    true => None,
                    false => Some(tree_diff::blob_at(&odb, node.tree, path)?),
                };
                seen.record(node.time, blob, first_parent);
                chain = first_parent;
            }
            if keep {
                let files = diffs.iter().flat_map(|d| &d.files);
                ahead.extend(files.filter_map(|f| Some((sent, f.path.clone(), f.new?))));
            }
            sent += 1;
            batch.push(Step {
                oid,
                parents: node.parents.iter().map(|&(p, _)| p).collect(),
                compared,
                info,
                pos: node.pos,
                trees: (node.tree, parent_trees),
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

/// The repository paths whose Bloom keys tell whether a commit changed
/// anything in the walk's scope: the project's directory when it is below
/// the repository's top; else each top-level directory of the scope and
/// each file directly in the root that the comparison reports.
fn scope_keys(prefix: &str, dirs: &HashSet<String>, root_files: &HashSet<String>) -> Vec<String> {
    if !prefix.is_empty() {
        return vec![prefix.to_owned()];
    }
    let mut keys: Vec<String> = dirs
        .iter()
        .filter(|d| !d.is_empty())
        .map(|d| d.split('/').next().unwrap_or(d).to_owned())
        .chain(root_files.iter().cloned())
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// One commit as the walk needs it.
struct Node<'r> {
    /// Its root tree.
    tree: Oid,
    /// Its parents, with their positions in the commit-graph when there.
    parents: Vec<(Oid, Option<u32>)>,
    /// Committer time.
    time: i64,
    /// Its position in the commit-graph, when there.
    pos: Option<u32>,
    /// The commit itself, when it was read from its object (not from the
    /// commit-graph): kept for its message and author, never read twice.
    commit: Option<git2::Commit<'r>>,
}

/// The commits from a start, in git's default order (as `git log` and
/// libgit2's unsorted walk give them): the newest committer time first,
/// commits of equal time in the order they were found, each commit once.
/// Each commit is read once: from the commit-graph when it holds it, else
/// parsed from its object.
struct Order<'r> {
    repo: &'r Repository,
    graph: Option<&'r CommitGraph>,
    /// Found and not yet given out: time, order found, id.
    queue: std::collections::BinaryHeap<(i64, std::cmp::Reverse<u64>, Oid)>,
    /// Their nodes.
    nodes: HashMap<Oid, Node<'r>>,
    /// Every commit found, numbered.
    numbers: Numbers,
    /// The commits found (every numbered one but those of the graph not
    /// found yet).
    found: Marks,
    /// The commits a walked child follows.
    followed: Marks,
    count: u64,
}

/// Every commit the walk has found, numbered: a commit the commit-graph
/// holds by its position there, any other by the order found, after those.
/// The walk's sets of commits are bit sets over these numbers. Without a
/// graph, a million commits cost one table of their ids (about 30 MB)
/// where two hash sets of ids took 88 MB.
struct Numbers {
    /// Commits in the graph.
    in_graph: u32,
    /// The other commits found, in the order found.
    others: Vec<Oid>,
    /// Indexes into `others`, by id.
    table: hashbrown::HashTable<u32>,
}

impl Numbers {
    fn new(graph: Option<&CommitGraph>) -> Self {
        Numbers {
            in_graph: graph.map_or(0, |g| u32::try_from(g.len()).unwrap_or(u32::MAX)),
            others: Vec::new(),
            table: hashbrown::HashTable::new(),
        }
    }

    fn hash(oid: &Oid) -> u64 {
        use std::hash::{BuildHasher, BuildHasherDefault};
        BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(oid.as_bytes())
    }

    /// A commit's number (`pos` when the graph holds it), if it has one.
    fn get(&self, oid: Oid, pos: Option<u32>) -> Option<u32> {
        if let Some(p) = pos.filter(|&p| p < self.in_graph) {
            return Some(p);
        }
        let others = &self.others;
        let i = *self
            .table
            .find(Self::hash(&oid), |&i| others[i as usize] == oid)?;
        Some(self.in_graph + i)
    }

    /// A commit's number, given one if it has none yet.
    fn number(&mut self, oid: Oid, pos: Option<u32>) -> u32 {
        if let Some(n) = self.get(oid, pos) {
            return n;
        }
        let i = self.others.len() as u32;
        self.others.push(oid);
        let others = &self.others;
        self.table
            .insert_unique(Self::hash(&oid), i, |&j| Self::hash(&others[j as usize]));
        self.in_graph + i
    }
}

/// A set of numbered commits (see [`Numbers`]).
#[derive(Default)]
struct Marks(Vec<u64>);

impl Marks {
    /// Adds a commit; whether it is new.
    fn insert(&mut self, n: u32) -> bool {
        let (word, bit) = (n as usize / 64, 1u64 << (n % 64));
        if word >= self.0.len() {
            self.0.resize((word + 1).next_power_of_two(), 0);
        }
        let new = self.0[word] & bit == 0;
        self.0[word] |= bit;
        new
    }

    fn contains(&self, n: u32) -> bool {
        self.0
            .get(n as usize / 64)
            .is_some_and(|w| w & (1u64 << (n % 64)) != 0)
    }
}

impl<'r> Order<'r> {
    fn new(repo: &'r Repository, graph: Option<&'r CommitGraph>) -> Self {
        Order {
            repo,
            graph,
            queue: Default::default(),
            nodes: HashMap::default(),
            numbers: Numbers::new(graph),
            found: Marks::default(),
            followed: Marks::default(),
            count: 0,
        }
    }

    /// A commit's position in the graph: `pos` when known, else looked up.
    fn position(&self, oid: Oid, pos: Option<u32>) -> Option<u32> {
        pos.or_else(|| self.graph.and_then(|g| g.position(oid)))
    }

    /// A commit read from the graph (at `pos`, looked up when `None`) or its object.
    fn read(&self, oid: Oid, pos: Option<u32>) -> Result<Node<'r>, HistoryError> {
        if let (Some(g), Some(pos)) = (self.graph, self.position(oid, pos)) {
            let c = g.commit(pos);
            return Ok(Node {
                tree: c.tree,
                parents: c.parents.iter().map(|&p| (g.oid(p), Some(p))).collect(),
                time: c.time,
                pos: Some(pos),
                commit: None,
            });
        }
        let commit = self.repo.find_commit(oid)?;
        Ok(Node {
            tree: commit.tree_id(),
            parents: commit.parent_ids().map(|p| (p, None)).collect(),
            time: commit.time().seconds(),
            pos: None,
            commit: Some(commit),
        })
    }

    /// Adds a commit, unless it was found before.
    fn push(&mut self, oid: Oid) -> Result<(), HistoryError> {
        self.push_at(oid, None)
    }

    fn push_at(&mut self, oid: Oid, pos: Option<u32>) -> Result<(), HistoryError> {
        let pos = self.position(oid, pos);
        if !self.found.insert(self.numbers.number(oid, pos)) {
            return Ok(());
        }
        let node = self.read(oid, pos)?;
        self.queue
            .push((node.time, std::cmp::Reverse(self.count), oid));
        self.count += 1;
        self.nodes.insert(oid, node);
        Ok(())
    }

    /// Marks a commit as followed by a walked child.
    fn follow(&mut self, oid: Oid, pos: Option<u32>) {
        let pos = self.position(oid, pos);
        let n = self.numbers.number(oid, pos);
        self.followed.insert(n);
    }

    /// Whether a walked child followed this commit.
    fn is_followed(&self, oid: Oid, pos: Option<u32>) -> bool {
        let pos = self.position(oid, pos);
        self.numbers
            .get(oid, pos)
            .is_some_and(|n| self.followed.contains(n))
    }

    /// The root tree of a commit (found, or read again).
    fn tree_of(&self, oid: Oid) -> Result<Oid, HistoryError> {
        match self.nodes.get(&oid) {
            Some(n) => Ok(n.tree),
            None => Ok(self.read(oid, None)?.tree),
        }
    }

    /// The next commit, its parents found.
    fn next(&mut self) -> Option<Result<(Oid, Node<'r>), HistoryError>> {
        let (_, _, oid) = self.queue.pop()?;
        let node = self.nodes.remove(&oid)?;
        for &(p, pos) in &node.parents {
            if let Err(e) = self.push_at(p, pos) {
                return Some(Err(e));
            }
        }
        Some(Ok((oid, node)))
    }
}

/// Compares commit `oid` with each of its parents inside `dirs` (and, in
/// the project's directory itself, only the files of `root_files`).
pub(super) fn compare(
    repo: &Repository,
    odb: &Odb<'_>,
    oid: Oid,
    prefix: &str,
    dirs: &HashSet<String>,
    root_files: Option<&HashSet<String>>,
) -> Result<Compared, HistoryError> {
    let commit = repo.find_commit(oid)?;
    let mut parents = Vec::with_capacity(commit.parent_count());
    for id in commit.parent_ids() {
        parents.push(repo.find_commit(id)?.tree_id());
    }
    compare_trees(odb, commit.tree_id(), &parents, prefix, dirs, root_files)
        .map(|(compared, _)| compared)
}

/// Compares a commit's root tree with its parents' inside `dirs`; with
/// the parent it is the same as, where it is the same as one.
pub(super) fn compare_trees(
    odb: &Odb<'_>,
    tree: Oid,
    parent_trees: &[Oid],
    prefix: &str,
    dirs: &HashSet<String>,
    root_files: Option<&HashSet<String>>,
) -> Result<(Compared, Option<usize>), HistoryError> {
    let tree = subtree_id(odb, tree, prefix)?;
    let mut parents = Vec::with_capacity(parent_trees.len());
    for (i, &id) in parent_trees.iter().enumerate() {
        let pt = subtree_id(odb, id, prefix)?;
        if pt == tree {
            return Ok((Compared::Unchanged, Some(i)));
        }
        parents.push(pt);
    }
    let tree = tree.map(|id| RawTree::read(odb, id)).transpose()?;
    let diff = |old: Option<Oid>| -> Result<Diff, HistoryError> {
        let old = old.map(|id| RawTree::read(odb, id)).transpose()?;
        let mut files = Vec::new();
        let mut within = tree_diff::Within {
            dirs,
            root_files,
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
        let skipped = within.skipped;
        let added = files.iter().any(|f| f.old.is_none());
        if let (true, Some(root_files)) = (added, root_files) {
            // An object seems to appear: it may come from a file of the
            // project's directory that `root_files` left out, one that is no
            // candidate now (renamed or moved away in this commit, or
            // another file it was split from). The walk then follows a
            // removed one in older commits too (see `Walk::walk`).
            let nowhere = HashSet::default();
            let mut top = tree_diff::Within {
                dirs: &nowhere,
                root_files: None,
                skipped: Vec::new(),
            };
            let mut gone = Vec::new();
            tree_diff::changed_files(odb, &mut top, old.as_ref(), tree.as_ref(), "", &mut gone)?;
            files.extend(
                gone.into_iter()
                    .filter(|f| f.old.is_some() && !root_files.contains(&f.path)),
            );
        }
        Ok(Diff { files, skipped })
    };
    if parents.is_empty() {
        return Ok((Compared::Root(diff(None)?), None));
    }
    let lists: Vec<Diff> = parents.into_iter().map(diff).collect::<Result<_, _>>()?;
    // A merge the same as one parent wherever an object can live: no
    // candidate file differs between them, in scope or outside it (git's
    // TREESAME, for the paths an object can live at).
    let mut same = None;
    if lists.len() > 1 {
        for (i, d) in lists.iter().enumerate() {
            if d.files.is_empty() && !differs_outside(odb, &d.skipped)? {
                same = Some(i);
                break;
            }
        }
    }
    Ok((Compared::Parents(lists), same))
}

/// Whether a candidate file differs in any of the directories a comparison
/// skipped (each compared where its subtrees differ, and no deeper).
fn differs_outside(odb: &Odb<'_>, skipped: &[SkippedDir]) -> Result<bool, HistoryError> {
    let mut filter = Differing { old_only: false };
    let mut found = Vec::new();
    for dir in skipped {
        let read = |id: Option<Oid>| id.map(|id| RawTree::read(odb, id)).transpose();
        let (old, new) = (read(dir.old)?, read(dir.new)?);
        tree_diff::changed_files(
            odb,
            &mut filter,
            old.as_ref(),
            new.as_ref(),
            &dir.path,
            &mut found,
        )?;
        if !found.is_empty() {
            return Ok(true);
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn oid(n: u8) -> Oid {
        Oid::from_bytes(&[n; 20]).unwrap()
    }

    #[test]
    fn commits_outside_the_graph_are_numbered_after_it_in_the_order_found() {
        let mut numbers = Numbers {
            in_graph: 10,
            others: Vec::new(),
            table: hashbrown::HashTable::new(),
        };
        // A graph position is the number; positions past the graph are not.
        assert_eq!(numbers.get(oid(1), Some(3)), Some(3));
        assert_eq!(numbers.get(oid(1), Some(10)), None);
        assert_eq!(numbers.number(oid(7), None), 10);
        assert_eq!(numbers.number(oid(8), None), 11);
        assert_eq!(numbers.number(oid(7), None), 10);
        assert_eq!(numbers.get(oid(8), None), Some(11));
        assert_eq!(numbers.get(oid(9), None), None);
        // Many commits: each keeps its number, none is confused with another.
        for n in 0..=255u8 {
            numbers.number(
                Oid::from_bytes(&[n, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
                    .unwrap(),
                None,
            );
        }
        assert_eq!(numbers.others.len(), 2 + 256);
        assert_eq!(numbers.get(oid(7), None), Some(10));
    }

    #[test]
    fn marks_grow_to_hold_any_number() {
        let mut marks = Marks::default();
        assert!(!marks.contains(0));
        assert!(marks.insert(0));
        assert!(!marks.insert(0));
        assert!(marks.insert(1_000_003));
        assert!(marks.contains(1_000_003));
        assert!(!marks.contains(1_000_002));
        assert!(!marks.contains(u32::MAX));
        assert!(marks.contains(0));
    }
}
