//! Display paths: a path relative to another, read lexically, with `/`
//! separators, as every message and output format writes it.

use std::path::{Path, PathBuf};

/// `path` relative to `base` with `/` separators (`..` where it lies outside).
pub fn relative(path: &Path, base: &Path) -> String {
    let (path, base) = (lexical(path), lexical(base));
    let rel = pathdiff::diff_paths(&path, &base).unwrap_or_else(|| path.clone());
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() {
        ".".to_owned()
    } else {
        parts.join("/")
    }
}

/// `path` with each `dir/..` and `.` taken out by reading it, not the
/// disk (`strategy/../owners.toml` is `owners.toml`), for display.
fn lexical(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}
