//! Comparing two trees by object id, descending only into subtrees whose
//! ids differ, and keeping only `.md` and `.toml` blobs. Trees are read raw
//! from the object database and their entries parsed as they are merged,
//! in git's own tree order, so unchanged entries cost one id comparison and
//! no allocation (libgit2's tree objects parse every entry of every tree
//! read into an array first: a fifth of the walk).

use rustc_hash::FxHashSet as HashSet;
use std::cmp::Ordering;

use git2::{Odb, OdbObject, Oid};

use crate::history::HistoryError;

/// A file whose blob differs between two trees: a strategy candidate,
/// or any file for a filter that asks for [`Filter::every_file`] (then
/// also a file whose mode alone changed, and a submodule whose commit
/// changed, as `git log -- <path>` counts them).
#[derive(Debug)]
pub struct ChangedFile {
    /// Path relative to the compared trees.
    pub path: String,
    /// Blob on the old side, if the file existed there.
    pub old: Option<Oid>,
    /// Blob on the new side, if the file exists there.
    pub new: Option<Oid>,
}

/// Whether a file name is a strategy candidate (the walk's rule, shared
/// with discovery).
pub use crate::project::discover::may_hold_strategy_bytes as is_candidate;

/// A tree as stored: its entries are read as they are iterated.
pub struct RawTree<'o> {
    object: OdbObject<'o>,
}

impl<'o> RawTree<'o> {
    /// Reads tree `id`.
    pub fn read(odb: &'o Odb<'_>, id: Oid) -> Result<Self, HistoryError> {
        let object = odb.read(id)?;
        if object.kind() != git2::ObjectType::Tree {
            return Err(HistoryError(format!("object {id} is not a tree")));
        }
        Ok(RawTree { object })
    }

    /// The tree's id.
    pub fn id(&self) -> Oid {
        self.object.id()
    }

    /// Its entries, in stored (git's) order. A malformed entry ends the
    /// iteration with an error.
    pub fn entries(&self) -> Entries<'_> {
        Entries {
            data: self.object.data(),
            id_len: self.object.id().as_bytes().len(),
            tree: self.object.id(),
        }
    }

    /// The entry named `name`, if any.
    pub fn get(&self, name: &[u8]) -> Result<Option<Entry<'_>>, HistoryError> {
        for e in self.entries() {
            let e = e?;
            if e.name == name {
                return Ok(Some(e));
            }
        }
        Ok(None)
    }
}

/// The id of the subtree at `prefix` ("" for the tree itself) of tree
/// `tree`, if it exists.
pub fn subtree_id(odb: &Odb<'_>, tree: Oid, prefix: &str) -> Result<Option<Oid>, HistoryError> {
    let mut id = tree;
    for name in prefix.split('/').filter(|n| !n.is_empty()) {
        let tree = RawTree::read(odb, id)?;
        match tree.get(name.as_bytes())? {
            Some(e) if e.kind == EntryKind::Tree => id = e.oid(),
            _ => return Ok(None),
        }
    }
    Ok(Some(id))
}

/// The id of the blob at `path` (a file path) below tree `tree`, if there is one.
pub fn blob_at(odb: &Odb<'_>, tree: Oid, path: &str) -> Result<Option<Oid>, HistoryError> {
    let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
    let Some(dir) = subtree_id(odb, tree, dir)? else {
        return Ok(None);
    };
    let dir = RawTree::read(odb, dir)?;
    let entry = dir.get(name.as_bytes())?;
    Ok(entry.filter(|e| e.kind == EntryKind::Blob).map(|e| e.oid()))
}

/// What a tree entry points at, by its mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A directory (mode 40000).
    Tree,
    /// A file or symbolic link (modes 100644, 100755, 120000).
    Blob,
    /// A submodule's commit (160000), or a mode git does not write.
    Other,
}

/// One entry of a [`RawTree`].
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    /// The file or directory name.
    pub name: &'a [u8],
    /// What it points at.
    pub kind: EntryKind,
    /// Its mode as written (`0o100644`, `0o100755`, `0o120000`, …).
    pub mode: u32,
    /// The object id's bytes.
    pub id: &'a [u8],
}

impl Entry<'_> {
    /// The object id.
    pub fn oid(&self) -> Oid {
        Oid::from_bytes(self.id).unwrap_or(Oid::ZERO_SHA1)
    }

    fn is_tree(&self) -> bool {
        self.kind == EntryKind::Tree
    }
}

/// The entries of a [`RawTree`]: `<octal mode> <name>\0<id bytes>`, repeated.
pub struct Entries<'a> {
    data: &'a [u8],
    id_len: usize,
    tree: Oid,
}

impl<'a> Iterator for Entries<'a> {
    type Item = Result<Entry<'a>, HistoryError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.data.is_empty() {
            return None;
        }
        let parsed = (|| {
            let space = self.data.iter().position(|&b| b == b' ')?;
            let nul = space + 1 + self.data[space + 1..].iter().position(|&b| b == 0)?;
            let end = nul + 1 + self.id_len;
            let id = self.data.get(nul + 1..end)?;
            let mode = self.data[..space].iter().try_fold(0u32, |m, &d| {
                (b'0'..=b'7')
                    .contains(&d)
                    .then(|| m.wrapping_mul(8) + u32::from(d - b'0'))
            })?;
            // As git reads a mode: by its file type bits.
            let kind = match mode & 0o170000 {
                0o040000 => EntryKind::Tree,
                0o100000 | 0o120000 => EntryKind::Blob,
                _ => EntryKind::Other,
            };
            let entry = Entry {
                name: &self.data[space + 1..nul],
                kind,
                mode,
                id,
            };
            Some((entry, end))
        })();
        match parsed {
            Some((entry, end)) => {
                self.data = &self.data[end..];
                Some(Ok(entry))
            }
            None => {
                self.data = &[];
                Some(Err(HistoryError(format!(
                    "tree {} is malformed",
                    self.tree
                ))))
            }
        }
    }
}

/// git's tree order: names compared bytewise, a tree's name read with a trailing `/`.
fn git_order(a: &Entry<'_>, b: &Entry<'_>) -> Ordering {
    let (an, bn) = (a.name, b.name);
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
    tail(an, a.is_tree()).cmp(&tail(bn, b.is_tree()))
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
    /// Whether to report a changed candidate file `name` directly in `dir`
    /// (every one, unless the filter says otherwise).
    fn file_in(&self, _dir: &str, _name: &[u8]) -> bool {
        true
    }
    /// Told of each differing directory it chose not to descend into.
    fn skipped(&mut self, _dir: SkippedDir) {}
    /// Whether every changed file is reported, not only strategy
    /// candidates (the files of an initiative's `paths` are code): then a
    /// file whose mode alone changed (made executable) and a submodule
    /// whose commit changed are reported too, as git's own path-limited
    /// history shows them.
    fn every_file(&self) -> bool {
        false
    }
}

/// Only the directories in a set (`""` is the root); the others that
/// differ are collected in `skipped`.
pub struct Within<'a> {
    /// The directories to descend into.
    pub dirs: &'a HashSet<String>,
    /// When given, the only files of the root (`""`) that are reported: a
    /// Markdown or TOML file there that is no candidate now (a changelog,
    /// a readme) does not widen the walk.
    pub root_files: Option<&'a HashSet<String>>,
    /// The differing directories outside `dirs`, outermost only.
    pub skipped: Vec<SkippedDir>,
}

impl Filter for Within<'_> {
    fn descend(&mut self, path: &str, _: Option<Oid>) -> Result<bool, HistoryError> {
        Ok(self.dirs.contains(path))
    }
    fn file_in(&self, dir: &str, name: &[u8]) -> bool {
        match (dir.is_empty(), self.root_files) {
            (true, Some(files)) => std::str::from_utf8(name).is_ok_and(|n| files.contains(n)),
            _ => true,
        }
    }
    fn skipped(&mut self, dir: SkippedDir) {
        self.skipped.push(dir);
    }
}

/// Every differing directory, outside the walk's scope, where a moved
/// object's old file or a merge's discarded change may be: a comparison
/// with this filter descends into each subtree whose ids differ (where the
/// old side has one, with `old_only`), so it costs what the commit changed,
/// not the size of the trees. (Asking first whether a whole code tree held
/// any Markdown at all read every version of it: most of a monorepo's walk
/// where strategy commits add documents and change code.)
pub struct Differing {
    /// Descend only where the old side has the directory (the old file of
    /// a move is there).
    pub old_only: bool,
}

impl Filter for Differing {
    fn descend(&mut self, _: &str, old: Option<Oid>) -> Result<bool, HistoryError> {
        Ok(!self.old_only || old.is_some())
    }
}

/// Handles one entry present on one side only, or on both with different ids.
fn entry(
    odb: &Odb<'_>,
    filter: &mut dyn Filter,
    base: &str,
    old: Option<&Entry<'_>>,
    new: Option<&Entry<'_>>,
    out: &mut Vec<ChangedFile>,
) -> Result<(), HistoryError> {
    let name = old.or(new).map(|e| e.name).unwrap_or_default();
    let id_of = |e: Option<&Entry<'_>>, kind| e.filter(|e| e.kind == kind).map(Entry::oid);
    let (ta, tb) = (id_of(old, EntryKind::Tree), id_of(new, EntryKind::Tree));
    if ta.is_some() || tb.is_some() {
        let path = join(base, name);
        if filter.descend(&path, ta)? {
            let read = |id: Option<Oid>| id.map(|id| RawTree::read(odb, id)).transpose();
            let (ta, tb) = (read(ta)?, read(tb)?);
            changed_files(odb, filter, ta.as_ref(), tb.as_ref(), &path, out)?;
        } else {
            filter.skipped(SkippedDir {
                path,
                old: ta,
                new: tb,
            });
        }
    }
    if filter.every_file() {
        // Any file, a submodule's commit included, and a change of mode
        // with the same content (`chmod +x`) is a change.
        let file = |e: Option<&Entry<'_>>| e.filter(|e| !e.is_tree()).map(|e| (e.oid(), e.mode));
        let (fa, fb) = (file(old), file(new));
        if (fa.is_some() || fb.is_some()) && fa != fb && filter.file_in(base, name) {
            out.push(ChangedFile {
                path: join(base, name),
                old: fa.map(|f| f.0),
                new: fb.map(|f| f.0),
            });
        }
    } else if is_candidate(name) && filter.file_in(base, name) {
        let (oa, ob) = (id_of(old, EntryKind::Blob), id_of(new, EntryKind::Blob));
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

/// The next entry of a side of a comparison (none when the side is absent).
fn next<'a>(side: &mut Option<Entries<'a>>) -> Result<Option<Entry<'a>>, HistoryError> {
    side.as_mut().and_then(Iterator::next).transpose()
}

/// Appends to `out` every candidate file that differs between `old` and
/// `new`, in the directories `filter` lets the comparison into.
pub fn changed_files(
    odb: &Odb<'_>,
    filter: &mut dyn Filter,
    old: Option<&RawTree<'_>>,
    new: Option<&RawTree<'_>>,
    base: &str,
    out: &mut Vec<ChangedFile>,
) -> Result<(), HistoryError> {
    if let (Some(a), Some(b)) = (old, new) {
        if a.id() == b.id() {
            return Ok(());
        }
    }
    let (mut a, mut b) = (old.map(RawTree::entries), new.map(RawTree::entries));
    let (mut x, mut y) = (next(&mut a)?, next(&mut b)?);
    loop {
        let order = match (&x, &y) {
            (None, None) => break,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some(x), Some(y)) => git_order(x, y),
        };
        match order {
            Ordering::Less => {
                entry(odb, filter, base, x.as_ref(), None, out)?;
                x = next(&mut a)?;
            }
            Ordering::Greater => {
                entry(odb, filter, base, None, y.as_ref(), out)?;
                y = next(&mut b)?;
            }
            Ordering::Equal => {
                let (kx, ky) = (x.map(|e| (e.id, e.mode)), y.map(|e| (e.id, e.mode)));
                if kx != ky {
                    entry(odb, filter, base, x.as_ref(), y.as_ref(), out)?;
                }
                x = next(&mut a)?;
                y = next(&mut b)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use git2::Repository;

    /// A tree holding every kind of entry git writes, and what libgit2 reads of it.
    #[test]
    fn raw_entries_read_as_libgit2_reads_them() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let blob = repo.blob(b"text\n").unwrap();
        let mut sub = repo.treebuilder(None).unwrap();
        sub.insert("inner.md", blob, 0o100644).unwrap();
        let sub = sub.write().unwrap();
        let mut tb = repo.treebuilder(None).unwrap();
        tb.insert("a.md", blob, 0o100644).unwrap();
        tb.insert("run.toml", blob, 0o100755).unwrap();
        tb.insert("link.md", blob, 0o120000).unwrap();
        tb.insert("dir", sub, 0o040000).unwrap();
        tb.insert("dir.md", blob, 0o100644).unwrap();
        tb.insert("module", blob, 0o160000).unwrap();
        let id = tb.write().unwrap();

        let odb = repo.odb().unwrap();
        let raw = RawTree::read(&odb, id).unwrap();
        let ours: Vec<(Vec<u8>, EntryKind, Oid)> = raw
            .entries()
            .map(|e| e.map(|e| (e.name.to_vec(), e.kind, e.oid())))
            .collect::<Result<_, _>>()
            .unwrap();
        let tree = repo.find_tree(id).unwrap();
        let theirs: Vec<(Vec<u8>, EntryKind, Oid)> = tree
            .iter()
            .map(|e| {
                let kind = match e.kind() {
                    Some(git2::ObjectType::Tree) => EntryKind::Tree,
                    Some(git2::ObjectType::Blob) => EntryKind::Blob,
                    _ => EntryKind::Other,
                };
                (e.name_bytes().to_vec(), kind, e.id())
            })
            .collect();
        assert_eq!(ours, theirs);
        assert_eq!(ours.len(), 6);
        // git's order puts `dir` (read as `dir/`) after `dir.md`.
        let names: Vec<&[u8]> = ours.iter().map(|e| e.0.as_slice()).collect();
        assert_eq!(
            names,
            [
                &b"a.md"[..],
                b"dir.md",
                b"dir",
                b"link.md",
                b"module",
                b"run.toml"
            ]
        );
        assert_eq!(raw.get(b"dir").unwrap().map(|e| e.oid()), Some(sub));
        assert!(raw.get(b"missing").unwrap().is_none());

        // Paths below the tree.
        assert_eq!(subtree_id(&odb, id, "").unwrap(), Some(id));
        assert_eq!(subtree_id(&odb, id, "dir").unwrap(), Some(sub));
        assert_eq!(subtree_id(&odb, id, "dir.md").unwrap(), None, "a file");
        assert_eq!(subtree_id(&odb, id, "missing/deeper").unwrap(), None);
        assert_eq!(blob_at(&odb, id, "dir/inner.md").unwrap(), Some(blob));
        assert_eq!(blob_at(&odb, id, "a.md").unwrap(), Some(blob));
        assert_eq!(blob_at(&odb, id, "dir").unwrap(), None, "a directory");
        assert_eq!(blob_at(&odb, id, "module").unwrap(), None, "a submodule");
        assert_eq!(blob_at(&odb, id, "missing/x.md").unwrap(), None);
    }

    /// Reports every file: what linking by `paths` asks.
    struct EveryFile;

    impl Filter for EveryFile {
        fn descend(&mut self, _: &str, _: Option<Oid>) -> Result<bool, HistoryError> {
            Ok(true)
        }
        fn every_file(&self) -> bool {
            true
        }
    }

    #[test]
    fn a_change_of_mode_or_submodule_is_a_change_of_file_only_for_every_file() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let blob = repo.blob(b"text\n").unwrap();
        let tree = |entries: &[(&str, Oid, i32)]| {
            let mut tb = repo.treebuilder(None).unwrap();
            for (name, id, mode) in entries {
                tb.insert(name, *id, *mode).unwrap();
            }
            tb.write().unwrap()
        };
        let module = |n: u8| Oid::from_bytes(&[n; 20]).unwrap();
        let old = tree(&[
            ("a.md", blob, 0o100644),
            ("run.sh", blob, 0o100644),
            ("same.md", blob, 0o100644),
            ("lib", module(1), 0o160000),
        ]);
        let new = tree(&[
            ("a.md", blob, 0o100755),
            ("run.sh", blob, 0o100755),
            ("same.md", blob, 0o100644),
            ("lib", module(2), 0o160000),
        ]);
        let odb = repo.odb().unwrap();
        let (old, new) = (
            RawTree::read(&odb, old).unwrap(),
            RawTree::read(&odb, new).unwrap(),
        );
        let paths = |filter: &mut dyn Filter| {
            let mut out = Vec::new();
            changed_files(&odb, filter, Some(&old), Some(&new), "", &mut out).unwrap();
            out.into_iter().map(|f| f.path).collect::<Vec<_>>()
        };
        assert_eq!(paths(&mut EveryFile), ["a.md", "lib", "run.sh"]);
        // Dating reads texts: a mode changes none, a submodule has none.
        assert!(paths(&mut Differing { old_only: false }).is_empty());
    }

    #[test]
    fn candidates_are_toml_and_markdown_of_any_case() {
        for yes in [
            "a.toml",
            "a.md",
            "A.MD",
            "b.Md",
            "x.markdown",
            "X.MARKDOWN",
            ".md",
        ] {
            assert!(is_candidate(yes.as_bytes()), "{yes}");
        }
        for no in ["a.TOML", "a.mdx", "a.txt", "md", "a.rs", "markdown", ""] {
            assert!(!is_candidate(no.as_bytes()), "{no}");
        }
    }

    #[test]
    fn a_malformed_tree_is_an_error_not_a_panic() {
        let id = Oid::from_bytes(&[7; 20]).unwrap();
        let cases: [&[u8]; 5] = [
            b"100644 name",                       // no NUL
            b"100644 name\0short",                // id cut short
            b"1006x4 name\0aaaaaaaaaaaaaaaaaaaa", // not octal
            b"100644",                            // no name
            b"\0",
        ];
        for data in cases {
            let mut entries = Entries {
                data,
                id_len: 20,
                tree: id,
            };
            let first = entries.next().expect("one item");
            assert!(first.is_err(), "{data:?}");
            assert!(entries.next().is_none(), "{data:?}");
        }
    }
}
