//! Git-native dating (SPEC §5): when each object's own text last changed.
//!
//! One walk of history for the whole repository, newest commit first, in
//! two halves on two threads. The tree half ([`walk`]) compares each
//! commit's trees with its parents' by object id, descending only into
//! subtrees whose ids differ, below the project root and in the directories
//! strategy files live in; it starts as soon as the files are found. The
//! blob half ([`judge`]) reads only the strategy files whose blob changed,
//! on both sides, and compares their objects' whitespace-normalized texts by
//! `id`. The walk stops as soon as every object that needs a date has one.
//! No blame, no per-file walks. Undated adopted decision records are
//! dated by the same walk ([`records`]). Once its walk is over, the tree
//! half's thread hashes blobs ahead of the judge ([`ahead`]); in a project
//! with initiatives, the commits it passes are linked to them on a third
//! thread ([`linker`], by [`linking`]).

/// git's commit-graph files (one file or a split chain) and their changed-path Bloom filters.
mod ahead;
pub mod commit_graph;
pub mod executives;
pub mod headcount;
mod judge;
mod linker;
pub mod linking;
pub mod records;
pub mod registry_versions;
pub mod texts;
mod tree_diff;
mod walk;
mod worktree;

pub use walk::{Handle, Prefetch, Start};

use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeSet;

use rustc_hash::FxHashSet as HashSet;
use std::path::{Path, PathBuf};

use git2::{Commit, Oid, Repository};

use crate::date::Date;
use judge::Judge;
use tree_diff::subtree_id;

/// The commit that last changed an object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitInfo {
    /// Abbreviated commit id.
    pub short: String,
    /// Committer date.
    pub date: Date,
    /// First line of the message.
    pub subject: String,
}

/// When an object's own text last changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Unix time of the change (committer time, or now for uncommitted changes).
    pub time: i64,
    /// The commit, for committed changes.
    pub commit: Option<CommitInfo>,
    /// True when the commit is a shallow clone's boundary: the real change
    /// happened at this time or earlier.
    pub lower_bound: bool,
    /// The object's text hash (for a facet, its value) before the change:
    /// `None` when the change added it.
    pub before: Option<u64>,
    /// The text hash (or facet value) after the change: `None` when it went.
    pub after: Option<u64>,
}

/// What history says about the objects that needed dating.
#[derive(Debug, Default, Clone)]
pub struct Dates {
    /// Last change by object id.
    pub changes: HashMap<String, Change>,
    /// When each id asked about with `first` (see [`date`]) first existed:
    /// the committer time of the newest commit that added it (a shallow
    /// clone's boundary at the latest), or now when it is not committed
    /// yet. An id history never shows is absent.
    pub first_seen: HashMap<String, i64>,
    /// Whether the repository is a shallow clone.
    pub shallow: bool,
    /// Every change of each id asked about with `series` (see [`Asked`]),
    /// newest first, down to the first at or before `since` (or the first
    /// commit that has it); an uncommitted change first, at now.
    pub series: HashMap<String, Vec<Change>>,
    /// Whether `series` was asked for (so that an id it lacks did not change).
    pub series_read: bool,
    /// How far back `series` was read (Unix time), when it was.
    pub series_since: Option<i64>,
    /// The commits reachable from HEAD linked to the targets the walk was
    /// given (see [`Handle::link`]): empty when it was given none.
    pub linked: linking::Linked,
}

impl Dates {
    /// Reads every commit time held as no later than `now`: the history of
    /// the commit `--as-of` judges happened on or before now, commits made
    /// later on now's day included (SPEC §16). The commits' own dates, as
    /// shown, are left as they are.
    pub fn no_later_than(&mut self, now: i64) {
        let cap = |t: &mut i64| *t = (*t).min(now);
        for change in self.changes.values_mut() {
            cap(&mut change.time);
        }
        for change in self.series.values_mut().flatten() {
            cap(&mut change.time);
        }
        self.first_seen.values_mut().for_each(cap);
        for commit in &mut self.linked.commits {
            cap(&mut commit.time);
        }
    }
}

/// What the rules that judge by age know about time: now, and git's dates
/// when history is read.
#[derive(Debug, Clone)]
pub struct Timeline {
    /// Now, as Unix seconds.
    pub now: i64,
    /// Dates from git; `None` with `--no-history` or outside git. Shared:
    /// the language server's re-checks read one read of history.
    pub git: Option<std::sync::Arc<Dates>>,
    /// Headcount inflections from the owners registry's history (empty
    /// without git, or with `inflections.headcount = false`).
    pub headcount: Vec<headcount::Headcount>,
    /// Executive-turnover inflections from the owners registry's history
    /// (empty without git, or with `inflections.executives = false`).
    pub executives: Vec<executives::Turnover>,
}

impl Timeline {
    /// Now, with no git dates: `--no-history`, outside git, in memory.
    pub fn without_git(now: i64) -> Self {
        Timeline {
            now,
            git: None,
            headcount: Vec::new(),
            executives: Vec::new(),
        }
    }
}

/// Reading history failed (a corrupt repository, missing objects).
#[derive(Debug, Clone)]
pub struct HistoryError(pub String);

impl From<git2::Error> for HistoryError {
    fn from(e: git2::Error) -> Self {
        HistoryError(e.message().to_owned())
    }
}

/// libgit2's object cache, at most, were it on (its default is 256 MB).
pub const CACHE_BYTES: isize = 24 << 20;

/// Pack file bytes libgit2 keeps mapped, at most, for both halves of the
/// walk together (its default is 8 GB on 64-bit systems): mapped pack data
/// counts in the process's RSS until it is unmapped, though as the page
/// cache's, not the process's own (anonymous) memory. At 64 MB the two
/// halves' windows over a 100k-commit monorepo's 85 MB pack were unmapped
/// and mapped again all through the walk (13% more CPU than at 256 MB).
pub const PACK_WINDOWS_BYTES: usize = 256 << 20;

/// One mapped window of a pack file (libgit2's default is 1 GB on 64-bit
/// systems: a window that large is never unmapped while in use).
pub const PACK_WINDOW_BYTES: usize = 16 << 20;

/// Bounds libgit2's caches for the whole process: call once, before any
/// thread uses libgit2 (the CLI does, first thing).
pub fn bound_caches() {
    // SAFETY: called before any other thread touches libgit2 (see above);
    // these only set libgit2's global limits.
    unsafe {
        // History reads each commit and tree about once (the walk keeps
        // what it needs, the judge caches texts): libgit2's object cache
        // only cost time to fill and evict, and memory that grew with the
        // history. Off: 7% faster on the benchmark, 16 MB less at its peak.
        git2::opts::enable_caching(false);
        let _ = git2::opts::set_cache_max_size(CACHE_BYTES);
        let _ = git2::opts::set_mwindow_size(PACK_WINDOW_BYTES);
        let _ = git2::opts::set_mwindow_mapped_limit(PACK_WINDOWS_BYTES);
    }
}

/// Opens the git repository that contains `root`, if any (also a linked worktree).
pub fn open(root: &Path) -> Option<Repository> {
    // Objects are read, never written: skip re-hashing every object read
    // (SHA-1 verification was a sixth of the walk's time).
    git2::opts::strict_hash_verification(false);
    let repo = Repository::discover(root).ok()?;
    repo.workdir()?;
    Some(repo)
}

/// `root` relative to the repository's work tree, with `/` separators ("" at the top);
/// `root` is canonical (as `project::locate` gives it).
pub fn prefix_of(repo: &Repository, root: &Path) -> Option<String> {
    let workdir = std::fs::canonicalize(repo.workdir()?).ok()?;
    let rel = root.strip_prefix(&workdir).ok()?;
    Some(
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

/// What dating needs of a loaded file, computed while the files are parsed
/// in parallel: its blob id, to compare it with HEAD's without reading
/// that blob, and its objects' texts.
#[derive(Debug, Clone)]
pub struct Prepared {
    blob: Oid,
    texts: judge::Texts,
}

impl Prepared {
    /// Prepares a file (path below the root) whose content hashes to `blob`.
    pub fn new(blob: Oid, rel: &str, text: &str) -> Self {
        Prepared {
            blob,
            texts: std::sync::Arc::new(texts::object_hashes(rel, text)),
        }
    }
}

/// A loaded strategy file, as dating sees it.
pub struct LoadedFile<'a> {
    /// Path below the root.
    pub rel: &'a str,
    /// Its text.
    pub text: &'a str,
    /// Its blob id and objects, when the load prepared them (else computed
    /// when needed: only the working tree's check compares them with HEAD).
    pub prepared: Option<&'a Prepared>,
}

/// The id git gives `bytes` as a blob. Plain SHA-1 (with the CPU's SHA
/// instructions where it has them) rather than libgit2's collision-detecting
/// one, three to four times slower: a forged collision could only make an
/// edited file look unedited, and so date its objects by HEAD.
pub fn blob_id(bytes: &[u8]) -> Oid {
    use sha1::{Digest, Sha1};
    let mut hasher = Sha1::new();
    hasher.update(format!("blob {}\0", bytes.len()));
    hasher.update(bytes);
    Oid::from_bytes(&hasher.finalize()).unwrap_or(Oid::ZERO_SHA1)
}

/// The directory a file path lies in ("" for the root).
fn dir_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// Every ancestor directory of `path` (a file path), including "" for the root.
fn ancestors(path: &str) -> impl Iterator<Item = String> + '_ {
    let mut ends: Vec<usize> = path.match_indices('/').map(|(i, _)| i).collect();
    ends.insert(0, 0);
    ends.into_iter().map(move |e| path[..e].to_owned())
}

/// The commits a shallow clone cut off history at.
fn shallow_boundary(repo: &Repository) -> HashSet<Oid> {
    let path: PathBuf = repo.commondir().join("shallow");
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| Oid::from_str(l.trim()).ok())
        .collect()
}

fn info(commit: &Commit<'_>) -> CommitInfo {
    let id = commit.id().to_string();
    CommitInfo {
        short: id[..7.min(id.len())].to_owned(),
        date: Date::from_unix(commit.time().seconds()),
        subject: commit
            .summary()
            .ok()
            .flatten()
            .unwrap_or_default()
            .to_owned(),
    }
}

/// The ids a read of history is asked about (see [`date`]).
#[derive(Debug, Clone, Copy)]
pub struct Asked<'a> {
    /// Ids whose newest change is wanted.
    pub needed: &'a BTreeSet<String>,
    /// The needed ids no loaded file holds: for each, the commit that removed it.
    pub absent: &'a BTreeSet<String>,
    /// Ids whose first appearance is wanted ([`Dates::first_seen`]).
    pub first: &'a BTreeSet<String>,
    /// Ids each of whose changes is wanted ([`Dates::series`]), back to the
    /// first at or before `since`.
    pub series: &'a BTreeSet<String>,
    /// Unix time back to which `series` is read.
    pub since: i64,
}

/// Dates every id in `asked.needed` from the walk `prefetch` started: from the
/// working tree and HEAD, or from its start commit (nothing uncommitted
/// counts then). Without a walk (`None`: no commit yet), the working tree
/// alone dates what it holds. `files` are the strategy files as loaded:
/// their directories are where history is read (and wherever a needed
/// object turns out to have lived). For the ids in `asked.first`, the walk
/// goes on until each is seen added.
pub fn date(
    repo: &Repository,
    root: &Path,
    prefetch: Option<Prefetch>,
    asked: Asked<'_>,
    now: i64,
    files: &[LoadedFile<'_>],
) -> Result<Dates, HistoryError> {
    let Asked {
        needed,
        absent,
        first,
        series,
        since,
    } = asked;
    let mut dates = Dates {
        shallow: repo.is_shallow(),
        series_read: !series.is_empty(),
        series_since: (!series.is_empty()).then_some(since),
        ..Default::default()
    };
    let Some(prefix) = prefix_of(repo, root) else {
        return Ok(dates);
    };
    let prefix = prefix.as_str();
    let mut pending: HashSet<String> = needed.iter().cloned().collect();
    // Ids whose first appearance is still to be found, and every id the
    // judge is asked about.
    let mut firsts: HashSet<String> = first.iter().cloned().collect();
    let mut asked: HashSet<String> = pending.union(&firsts).cloned().collect();
    // Ids whose changes are still read, each until one at or before `since`.
    let mut reading: HashSet<String> = series.iter().cloned().collect();
    asked.extend(reading.iter().cloned());
    let rels = || files.iter().map(|f| f.rel);
    let walked = match &prefetch {
        Some(p) => p.dirs.clone(),
        None => std::sync::Arc::new(rels().flat_map(ancestors).collect()),
    };
    let mut judge = Judge::new(repo, prefix, rels(), walked)?;
    judge.absent = absent.iter().cloned().collect();
    judge.records = records::Wanted::new(needed);
    if prefetch.as_ref().is_none_or(|p| p.worktree()) {
        // The working tree against HEAD: uncommitted and untracked changes are now.
        let head_tree = match &prefetch {
            Some(p) => subtree_id(&judge.odb, repo.find_commit(p.start)?.tree_id(), prefix)?,
            None => None,
        };
        let changed = match worktree::uncommitted_fast(&mut judge, head_tree, files, &asked)? {
            Some(changed) => changed,
            None => worktree::uncommitted(repo, &mut judge, prefix, head_tree, &asked)?,
        };
        for (id, (before, after)) in changed {
            if reading.contains(&id) {
                let change = Change {
                    time: now,
                    commit: None,
                    lower_bound: false,
                    before,
                    after,
                };
                dates.series.entry(id.clone()).or_default().push(change);
            }
            if before.is_none() && after.is_some() && firsts.remove(&id) {
                // Not committed yet.
                dates.first_seen.insert(id.clone(), now);
            }
            // A record is dated by the oldest commit that has it: its key
            // stays pending to the end of history (see `records`).
            let found = match records::is_key(&id) {
                true => pending.contains(&id),
                false => pending.remove(&id),
            };
            if found {
                let change = Change {
                    time: now,
                    commit: None,
                    lower_bound: false,
                    before,
                    after,
                };
                dates.changes.insert(id, change);
            }
        }
    }
    let Some(mut prefetch) = prefetch else {
        return Ok(dates);
    };
    asked = pending.union(&firsts).cloned().collect();
    asked.extend(reading.iter().cloned());
    judge.ahead = prefetch.take_ahead();
    // For each commit (newest first) the needed ids it changed; the walk
    // stops once every needed id is found.
    let mut changes: Vec<(Oid, i64, CommitInfo, judge::Changed)> = Vec::new();
    let mut series_changes: Vec<(Oid, i64, CommitInfo, judge::Changed)> = Vec::new();
    'walk: while !asked.is_empty() {
        let Some(batch) = prefetch.next_batch() else {
            break;
        };
        for step in batch?.iter() {
            if let Some(ahead) = &judge.ahead {
                ahead.took();
            }
            if !prefetch.wanted(step) {
                continue;
            }
            let mut changed = judge.changes(step, &asked, prefetch.graph())?;
            if !changed.is_empty() {
                let (time, info) = match &step.info {
                    Some(known) => known.clone(),
                    None => {
                        let commit = repo.find_commit(step.oid)?;
                        (commit.time().seconds(), self::info(&commit))
                    }
                };
                // The changes of the series still read (see `Dates::series`).
                let read: judge::Changed = changed
                    .iter()
                    .filter(|(id, _)| reading.contains(*id))
                    .map(|(id, c)| (id.clone(), *c))
                    .collect();
                // An id first seen here: added (nothing before it), or at
                // a shallow clone's boundary.
                for (id, (before, _)) in &changed {
                    if before.is_none() && firsts.remove(id) {
                        dates.first_seen.insert(id.clone(), time);
                    }
                    // A series is read back to its first change at or
                    // before `since`, or to its first appearance.
                    if reading.contains(id) && (time <= since || before.is_none()) {
                        reading.remove(id);
                        // A KPI's `measured` facet exists only where it is
                        // written: it is read as long as its `current` is.
                        if let Some(kpi) = id.strip_suffix(texts::CURRENT_SUFFIX) {
                            let measured = texts::facet(kpi, "measured");
                            if reading.remove(&measured) && !pending.contains(&measured) {
                                asked.remove(&measured);
                            }
                        }
                    }
                    // Asked no more once found (a record's key stays asked:
                    // see below), unless its first appearance is still to
                    // come. Only the ids this commit changed are looked at:
                    // sweeping the whole set each commit cost a quarter of
                    // the walk on 2,000 documents.
                    let still_pending =
                        (records::is_key(id) && pending.contains(id)) || reading.contains(id);
                    if !still_pending && !firsts.contains(id) {
                        asked.remove(id);
                    }
                }
                // A record's key stays pending to the end of history: the
                // oldest commit that has it dates it (see `records`).
                changed.retain(|id, _| match records::is_key(id) {
                    true => pending.contains(id),
                    false => pending.remove(id),
                });
                if !read.is_empty() {
                    series_changes.push((step.oid, time, info.clone(), read));
                }
                if !changed.is_empty() {
                    changes.push((step.oid, time, info, changed));
                }
            }
            if asked.is_empty() {
                break 'walk;
            }
        }
    }
    drop(prefetch);
    let boundary = if dates.shallow {
        shallow_boundary(repo)
    } else {
        HashSet::default()
    };
    // A commit's change of one id, as a `Change`.
    let change = |oid: &Oid, time: i64, info: &CommitInfo, (before, after)| Change {
        time,
        commit: Some(info.clone()),
        lower_bound: boundary.contains(oid),
        before,
        after,
    };
    for (oid, time, info, read) in series_changes {
        for (id, sides) in read {
            let change = change(&oid, time, &info, sides);
            dates.series.entry(id).or_default().push(change);
        }
    }
    // The newest commit that changed an id dates it (a record's key, the
    // oldest: later entries replace earlier ones).
    for (oid, time, info, changed) in changes {
        for (id, sides) in changed {
            let change = change(&oid, time, &info, sides);
            dates.changes.insert(id, change);
        }
    }
    Ok(dates)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blob_ids_are_gits() {
        // `printf 'hello\n' | git hash-object --stdin`, and the empty blob.
        assert_eq!(
            blob_id(b"hello\n").to_string(),
            "ce013625030ba8dba906f756967f9e9ca394464a"
        );
        assert_eq!(
            blob_id(b"").to_string(),
            "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"
        );
        let text = "caf\u{e9}\n".repeat(1000);
        assert_eq!(
            blob_id(text.as_bytes()),
            Oid::hash_object(git2::ObjectType::Blob, text.as_bytes()).unwrap()
        );
    }
}
