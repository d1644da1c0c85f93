//! Comparing two trees by object id, descending only into subtrees whose
//! ids differ, and keeping only `.md` and `.toml` blobs. Entries are merged
//! in git's own tree order, so unchanged entries cost one id comparison and
//! no allocation.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use git2::{ObjectType, Oid, Repository, Tree, TreeEntry};

use crate::history::HistoryError;

/// A strategy-candidate file whose blob differs between two trees.
#[derive(Debug)]
pub struct ChangedFile {
    /// Path relative to the compared trees.
    pub path: String,
    /// Blob on the old side, if the file existed there.
    pub old: Option<Oid>,
    /// Blob on the new side, if the file exists there.
    pub new: Option<Oid>,
}

/// Whether a file name is a strategy candidate (`.md` or `.toml`).
pub fn is_candidate(name: &[u8]) -> bool {
    name.ends_with(b".md") || name.ends_with(b".toml")
}

fn is_tree(e: &TreeEntry<'_>) -> bool {
    e.kind() == Some(ObjectType::Tree)
}

/// git's tree order: names compared bytewise, a tree's name read with a trailing `/`.
fn git_order(a: &TreeEntry<'_>, b: &TreeEntry<'_>) -> Ordering {
    let (an, bn) = (a.name_bytes(), b.name_bytes());
    let len = an.len().min(bn.len());
    match an[..len].cmp(&bn[..len]) {
        Ordering::Equal => {}
        o => return o,
    }
    let tail = |name: &[u8], tree: bool| match name.get(len) {
        Some(c) => *c,
        None if tree => b'/',
        None => 0,
    };
    tail(an, is_tree(a)).cmp(&tail(bn, is_tree(b)))
}

/// `base/name` (just `name` at the root).
pub fn join(base: &str, name: &[u8]) -> String {
    let name = String::from_utf8_lossy(name);
    if base.is_empty() {
        name.into_owned()
    } else {
        format!("{base}/{name}")
    }
}

/// A directory the comparison did not descend into, though it differs.
#[derive(Debug)]
pub struct SkippedDir {
    /// Path relative to the compared trees.
    pub path: String,
    /// Tree on the old side, if there was one.
    pub old: Option<Oid>,
    /// Tree on the new side, if there is one.
    pub new: Option<Oid>,
}

/// Which directories a comparison descends into, and where it reports files.
pub trait Filter {
    /// Whether to compare the two subtrees at `path`, given the old side's tree.
    fn descend(&mut self, path: &str, old: Option<Oid>) -> Result<bool, HistoryError>;
    /// Whether to report the changed candidate files directly in `dir`.
    fn files_in(&self, dir: &str) -> bool;
    /// Told of each differing directory it chose not to descend into.
    fn skipped(&mut self, _dir: SkippedDir) {}
}

/// Only the directories in a set (`""` is the root); the others that
/// differ are collected in `skipped`.
pub struct Within<'a> {
    /// The directories to descend into.
    pub dirs: &'a HashSet<String>,
    /// The differing directories outside `dirs`, outermost only.
    pub skipped: Vec<SkippedDir>,
}

impl Filter for Within<'_> {
    fn descend(&mut self, path: &str, _: Option<Oid>) -> Result<bool, HistoryError> {
        Ok(self.dirs.contains(path))
    }
    fn files_in(&self, _: &str) -> bool {
        true
    }
    fn skipped(&mut self, dir: SkippedDir) {
        self.skipped.push(dir);
    }
}

/// The directories outside the scope where a moved object's old file may
/// be: the comparison descends only where the old side holds, at some
/// depth, a candidate file, so a code tree is read once per version rather
/// than compared in every commit that seems to create an object.
pub struct Outside<'a> {
    /// Where trees are read.
    pub repo: &'a Repository,
    /// What [`Outside::holds`] found, by tree id.
    pub memo: &'a mut HashMap<Oid, bool>,
}

impl Outside<'_> {
    /// Whether a tree holds a candidate file at any depth.
    pub fn holds(&mut self, tree: Oid) -> Result<bool, HistoryError> {
        if let Some(&holds) = self.memo.get(&tree) {
            return Ok(holds);
        }
        let mut holds = false;
        for e in self.repo.find_tree(tree)?.iter() {
            holds = match e.kind() {
                Some(ObjectType::Tree) => self.holds(e.id())?,
                Some(ObjectType::Blob) => is_candidate(e.name_bytes()),
                _ => false,
            };
            if holds {
                break;
            }
        }
        self.memo.insert(tree, holds);
        Ok(holds)
    }
}

impl Filter for Outside<'_> {
    fn descend(&mut self, _: &str, old: Option<Oid>) -> Result<bool, HistoryError> {
        match old {
            Some(tree) => self.holds(tree),
            None => Ok(false),
        }
    }
    fn files_in(&self, _: &str) -> bool {
        true
    }
}

/// Handles one entry present on one side only, or on both with different ids.
fn entry(
    repo: &Repository,
    filter: &mut dyn Filter,
    base: &str,
    old: Option<&TreeEntry<'_>>,
    new: Option<&TreeEntry<'_>>,
    out: &mut Vec<ChangedFile>,
) -> Result<(), HistoryError> {
    let name = old.or(new).map(TreeEntry::name_bytes).unwrap_or_default();
    let tree_id = |e: Option<&TreeEntry<'_>>| e.filter(|e| is_tree(e)).map(TreeEntry::id);
    let (ta, tb) = (tree_id(old), tree_id(new));
    if ta.is_some() || tb.is_some() {
        let path = join(base, name);
        if filter.descend(&path, ta)? {
            let tree_of = |id: Option<Oid>| id.map(|id| repo.find_tree(id)).transpose();
            let (ta, tb) = (tree_of(ta)?, tree_of(tb)?);
            changed_files(repo, filter, ta.as_ref(), tb.as_ref(), &path, out)?;
        } else {
            filter.skipped(SkippedDir {
                path,
                old: ta,
                new: tb,
            });
        }
    }
    if is_candidate(name) && filter.files_in(base) {
        let blob = |e: Option<&TreeEntry<'_>>| {
            e.filter(|e| e.kind() == Some(ObjectType::Blob))
                .map(TreeEntry::id)
        };
        let (oa, ob) = (blob(old), blob(new));
        if (oa.is_some() || ob.is_some()) && oa != ob {
            out.push(ChangedFile {
                path: join(base, name),
                old: oa,
                new: ob,
            });
        }
    }
    Ok(())
}

/// Appends to `out` every candidate file that differs between `old` and
/// `new`, in the directories `filter` lets the comparison into.
pub fn changed_files(
    repo: &Repository,
    filter: &mut dyn Filter,
    old: Option<&Tree<'_>>,
    new: Option<&Tree<'_>>,
    base: &str,
    out: &mut Vec<ChangedFile>,
) -> Result<(), HistoryError> {
    if let (Some(a), Some(b)) = (old, new) {
        if a.id() == b.id() {
            return Ok(());
        }
    }
    let mut a = old.map(|t| t.iter()).into_iter().flatten().peekable();
    let mut b = new.map(|t| t.iter()).into_iter().flatten().peekable();
    loop {
        let order = match (a.peek(), b.peek()) {
            (None, None) => break,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some(x), Some(y)) => git_order(x, y),
        };
        match order {
            Ordering::Less => {
                let x = a.next();
                entry(repo, filter, base, x.as_ref(), None, out)?;
            }
            Ordering::Greater => {
                let y = b.next();
                entry(repo, filter, base, None, y.as_ref(), out)?;
            }
            Ordering::Equal => {
                let (x, y) = (a.next(), b.next());
                if x.as_ref().map(TreeEntry::id) != y.as_ref().map(TreeEntry::id) {
                    entry(repo, filter, base, x.as_ref(), y.as_ref(), out)?;
                }
            }
        }
    }
    Ok(())
}
