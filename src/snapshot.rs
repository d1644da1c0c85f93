//! What rules may look up beyond the loaded strategy files (link targets,
//! headings of other Markdown files): the working tree, or a commit's tree
//! read straight from the git object database (for `--changed-since`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

/// Largest file read only to learn its headings.
pub const MAX_ANCHOR_SOURCE: u64 = 8 * 1024 * 1024;

/// A view of the project's files.
pub trait Snapshot {
    /// Whether a file or directory exists at `path` (absolute).
    fn exists(&self, path: &Path) -> bool;
    /// The text of a (small) file at `path`, if it is one.
    fn read_text(&self, path: &Path) -> Option<String>;
    /// The names in directory `dir`, for suggestions.
    fn names_in(&self, dir: &Path) -> Vec<String>;
}

/// Unsaved texts that stand in for files on disk (an editor's buffers),
/// by absolute path.
pub type Overlays = BTreeMap<PathBuf, String>;

/// The files on disk, with overlays in place of the files they name.
#[derive(Debug, Clone, Copy)]
pub struct WorkTree<'a> {
    /// Texts that replace (or add) files.
    pub overlays: &'a Overlays,
}

impl Snapshot for WorkTree<'_> {
    fn exists(&self, path: &Path) -> bool {
        self.overlays.contains_key(path) || std::fs::symlink_metadata(path).is_ok()
    }

    fn read_text(&self, path: &Path) -> Option<String> {
        if let Some(text) = self.overlays.get(path) {
            return Some(text.clone());
        }
        let meta = std::fs::metadata(path).ok()?;
        if !meta.is_file() || meta.len() > MAX_ANCHOR_SOURCE {
            return None;
        }
        String::from_utf8(std::fs::read(path).ok()?).ok()
    }

    fn names_in(&self, dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        for path in self.overlays.keys() {
            if path.parent() == Some(dir) {
                if let Some(name) = path.file_name() {
                    names.push(name.to_string_lossy().into_owned());
                }
            }
        }
        names
    }
}

/// A commit's tree, held in memory as paths under the work tree's top.
#[derive(Debug, Default)]
pub struct TreeSnapshot {
    /// The work tree's top level (paths are resolved against it).
    pub top: PathBuf,
    /// Every file path (relative to `top`, `/`-separated) with its small-file text, if read.
    pub files: BTreeMap<String, Option<String>>,
    /// Every directory path (relative to `top`).
    pub dirs: BTreeSet<String>,
}

impl TreeSnapshot {
    fn rel(&self, path: &Path) -> Option<String> {
        let rel = path.strip_prefix(&self.top).ok()?;
        let parts: Vec<String> = rel
            .components()
            .map(|c| match c {
                Component::Normal(p) => Some(p.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect::<Option<_>>()?;
        Some(parts.join("/"))
    }
}

impl Snapshot for TreeSnapshot {
    fn exists(&self, path: &Path) -> bool {
        self.rel(path)
            .is_some_and(|r| r.is_empty() || self.files.contains_key(&r) || self.dirs.contains(&r))
    }

    fn read_text(&self, path: &Path) -> Option<String> {
        self.files.get(&self.rel(path)?)?.clone()
    }

    fn names_in(&self, dir: &Path) -> Vec<String> {
        let Some(rel) = self.rel(dir) else {
            return Vec::new();
        };
        let prefix = if rel.is_empty() {
            String::new()
        } else {
            format!("{rel}/")
        };
        self.files
            .keys()
            .map(String::as_str)
            .chain(self.dirs.iter().map(String::as_str))
            .filter_map(|p| p.strip_prefix(&prefix))
            .filter(|rest| !rest.is_empty() && !rest.contains('/'))
            .map(str::to_owned)
            .collect()
    }
}
