//! `stratlint init`: a starter config, owners registry and one object of
//! each kind that together pass `check`, adopting the ADR
//! directories the project already has. It never overwrites a file.

mod adopt;

use std::path::{Path, PathBuf};

use crate::Fatal;

pub use adopt::{ADR_DIRS, Found as AdoptedDir};

/// The files `init` writes, relative to the target directory, as templates
/// (`{{TODAY}}` and `{{ADR}}` filled in when written).
pub const FILES: [(&str, &str); 11] = [
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
        "initiatives/onboarding.toml",
        include_str!("init/execution.toml"),
    ),
    (
        "principles/small-batches.md",
        include_str!("init/principle.md"),
    ),
    ("tenets.toml", include_str!("init/tenets.toml")),
    ("strategy/values.toml", include_str!("init/values.toml")),
    (
        "decisions/merge-to-trunk.md",
        include_str!("init/decision.md"),
    ),
];

/// Where the starter decision goes when `decisions/` is an adopted ADR
/// directory: beside the thesis, out of the records' way.
const DECISION_BESIDE_ADRS: &str = "strategy/decisions/merge-to-trunk.md";

/// What `init` did.
#[derive(Debug, Clone)]
pub struct Initialized {
    /// The files written, in order.
    pub written: Vec<PathBuf>,
    /// The ADR directories adopted in `[decisions] adr`, with their record counts.
    pub adopted: Vec<AdoptedDir>,
}

/// The files `init` would write into a project whose ADR directories are
/// `adopted`: (path relative to the target, text), templates filled in.
pub fn files(adopted: &[AdoptedDir], today: &str) -> Vec<(String, String)> {
    let adr = if adopted.is_empty() {
        "adr = []                        # directories of adopted ADRs (adr-tools, MADR, log4brains), read where they are".to_owned()
    } else {
        let list: Vec<String> = adopted.iter().map(|d| format!("{:?}", d.path)).collect();
        format!(
            "# Adopted by `stratlint init`: the architecture decision records already here, read where\n\
             # they are (each record is a decision, ADR-<number>).\n\
             adr = [{}]",
            list.join(", ")
        )
    };
    let decisions_adopted = adopted.iter().any(|d| d.path == "decisions");
    FILES
        .iter()
        .map(|(rel, text)| {
            let rel = if *rel == "decisions/merge-to-trunk.md" && decisions_adopted {
                DECISION_BESIDE_ADRS
            } else {
                rel
            };
            let text = text.replace("{{TODAY}}", today).replace("{{ADR}}", &adr);
            (rel.to_owned(), text)
        })
        .collect()
}

/// Writes the starter files into `dir`, adopting the ADR directories found
/// there; refuses (writing nothing) when any of the files exists.
pub fn run(dir: &Path) -> Result<Initialized, Fatal> {
    let adopted = adopt::find(dir);
    let today = crate::date::Date::from_unix(crate::date::clock()).to_string();
    let files = files(&adopted, &today);
    let existing: Vec<String> = files
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
    let mut written = Vec::new();
    for (rel, text) in files {
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
    Ok(Initialized { written, adopted })
}
