//! `stratlint init`: a starter config, owners registry and one object of
//! each of the seven kinds that together pass `check`. It never overwrites a file.

use std::path::{Path, PathBuf};

use crate::Fatal;

/// The files `init` writes, relative to the target directory.
pub const FILES: [(&str, &str); 9] = [
    ("stratlint.toml", include_str!("init/stratlint.toml")),
    ("owners.toml", include_str!("init/owners.toml")),
    ("strategy/thesis.md", include_str!("init/thesis.md")),
    (
        "strategy/inflections.toml",
        include_str!("init/inflections.toml"),
    ),
    ("objectives/company.toml", include_str!("init/company.toml")),
    ("kpis/company.toml", include_str!("init/kpis.toml")),
    (
        "principles/small-batches.md",
        include_str!("init/principle.md"),
    ),
    ("tenets.toml", include_str!("init/tenets.toml")),
    (
        "decisions/merge-to-trunk.md",
        include_str!("init/decision.md"),
    ),
];

/// Writes the starter files into `dir`; refuses (writing nothing) when any exists.
pub fn run(dir: &Path) -> Result<Vec<PathBuf>, Fatal> {
    let existing: Vec<String> = FILES
        .iter()
        .map(|(p, _)| dir.join(p))
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(Fatal::Usage(format!(
            "init writes nothing because these files already exist: {}",
            existing.join(", ")
        )));
    }
    let today = crate::date::Date::from_unix(crate::date::clock()).to_string();
    let mut written = Vec::new();
    for (rel, text) in FILES {
        let text = text.replace("{{TODAY}}", &today);
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Fatal::Usage(format!("{}: {e}", parent.display())))?;
        }
        // create_new: never overwrite, even if a file appeared since the check.
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| Fatal::Usage(format!("{}: {e}", path.display())))?;
        std::io::Write::write_all(&mut f, text.as_bytes())
            .map_err(|e| Fatal::Usage(format!("{}: {e}", path.display())))?;
        written.push(path);
    }
    Ok(written)
}
