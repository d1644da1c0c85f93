//! What an analysis judged (SPEC §12, the report's item 0): the commit
//! HEAD names, and whether the project's files in the working tree differ
//! from it; with `--as-of`, the commit it names. A fact about the state,
//! read once by the analysis so that the views only show it.

use std::path::Path;

use git2::{Status, StatusOptions};

/// The commit the analysis stands on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadCommit {
    /// The full commit id.
    pub id: String,
    /// Its committer time, as Unix seconds.
    pub time: i64,
}

/// The state the analysis judged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Head {
    /// HEAD's commit; `None` outside git and before the first commit.
    pub commit: Option<HeadCommit>,
    /// Whether a file below the project root differs from HEAD's: modified,
    /// staged, deleted, or new and not ignored (every file before the first
    /// commit). Always false outside git.
    pub uncommitted: bool,
}

impl Head {
    /// The state `--as-of` judges (SPEC §16): the commit `id` (committed at
    /// `time`, Unix seconds), and nothing uncommitted.
    pub fn at(id: git2::Oid, time: i64) -> Head {
        Head {
            commit: Some(HeadCommit {
                id: id.to_string(),
                time,
            }),
            uncommitted: false,
        }
    }
}

/// Reads HEAD's commit and whether the working tree below `root` differs
/// from it. Outside git (or when git cannot tell), no commit and nothing
/// uncommitted. With `--as-of`, the state judged is [`Head::at`] that
/// commit instead.
pub fn read(root: &Path) -> Head {
    let Some(repo) = crate::history::open(root) else {
        return Head::default();
    };
    let commit = repo
        .head()
        .ok()
        .and_then(|h| h.peel_to_commit().ok())
        .map(|c| HeadCommit {
            id: c.id().to_string(),
            time: c.committer().when().seconds(),
        });
    Head {
        commit,
        uncommitted: differs(&repo, root),
    }
}

/// Whether any file below `root` differs from HEAD (index or working
/// tree), untracked files not ignored included.
fn differs(repo: &git2::Repository, root: &Path) -> bool {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let Some(prefix) = crate::history::prefix_of(repo, &root) else {
        return false;
    };
    let mut opts = StatusOptions::new();
    opts.include_untracked(true)
        .recurse_untracked_dirs(false)
        .include_ignored(false)
        .exclude_submodules(true);
    if !prefix.is_empty() {
        opts.pathspec(prefix);
    }
    let Ok(statuses) = repo.statuses(Some(&mut opts)) else {
        return false;
    };
    statuses
        .iter()
        .any(|e| !e.status().is_empty() && !e.status().contains(Status::IGNORED))
}
