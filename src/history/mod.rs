//! Git-native dating (SPEC §5): when each object's own text last changed.
//!
//! One walk of history for the whole repository, newest commit first. For
//! each commit the trees are compared by object id, descending only into
//! subtrees whose ids differ (and only below the project root); only the
//! strategy files whose blob changed are parsed, on both sides, and their
//! objects' whitespace-normalized texts compared by `id`. The walk stops as
//! soon as every object that needs a date has one. No blame, no per-file
//! walks.

pub mod texts;
mod tree_diff;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use git2::{Commit, ObjectType, Oid, Repository, Sort, Status, StatusOptions, Tree};

use crate::date::Date;
use texts::object_hashes;

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
}

/// What history says about the objects that needed dating.
#[derive(Debug, Default)]
pub struct Dates {
    /// Last change by object id.
    pub changes: HashMap<String, Change>,
    /// Whether the repository is a shallow clone.
    pub shallow: bool,
}

/// Reading history failed (a corrupt repository, missing objects).
#[derive(Debug)]
pub struct HistoryError(pub String);

impl From<git2::Error> for HistoryError {
    fn from(e: git2::Error) -> Self {
        HistoryError(e.message().to_owned())
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

/// `root` relative to the repository's work tree, with `/` separators ("" at the top).
fn prefix_of(repo: &Repository, root: &Path) -> Option<String> {
    let workdir = std::fs::canonicalize(repo.workdir()?).ok()?;
    let rel = root.strip_prefix(&workdir).ok()?;
    Some(
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

/// `(id, hash of normalized text)` of every object in one blob.
type Texts = Rc<Vec<(String, u64)>>;

/// The texts of each id on the two sides of a change.
#[derive(Default)]
struct Sides {
    before: HashMap<String, Vec<u64>>,
    after: HashMap<String, Vec<u64>>,
}

impl Sides {
    fn add(side: &mut HashMap<String, Vec<u64>>, texts: &[(String, u64)]) {
        for (id, hash) in texts {
            side.entry(id.clone()).or_default().push(*hash);
        }
    }

    /// Ids whose texts differ between the two sides (moves between files cancel out).
    fn changed(mut self) -> HashSet<String> {
        let mut changed = HashSet::new();
        for (id, mut a) in self.before.drain() {
            let mut b = self.after.remove(&id).unwrap_or_default();
            a.sort_unstable();
            b.sort_unstable();
            if a != b {
                changed.insert(id);
            }
        }
        changed.extend(self.after.into_keys());
        changed
    }
}

struct Walker<'r> {
    repo: &'r Repository,
    cache: HashMap<Oid, Texts>,
    /// Blobs whose content is already in memory: the loaded files that are
    /// unchanged since HEAD (no need to inflate them from the pack).
    in_memory: HashMap<Oid, &'r str>,
    /// Blobs known to hold no pending id without having been read (see
    /// [`Walker::add_file`]).
    pruned: HashSet<Oid>,
    /// Directories (below the root) whose subtrees are compared: those that
    /// hold strategy files now, their ancestors, and any where history shows
    /// a needed object lived.
    scope: HashSet<String>,
}

/// Every ancestor directory of `path` (a file path), including "" for the root.
fn ancestors(path: &str) -> impl Iterator<Item = String> + '_ {
    let mut ends: Vec<usize> = path.match_indices('/').map(|(i, _)| i).collect();
    ends.insert(0, 0);
    ends.into_iter().map(move |e| path[..e].to_owned())
}

impl<'r> Walker<'r> {
    fn texts(&mut self, path: &str, blob: Oid) -> Result<Texts, HistoryError> {
        if let Some(t) = self.cache.get(&blob) {
            return Ok(t.clone());
        }
        let t: Texts = match self.in_memory.get(&blob) {
            Some(text) => Rc::new(object_hashes(path, text)),
            None => {
                let b = self.repo.find_blob(blob)?;
                Rc::new(object_hashes(path, &String::from_utf8_lossy(b.content())))
            }
        };
        self.cache.insert(blob, t.clone());
        Ok(t)
    }

    /// Adds both sides of a changed file to `sides`. In a scoped pass, a
    /// file whose new side holds no id still pending is skipped, and its old
    /// blob is remembered as holding none without being read: a pending id's
    /// text is unchanged from here to HEAD, so it is on the new side of this
    /// commit; had it been in this file's old side, it either moved in this
    /// commit (then it seems to appear elsewhere, and the commit is compared
    /// again in full, with nothing skipped) or had two texts at once. So an
    /// object's older revisions cost nothing once it is dated.
    fn add_file(
        &mut self,
        f: &tree_diff::ChangedFile,
        pending: &HashSet<String>,
        prune: bool,
        sides: &mut Sides,
    ) -> Result<(), HistoryError> {
        if let Some(new) = f.new {
            if let (true, Some(old)) = (prune, f.old) {
                let none_pending = self.pruned.contains(&new)
                    || !self
                        .texts(&f.path, new)?
                        .iter()
                        .any(|(id, _)| pending.contains(id));
                if none_pending {
                    self.pruned.insert(old);
                    return Ok(());
                }
            }
            Sides::add(&mut sides.after, &self.texts(&f.path, new)?);
        }
        if let Some(old) = f.old {
            Sides::add(&mut sides.before, &self.texts(&f.path, old)?);
        }
        Ok(())
    }

    /// The subtree at `prefix` of a commit, if it exists.
    fn subtree(&self, commit: &Commit<'r>, prefix: &str) -> Result<Option<Tree<'r>>, HistoryError> {
        let tree = commit.tree()?;
        if prefix.is_empty() {
            return Ok(Some(tree));
        }
        match tree.get_path(Path::new(prefix)) {
            Ok(entry) if entry.kind() == Some(ObjectType::Tree) => {
                Ok(Some(self.repo.find_tree(entry.id())?))
            }
            _ => Ok(None),
        }
    }

    /// The two sides of the candidate files that differ between two trees.
    fn sides(
        &mut self,
        old: Option<&Tree<'r>>,
        new: Option<&Tree<'r>>,
        scoped: bool,
        pending: &HashSet<String>,
    ) -> Result<(Sides, Vec<tree_diff::ChangedFile>), HistoryError> {
        let mut files = Vec::new();
        let scope = std::mem::take(&mut self.scope);
        let result = tree_diff::changed_files(
            self.repo,
            scoped.then_some(&scope),
            old,
            new,
            "",
            &mut files,
        );
        self.scope = scope;
        result?;
        let mut sides = Sides::default();
        for f in &files {
            self.add_file(f, pending, scoped, &mut sides)?;
        }
        Ok((sides, files))
    }

    /// Ids whose text differs between two trees (either may be absent).
    ///
    /// Only directories in scope are compared. When a needed object seems
    /// to appear, the commit is compared again in full: if the object came
    /// from elsewhere (a move), that is no change, and its old directory
    /// joins the scope so its older history is followed too.
    fn changed_ids(
        &mut self,
        old: Option<&Tree<'r>>,
        new: Option<&Tree<'r>>,
        pending: &HashSet<String>,
    ) -> Result<HashSet<String>, HistoryError> {
        let (sides, _) = self.sides(old, new, true, pending)?;
        let appeared = sides
            .after
            .keys()
            .any(|id| pending.contains(id) && !sides.before.contains_key(id));
        if !appeared || old.is_none() {
            return Ok(sides.changed());
        }
        // What was skipped may hold the moved object: nothing is skipped
        // now, and no earlier skip is trusted from here on.
        self.pruned.clear();
        let (sides, files) = self.sides(old, new, false, pending)?;
        for f in &files {
            let Some(oid) = f.old else { continue };
            if self
                .texts(&f.path, oid)?
                .iter()
                .any(|(id, _)| pending.contains(id))
            {
                let dirs: Vec<String> = ancestors(&f.path).collect();
                self.scope.extend(dirs);
            }
        }
        Ok(sides.changed())
    }
}

/// Needed ids a commit changed: where its text differs from every parent's.
fn commit_changes(
    walker: &mut Walker<'_>,
    oid: Oid,
    prefix: &str,
    pending: &HashSet<String>,
) -> Result<HashSet<String>, HistoryError> {
    let commit = walker.repo.find_commit(oid)?;
    let tree = walker.subtree(&commit, prefix)?;
    let parents: Vec<Commit<'_>> = commit.parents().collect();
    let changed: HashSet<String> = if parents.is_empty() {
        walker.changed_ids(None, tree.as_ref(), pending)?
    } else {
        // A merge changes an object only where it differs from every parent.
        let mut sets = Vec::with_capacity(parents.len());
        for p in &parents {
            let pt = walker.subtree(p, prefix)?;
            if pt.as_ref().map(Tree::id) == tree.as_ref().map(Tree::id) {
                return Ok(HashSet::new());
            }
            sets.push(walker.changed_ids(pt.as_ref(), tree.as_ref(), pending)?);
        }
        let mut iter = sets.into_iter();
        let first = iter.next().unwrap_or_default();
        iter.fold(first, |acc, s| acc.intersection(&s).cloned().collect())
    };
    Ok(changed
        .into_iter()
        .filter(|id| pending.contains(id))
        .collect())
}

/// For each commit of the walk (newest first) the needed ids it changed, in
/// commit order; the walk stops once every needed id is found.
///
/// (Comparing slices of history on two threads, each with its own
/// repository handle, was measured: 9% less wall time for a full check,
/// 17% more CPU, and a slower `--changed-since`, which already checks the
/// merge base on a second thread. It was not kept.)
fn changes_by_commit(
    walker: &mut Walker<'_>,
    oids: impl Iterator<Item = Result<Oid, git2::Error>>,
    prefix: &str,
    pending: &HashSet<String>,
) -> Result<Vec<(Oid, HashSet<String>)>, HistoryError> {
    let mut left = pending.clone();
    let mut out = Vec::new();
    for oid in oids {
        let oid = oid?;
        // Only ids still undated matter, also for the move check in `changed_ids`.
        let changed = commit_changes(walker, oid, prefix, &left)?;
        if !changed.is_empty() {
            for id in &changed {
                left.remove(id);
            }
            out.push((oid, changed));
        }
        if left.is_empty() {
            break;
        }
    }
    Ok(out)
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

/// The fast way to find uncommitted changes: compare each loaded strategy
/// file with its blob in HEAD by object id (and HEAD's candidate files in
/// the same directories that are gone), without scanning the whole work
/// tree. `None` when a needed object seems to appear from nowhere (it may
/// have been moved from elsewhere): then [`uncommitted`] decides.
fn uncommitted_fast<'r>(
    walker: &mut Walker<'r>,
    head: Option<&Tree<'_>>,
    files: &[(&str, &'r str)],
    pending: &HashSet<String>,
) -> Result<Option<HashSet<String>>, HistoryError> {
    // HEAD's candidate blobs in the loaded files' directories, each
    // directory's tree read once (not once per file).
    let mut in_head: HashMap<String, Oid> = HashMap::new();
    if let Some(head) = head {
        let dirs: BTreeSet<&str> = files
            .iter()
            .map(|(rel, _)| rel.rsplit_once('/').map_or("", |(d, _)| d))
            .collect();
        for dir in dirs {
            let tree = if dir.is_empty() {
                Some(head.clone())
            } else {
                head.get_path(Path::new(dir))
                    .ok()
                    .and_then(|e| walker.repo.find_tree(e.id()).ok())
            };
            for e in tree.iter().flat_map(Tree::iter) {
                let name = e.name_bytes();
                let candidate = name.ends_with(b".md") || name.ends_with(b".toml");
                if candidate && e.kind() == Some(ObjectType::Blob) {
                    let name = String::from_utf8_lossy(name);
                    let rel = if dir.is_empty() {
                        name.into_owned()
                    } else {
                        format!("{dir}/{name}")
                    };
                    in_head.insert(rel, e.id());
                }
            }
        }
    }
    let mut sides = Sides::default();
    for (rel, text) in files {
        if let Some(oid) = in_head.remove(*rel) {
            if Oid::hash_object(ObjectType::Blob, text.as_bytes()).ok() == Some(oid) {
                walker.in_memory.insert(oid, text);
                continue;
            }
            Sides::add(&mut sides.before, &walker.texts(rel, oid)?);
        }
        Sides::add(&mut sides.after, &object_hashes(rel, text));
    }
    // What is left was in HEAD and is gone from the working tree.
    let mut gone: Vec<(String, Oid)> = in_head.into_iter().collect();
    gone.sort_unstable();
    for (rel, oid) in gone {
        Sides::add(&mut sides.before, &walker.texts(&rel, oid)?);
    }
    let appeared = sides
        .after
        .keys()
        .any(|id| pending.contains(id) && !sides.before.contains_key(id));
    Ok((!appeared).then(|| sides.changed()))
}

/// Ids whose text differs between HEAD and the working tree (uncommitted
/// and untracked changes), judged like any commit.
fn uncommitted(
    repo: &Repository,
    walker: &mut Walker<'_>,
    prefix: &str,
    head: Option<&Tree<'_>>,
) -> Result<HashSet<String>, HistoryError> {
    let mut opts = StatusOptions::new();
    opts.include_untracked(true)
        .recurse_untracked_dirs(true)
        .include_ignored(false)
        .exclude_submodules(true);
    if !prefix.is_empty() {
        opts.pathspec(prefix);
    }
    let statuses = repo.statuses(Some(&mut opts))?;
    let workdir = repo.workdir().map(Path::to_path_buf).unwrap_or_default();
    let mut sides = Sides::default();
    for entry in statuses.iter() {
        let Ok(path) = entry.path() else { continue };
        if !(path.ends_with(".md") || path.ends_with(".toml"))
            || entry.status().contains(Status::IGNORED)
        {
            continue;
        }
        let in_root = if prefix.is_empty() {
            path
        } else {
            path.strip_prefix(prefix)
                .and_then(|p| p.strip_prefix('/'))
                .unwrap_or("")
        };
        if in_root.is_empty() {
            continue;
        }
        if let Some(tree) = head {
            if let Ok(e) = tree.get_path(Path::new(in_root)) {
                Sides::add(&mut sides.before, &walker.texts(path, e.id())?);
            }
        }
        if let Ok(bytes) = std::fs::read(workdir.join(path)) {
            let text = String::from_utf8_lossy(&bytes);
            Sides::add(&mut sides.after, &object_hashes(path, &text));
        }
    }
    Ok(sides.changed())
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

/// Dates every id in `needed` from the history of the repository holding
/// `root`: from the working tree and `HEAD`, or from commit `start` (nothing
/// uncommitted counts then). `files` are the strategy files' paths below
/// the root: history is read only below their directories (and wherever a
/// needed object turns out to have lived).
pub fn date(
    repo: &Repository,
    root: &Path,
    needed: &BTreeSet<String>,
    now: i64,
    start: Option<Oid>,
    files: &[(&str, &str)],
) -> Result<Dates, HistoryError> {
    let mut dates = Dates {
        shallow: repo.is_shallow(),
        ..Default::default()
    };
    let Some(prefix) = prefix_of(repo, root) else {
        return Ok(dates);
    };
    let mut pending: HashSet<String> = needed.iter().cloned().collect();
    let mut walker = Walker {
        repo,
        cache: HashMap::new(),
        in_memory: HashMap::new(),
        pruned: HashSet::new(),
        scope: files.iter().flat_map(|(rel, _)| ancestors(rel)).collect(),
    };
    let head = match start {
        Some(oid) => Some(repo.find_commit(oid)?),
        None => repo.head().ok().and_then(|h| h.peel_to_commit().ok()),
    };
    if start.is_none() {
        // The working tree against HEAD: uncommitted and untracked changes are now.
        let head_tree = match &head {
            Some(c) => walker.subtree(c, &prefix)?,
            None => None,
        };
        let changed = match uncommitted_fast(&mut walker, head_tree.as_ref(), files, &pending)? {
            Some(changed) => changed,
            None => uncommitted(repo, &mut walker, &prefix, head_tree.as_ref())?,
        };
        for id in changed {
            if pending.remove(&id) {
                let change = Change {
                    time: now,
                    commit: None,
                    lower_bound: false,
                };
                dates.changes.insert(id, change);
            }
        }
    }
    let Some(head) = head else { return Ok(dates) };
    if pending.is_empty() {
        return Ok(dates);
    }
    let boundary = if dates.shallow {
        shallow_boundary(repo)
    } else {
        HashSet::new()
    };
    let mut walk = repo.revwalk()?;
    walk.push(head.id())?;
    walk.set_sorting(Sort::TIME)?;
    let changes = changes_by_commit(&mut walker, walk, &prefix, &pending)?;
    // The newest commit that changed an id dates it.
    for (oid, changed) in changes {
        let commit = repo.find_commit(oid)?;
        let lower_bound = boundary.contains(&commit.id());
        for id in changed {
            if pending.remove(&id) {
                let change = Change {
                    time: commit.time().seconds(),
                    commit: Some(info(&commit)),
                    lower_bound,
                };
                dates.changes.insert(id, change);
            }
        }
    }
    Ok(dates)
}
