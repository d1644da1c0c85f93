//! When files were added: the newest commit reachable from HEAD in which
//! each path exists while no parent has it. Adopted decision records that
//! state no date are dated by it (SPEC §11).

use std::collections::HashMap;
use std::path::Path;

use git2::{Repository, Sort};

use super::{CommitInfo, HistoryError, info, prefix_of};

/// For each of `paths` (below `root`, `/` separators), the commit that
/// added it, newest first; a path no commit has (untracked) is absent.
pub fn added(
    repo: &Repository,
    root: &Path,
    paths: &[String],
) -> Result<HashMap<String, CommitInfo>, HistoryError> {
    let mut found = HashMap::new();
    let Some(prefix) = prefix_of(repo, root) else {
        return Ok(found);
    };
    let full = |rel: &str| {
        if prefix.is_empty() {
            rel.to_owned()
        } else {
            format!("{prefix}/{rel}")
        }
    };
    let mut pending: Vec<(String, String)> = paths.iter().map(|p| (p.clone(), full(p))).collect();
    if pending.is_empty() || repo.head().is_err() {
        return Ok(found);
    }
    let mut walk = repo.revwalk()?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)?;
    walk.push_head()?;
    for oid in walk {
        let commit = repo.find_commit(oid?)?;
        let tree = commit.tree()?;
        let parents: Vec<git2::Tree<'_>> = commit
            .parents()
            .map(|p| p.tree())
            .collect::<Result<_, _>>()?;
        pending.retain(|(rel, path)| {
            let here = tree.get_path(Path::new(path)).is_ok();
            let before = parents.iter().any(|t| t.get_path(Path::new(path)).is_ok());
            if here && !before {
                found.insert(rel.clone(), info(&commit));
                false
            } else {
                true
            }
        });
        if pending.is_empty() {
            break;
        }
    }
    Ok(found)
}
