//! Which ADR directories `stratlint init` adopts (SPEC §8): the usual
//! places, when they hold at least one file or folder named like a record
//! (SPEC §11).

use std::path::Path;

use crate::parse::adr_name;

/// Where ADR collections usually live, in the order they are looked at.
pub const ADR_DIRS: [&str; 8] = [
    "doc/adr",
    "docs/adr",
    "docs/adrs",
    "docs/decisions",
    "docs/architecture/decisions",
    "docs/architecture-decisions",
    "adr",
    "decisions",
];

/// An ADR directory found below the directory `init` writes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The directory, relative, with `/` separators (`docs/adr`).
    pub path: String,
    /// How many records it holds.
    pub records: usize,
}

/// The ADR directories below `dir` that hold at least one record, in the
/// order of [`ADR_DIRS`].
pub fn find(dir: &Path) -> Vec<Found> {
    ADR_DIRS
        .iter()
        .filter_map(|rel| {
            let records = records_in(&dir.join(rel));
            (records > 0).then(|| Found {
                path: (*rel).to_owned(),
                records,
            })
        })
        .collect()
}

/// How many entries of `dir` are records: Markdown files named like one,
/// or folders named like one that hold `index.md` or `README.md` (the
/// names are read as the ADR reader reads them: `parse::adr_name`).
fn records_in(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let Some(name) = name.to_str() else {
                return false;
            };
            let path = e.path();
            if path.is_dir() {
                adr_name::record(name).is_some() && holds_folder_file(&path)
            } else {
                adr_name::record_file(name).is_some()
            }
        })
        .count()
}

/// Whether a record folder holds the file a record is read from.
fn holds_folder_file(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.filter_map(Result::ok).any(|e| {
            e.path().is_file()
                && e.file_name()
                    .to_str()
                    .is_some_and(|n| adr_name::folder_file(n).is_some())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_names_in_every_layout() {
        for yes in [
            "0007-use-postgres.md",
            "adr-007-use-postgres.md",
            "ADR_0007-use-postgres.MD",
            "20200925-use-markdown.markdown",
            "0000-use-markdown-architectural-decision-records.md",
            "0012-use-templates-for-emails.md",
        ] {
            assert!(adr_name::record_file(yes).is_some(), "{yes}");
        }
        for no in [
            "README.md",
            "index.md",
            "0000-template.md",
            "0000-adr-template.md",
            "0000-adr-template-minimal.md",
            "template.md",
            "0007-use-postgres.txt",
            "adr.md",
            "adr-x.md",
            "-0007-x.md",
            "0007.md",
        ] {
            assert!(adr_name::record_file(no).is_none(), "{no}");
        }
    }

    #[test]
    fn directories_with_records_are_found_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let write = |rel: &str| {
            let p = dir.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "# x\n").unwrap();
        };
        write("docs/adr/README.md");
        write("docs/adr/0000-template.md");
        write("decisions/0001-first/index.md");
        write("decisions/0002-second/README.md");
        write("decisions/0003-empty/notes.txt");
        write("doc/adr/0001-record-architecture-decisions.md");
        write("adr/notes.md");
        let found = find(dir.path());
        assert_eq!(
            found,
            [
                Found {
                    path: "doc/adr".into(),
                    records: 1
                },
                Found {
                    path: "decisions".into(),
                    records: 2
                },
            ]
        );
    }
}
