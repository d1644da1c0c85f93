//! `--staged`: what a commit would hold. The index's version of every
//! tracked strategy candidate stands in for the file on disk (as an
//! overlay), and files git does not track are left out, so the pre-commit
//! hook judges the staged tree, not unstaged or untracked work.
//!
//! The index is the one git names in `GIT_INDEX_FILE` when it is set (the
//! caller passes it as [`super::Options::index_file`]): `git commit -a`,
//! `git commit <paths>` and `git commit --interactive` build the commit in
//! a temporary index and hand it to the hooks that way. Otherwise it is the
//! repository's own index.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::Fatal;
use crate::project::Project;
use crate::snapshot::Overlays;

/// The index's `.md`, `.markdown` and `.toml` files (any case) below the
/// project root, as overlays (absolute path → staged text), and every path
/// git tracks there. `index_file` is `GIT_INDEX_FILE` as git set it: an
/// absolute path, or one relative to the work tree's top level (where git
/// runs hooks, and against which git itself resolves it).
pub fn view(
    project: &Project,
    index_file: Option<&Path>,
) -> Result<(Overlays, BTreeSet<PathBuf>), Fatal> {
    let usage = |m: String| Fatal::Usage(m);
    let git = crate::history::open(&project.root)
        .ok_or_else(|| usage("--staged needs a git repository".to_owned()))?;
    let workdir = git
        .workdir()
        .and_then(|w| std::fs::canonicalize(w).ok())
        .ok_or_else(|| usage("--staged needs a work tree".to_owned()))?;
    let index = match index_file {
        Some(file) => {
            let path = workdir.join(file);
            if !path.is_file() {
                return Err(usage(format!(
                    "--staged: GIT_INDEX_FILE names `{}`, which is not a file",
                    path.display()
                )));
            }
            git2::Index::open(&path).map_err(|e| {
                usage(format!(
                    "--staged: cannot read the index `{}` (GIT_INDEX_FILE): {}",
                    path.display(),
                    e.message()
                ))
            })?
        }
        None => git
            .index()
            .map_err(|e| usage(format!("--staged: cannot read the index: {}", e.message())))?,
    };
    let mut overlays = Overlays::new();
    let mut tracked = BTreeSet::new();
    for entry in index.iter() {
        // Stage 0 only: a conflicted path has no one staged version.
        if (entry.flags >> 12) & 3 != 0 {
            continue;
        }
        let rel = String::from_utf8_lossy(&entry.path).into_owned();
        let path = workdir.join(&rel);
        if !path.starts_with(&project.root) {
            continue;
        }
        if crate::project::discover::may_hold_strategy(&rel) {
            let blob = git.find_blob(entry.id).map_err(|e| {
                usage(format!(
                    "--staged: cannot read `{rel}` from the index: {}",
                    e.message()
                ))
            })?;
            let text = String::from_utf8_lossy(blob.content()).into_owned();
            overlays.insert(path.clone(), text);
        }
        tracked.insert(path);
    }
    Ok((overlays, tracked))
}
