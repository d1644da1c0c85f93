//! The working tree against HEAD: uncommitted and untracked changes to an
//! object's text count as a revalidation now (SPEC §5).

use std::collections::BTreeSet;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::Path;

use git2::{Oid, Repository, Status, StatusOptions};

use super::ahead;
use super::judge::{Changed, Judge, Sides};
use super::tree_diff::{EntryKind, RawTree, blob_at, is_candidate, join, subtree_id};
use super::{HistoryError, LoadedFile, Prepared, blob_id, dir_of};

/// The fast way to find uncommitted changes: compare each loaded strategy
/// file with its blob in HEAD by object id (and HEAD's candidate files in
/// the same directories that are gone), without scanning the whole work
/// tree. `None` when a needed object seems to appear from nowhere (it may
/// have been moved from elsewhere): then [`uncommitted`] decides.
pub(super) fn uncommitted_fast(
    judge: &mut Judge<'_>,
    head: Option<Oid>,
    files: &[LoadedFile<'_>],
    pending: &HashSet<String>,
) -> Result<Option<Changed>, HistoryError> {
    // HEAD's candidate blobs in the loaded files' directories, each
    // directory's tree read once (not once per file).
    let mut in_head: HashMap<String, Oid> = HashMap::default();
    if let Some(head) = head {
        let dirs: BTreeSet<&str> = files.iter().map(|f| dir_of(f.rel)).collect();
        for dir in dirs {
            let Some(tree) = subtree_id(&judge.odb, head, dir)? else {
                continue;
            };
            for e in RawTree::read(&judge.odb, tree)?.entries() {
                let e = e?;
                if is_candidate(e.name) && e.kind == EntryKind::Blob {
                    in_head.insert(join(dir, e.name), e.oid());
                }
            }
        }
    }
    let mut sides = Sides::default();
    for f in files {
        let computed;
        let file = match f.prepared {
            Some(file) => file,
            None => {
                computed = Prepared::new(blob_id(f.text.as_bytes()), f.rel, f.text);
                &computed
            }
        };
        let record = judge.records.key(f.rel).map(str::to_owned);
        if let Some(oid) = in_head.remove(f.rel) {
            if file.blob == oid {
                judge.remember(oid, file.texts.clone());
                continue;
            }
            sides.before.add(judge.texts(f.rel, oid)?);
            sides.before.add_record(record.as_deref());
        }
        sides.after.add(file.texts.clone());
        sides.after.add_record(record.as_deref());
    }
    // What is left was in HEAD and is gone from the working tree.
    let mut gone: Vec<(String, Oid)> = in_head.into_iter().collect();
    gone.sort_unstable();
    for (rel, oid) in gone {
        sides.before.add(judge.texts(&rel, oid)?);
        let record = judge.records.key(&rel).map(str::to_owned);
        sides.before.add_record(record.as_deref());
    }
    let comparison = sides.compare();
    Ok((!comparison.appeared(pending)).then(|| comparison.changed(pending)))
}

/// Pending ids whose text differs between HEAD and the working tree
/// (uncommitted and untracked changes), judged like any commit.
pub(super) fn uncommitted(
    repo: &Repository,
    judge: &mut Judge<'_>,
    prefix: &str,
    head: Option<Oid>,
    pending: &HashSet<String>,
) -> Result<Changed, HistoryError> {
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
        if !is_candidate(path.as_bytes()) || entry.status().contains(Status::IGNORED) {
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
        let record = judge.records.key(in_root).map(str::to_owned);
        if let Some(tree) = head {
            if let Some(blob) = blob_at(&judge.odb, tree, in_root)? {
                sides.before.add(judge.texts(path, blob)?);
                sides.before.add_record(record.as_deref());
            }
        }
        if let Ok(bytes) = std::fs::read(workdir.join(path)) {
            sides.after.add(ahead::hashed(path, &bytes));
            sides.after.add_record(record.as_deref());
        }
    }
    Ok(sides.compare().changed(pending))
}
