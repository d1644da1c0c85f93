//! Finding the project: its config, its root, and the files to load (a
//! gitignore-aware walk that never follows a symlink out of the root).

use std::path::{Path, PathBuf};

use crate::Fatal;
use crate::project::config::{self, Config};
pub use crate::project::paths::relative;

/// Where the project lives and how it is configured.
#[derive(Debug, Clone)]
pub struct Project {
    /// The project root (canonical).
    pub root: PathBuf,
    /// The configuration (defaults when there is no file).
    pub config: Config,
    /// The git work tree's top level, when the root is inside one.
    pub git_top: Option<PathBuf>,
    /// The current directory (canonical), for display paths.
    pub cwd: PathBuf,
}

/// A file found by the walk.
#[derive(Debug, Clone)]
pub struct Found {
    /// Path on disk.
    pub path: PathBuf,
    /// Path relative to the root, with `/` separators.
    pub rel: String,
}

/// The nearest directory at or above `dir` that holds `.git`.
pub fn git_top(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

fn canonical(path: &Path) -> Result<PathBuf, Fatal> {
    std::fs::canonicalize(path).map_err(|e| Fatal::Usage(format!("{}: {e}", path.display())))
}

/// Locates the project for the given paths (already checked to exist),
/// relative to `cwd`, the directory they were given in (display paths are
/// relative to it too).
pub fn locate(cwd: &Path, paths: &[PathBuf], config_flag: Option<&Path>) -> Result<Project, Fatal> {
    locate_with(cwd, paths, config_flag, false)
}

/// [`locate`] for judging a commit (`--as-of`): the root and the config
/// file's path are found as for the working tree, but what today's config
/// says does not matter, since the commit's own is the one judged: one
/// that does not parse today, or names ADR directories that are not there
/// today, stands as defaults (with its path).
pub fn locate_at_commit(
    cwd: &Path,
    paths: &[PathBuf],
    config_flag: Option<&Path>,
) -> Result<Project, Fatal> {
    locate_with(cwd, paths, config_flag, true)
}

/// [`locate`], with today's config read leniently for a commit's analysis
/// when `at_commit` (see [`locate_at_commit`]).
fn locate_with(
    cwd: &Path,
    paths: &[PathBuf],
    config_flag: Option<&Path>,
    at_commit: bool,
) -> Result<Project, Fatal> {
    let cwd = canonical(cwd)?;
    let first = paths.first().map_or_else(|| cwd.clone(), |p| cwd.join(p));
    let first = canonical(&first)?;
    let (start, file_args) = if first.is_dir() {
        (first.clone(), false)
    } else {
        (
            first
                .parent()
                .map_or_else(|| cwd.clone(), Path::to_path_buf),
            true,
        )
    };
    let config_path = match config_flag {
        Some(p) => {
            let p = cwd.join(p);
            if !p.is_file() {
                return Err(Fatal::Usage(format!(
                    "config file `{}` does not exist",
                    p.display()
                )));
            }
            Some(canonical(&p)?)
        }
        None => config::find(&start),
    };
    let git = git_top(&start);
    let (root, config) = match config_path {
        Some(path) => {
            let display = relative(&path, &cwd);
            let config = match config::load(&path, &display) {
                Ok(config) => config,
                Err(_) if at_commit => Config {
                    file: Some(path.clone()),
                    ..Config::default()
                },
                Err(e) => return Err(Fatal::Config(e)),
            };
            (
                path.parent().map_or_else(|| cwd.clone(), Path::to_path_buf),
                config,
            )
        }
        None => {
            let root = match &git {
                Some(top) => top.clone(),
                None if file_args && start.starts_with(&cwd) => cwd.clone(),
                None => start,
            };
            (root, Config::default())
        }
    };
    // A listed ADR directory that does not exist, or lies outside the
    // project root, is a config error naming it (today's, unless a commit
    // is judged).
    for dir in config.adr.iter().filter(|_| !at_commit) {
        let problem = match dir.dir() {
            None => "lies outside the project root",
            Some(rel) => {
                let path = root.join(&rel);
                match std::fs::canonicalize(&path) {
                    Ok(real) if !real.is_dir() => "is not a directory",
                    Ok(real) if !real.starts_with(&root) => "lies outside the project root",
                    Ok(_) => continue,
                    Err(_) => "does not exist",
                }
            }
        };
        let (line, column) = dir.position;
        return Err(Fatal::Config(config::ConfigError {
            file: config
                .file
                .as_deref()
                .map(|f| relative(f, &cwd))
                .unwrap_or_default(),
            line,
            column,
            message: format!("`decisions.adr`: the directory `{}` {problem}", dir.path),
        }));
    }
    Ok(Project {
        root,
        config,
        git_top: git,
        cwd,
    })
}

/// The `exclude` patterns, read as `.gitignore` lines are (see
/// docs/configuration.md): anchored at the project root when they hold a
/// `/` at the start or in the middle, else matching at any depth; `*`
/// stops at `/`, `**` crosses it, a trailing `/` matches directories only,
/// `!` takes a path back.
#[derive(Debug, Clone)]
pub struct Excludes(ignore::gitignore::Gitignore);

impl Excludes {
    /// Whether `rel` (relative to the project root, `/` separators; a
    /// directory when `is_dir`) is excluded, itself or by a directory above it.
    pub fn excludes(&self, rel: &Path, is_dir: bool) -> bool {
        !rel.as_os_str().is_empty() && self.0.matched_path_or_any_parents(rel, is_dir).is_ignore()
    }

    /// Whether the file `rel` is excluded.
    pub fn excludes_file(&self, rel: &str) -> bool {
        self.excludes(Path::new(rel), false)
    }
}

/// The `exclude` patterns of a project rooted at `root`.
pub fn exclude_set(config: &Config, root: &Path) -> Result<Excludes, Fatal> {
    let mut b = ignore::gitignore::GitignoreBuilder::new(root);
    for g in &config.exclude {
        b.add_line(None, g)
            .map_err(|e| Fatal::Usage(format!("exclude pattern `{g}`: {e}")))?;
    }
    b.build()
        .map(Excludes)
        .map_err(|e| Fatal::Usage(format!("exclude patterns: {e}")))
}

/// Whether a file name may hold strategy: `.md` or `.toml`, or Markdown
/// with another spelling (`.markdown`, any case) that only an adopted ADR
/// directory reads (SPEC §11).
pub fn may_hold_strategy(name: &str) -> bool {
    may_hold_strategy_bytes(name.as_bytes())
}

/// [`may_hold_strategy`] on a name as git stores it (bytes, maybe not
/// UTF-8). By the last byte first: history asks it of every entry of
/// every tree it compares.
pub fn may_hold_strategy_bytes(name: &[u8]) -> bool {
    let ends = |ext: &[u8]| {
        name.len() >= ext.len() && name[name.len() - ext.len()..].eq_ignore_ascii_case(ext)
    };
    match name.last() {
        Some(b'l') => name.ends_with(b".toml"),
        Some(b'd' | b'D') => ends(b".md"),
        Some(b'n' | b'N') => ends(b".markdown"),
        _ => false,
    }
}

/// Walks the root for files [`may_hold_strategy`] accepts, in path order
/// (symlinks are skipped).
pub fn walk(project: &Project, skip: &[PathBuf]) -> Result<Vec<Found>, Fatal> {
    let root = &project.root;
    let excludes = exclude_set(&project.config, root)?;
    let root_for_filter = root.clone();
    let excludes_for_filter = excludes.clone();
    let walker = ignore::WalkBuilder::new(root)
        .follow_links(false)
        .require_git(false)
        .git_global(false)
        .filter_entry(move |e| {
            let rel = e.path().strip_prefix(&root_for_filter).unwrap_or(e.path());
            let is_dir = e.file_type().is_some_and(|t| t.is_dir());
            !excludes_for_filter.excludes(rel, is_dir)
        })
        .build();
    let mut found = Vec::new();
    for entry in walker {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if !may_hold_strategy(name) {
            continue;
        }
        // Symlinks are never followed: a link into the root would load its
        // target twice, and a link out of it would read outside the root.
        let is_file = entry.file_type().is_some_and(|t| t.is_file());
        if !is_file || skip.iter().any(|s| s == path) {
            continue;
        }
        let rel = relative(path, root);
        found.push(Found {
            path: path.to_path_buf(),
            rel,
        });
    }
    found.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(found)
}
