#![cfg_attr(
    not(any(feature = "with-git2", feature = "with-gix")),
    allow(unused, unreachable_code)
)]
//! stratlint-gitlibs-bench: compare libgit2 (git2) and gitoxide (gix) on one history walk.
//!
//! usage: stratlint-gitlibs-bench <git2|gix> <walk|trees|full> <repo> [--diff manual|builtin|builtin-pruned|changes]
//!
//! gix knobs (flag or env var):
//!   --obj-cache <bytes>   | GIXB_OBJ_CACHE    object cache (0 = off), default 0
//!   --pack-cache none|static|dyn:<bytes>|config | GIXB_PACK_CACHE   pack (delta) cache, default "config"
//!                          ("config" = whatever gix sets up: nothing without the max-performance feature)
//!   --open isolated|default | GIXB_OPEN        how to open the repo, default isolated
//!
//! Walk: all commits reachable from HEAD newest first by committer time; for each (parent, commit)
//! edge (root: empty tree) diff the root trees, descending only into SCOPE directories (every dir
//! that holds a .md/.toml file in HEAD's tree, plus ancestors); equal subtree ids are skipped
//! unread. Changed .md/.toml files are counted; in `full` mode both blob sides are read once
//! (cached by blob id) and summed.
//!
//! All checksums are order independent (wrapping sums), so BFS/DFS order does not matter.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

type Res<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;
type Id = [u8; 20];

fn id_of(b: &[u8]) -> Id {
    b.try_into().expect("sha1 id")
}

#[derive(Default, Debug)]
struct Stats {
    commits: u64,
    edges: u64,
    changed: u64,
    change_sum: u64,
    trees_read: u64,
    blobs_read: u64,
    blob_bytes: u64,
    content_sum: u64,
}

impl Stats {
    fn print(&self, label: &str) {
        println!(
            "{label}: commits={} edges={} changed_files={} change_sum={:016x} trees_read={} blobs_read={} blob_bytes={} content_sum={:016x}",
            self.commits,
            self.edges,
            self.changed,
            self.change_sum,
            self.trees_read,
            self.blobs_read,
            self.blob_bytes,
            self.content_sum
        );
    }
}

/// Mode `walk`: only the revwalk plus commit -> tree id lookups, no tree diff.
static WALK_ONLY: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
fn walk_only() -> bool {
    WALK_ONLY.load(std::sync::atomic::Ordering::Relaxed)
}

fn wanted(name: &[u8]) -> bool {
    name.ends_with(b".md") || name.ends_with(b".toml")
}

const FNV_OFF: u64 = 0xcbf29ce484222325;
fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

fn join(prefix: &[u8], name: &[u8]) -> Vec<u8> {
    let mut p = Vec::with_capacity(prefix.len() + 1 + name.len());
    if !prefix.is_empty() {
        p.extend_from_slice(prefix);
        p.push(b'/');
    }
    p.extend_from_slice(name);
    p
}

fn id_word(id: Option<&Id>) -> u64 {
    id.map_or(0, |id| u64::from_le_bytes(id[..8].try_into().unwrap()))
}

/// Cheap content hash the optimizer cannot drop (vectorizes well).
fn content_hash(d: &[u8]) -> u64 {
    let s: u64 = d.iter().map(|&b| b as u64).sum();
    s ^ ((d.len() as u64) << 40)
}

/// git tree order: byte-wise, a tree's name compares as if it ended with '/'.
fn name_order(a: &[u8], a_tree: bool, b: &[u8], b_tree: bool) -> Ordering {
    let common = a.len().min(b.len());
    a[..common].cmp(&b[..common]).then_with(|| {
        let a = a.get(common).copied().or(a_tree.then_some(b'/'));
        let b = b.get(common).copied().or(b_tree.then_some(b'/'));
        a.cmp(&b)
    })
}

/// Uniform view on a tree entry of either library.
trait Ent {
    fn name(&self) -> &[u8];
    fn is_tree(&self) -> bool;
    /// blob, executable blob or symlink (not a submodule commit)
    fn is_file(&self) -> bool;
    fn id(&self) -> Id;
}

/// A change of a wanted file, or a scoped directory pair to descend into.
struct Walker<'s> {
    scope: &'s HashSet<Vec<u8>>,
    /// (dir path, old tree, new tree) still to compare
    stack: Vec<(Vec<u8>, Option<Id>, Option<Id>)>,
    /// changed files of the current edge: (old blob, new blob)
    files: Vec<(Option<Id>, Option<Id>)>,
}

impl Walker<'_> {
    fn file(
        &mut self,
        st: &mut Stats,
        prefix: &[u8],
        name: &[u8],
        old: Option<Id>,
        new: Option<Id>,
    ) {
        if !wanted(name) {
            return;
        }
        st.changed += 1;
        let mut h = fnv(FNV_OFF, prefix);
        h = fnv(h, b"/");
        h = fnv(h, name);
        st.change_sum = st.change_sum.wrapping_add(
            h ^ id_word(old.as_ref()).rotate_left(1) ^ id_word(new.as_ref()).rotate_left(2),
        );
        self.files.push((old, new));
    }

    fn dir(&mut self, prefix: &[u8], name: &[u8], old: Option<Id>, new: Option<Id>) {
        let path = join(prefix, name);
        if self.scope.contains(&path) {
            self.stack.push((path, old, new));
        }
    }

    fn one_side<E: Ent>(&mut self, st: &mut Stats, prefix: &[u8], e: &E, old_side: bool) {
        let id = Some(e.id());
        let (o, n) = if old_side { (id, None) } else { (None, id) };
        if e.is_tree() {
            self.dir(prefix, e.name(), o, n);
        } else if e.is_file() {
            self.file(st, prefix, e.name(), o, n);
        }
    }

    /// Merge-join two sorted tree entry streams.
    fn merge<E: Ent>(
        &mut self,
        st: &mut Stats,
        prefix: &[u8],
        mut a: impl Iterator<Item = E>,
        mut b: impl Iterator<Item = E>,
    ) {
        let mut x = a.next();
        let mut y = b.next();
        loop {
            match (x.take(), y.take()) {
                (None, None) => break,
                (Some(l), None) => {
                    self.one_side(st, prefix, &l, true);
                    x = a.next();
                }
                (None, Some(r)) => {
                    self.one_side(st, prefix, &r, false);
                    y = b.next();
                }
                (Some(l), Some(r)) => {
                    match name_order(l.name(), l.is_tree(), r.name(), r.is_tree()) {
                        Ordering::Less => {
                            self.one_side(st, prefix, &l, true);
                            x = a.next();
                            y = Some(r);
                        }
                        Ordering::Greater => {
                            self.one_side(st, prefix, &r, false);
                            x = Some(l);
                            y = b.next();
                        }
                        Ordering::Equal => {
                            let (li, ri) = (l.id(), r.id());
                            if li != ri {
                                if l.is_tree() && r.is_tree() {
                                    self.dir(prefix, l.name(), Some(li), Some(ri));
                                } else if l.is_file() && r.is_file() {
                                    self.file(st, prefix, l.name(), Some(li), Some(ri));
                                } else {
                                    self.one_side(st, prefix, &l, true);
                                    self.one_side(st, prefix, &r, false);
                                }
                            }
                            x = a.next();
                            y = b.next();
                        }
                    }
                }
            }
        }
    }
}

/// Per blob content hash cache, shared by both libraries.
#[derive(Default)]
struct BlobCache(HashMap<Id, u64>);

impl BlobCache {
    fn account(
        &mut self,
        st: &mut Stats,
        files: &[(Option<Id>, Option<Id>)],
        mut read: impl FnMut(&Id, &mut Stats) -> Res<u64>,
    ) -> Res<()> {
        for (o, n) in files {
            let mut side = |id: &Option<Id>, st: &mut Stats| -> Res<u64> {
                let Some(id) = id else { return Ok(0) };
                if let Some(h) = self.0.get(id) {
                    return Ok(*h);
                }
                let h = read(id, st)?;
                st.blobs_read += 1;
                self.0.insert(*id, h);
                Ok(h)
            };
            let ho = side(o, st)?;
            let hn = side(n, st)?;
            st.content_sum = st
                .content_sum
                .wrapping_add(ho.wrapping_mul(3).wrapping_add(hn));
        }
        Ok(())
    }
}

/// SCOPE = dirs holding a .md/.toml file in HEAD's tree, plus ancestors (incl. "").
fn scope_from_files(files: impl IntoIterator<Item = Vec<u8>>) -> HashSet<Vec<u8>> {
    let mut scope = HashSet::new();
    for dir in files {
        let mut d = dir;
        loop {
            if !scope.insert(d.clone()) {
                break;
            }
            match d.iter().rposition(|&b| b == b'/') {
                Some(p) => d.truncate(p),
                None => {
                    if !d.is_empty() {
                        scope.insert(Vec::new());
                    }
                    break;
                }
            }
        }
    }
    scope
}

// ---------------------------------------------------------------- git2

#[cfg(feature = "with-git2")]
mod g2 {
    use super::*;
    use git2::{ObjectType, Oid, Repository, Sort, Tree, TreeEntry};

    impl Ent for TreeEntry<'_> {
        fn name(&self) -> &[u8] {
            self.name_bytes()
        }
        fn is_tree(&self) -> bool {
            self.kind() == Some(ObjectType::Tree)
        }
        fn is_file(&self) -> bool {
            self.kind() == Some(ObjectType::Blob)
        }
        fn id(&self) -> Id {
            id_of(TreeEntry::id(self).as_bytes())
        }
    }

    fn entries<'a>(t: &'a Option<Tree<'a>>) -> impl Iterator<Item = TreeEntry<'a>> + 'a {
        t.as_ref().into_iter().flat_map(|t| t.iter())
    }

    fn oid(id: &Id) -> Oid {
        Oid::from_bytes(id).unwrap()
    }

    fn scope(repo: &Repository, head_tree: Oid) -> Res<HashSet<Vec<u8>>> {
        let mut dirs = Vec::new();
        let mut stack = vec![(Vec::new(), head_tree)];
        while let Some((path, t)) = stack.pop() {
            let tree = repo.find_tree(t)?;
            for e in tree.iter() {
                if e.is_tree() {
                    stack.push((join(&path, e.name_bytes()), e.id()));
                } else if wanted(e.name_bytes()) {
                    dirs.push(path.clone());
                }
            }
        }
        Ok(scope_from_files(dirs))
    }

    pub fn run(path: &str, full: bool) -> Res<Stats> {
        git2::opts::strict_hash_verification(false);
        let repo = Repository::open(path)?;
        let head = repo.head()?.peel_to_commit()?;
        let scope = scope(&repo, head.tree_id())?;
        let mut st = Stats::default();
        let mut w = Walker {
            scope: &scope,
            stack: Vec::new(),
            files: Vec::new(),
        };
        let mut blobs = BlobCache::default();
        let mut tree_of: HashMap<Oid, Oid> = HashMap::new();

        let mut walk = repo.revwalk()?;
        walk.set_sorting(Sort::TIME)?;
        walk.push_head()?;
        for c in walk {
            let c = repo.find_commit(c?)?;
            st.commits += 1;
            let t = c.tree_id();
            let parents: Vec<Oid> = c.parent_ids().collect();
            let mut edge = |w: &mut Walker, st: &mut Stats, old: Option<Oid>| -> Res<()> {
                st.edges += 1;
                if walk_only() {
                    return Ok(());
                }
                w.files.clear();
                w.stack.push((
                    Vec::new(),
                    old.map(|o| id_of(o.as_bytes())),
                    Some(id_of(t.as_bytes())),
                ));
                while let Some((p, o, n)) = w.stack.pop() {
                    let ot = o.map(|o| repo.find_tree(oid(&o))).transpose()?;
                    let nt = n.map(|n| repo.find_tree(oid(&n))).transpose()?;
                    st.trees_read += o.is_some() as u64 + n.is_some() as u64;
                    w.merge(st, &p, entries(&ot), entries(&nt));
                }
                if full {
                    blobs.account(st, &w.files, |id, st| {
                        let b = repo.find_blob(oid(id))?;
                        let d = b.content();
                        st.blob_bytes += d.len() as u64;
                        Ok(content_hash(d))
                    })?;
                }
                Ok(())
            };
            if parents.is_empty() {
                edge(&mut w, &mut st, None)?;
            }
            for p in parents {
                let pt = match tree_of.get(&p) {
                    Some(t) => *t,
                    None => {
                        let t = repo.find_commit(p)?.tree_id();
                        tree_of.insert(p, t);
                        t
                    }
                };
                edge(&mut w, &mut st, Some(pt))?;
            }
            tree_of.remove(&c.id());
        }
        Ok(st)
    }
}

// ---------------------------------------------------------------- gix

#[cfg(feature = "with-gix")]
mod gx {
    use super::*;
    use gix::ObjectId;
    use gix::objs::tree::EntryRef;
    use gix::objs::{FindExt, TreeRefIter};
    use gix::prelude::Find;
    use std::cell::RefCell;
    use std::collections::VecDeque;

    impl Ent for EntryRef<'_> {
        fn name(&self) -> &[u8] {
            self.filename
        }
        fn is_tree(&self) -> bool {
            self.mode.is_tree()
        }
        fn is_file(&self) -> bool {
            self.mode.is_blob_or_symlink()
        }
        fn id(&self) -> Id {
            id_of(self.oid.as_bytes())
        }
    }

    fn oid(id: &Id) -> ObjectId {
        ObjectId::from_bytes_or_panic(id)
    }

    fn entries<'a>(it: TreeRefIter<'a>) -> impl Iterator<Item = EntryRef<'a>> + 'a {
        it.map(|e| e.expect("valid tree entry"))
    }

    fn opt(name: &str) -> Option<String> {
        let args: Vec<String> = std::env::args().collect();
        let flag = format!("--{}", name.to_lowercase().replace('_', "-"));
        args.iter()
            .position(|a| *a == flag)
            .map(|i| args[i + 1].clone())
            .or_else(|| std::env::var(format!("GIXB_{name}")).ok())
    }

    fn open(path: &str) -> Res<gix::Repository> {
        let mode = opt("OPEN").unwrap_or_else(|| "isolated".into());
        let mut repo = match mode.as_str() {
            "default" => gix::open(path)?,
            _ => gix::open_opts(path, gix::open::Options::isolated())?,
        };
        let obj: usize = opt("OBJ_CACHE")
            .map(|s| s.parse())
            .transpose()?
            .unwrap_or(0);
        if obj > 0 {
            repo.object_cache_size(obj);
        }
        let pack = opt("PACK_CACHE").unwrap_or_else(|| "config".into());
        match pack.as_str() {
            "config" => {}
            "none" => repo.objects.unset_pack_cache(),
            #[cfg(feature = "gix-lru-static")]
            "static" => repo.objects.set_pack_cache(|| {
                Box::<gix::odb::pack::cache::lru::StaticLinkedList<64>>::default()
            }),
            #[cfg(feature = "gix-lru-dyn")]
            s if s.starts_with("dyn:") => {
                let bytes: usize = s[4..].parse()?;
                repo.objects.set_pack_cache(move || {
                    Box::new(gix::odb::pack::cache::lru::MemoryCappedHashmap::new(bytes))
                });
            }
            other => {
                return Err(
                    format!("unsupported GIXB_PACK_CACHE={other} with these features").into(),
                );
            }
        }
        Ok(repo)
    }

    fn scope(repo: &gix::Repository, head_tree: ObjectId) -> Res<HashSet<Vec<u8>>> {
        let mut dirs = Vec::new();
        let mut stack = vec![(Vec::new(), head_tree)];
        let mut buf = Vec::new();
        while let Some((path, t)) = stack.pop() {
            for e in repo.objects.find_tree_iter(&t, &mut buf)? {
                let e = e?;
                if e.mode.is_tree() {
                    stack.push((join(&path, e.filename), e.oid.to_owned()));
                } else if wanted(e.filename) {
                    dirs.push(path.clone());
                }
            }
        }
        Ok(scope_from_files(dirs))
    }

    #[derive(Clone, Copy, PartialEq)]
    pub enum Diff {
        Manual,
        Builtin,
        BuiltinPruned,
        Changes,
    }

    /// Path-tracking delegate for `gix::diff::tree` (same bookkeeping as gix_diff's Recorder).
    struct Delegate<'w, 's> {
        w: &'w mut Walker<'s>,
        st: &'w mut Stats,
        path_deque: VecDeque<Vec<u8>>,
        path: Vec<u8>,
        /// out-of-scope tree ids that the pruning Find may answer with an empty tree
        prune: Option<&'w RefCell<(HashSet<ObjectId>, HashSet<ObjectId>)>>,
    }

    impl Delegate<'_, '_> {
        fn split(&self) -> (&[u8], &[u8]) {
            match self.path.iter().rposition(|&b| b == b'/') {
                Some(p) => (&self.path[..p], &self.path[p + 1..]),
                None => (&[][..], &self.path[..]),
            }
        }
    }

    impl gix::diff::tree::Visit for Delegate<'_, '_> {
        fn pop_front_tracked_path_and_set_current(&mut self) {
            self.path = self.path_deque.pop_front().expect("push before pop");
        }
        fn push_back_tracked_path_component(&mut self, component: &gix::bstr::BStr) {
            // like gix_diff's Recorder: the component stays on `path`; the diff loop pops it next round
            self.push_path_component(component);
            self.path_deque.push_back(self.path.clone());
        }
        fn push_path_component(&mut self, component: &gix::bstr::BStr) {
            if component.is_empty() {
                return;
            }
            if !self.path.is_empty() {
                self.path.push(b'/');
            }
            self.path.extend_from_slice(component);
        }
        fn pop_path_component(&mut self) {
            match self.path.iter().rposition(|&b| b == b'/') {
                Some(p) => self.path.truncate(p),
                None => self.path.clear(),
            }
        }
        fn visit(
            &mut self,
            change: gix::diff::tree::visit::Change,
        ) -> gix::diff::tree::visit::Action {
            use gix::diff::tree::visit::Change::*;
            let (mode, o, n) = match change {
                Addition {
                    entry_mode, oid, ..
                } => (entry_mode, None, Some(oid)),
                Deletion {
                    entry_mode, oid, ..
                } => (entry_mode, Some(oid), None),
                // same-name entries always have the same tree-ness (name order differs otherwise)
                Modification {
                    previous_oid,
                    entry_mode,
                    oid,
                    ..
                } => (entry_mode, Some(previous_oid), Some(oid)),
            };
            let (dir, name) = self.split();
            if mode.is_tree() {
                if let Some(prune) = self.prune {
                    let mut p = prune.borrow_mut();
                    let in_scope = self.w.scope.contains(&self.path);
                    for id in [o, n].into_iter().flatten() {
                        if in_scope {
                            p.1.insert(id);
                        } else {
                            p.0.insert(id);
                        }
                    }
                }
            } else if mode.is_blob_or_symlink() && self.w.scope.contains(dir) {
                let (dir, name) = (dir.to_vec(), name.to_vec());
                self.w.file(
                    self.st,
                    &dir,
                    &name,
                    o.map(|o| id_of(o.as_bytes())),
                    n.map(|n| id_of(n.as_bytes())),
                );
            }
            std::ops::ControlFlow::Continue(())
        }
    }

    /// Find wrapper answering out-of-scope tree ids with an empty tree so the built-in diff doesn't descend.
    struct PruningFind<'a> {
        inner: &'a gix::OdbHandle,
        prune: &'a RefCell<(HashSet<ObjectId>, HashSet<ObjectId>)>,
    }

    impl Find for PruningFind<'_> {
        fn try_find<'a>(
            &self,
            id: &gix::oid,
            buffer: &'a mut Vec<u8>,
        ) -> Result<Option<gix::objs::Data<'a>>, gix::error::Error> {
            {
                let p = self.prune.borrow();
                if p.0.contains(id) && !p.1.contains(id) {
                    buffer.clear();
                    return Ok(Some(gix::objs::Data {
                        kind: gix::objs::Kind::Tree,
                        object_hash: id.kind(),
                        data: &buffer[..],
                    }));
                }
            }
            self.inner.try_find(id, buffer)
        }
    }

    pub fn run(path: &str, full: bool, diff: Diff) -> Res<Stats> {
        let repo = open(path)?;
        let head = repo.head_id()?.detach();
        let mut cbuf = Vec::new();
        let head_tree = repo.objects.find_commit_iter(&head, &mut cbuf)?.tree_id()?;
        let scope = scope(&repo, head_tree)?;
        let mut st = Stats::default();
        let mut w = Walker {
            scope: &scope,
            stack: Vec::new(),
            files: Vec::new(),
        };
        let mut blobs = BlobCache::default();
        let mut tree_of: HashMap<ObjectId, ObjectId> = HashMap::new();
        let (mut buf_a, mut buf_b, mut bbuf) = (Vec::new(), Vec::new(), Vec::new());
        let mut diff_state = gix::diff::tree::State::default();
        let prune = RefCell::new((HashSet::new(), HashSet::new()));
        #[cfg(feature = "gix-builtin-diff")]
        let mut resource_cache = if diff == Diff::Changes {
            Some(repo.diff_resource_cache_for_tree_diff()?)
        } else {
            None
        };
        let empty = repo.empty_tree();
        let hk = repo.object_hash();

        let walk = repo
            .rev_walk([head])
            .sorting(gix::revision::walk::Sorting::ByCommitTime(
                gix::traverse::commit::simple::CommitTimeOrder::NewestFirst,
            ))
            .all()?;
        for info in walk {
            let info = info?;
            st.commits += 1;
            let t = match tree_of.get(&info.id) {
                Some(t) => *t,
                None => repo
                    .objects
                    .find_commit_iter(&info.id, &mut cbuf)?
                    .tree_id()?,
            };
            let mut parents: Vec<Option<ObjectId>> = Vec::with_capacity(2);
            for p in info.parent_ids.iter() {
                let pt = match tree_of.get(p) {
                    Some(t) => *t,
                    None => {
                        let pt = repo.objects.find_commit_iter(p, &mut cbuf)?.tree_id()?;
                        tree_of.insert(*p, pt);
                        pt
                    }
                };
                parents.push(Some(pt));
            }
            if parents.is_empty() {
                parents.push(None);
            }
            for pt in parents {
                st.edges += 1;
                if walk_only() {
                    continue;
                }
                w.files.clear();
                match diff {
                    Diff::Manual => {
                        w.stack.push((
                            Vec::new(),
                            pt.map(|o| id_of(o.as_bytes())),
                            Some(id_of(t.as_bytes())),
                        ));
                        while let Some((p, o, n)) = w.stack.pop() {
                            let a = match o {
                                Some(o) => repo.objects.find_tree_iter(&oid(&o), &mut buf_a)?,
                                None => TreeRefIter::from_bytes(&[], hk),
                            };
                            let b = match n {
                                Some(n) => repo.objects.find_tree_iter(&oid(&n), &mut buf_b)?,
                                None => TreeRefIter::from_bytes(&[], hk),
                            };
                            st.trees_read += o.is_some() as u64 + n.is_some() as u64;
                            w.merge(&mut st, &p, entries(a), entries(b));
                        }
                    }
                    Diff::Builtin | Diff::BuiltinPruned => {
                        let a = match pt {
                            Some(o) => repo.objects.find_tree_iter(&o, &mut buf_a)?,
                            None => TreeRefIter::from_bytes(&[], hk),
                        };
                        let b = repo.objects.find_tree_iter(&t, &mut buf_b)?;
                        let pruned = diff == Diff::BuiltinPruned;
                        {
                            let mut p = prune.borrow_mut();
                            p.0.clear();
                            p.1.clear();
                        }
                        let mut d = Delegate {
                            w: &mut w,
                            st: &mut st,
                            path_deque: VecDeque::new(),
                            path: Vec::new(),
                            prune: pruned.then_some(&prune),
                        };
                        if pruned {
                            let f = PruningFind {
                                inner: &repo.objects,
                                prune: &prune,
                            };
                            gix::diff::tree(a, b, &mut diff_state, &f, &mut d)?;
                        } else {
                            gix::diff::tree(a, b, &mut diff_state, &repo.objects, &mut d)?;
                        }
                    }
                    Diff::Changes => {
                        #[cfg(feature = "gix-builtin-diff")]
                        {
                            let old = match pt {
                                Some(o) => repo.find_tree(o)?,
                                None => empty.clone(),
                            };
                            let new = repo.find_tree(t)?;
                            let mut platform = old.changes()?;
                            platform.options(|o| {
                                o.track_path().track_rewrites(None);
                            });
                            let rc = resource_cache.as_mut().unwrap();
                            platform.for_each_to_obtain_tree_with_cache(&new, rc, |change| {
                                use gix::object::tree::diff::Change::*;
                                let (loc, mode, o, n) = match change {
                                    Addition {
                                        location,
                                        entry_mode,
                                        id,
                                        ..
                                    } => (location, entry_mode, None, Some(id.detach())),
                                    Deletion {
                                        location,
                                        entry_mode,
                                        id,
                                        ..
                                    } => (location, entry_mode, Some(id.detach()), None),
                                    Modification {
                                        location,
                                        entry_mode,
                                        previous_id,
                                        id,
                                        ..
                                    } => (
                                        location,
                                        entry_mode,
                                        Some(previous_id.detach()),
                                        Some(id.detach()),
                                    ),
                                    Rewrite { .. } => unreachable!("rewrites disabled"),
                                };
                                if mode.is_blob_or_symlink() {
                                    let loc: &[u8] = loc;
                                    let (dir, name) = match loc.iter().rposition(|&b| b == b'/') {
                                        Some(p) => (&loc[..p], &loc[p + 1..]),
                                        None => (&[][..], loc),
                                    };
                                    if w.scope.contains(dir) {
                                        w.file(
                                            &mut st,
                                            dir,
                                            name,
                                            o.map(|o| id_of(o.as_bytes())),
                                            n.map(|n| id_of(n.as_bytes())),
                                        );
                                    }
                                }
                                Ok(std::ops::ControlFlow::Continue(()))
                            })?;
                            rc.clear_resource_cache_keep_allocation();
                        }
                        #[cfg(not(feature = "gix-builtin-diff"))]
                        {
                            let _ = &empty;
                            return Err("build with feature gix-builtin-diff".into());
                        }
                    }
                }
                if full {
                    blobs.account(&mut st, &w.files, |id, st| {
                        let b = repo.objects.find_blob(&oid(id), &mut bbuf)?;
                        st.blob_bytes += b.data.len() as u64;
                        Ok(content_hash(b.data))
                    })?;
                }
            }
            tree_of.remove(&info.id);
        }
        Ok(st)
    }
}

fn main() -> Res<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!(
            "usage: stratlint-gitlibs-bench <git2|gix> <trees|full> <repo> [--diff manual|builtin|builtin-pruned|changes] [--obj-cache N] [--pack-cache X] [--open isolated|default]"
        );
        std::process::exit(2);
    }
    let full = match args[2].as_str() {
        "trees" => false,
        "walk" => {
            WALK_ONLY.store(true, std::sync::atomic::Ordering::Relaxed);
            false
        }
        "full" => true,
        m => return Err(format!("bad mode {m}").into()),
    };
    let diff = args
        .iter()
        .position(|a| a == "--diff")
        .map(|i| args[i + 1].as_str())
        .unwrap_or("manual");
    let st: Stats = match args[1].as_str() {
        #[cfg(feature = "with-git2")]
        "git2" => {
            if diff != "manual" {
                return Err("git2 only has the manual diff".into());
            }
            g2::run(&args[3], full)?
        }
        #[cfg(feature = "with-gix")]
        "gix" => {
            let d = match diff {
                "manual" => gx::Diff::Manual,
                "builtin" => gx::Diff::Builtin,
                "builtin-pruned" => gx::Diff::BuiltinPruned,
                "changes" => gx::Diff::Changes,
                d => return Err(format!("bad diff {d}").into()),
            };
            gx::run(&args[3], full, d)?
        }
        #[allow(unreachable_patterns)]
        l => return Err(format!("library {l} not built in").into()),
    };
    st.print(&format!("{} {} {}", args[1], args[2], diff));
    Ok(())
}
