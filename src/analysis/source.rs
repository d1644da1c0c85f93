//! Where an analysis reads the project's files from: the working tree
//! (with an editor's unsaved texts), git's index (`--staged`), a commit's
//! tree (the merge base of `--changed-since`, the commit `--as-of` names)
//! or texts held in memory. A
//! [`Source`] is the only thing that differs between them: once
//! [`open`]ed, every one is loaded, dated, judged and given its verdict by
//! the same pipeline ([`super::pipeline`]).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use git2::Oid;

use crate::Fatal;
use crate::load::{self, Candidates, Loaded, ParseCache};
use crate::project::Project;
use crate::snapshot::{Overlays, Snapshot, TreeSnapshot, WorkTree};

use super::{commit, staged};

pub use commit::CommitRole;

/// Where the files of one analysis come from.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    /// The working tree, each overlay's text in place of its file.
    WorkTree(&'a Overlays),
    /// What the next commit would hold: the index's version of every
    /// tracked file (the index named by `file`, `GIT_INDEX_FILE`, when
    /// given), overlays on top, untracked files left out.
    Index {
        /// Unsaved texts, over the index's.
        overlays: &'a Overlays,
        /// `GIT_INDEX_FILE`: absolute, or relative to the work tree's top.
        file: Option<&'a Path>,
    },
    /// A commit's tree, read from the object database (no checkout), with
    /// the config it held: the merge base of `--changed-since`, or the
    /// commit `--as-of` names.
    Commit(Oid, CommitRole),
    /// Files held in memory (path relative to the root, text), with no disk
    /// and no git: what a rule's tests and documented examples run on.
    Memory(&'a [(&'a str, &'a str)]),
}

/// A source opened: the project as configured there, and its files.
#[derive(Debug)]
pub struct Opened<'a> {
    /// The project, with the config the source holds.
    pub project: Cow<'a, Project>,
    /// The files, and how to read them.
    pub files: Files<'a>,
    /// Notes from opening it (a config that did not parse at a commit).
    pub notes: Vec<String>,
}

/// The files of an opened source.
#[derive(Debug)]
pub enum Files<'a> {
    /// Files on disk with overlays in their place: the working tree, or
    /// the index (its texts as overlays), with the candidates found.
    Disk {
        /// Texts in place of files.
        overlays: Cow<'a, Overlays>,
        /// The strategy candidates, found but not read.
        candidates: Candidates,
    },
    /// A tree held in memory: file texts by path below the root, and what
    /// link targets are looked up in.
    Tree {
        /// Every strategy candidate's bytes, by path relative to the root.
        blobs: BTreeMap<String, Vec<u8>>,
        /// The whole tree, for links.
        snapshot: TreeSnapshot,
    },
}

impl Files<'_> {
    /// The paths (relative to the root) whose directories history is
    /// walked in, when a walk starts at this source (see
    /// [`super::dating::open`]): the working tree's or the index's, or the
    /// commit's that `--as-of` names. (The merge base of `--changed-since`
    /// is dated by the walk begun for the working tree.)
    pub fn history_rels(&self, project: &Project) -> Vec<&str> {
        match self {
            Files::Disk {
                overlays,
                candidates,
            } => candidates.history_rels(overlays),
            Files::Tree { blobs, .. } => load::tree_history_rels(project, blobs),
        }
    }

    /// Whether the files are compared with HEAD when dated (uncommitted
    /// changes are new): the working tree and the index, not a commit.
    pub fn against_head(&self) -> bool {
        matches!(self, Files::Disk { .. })
    }

    /// Reads and parses every strategy file; `for_history` also prepares
    /// what dating them against HEAD needs.
    pub fn load(&mut self, project: &Project, for_history: bool) -> Result<Loaded, Fatal> {
        match self {
            Files::Disk {
                overlays,
                candidates,
            } => {
                let candidates = std::mem::take(candidates);
                load::read_found(project, candidates, overlays, for_history)
            }
            Files::Tree { blobs, .. } => load::load_blobs(project, blobs, false),
        }
    }
}

/// What rules look link targets up in: the files on disk with the
/// overlays in their place, or the tree.
impl Snapshot for Files<'_> {
    fn exists(&self, path: &Path) -> bool {
        match self {
            Files::Disk { overlays, .. } => WorkTree { overlays }.exists(path),
            Files::Tree { snapshot, .. } => snapshot.exists(path),
        }
    }

    fn read_text(&self, path: &Path) -> Option<String> {
        match self {
            Files::Disk { overlays, .. } => WorkTree { overlays }.read_text(path),
            Files::Tree { snapshot, .. } => snapshot.read_text(path),
        }
    }

    fn names_in(&self, dir: &Path) -> Vec<String> {
        match self {
            Files::Disk { overlays, .. } => WorkTree { overlays }.names_in(dir),
            Files::Tree { snapshot, .. } => snapshot.names_in(dir),
        }
    }
}

/// Opens a source of `project`: finds its candidate files (the working
/// tree's, the index's), or reads a commit's tree and the config it held.
/// `cache` keeps the walk and the files' parses between analyses (the
/// language server's); the command line passes none.
pub fn open<'a>(
    project: &'a Project,
    source: Source<'a>,
    cache: Option<&Arc<ParseCache>>,
) -> Result<Opened<'a>, Fatal> {
    match source {
        Source::WorkTree(overlays) => Ok(Opened {
            project: Cow::Borrowed(project),
            files: Files::Disk {
                candidates: load::find_cached(project, overlays, None, cache)?,
                overlays: Cow::Borrowed(overlays),
            },
            notes: Vec::new(),
        }),
        Source::Index { overlays, file } => {
            let (mut index, tracked) = staged::view(project, file)?;
            index.extend(overlays.iter().map(|(p, t)| (p.clone(), t.clone())));
            Ok(Opened {
                project: Cow::Borrowed(project),
                files: Files::Disk {
                    candidates: load::find_cached(project, &index, Some(&tracked), cache)?,
                    overlays: Cow::Owned(index),
                },
                notes: Vec::new(),
            })
        }
        Source::Commit(oid, role) => commit::open(project, oid, role),
        Source::Memory(texts) => Ok(Opened {
            project: Cow::Borrowed(project),
            files: memory_tree(&project.root, texts),
            notes: Vec::new(),
        }),
    }
}

/// Texts held in memory as a tree below `root`.
fn memory_tree(root: &Path, texts: &[(&str, &str)]) -> Files<'static> {
    let mut snapshot = TreeSnapshot {
        top: PathBuf::from(root),
        ..Default::default()
    };
    for (rel, text) in texts {
        snapshot
            .files
            .insert((*rel).to_owned(), Some((*text).to_owned()));
        let mut dir = *rel;
        while let Some((parent, _)) = dir.rsplit_once('/') {
            snapshot.dirs.insert(parent.to_owned());
            dir = parent;
        }
    }
    let blobs = texts
        .iter()
        .map(|(rel, text)| ((*rel).to_owned(), text.as_bytes().to_vec()))
        .collect();
    Files::Tree { blobs, snapshot }
}
