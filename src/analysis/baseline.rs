//! `--changed-since REV`: the same check run on `git merge-base REV HEAD`,
//! read straight from the git object database (no checkout, nothing
//! written), so a pull request is held responsible only for what it adds.

use std::collections::HashMap;

use git2::{Oid, Repository};

use crate::Fatal;
use crate::analysis::dating::History;
use crate::history::Prefetch;
use crate::project::Project;

use super::Run;
use super::pipeline::{self, Dating};
use super::source::{self, CommitRole, Source};

fn usage(message: String) -> Fatal {
    Fatal::Usage(message)
}

/// The merge base of `rev` and HEAD.
fn merge_base(git: &Repository, rev: &str) -> Result<Oid, Fatal> {
    let target = git
        .revparse_single(rev)
        .and_then(|o| o.peel_to_commit())
        .map_err(|_| {
            let hint = if git.is_shallow() {
                " (this is a shallow clone: fetch it, e.g. `git fetch origin main`, or check out with `fetch-depth: 0`)"
            } else {
                ""
            };
            usage(format!("--changed-since: `{rev}` does not name a commit{hint}"))
        })?;
    let head = git.head().and_then(|h| h.peel_to_commit()).map_err(|e| {
        usage(format!(
            "--changed-since: cannot read HEAD: {}",
            e.message()
        ))
    })?;
    git.merge_base(target.id(), head.id()).map_err(|_| {
        if git.is_shallow() {
            usage(format!(
                "--changed-since: `{rev}` and HEAD have no common ancestor in this shallow clone; \
                 fetch full history (`git fetch --unshallow`, or `fetch-depth: 0` with actions/checkout)"
            ))
        } else {
            usage(format!("--changed-since: `{rev}` and HEAD have no common ancestor"))
        }
    })
}

/// The merge base of `rev` and HEAD in the repository holding the project;
/// `None` in a repository with no commit yet, where everything is new (as
/// the pre-commit hook's first commit needs).
pub fn merge_base_of(project: &Project, rev: &str) -> Result<Option<Oid>, Fatal> {
    let git = open(project)?;
    if let Err(e) = git.head() {
        if matches!(
            e.code(),
            git2::ErrorCode::UnbornBranch | git2::ErrorCode::NotFound
        ) {
            return Ok(None);
        }
    }
    merge_base(&git, rev).map(Some)
}

fn open(project: &Project) -> Result<Repository, Fatal> {
    crate::history::open(&project.root)
        .ok_or_else(|| usage("--changed-since needs a git repository".to_owned()))
}

/// Fingerprints (with their counts) of what the check reports at the merge
/// base `base` (see [`merge_base_of`]), its history read from `below`, the
/// share of the working tree's walk that serves it (none with
/// `--no-history`), and the notes opening it gave (a config that did not
/// parse there). The merge base is a [`Source::Commit`] through the same
/// pipeline as the working tree, with every file wanted.
pub fn fingerprints(
    project: &Project,
    base: Oid,
    below: Option<Prefetch>,
    run: &Run<'_>,
) -> Result<(HashMap<String, usize>, Vec<String>), Fatal> {
    let mut opened = source::open(project, Source::Commit(base, CommitRole::MergeBase), None)?;
    let dating = match below {
        Some(below) => Dating::Walk(Some(Box::new(History::below(open(project)?, below)))),
        None => Dating::Off,
    };
    // Everything: the working tree's diagnostics are matched against these.
    let run = Run { only: &[], ..*run };
    // The merge base's notes about its files and history (a shallow
    // boundary) would repeat the working tree's.
    let judged = pipeline::judge(&mut opened, dating, &run)?;
    let mut counts = HashMap::new();
    for d in &judged.diagnostics {
        *counts
            .entry(d.fingerprint(&judged.repo.files[d.file].rel))
            .or_insert(0) += 1;
    }
    Ok((counts, opened.notes))
}
