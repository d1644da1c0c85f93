//! A commit's tree as a [`Source`](super::source::Source): its strategy
//! files and the config it held, read straight from the git object
//! database (no checkout, nothing written). The merge base of
//! `--changed-since` and the commit `--as-of` names are read alike; they
//! differ in how messages name them and in what a config that does not
//! parse there does ([`CommitRole`]).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use git2::{ObjectType, Oid, Repository, TreeWalkMode, TreeWalkResult};

use crate::Fatal;
use crate::project::config::{self, CONFIG_NAMES, Config};
use crate::project::discover::{self, Project};
use crate::snapshot::{MAX_ANCHOR_SOURCE, TreeSnapshot};
use crate::source::SourceFile;

use super::source::{Files, Opened};

/// What a commit's tree is to the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommitRole {
    /// The merge base of `--changed-since`: what it already had is left
    /// out. A config that does not parse there is replaced by today's, with
    /// a note: the change is still judged.
    MergeBase,
    /// The commit `--as-of` judges: its config is the one the run judges
    /// by, and one that does not parse is a config error (as `check` in a
    /// checkout of it would say).
    AsOf,
}

impl CommitRole {
    /// The failure to read `commit`'s tree, for the message of a usage error.
    fn cannot_read(self, commit: Oid, why: &str) -> Fatal {
        Fatal::Usage(match self {
            CommitRole::MergeBase => format!("--changed-since: cannot read the merge base: {why}"),
            CommitRole::AsOf => format!("--as-of: cannot read commit {commit}: {why}"),
        })
    }
}

/// Every blob of a commit's tree (paths relative to the work tree's top), and its directories.
fn read_tree(
    git: &Repository,
    commit: Oid,
    role: CommitRole,
) -> Result<(BTreeMap<String, Oid>, Vec<String>), Fatal> {
    let tree = git
        .find_commit(commit)
        .and_then(|c| c.tree())
        .map_err(|e| role.cannot_read(commit, e.message()))?;
    let mut blobs = BTreeMap::new();
    let mut dirs = Vec::new();
    tree.walk(TreeWalkMode::PreOrder, |dir, entry| {
        let name = String::from_utf8_lossy(entry.name_bytes());
        let path = format!("{dir}{name}");
        match entry.kind() {
            Some(ObjectType::Blob) => {
                blobs.insert(path, entry.id());
            }
            Some(ObjectType::Tree) => dirs.push(path),
            _ => {}
        }
        TreeWalkResult::Ok
    })
    .map_err(|e| role.cannot_read(commit, e.message()))?;
    Ok((blobs, dirs))
}

/// The config as of the commit: the same file's version there, or
/// `stratlint.toml` at the root; defaults when there was none. A config
/// that did not parse then is, at the merge base, replaced by today's,
/// with a note, and for `--as-of` a config error located at
/// `SHORT:PATH` (git's way of naming a file at a commit).
fn commit_config(
    project: &Project,
    prefix: &str,
    read: &dyn Fn(&str) -> Option<Vec<u8>>,
    (commit, role): (Oid, CommitRole),
    notes: &mut Vec<String>,
) -> Result<Config, Fatal> {
    let top_rel = |name: &str| {
        if prefix.is_empty() {
            name.to_owned()
        } else {
            format!("{prefix}/{name}")
        }
    };
    let path = match &project.config.file {
        Some(f) if f.starts_with(&project.root) => {
            Some(top_rel(&discover::relative(f, &project.root)))
        }
        Some(_) => return Ok(project.config.clone()),
        None => None,
    };
    let candidates: Vec<String> = match path {
        Some(p) => vec![p],
        None => CONFIG_NAMES.iter().map(|n| top_rel(n)).collect(),
    };
    for rel in candidates {
        let Some(bytes) = read(&rel) else { continue };
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let src = SourceFile::new(project.root.join(&rel), rel.clone(), text);
        match config::parse(&src, &rel) {
            Ok(mut c) => {
                // The command line's --select/--ignore judge both sides alike.
                c.override_lint(&project.config.overrides);
                c.file = Some(
                    project
                        .root
                        .join(rel.strip_prefix(&format!("{prefix}/")).unwrap_or(&rel)),
                );
                return Ok(c);
            }
            Err(mut e) if role == CommitRole::AsOf => {
                let id = commit.to_string();
                e.file = format!("{}:{rel}", &id[..7.min(id.len())]);
                return Err(Fatal::Config(e));
            }
            Err(e) => {
                notes.push(format!(
                    "the merge base's config does not parse ({e}); using today's"
                ));
                return Ok(project.config.clone());
            }
        }
    }
    let mut c = Config::default();
    c.override_lint(&project.config.overrides);
    Ok(c)
}

/// Opens the commit `oid` of the repository holding `project`: every
/// strategy candidate below the root, the tree for link lookups, and the
/// config as of that commit.
pub fn open(project: &Project, oid: Oid, role: CommitRole) -> Result<Opened<'static>, Fatal> {
    let git = crate::history::open(&project.root)
        .ok_or_else(|| role.cannot_read(oid, "not in a git repository"))?;
    let workdir = git.workdir().map(Path::to_path_buf).unwrap_or_default();
    let top = std::fs::canonicalize(&workdir).unwrap_or(workdir);
    let prefix = discover::relative(&project.root, &top);
    let prefix = if prefix == "." { String::new() } else { prefix };
    let (tree_blobs, dirs) = read_tree(&git, oid, role)?;
    let read = |rel: &str| {
        tree_blobs
            .get(rel)
            .and_then(|oid| git.find_blob(*oid).ok())
            .map(|b| b.content().to_vec())
    };

    let mut notes = Vec::new();
    let config = commit_config(project, &prefix, &read, (oid, role), &mut notes)?;
    let project = Project {
        root: project.root.clone(),
        config,
        git_top: project.git_top.clone(),
        cwd: project.cwd.clone(),
    };

    // Strategy candidates below the root, and what LNK001 may look up.
    let under_root = |path: &str| -> Option<String> {
        if prefix.is_empty() {
            Some(path.to_owned())
        } else {
            path.strip_prefix(&prefix)
                .and_then(|r| r.strip_prefix('/'))
                .map(str::to_owned)
        }
    };
    let mut blobs = BTreeMap::new();
    let mut snapshot = TreeSnapshot {
        top: top.clone(),
        ..Default::default()
    };
    for (path, oid) in &tree_blobs {
        let is_md = !path.ends_with(".toml");
        let in_root = under_root(path);
        let wanted = in_root.is_some() && discover::may_hold_strategy(path);
        let content = if wanted {
            git.find_blob(*oid).ok().map(|b| b.content().to_vec())
        } else {
            None
        };
        let text = match (&content, is_md) {
            (Some(c), true) if c.len() as u64 <= MAX_ANCHOR_SOURCE => {
                String::from_utf8(c.clone()).ok()
            }
            _ => None,
        };
        snapshot.files.insert(path.clone(), text);
        if let (Some(rel), Some(c)) = (in_root, content) {
            blobs.insert(rel, c);
        }
    }
    snapshot.dirs.extend(dirs);
    Ok(Opened {
        project: Cow::Owned(project),
        files: Files::Tree { blobs, snapshot },
        notes,
    })
}
