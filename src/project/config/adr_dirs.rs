//! [`AdrDir`]: one entry of `decisions.adr`, a directory of adopted ADRs.

use std::path::Path;

/// A directory of adopted ADRs (`decisions.adr`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdrDir {
    /// The directory, relative to the project root (`/` separators).
    pub path: String,
    /// Its records' id prefix, when it has its own.
    pub prefix: Option<String>,
    /// `id = "name"`: its records' ids are the prefix + the whole name
    /// (without extension) rather than the prefix + the number.
    pub by_name: bool,
    /// Line and column of the entry, for errors about it.
    pub position: (usize, usize),
}

impl AdrDir {
    /// The directory relative to the project root, read lexically (`.`
    /// and `dir/..` taken out, `/` separators, `""` for the root itself),
    /// or `None` when it is absolute or climbs above the root.
    pub fn dir(&self) -> Option<String> {
        let path = self.path.replace('\\', "/");
        if path.starts_with('/') || Path::new(&self.path).is_absolute() {
            return None;
        }
        let mut parts: Vec<&str> = Vec::new();
        for part in path.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop()?;
                }
                p => parts.push(p),
            }
        }
        Some(parts.join("/"))
    }
}
