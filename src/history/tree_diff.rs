//! Comparing two trees by object id, descending only into subtrees whose
//! ids differ, and keeping only `.md` and `.toml` blobs.

use git2::{ObjectType, Oid, Repository, Tree};

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

fn is_candidate(name: &str) -> bool {
    name.ends_with(".md") || name.ends_with(".toml")
}

#[derive(Clone, Copy)]
struct Side {
    id: Oid,
    kind: Option<ObjectType>,
}

fn entries(tree: Option<&Tree<'_>>) -> Vec<(String, Side)> {
    tree.map(|t| {
        t.iter()
            .map(|e| {
                (
                    String::from_utf8_lossy(e.name_bytes()).into_owned(),
                    Side {
                        id: e.id(),
                        kind: e.kind(),
                    },
                )
            })
            .collect()
    })
    .unwrap_or_default()
}

/// Appends to `out` every candidate file that differs between `old` and `new`.
pub fn changed_files(
    repo: &Repository,
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
    let mut pairs: std::collections::BTreeMap<String, (Option<Side>, Option<Side>)> =
        std::collections::BTreeMap::new();
    for (name, side) in entries(old) {
        pairs.entry(name).or_default().0 = Some(side);
    }
    for (name, side) in entries(new) {
        pairs.entry(name).or_default().1 = Some(side);
    }
    for (name, (a, b)) in pairs {
        if let (Some(a), Some(b)) = (a, b) {
            if a.id == b.id {
                continue;
            }
        }
        let path = if base.is_empty() {
            name.clone()
        } else {
            format!("{base}/{name}")
        };
        let tree_of = |s: Option<Side>| -> Result<Option<Tree<'_>>, HistoryError> {
            match s {
                Some(s) if s.kind == Some(ObjectType::Tree) => Ok(Some(repo.find_tree(s.id)?)),
                _ => Ok(None),
            }
        };
        let (ta, tb) = (tree_of(a)?, tree_of(b)?);
        if ta.is_some() || tb.is_some() {
            changed_files(repo, ta.as_ref(), tb.as_ref(), &path, out)?;
        }
        if is_candidate(&name) {
            let blob =
                |s: Option<Side>| s.filter(|s| s.kind == Some(ObjectType::Blob)).map(|s| s.id);
            let (oa, ob) = (blob(a), blob(b));
            if (oa.is_some() || ob.is_some()) && oa != ob {
                out.push(ChangedFile {
                    path,
                    old: oa,
                    new: ob,
                });
            }
        }
    }
    Ok(())
}
