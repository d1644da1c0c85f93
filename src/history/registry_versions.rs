//! The owners registry's versions along HEAD's first parents (SPEC §5b,
//! §15): what the headcount ([`super::headcount`]) and executive-turnover
//! ([`super::executives`]) inflections are read from.
//!
//! The registry commits are the commits whose registry differs from their
//! first parent's, oldest first; a version that does not parse is skipped,
//! and the working tree is not read.

use std::path::Path;

use git2::{Oid, Repository};

use super::tree_diff::blob_at;
use super::{HistoryError, prefix_of};
use crate::parse::toml_file::{Census, census};

/// One version of the registry: when it came into force (its commit's
/// committer time) and who it counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// The committer time of the registry commit, as Unix seconds.
    pub time: i64,
    /// Its active people and executives.
    pub census: Census,
}

/// What a commit object says that this walk needs.
struct RawCommit {
    tree: Oid,
    parent: Option<Oid>,
    time: i64,
}

impl RawCommit {
    /// Reads a raw commit object's header (`tree`, the first `parent`, the
    /// committer's time); `None` when it is malformed.
    fn read(data: &[u8]) -> Option<Self> {
        let mut tree = None;
        let mut parent = None;
        let mut time = None;
        for line in data.split(|&b| b == b'\n') {
            if line.is_empty() {
                break;
            }
            let line = std::str::from_utf8(line).ok()?;
            if let Some(hex) = line.strip_prefix("tree ") {
                tree = Oid::from_str(hex).ok();
            } else if let Some(hex) = line.strip_prefix("parent ") {
                if parent.is_none() {
                    parent = Oid::from_str(hex).ok();
                }
            } else if let Some(rest) = line.strip_prefix("committer ") {
                let mut parts = rest.rsplitn(3, ' ');
                let _zone = parts.next()?;
                time = parts.next()?.parse().ok();
            }
        }
        Some(RawCommit {
            tree: tree?,
            parent,
            time: time?,
        })
    }
}

/// What the tree walk already read of HEAD's first-parent chain, newest
/// first and compact: one entry per run of commits with the same registry
/// blob, with the time of the run's oldest commit read so far (memory
/// grows with the registry's versions, not with the history).
#[derive(Debug, Default)]
pub(super) struct Seen {
    /// (time, blob) per run, newest first.
    runs: Vec<(i64, Option<Oid>)>,
    /// The next commit along the chain (the last recorded one's first
    /// parent), once the walk has recorded any.
    next: Option<Option<Oid>>,
}

impl Seen {
    /// Records the next commit along the chain: its time, its registry
    /// blob (`None` when the commit-graph showed it the same as in the
    /// first parent, so no tree was read) and its first parent.
    pub(super) fn record(&mut self, time: i64, blob: Option<Option<Oid>>, parent: Option<Oid>) {
        if let Some(blob) = blob {
            match self.runs.last_mut() {
                Some(last) if last.1 == blob => last.0 = time,
                _ => self.runs.push((time, blob)),
            }
        }
        self.next = Some(parent);
    }
}

/// The versions of the registry at `registry` (relative to the project
/// `root`) in `repo`'s history along the first parents of `at` (HEAD when
/// `None`), oldest first.
pub fn versions(
    repo: &Repository,
    root: &Path,
    registry: &str,
    at: Option<Oid>,
) -> Result<Vec<Version>, HistoryError> {
    let Some(prefix) = prefix_of(repo, root) else {
        return Ok(Vec::new());
    };
    let Some(head) = at.or_else(|| repo.head().ok().and_then(|h| h.target())) else {
        return Ok(Vec::new());
    };
    from(
        repo,
        head,
        &registry_path(&prefix, registry),
        &Seen::default(),
    )
}

/// The registry's path from the repository's root.
pub(super) fn registry_path(prefix: &str, registry: &str) -> String {
    if prefix.is_empty() {
        registry.to_owned()
    } else {
        format!("{prefix}/{registry}")
    }
}

/// The registry's versions along `head`'s first parents, oldest first,
/// taking what the tree walk already read from `seen` and reading the rest.
pub(super) fn from(
    repo: &Repository,
    head: Oid,
    path: &str,
    seen: &Seen,
) -> Result<Vec<Version>, HistoryError> {
    // Newest first along first parents: each commit's registry blob. The
    // commits and trees are read raw (libgit2 would parse every tree entry).
    let odb = repo.odb()?;
    let mut chain = Seen {
        runs: seen.runs.clone(),
        next: None,
    };
    let mut next = seen.next.unwrap_or(Some(head));
    while let Some(id) = next {
        // A shallow clone's boundary names a parent that is not there.
        let Ok(object) = odb.read(id) else {
            if chain.runs.is_empty() && seen.next.is_none() {
                return Err(HistoryError(format!("cannot read commit {id}")));
            }
            break;
        };
        let header = RawCommit::read(object.data())
            .ok_or_else(|| HistoryError(format!("commit {id} cannot be read")))?;
        chain.record(
            header.time,
            Some(blob_at(&odb, header.tree, path)?),
            header.parent,
        );
        next = header.parent;
    }
    let mut chain = chain.runs;
    chain.reverse();
    let mut versions: Vec<Version> = Vec::new();
    let mut previous: Option<Oid> = None;
    for (time, blob) in chain {
        if blob == previous {
            continue;
        }
        previous = blob;
        let Some(blob) = blob else { continue };
        let Ok(blob) = repo.find_blob(blob) else {
            continue;
        };
        let Ok(text) = std::str::from_utf8(blob.content()) else {
            continue;
        };
        if let Some(census) = census(text) {
            versions.push(Version { time, census });
        }
    }
    Ok(versions)
}

/// Among `earlier` versions (oldest first), the index of the one in force
/// at `at`: the newest dated on or before it; `None` when none was yet.
pub(super) fn in_force(earlier: &[Version], at: i64) -> Option<usize> {
    earlier.iter().rposition(|w| w.time <= at)
}
