//! Linking commits to initiatives on a thread of its own (SPEC §14).
//!
//! The tree walk hands each single-parent commit it passes (its trees, and
//! its message and author when the walk read the commit anyway) to a linker
//! thread, started once the walk is told what links commits, and goes on.
//! So the walk, the judge and the linking share the cores instead of the
//! linking (a message read, and for a commit that names no initiative a
//! second tree comparison in the code directories) lengthening the walk.
//! Nothing is read twice: a commit the walk read travels with its job; the
//! linker reads only the ones the walk took from the commit-graph.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};

use git2::{Oid, Repository};

use super::HistoryError;
use super::commit_graph::{BloomKey, CommitGraph};
use super::linking::{Linked, LinkedCommit, Linking, PathMatches};

/// What linking needs of a commit the walk read.
pub(super) struct Read {
    author: String,
    message: String,
    time: i64,
}

impl Read {
    /// A commit's author name, message and committer time.
    pub fn of(commit: &git2::Commit<'_>) -> Read {
        Read {
            author: String::from_utf8_lossy(commit.author().name_bytes()).into_owned(),
            message: String::from_utf8_lossy(commit.message_bytes()).into_owned(),
            time: commit.time().seconds(),
        }
    }
}

/// One single-parent (or root) commit to link.
pub(super) struct Job {
    pub oid: Oid,
    /// Its position in the commit-graph, when there.
    pub pos: Option<u32>,
    /// Its root tree and its parent's.
    pub trees: (Oid, Option<Oid>),
    /// The commit, when the walk read it.
    pub commit: Option<Read>,
}

/// What the walk sends the linker.
enum Message {
    Job(Job),
    /// The walk is over (with its error, if it failed).
    End(Result<(), HistoryError>),
}

/// Where the linked commits go: the first reader's, and a second reader's
/// (its start and its channel: see `Prefetch::take_linked`).
pub(super) struct Outlets {
    pub linked: Sender<Result<Linked, HistoryError>>,
    pub below: Option<(Oid, Sender<Result<Linked, HistoryError>>)>,
}

/// What the linker thread needs of the walk.
pub(super) struct Setup {
    pub gitdir: PathBuf,
    /// The project root below the work tree's top.
    pub prefix: String,
    /// The walk's start (HEAD).
    pub start: Oid,
    pub graph: Option<Arc<CommitGraph>>,
}

/// A linker thread under way.
pub(super) struct Linker {
    jobs: Sender<Message>,
}

impl Linker {
    /// Starts linking by `linking`, beginning with the commits passed
    /// before (`backlog`, in the walk's order). When no thread can be
    /// started, the outlets get the error.
    pub fn start(setup: Setup, linking: Arc<Linking>, backlog: Vec<Job>, out: Outlets) -> Linker {
        let (jobs, rx) = mpsc::channel();
        for job in backlog {
            let _ = jobs.send(Message::Job(job));
        }
        let failed = out.linked.clone();
        let below = out.below.as_ref().map(|(_, tx)| tx.clone());
        let spawned = std::thread::Builder::new()
            .name("history-link".to_owned())
            .spawn(move || run(setup, &linking, rx, out));
        if let Err(e) = spawned {
            let e = HistoryError(format!("cannot start a thread to link commits: {e}"));
            let _ = failed.send(Err(e.clone()));
            if let Some(tx) = below {
                let _ = tx.send(Err(e));
            }
        }
        Linker { jobs }
    }

    /// Hands one commit over.
    pub fn send(&self, job: Job) {
        let _ = self.jobs.send(Message::Job(job));
    }

    /// Tells the linker the walk is over: it sends what it linked.
    pub fn finish(self, walked: Result<(), HistoryError>) {
        let _ = self.jobs.send(Message::End(walked));
    }
}

/// The linker thread: links each job, then hands the linked commits over.
fn run(setup: Setup, linking: &Linking, jobs: Receiver<Message>, out: Outlets) {
    // A handle of its own: libgit2 handles are not shared between threads.
    let repo = Repository::open(&setup.gitdir).map_err(HistoryError::from);
    let found = repo
        .as_ref()
        .map_err(Clone::clone)
        .and_then(|repo| link_all(repo, &setup, linking, jobs));
    let linked = found.map(|commits| Linked {
        ids: linking.targets().iter().map(|t| t.id.clone()).collect(),
        commits,
    });
    if let Some((below, tx)) = &out.below {
        // (`linked` is an error when the repository could not be opened.)
        let reached = linked.clone().and_then(|linked| {
            let repo = repo.as_ref().map_err(Clone::clone)?;
            reached_from(repo, setup.start, *below, linked)
        });
        let _ = tx.send(reached);
    }
    let _ = out.linked.send(linked);
}

fn link_all(
    repo: &Repository,
    setup: &Setup,
    linking: &Linking,
    jobs: Receiver<Message>,
) -> Result<Vec<LinkedCommit>, HistoryError> {
    let odb = repo.odb()?;
    let graph = setup.graph.as_deref();
    let keys = bloom_keys(linking, &setup.prefix, graph);
    let mut cache = PathMatches::default();
    let mut found = Vec::new();
    for message in jobs {
        let job = match message {
            Message::Job(job) => job,
            Message::End(walked) => {
                walked?;
                break;
            }
        };
        let read = match job.commit {
            Some(read) => read,
            None => Read::of(&repo.find_commit(job.oid)?),
        };
        let (tree, parent) = job.trees;
        let targets = linking.linked_with(
            &read.author,
            &read.message,
            || {
                // The Bloom filter proves nothing below a pattern's directory changed.
                let ruled_out = match (graph, job.pos, parent.is_some() && !keys.is_empty()) {
                    (Some(g), Some(pos), true) => keys.iter().all(|k| !g.maybe_changed_key(pos, k)),
                    _ => false,
                };
                if ruled_out {
                    return Ok(Vec::new());
                }
                linking.changed_files(&odb, &setup.prefix, tree, parent)
            },
            &mut cache,
        )?;
        if !targets.is_empty() {
            found.push(LinkedCommit {
                oid: job.oid,
                time: read.time,
                targets,
            });
        }
    }
    Ok(found)
}

/// The Bloom keys of the directories a path pattern can match (none when
/// one is the repository's top, or without Bloom filters).
fn bloom_keys(linking: &Linking, prefix: &str, graph: Option<&CommitGraph>) -> Vec<BloomKey> {
    let mut keys = Vec::new();
    if let Some(g) = graph.filter(|g| g.has_bloom()) {
        for root in linking.roots() {
            let path = match (prefix.is_empty(), root.is_empty()) {
                (true, true) => return Vec::new(),
                (true, false) => root.clone(),
                (false, true) => prefix.to_owned(),
                (false, false) => format!("{prefix}/{root}"),
            };
            keys.push(g.bloom_key(&path));
        }
    }
    keys
}

/// The linked commits (all reachable from `head`) that `below` reaches
/// too: every one but those of `below..head`, which one walk from `head`
/// that hides `below` lists (a few commits for `--changed-since HEAD~50`).
fn reached_from(
    repo: &Repository,
    head: Oid,
    below: Oid,
    mut linked: Linked,
) -> Result<Linked, HistoryError> {
    let mut walk = repo.revwalk()?;
    walk.push(head)?;
    walk.hide(below)?;
    let above: rustc_hash::FxHashSet<Oid> = walk.collect::<Result<_, _>>()?;
    linked.commits.retain(|c| !above.contains(&c.oid));
    Ok(linked)
}
