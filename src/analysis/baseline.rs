//! `--changed-since REV`: the same check run on `git merge-base REV HEAD`,
//! read straight from the git object database (no checkout, nothing
//! written), so a pull request is held responsible only for what it adds.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use git2::{ObjectType, Oid, Repository, TreeWalkMode, TreeWalkResult};

use crate::Fatal;
use crate::analysis::dating::{self, History};
use crate::analysis::judge;
use crate::graph::Graph;
use crate::history::Prefetch;
use crate::load;
use crate::project::config::{self, CONFIG_NAMES, Config};
use crate::project::discover::{self, Project};
use crate::snapshot::{MAX_ANCHOR_SOURCE, TreeSnapshot};
use crate::source::SourceFile;

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

/// Every blob of a commit's tree (paths relative to the work tree's top), and its directories.
fn read_tree(git: &Repository, commit: Oid) -> Result<(BTreeMap<String, Oid>, Vec<String>), Fatal> {
    let tree = git
        .find_commit(commit)
        .and_then(|c| c.tree())
        .map_err(|e| {
            usage(format!(
                "--changed-since: cannot read the merge base: {}",
                e.message()
            ))
        })?;
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
    .map_err(|e| {
        usage(format!(
            "--changed-since: cannot read the merge base: {}",
            e.message()
        ))
    })?;
    Ok((blobs, dirs))
}

/// The config as of the merge base: the same file's version there, or
/// `stratlint.toml` at the root; defaults when there was none. A config
/// that did not parse then is replaced by today's, with a note.
fn base_config(
    project: &Project,
    prefix: &str,
    read: &dyn Fn(&str) -> Option<Vec<u8>>,
    notes: &mut Vec<String>,
) -> Config {
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
        Some(_) => return project.config.clone(),
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
                return c;
            }
            Err(e) => {
                notes.push(format!(
                    "the merge base's config does not parse ({e}); using today's"
                ));
                return project.config.clone();
            }
        }
    }
    let mut c = Config::default();
    c.override_lint(&project.config.overrides);
    c
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
/// `--no-history`), and the notes reading it gave (a config that did not
/// parse there).
pub fn fingerprints(
    project: &Project,
    base: Oid,
    below: Option<Prefetch>,
    now: i64,
    history_on: bool,
) -> Result<(HashMap<String, usize>, Vec<String>), Fatal> {
    let git = open(project)?;
    let workdir = git.workdir().map(Path::to_path_buf).unwrap_or_default();
    let top = std::fs::canonicalize(&workdir).unwrap_or(workdir);
    let prefix = discover::relative(&project.root, &top);
    let prefix = if prefix == "." { String::new() } else { prefix };
    let (blobs, dirs) = read_tree(&git, base)?;
    let read = |rel: &str| {
        blobs
            .get(rel)
            .and_then(|oid| git.find_blob(*oid).ok())
            .map(|b| b.content().to_vec())
    };

    let mut notes = Vec::new();
    let config = base_config(project, &prefix, &read, &mut notes);
    let base_project = Project {
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
    let mut files = BTreeMap::new();
    let mut snapshot = TreeSnapshot {
        top: top.clone(),
        ..Default::default()
    };
    for (path, oid) in &blobs {
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
            files.insert(rel, c);
        }
    }
    snapshot.dirs.extend(dirs);

    // The handle the merge base's blobs were read with now reads its history.
    let history = below.map(|below| History::below(git, below));
    // Dating a commit compares no working tree: nothing to prepare.
    let mut loaded = load::load_blobs(&base_project, &files, false)?;
    super::future::clear(&mut loaded.repo, now, &mut loaded.diagnostics);
    let (timeline, _) = dating::read(
        &base_project,
        &loaded.repo,
        &loaded.prepared,
        // Everything: the working tree's diagnostics are matched against these.
        &[],
        now,
        history,
        // The merge base's notes about its history (a shallow boundary)
        // would repeat the working tree's.
        &mut Vec::new(),
    );
    // Undated adopted records, dated as the working tree's are.
    dating::date_adopted(&mut loaded.repo, &timeline);
    let graph = Graph::new(&loaded.repo);
    let (diagnostics, _) = judge(
        &base_project,
        &loaded.repo,
        &graph,
        loaded.diagnostics,
        &timeline,
        &snapshot,
        history_on,
    );
    let mut counts = HashMap::new();
    for d in &diagnostics {
        *counts
            .entry(d.fingerprint(&loaded.repo.files[d.file].rel))
            .or_insert(0) += 1;
    }
    Ok((counts, notes))
}
