//! What the server keeps of the workspace between edits: the project
//! (located, its config read) and the walk's candidate files and parses
//! ([`ParseCache`]), so that a keystroke re-parses the one file it changed.
//!
//! The project is located again only when a config file changes (a
//! `didChange`, `didSave` or watched-file event naming one of
//! [`CONFIG_NAMES`], or the located config's metadata differing at a
//! re-check), or when locating failed the last time. The walk is made again
//! when a file is created or deleted (a watched-file event), when a file
//! that may hold strategy and is not among the candidates is saved, or
//! when the project is located again (a new cache).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::Fatal;
use crate::load::ParseCache;
use crate::project::config::CONFIG_NAMES;
use crate::project::{self, Project, discover};

/// The workspace's project and what is kept of it.
pub struct Workspace {
    /// The workspace root (absolute, canonical).
    root: PathBuf,
    /// The project as last located, with what is kept of it.
    located: Option<Located>,
}

/// A located project.
struct Located {
    project: Project,
    /// The config file's metadata when it was read (`None` without one).
    config: Option<Stamp>,
    cache: Arc<ParseCache>,
}

/// What tells a config file unchanged: its length and modification time.
type Stamp = (u64, Option<std::time::SystemTime>);

/// The metadata stamp of the file at `path`, if it can be read.
fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()))
}

impl Workspace {
    /// A workspace at `root`, located at the first re-check.
    pub fn new(root: PathBuf) -> Self {
        Workspace {
            root,
            located: None,
        }
    }

    /// The project and its cache: as kept, or located again (with a new
    /// cache) when nothing is kept or its config file changed on disk.
    pub fn project(&mut self) -> Result<(Project, Arc<ParseCache>), Fatal> {
        let stale = match &self.located {
            None => true,
            Some(l) => match &l.project.config.file {
                Some(file) => stamp(file) != l.config,
                None => false,
            },
        };
        if stale {
            self.located = None;
            let project = project::locate(&self.root, &[], None)?;
            let config = project.config.file.as_deref().and_then(stamp);
            self.located = Some(Located {
                project,
                config,
                cache: Arc::new(ParseCache::new()),
            });
        }
        let l = self.located.as_ref().expect("located above");
        Ok((l.project.clone(), l.cache.clone()))
    }

    /// Forgets the project: it is located again at the next re-check.
    pub fn config_changed(&mut self) {
        self.located = None;
    }

    /// Walks again at the next re-check: a file was created or deleted.
    pub fn files_changed(&mut self) {
        if let Some(l) = &self.located {
            l.cache.forget_walk();
        }
    }

    /// What a change to the file at `path` (created or deleted when
    /// `created_or_deleted`) means for what is kept: a config file locates
    /// the project again; a created or deleted file walks again.
    pub fn changed(&mut self, path: &Path, created_or_deleted: bool) {
        if is_config(path) {
            self.config_changed();
        } else if created_or_deleted {
            self.files_changed();
        }
    }

    /// A file was saved: a config file locates the project again, and a
    /// file that may hold strategy but is not among the walk's files (made
    /// outside the editor's watch) walks again.
    pub fn saved(&mut self, path: &Path) {
        if is_config(path) {
            self.config_changed();
            return;
        }
        let candidate = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(discover::may_hold_strategy);
        if let Some(l) = &self.located {
            let owners = l.project.root.join(&l.project.config.owners);
            let below = path.starts_with(&l.project.root);
            if candidate && below && path != owners && !l.cache.walked(path) {
                l.cache.forget_walk();
            }
        }
    }
}

/// Whether `path` is named like a config file.
pub fn is_config(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| CONFIG_NAMES.contains(&n))
}
