//! The blob half of the history walk: for each commit the tree walk
//! reports, which pending objects' texts it changed.
//!
//! Only the changed strategy files are read, on both sides, and their
//! objects' whitespace-normalized texts compared by `id`, so an object
//! moved to another file with its text unchanged is not a change. Each
//! blob is read once (cached by id), and not at all when it can hold no
//! object still waiting for a date.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::Arc;

use git2::{Oid, Repository};

use super::ahead::{self, Taker};
use super::commit_graph::{BloomKey, CommitGraph};
use super::records::{self, Wanted};
use super::tree_diff::{self, ChangedFile, Differing, RawTree};
use super::walk::{self, Compared, Diff, Step};
use super::{HistoryError, ancestors, dir_of};

pub(super) use super::ahead::Texts;

/// Ids a change touched, with their hashes before and after it.
pub(super) type Changed = HashMap<String, (Option<u64>, Option<u64>)>;

/// One side of a change: the texts of the files read there, and the
/// decision records' keys (see [`records`]).
#[derive(Default)]
pub(super) struct Side {
    files: Vec<Texts>,
    records: Vec<String>,
}

impl Side {
    /// Adds one file's objects.
    pub fn add(&mut self, texts: Texts) {
        self.files.push(texts);
    }

    /// Adds a decision record's key, when the file is a wanted record.
    pub fn add_record(&mut self, key: Option<&str>) {
        if let Some(key) = key {
            self.records.push(key.to_owned());
        }
    }

    /// Every `(id, hash)` of the side, sorted: ids borrowed, not copied.
    fn sorted(&self) -> Vec<(&str, u64)> {
        let mut all: Vec<(&str, u64)> = self
            .files
            .iter()
            .flat_map(|t| t.iter().map(|(id, h)| (id.as_str(), *h)))
            .chain(self.records.iter().map(|k| (k.as_str(), records::PRESENT)))
            .collect();
        all.sort_unstable();
        all
    }
}

/// The texts of each id on the two sides of a change.
#[derive(Default)]
pub(super) struct Sides {
    pub before: Side,
    pub after: Side,
}

impl Sides {
    /// The two sides, sorted for comparing.
    pub fn compare(&self) -> Comparison<'_> {
        Comparison {
            before: self.before.sorted(),
            after: self.after.sorted(),
        }
    }
}

/// Both sides of a change as sorted `(id, hash)` lists.
pub(super) struct Comparison<'a> {
    before: Vec<(&'a str, u64)>,
    after: Vec<(&'a str, u64)>,
}

impl Comparison<'_> {
    /// Whether a pending id is on the new side only: created here, or moved
    /// in from a file the comparison did not look at.
    pub fn appeared(&self, pending: &HashSet<String>) -> bool {
        // Both sorted: one pass over each (most ids are on both sides, and
        // only the others are looked up in `pending`).
        let mut before = self.before.iter().map(|p| p.0).peekable();
        self.after.iter().any(|&(id, _)| {
            while before.next_if(|b| *b < id).is_some() {}
            before.peek() != Some(&id) && pending.contains(id)
        })
    }

    /// Pending ids whose texts differ between the two sides (moves between
    /// files cancel out), each with its text's hash before and after (the
    /// smallest, where a side holds several; `None` where a side has none:
    /// it appeared or went).
    pub fn changed(&self, pending: &HashSet<String>) -> Changed {
        let (a, b) = (&self.before, &self.after);
        let mut changed = Changed::default();
        let (mut i, mut j) = (0, 0);
        loop {
            let id = match (a.get(i), b.get(j)) {
                (Some(x), Some(y)) => x.0.min(y.0),
                (Some(x), None) => x.0,
                (None, Some(y)) => y.0,
                (None, None) => return changed,
            };
            let (from_a, from_b) = (i, j);
            while a.get(i).is_some_and(|p| p.0 == id) {
                i += 1;
            }
            while b.get(j).is_some_and(|p| p.0 == id) {
                j += 1;
            }
            let (old, new) = (&a[from_a..i], &b[from_b..j]);
            if pending.contains(id) && !old.iter().map(|p| p.1).eq(new.iter().map(|p| p.1)) {
                let first = |side: &[(&str, u64)]| side.first().map(|p| p.1);
                changed.insert(id.to_owned(), (first(old), first(new)));
            }
        }
    }
}

/// An object database for the judge alone. libgit2 shares an opened pack
/// (its lock and its delta-base cache) between every handle that opens it
/// by the same path, so the tree walk, reading deeply deltified trees on
/// its thread, and the judge, reading blobs on this one, slowed each other
/// down: blobs took a third longer to read. The same objects directory
/// named by another path (`objects/.`) opens its packs anew; loose objects
/// and alternates are read as usual. The repository's own database when
/// that fails, or cannot find HEAD's commit.
fn own_odb(repo: &Repository) -> Result<git2::Odb<'_>, HistoryError> {
    let objects = repo.commondir().join("objects").join(".");
    let own = git2::Odb::new().and_then(|odb| {
        odb.add_disk_alternate(&objects.to_string_lossy())?;
        Ok(odb)
    });
    let head = repo.head().ok().and_then(|h| h.target());
    match own {
        Ok(odb) if head.is_none_or(|id| odb.exists(id)) => Ok(odb),
        _ => Ok(repo.odb()?),
    }
}

/// What the blob half keeps between commits.
pub(super) struct Judge<'r> {
    /// The caller's repository handle (the tree walk has its own).
    pub repo: &'r Repository,
    /// Its object database, where blobs are read (see [`own_odb`]).
    pub odb: git2::Odb<'r>,
    /// The project root below the work tree's top.
    prefix: &'r str,
    cache: HashMap<Oid, Texts>,
    /// Blobs known to hold no pending id without having been read (see
    /// [`Judge::add_file`]).
    pruned: HashSet<Oid>,
    /// Directories (below the root) whose files are compared: those that
    /// hold strategy files now, their ancestors, and any where history shows
    /// a needed object lived.
    scope: HashSet<String>,
    /// The directories the tree walk compares.
    walked: Arc<HashSet<String>>,
    /// Whether `scope` reaches past `walked`: then each commit's trees are
    /// compared here, with the wider scope.
    widened: bool,
    /// The undated decision records followed (see [`records`]).
    pub records: Wanted,
    /// The Bloom keys of the directories in `scope` the walk does not
    /// compare, once asked for (see [`Judge::unchanged_beyond`]).
    beyond: Option<Vec<BloomKey>>,
    /// Needed ids that no current file holds (a reference to a removed
    /// object): while one is pending, no file is skipped, since its text is
    /// on the old side of the commit that removed it, not the new one.
    pub absent: HashSet<String>,
    /// The texts the walk's thread hashes ahead, once its walk is over
    /// (see [`ahead`]).
    pub ahead: Option<Taker>,
}

impl<'r> Judge<'r> {
    /// A judge for the strategy files at `files` (paths below the root),
    /// of a tree walk comparing the directories `walked`.
    pub fn new<'a>(
        repo: &'r Repository,
        prefix: &'r str,
        files: impl IntoIterator<Item = &'a str>,
        walked: Arc<HashSet<String>>,
    ) -> Result<Self, HistoryError> {
        let scope: HashSet<String> = files.into_iter().flat_map(ancestors).collect();
        Ok(Judge {
            repo,
            odb: own_odb(repo)?,
            prefix,
            cache: HashMap::default(),
            pruned: HashSet::default(),
            widened: !scope.is_subset(&walked),
            scope,
            walked,
            records: Wanted::default(),
            beyond: None,
            absent: HashSet::default(),
            ahead: None,
        })
    }

    /// The objects in a blob, read once.
    pub fn texts(&mut self, path: &str, blob: Oid) -> Result<Texts, HistoryError> {
        if let Some(t) = self.cache.get(&blob) {
            return Ok(t.clone());
        }
        if let Some(ahead) = &self.ahead {
            self.cache.extend(ahead.drain());
            if let Some(t) = self.cache.get(&blob) {
                return Ok(t.clone());
            }
        }
        // Read raw from the object database: a blob object would only wrap it.
        let t = ahead::hashed(path, self.odb.read(blob)?.data());
        self.cache.insert(blob, t.clone());
        Ok(t)
    }

    /// Records a blob's objects, known without reading it (a loaded file
    /// unchanged since HEAD).
    pub fn remember(&mut self, blob: Oid, texts: Texts) {
        self.cache.insert(blob, texts);
    }

    /// Whether a file path lies directly in a directory in scope.
    fn in_scope(&self, path: &str) -> bool {
        self.scope.contains(dir_of(path))
    }

    /// Adds both sides of a changed file to `sides`. In a scoped pass, a
    /// file whose new side holds no id still pending is skipped, and its old
    /// blob is remembered as holding none without being read: a pending id's
    /// text is unchanged from here to HEAD, so it is on the new side of this
    /// commit; had it been in this file's old side, it either moved in this
    /// commit (then it seems to appear elsewhere, and [`Judge::in_full`]
    /// looks at the commit again, skipping nothing) or had two texts at
    /// once. So an object's older revisions cost nothing once it is dated.
    fn add_file(
        &mut self,
        f: &ChangedFile,
        pending: &HashSet<String>,
        prune: bool,
        sides: &mut Sides,
    ) -> Result<(), HistoryError> {
        // A record's key is read off its path: both sides of a record file
        // hold it, whatever the texts.
        let record = self
            .records
            .key(&f.path)
            .filter(|k| pending.contains(*k))
            .map(str::to_owned);
        let record = record.as_deref();
        if let Some(new) = f.new {
            if let (true, Some(old), None) = (prune, f.old, record) {
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
            sides.after.add(self.texts(&f.path, new)?);
            sides.after.add_record(record);
        }
        if let Some(old) = f.old {
            sides.before.add(self.texts(&f.path, old)?);
            sides.before.add_record(record);
        }
        Ok(())
    }

    /// Both sides of the changed files in scope.
    fn scoped_sides(
        &mut self,
        files: &[ChangedFile],
        pending: &HashSet<String>,
    ) -> Result<Sides, HistoryError> {
        let mut sides = Sides::default();
        let prune = !self.absent.iter().any(|id| pending.contains(id));
        for f in files {
            if self.in_scope(&f.path) {
                self.add_file(f, pending, prune, &mut sides)?;
            }
        }
        Ok(sides)
    }

    /// Compares a commit with its parents here, in the judge's scope.
    fn compare_again(&mut self, step: &Step) -> Result<Compared, HistoryError> {
        let (tree, parents) = &step.trees;
        if parents.len() != step.parents.len() {
            return walk::compare(
                self.repo,
                &self.odb,
                step.oid,
                self.prefix,
                &self.scope,
                None,
            );
        }
        // The trees the walk read: no commit object is read again.
        walk::compare_trees(&self.odb, *tree, parents, self.prefix, &self.scope, None)
            .map(|(compared, _)| compared)
    }

    /// Compares a commit with one parent again, skipping nothing, for a
    /// pending id that seems to appear: every changed file the comparison
    /// reported (in scope or not), and the candidate files changed in the
    /// directories it skipped, where the id may have moved from. If it did,
    /// that is no change, and its old directory joins the scope so its older
    /// history is followed.
    /// Only this commit's skips can hide the old file of a move (a skip made
    /// in a newer commit saw no move there), so only they are taken back.
    fn in_full(&mut self, diff: &Diff, pending: &HashSet<String>) -> Result<Sides, HistoryError> {
        // The old file of a move differs from the new side: it is found by
        // comparing the skipped directories where their subtrees differ.
        let mut outside = Vec::new();
        let mut filter = Differing { old_only: true };
        for dir in &diff.skipped {
            let Some(old) = dir.old else { continue };
            let old = RawTree::read(&self.odb, old)?;
            let new = dir.new.map(|id| RawTree::read(&self.odb, id)).transpose()?;
            tree_diff::changed_files(
                &self.odb,
                &mut filter,
                Some(&old),
                new.as_ref(),
                &dir.path,
                &mut outside,
            )?;
        }
        let mut sides = Sides::default();
        for f in diff.files.iter().chain(&outside) {
            self.add_file(f, pending, false, &mut sides)?;
            let Some(old) = f.old else { continue };
            let record = self
                .records
                .key(&f.path)
                .is_some_and(|k| pending.contains(k));
            if record
                || self
                    .texts(&f.path, old)?
                    .iter()
                    .any(|(id, _)| pending.contains(id))
            {
                // The moved object's old file: not to be skipped, here or
                // in older commits, and its directory is followed too.
                self.pruned.remove(&old);
                self.scope.extend(ancestors(&f.path));
            }
        }
        self.widened = !self.scope.is_subset(&self.walked);
        self.beyond = None;
        Ok(sides)
    }

    /// Whether the commit-graph's Bloom filter proves that nothing changed
    /// in this commit (against its one parent) in the directories the judge
    /// follows beyond the walk's: then the walk's comparison is the wider
    /// one too, and the commit need not be compared again. (After
    /// `git mv docs/adr doc/decisions`, the old directory is followed in
    /// every older commit, most of which do not touch it.) Each key covers
    /// its directory's whole subtree: git's filters hold every changed
    /// path's leading directories.
    fn unchanged_beyond(&mut self, step: &Step, graph: Option<&CommitGraph>) -> bool {
        let (Some(g), Some(pos), 1) = (graph, step.pos, step.parents.len()) else {
            return false;
        };
        if !g.has_bloom() {
            return false;
        }
        if self.beyond.is_none() {
            let prefix = self.prefix;
            let keys = self
                .scope
                .iter()
                .filter(|d| !d.is_empty() && !self.walked.contains(*d))
                .map(|d| match prefix.is_empty() {
                    true => g.bloom_key(d),
                    false => g.bloom_key(&format!("{prefix}/{d}")),
                })
                .collect();
            self.beyond = Some(keys);
        }
        let keys = self.beyond.as_deref().unwrap_or_default();
        !keys.is_empty() && keys.iter().all(|k| !g.maybe_changed_key(pos, k))
    }

    /// The pending ids a commit changed (only those: see
    /// [`Comparison::changed`]): where its text differs from every
    /// parent's (a merge changes an object only where it differs from all).
    pub fn changes(
        &mut self,
        step: &Step,
        pending: &HashSet<String>,
        graph: Option<&CommitGraph>,
    ) -> Result<Changed, HistoryError> {
        let wider;
        let mut compared = &step.compared;
        if self.widened && !self.unchanged_beyond(step, graph) {
            wider = self.compare_again(step)?;
            compared = &wider;
        }
        let changed = match compared {
            Compared::Unchanged => Changed::default(),
            Compared::Root(diff) => self
                .scoped_sides(&diff.files, pending)?
                .compare()
                .changed(pending),
            Compared::Parents(lists) => {
                let mut again: Option<Vec<Diff>> = None;
                let mut sets: Vec<Changed> = Vec::with_capacity(lists.len());
                for i in 0..lists.len() {
                    let list = again.as_ref().map_or(&lists[i], |a| &a[i]);
                    let sides = self.scoped_sides(&list.files, pending)?;
                    let comparison = sides.compare();
                    if !comparison.appeared(pending) {
                        sets.push(comparison.changed(pending));
                        continue;
                    }
                    let widened = self.widened;
                    let sides = self.in_full(list, pending)?;
                    if self.widened && !widened {
                        // The remaining parents are compared with the wider scope.
                        if let Compared::Parents(wider) = self.compare_again(step)? {
                            again = Some(wider);
                        }
                    }
                    sets.push(sides.compare().changed(pending));
                }
                let mut sets = sets.into_iter();
                let first = sets.next().unwrap_or_default();
                // Changed only where it differs from every parent (the first parent's values kept).
                sets.fold(first, |mut acc, s| {
                    acc.retain(|id, _| s.contains_key(id));
                    acc
                })
            }
        };
        Ok(changed)
    }
}
