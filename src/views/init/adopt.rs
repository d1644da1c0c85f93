//! Which ADR directories `stratlint init` adopts (SPEC §8): the usual
//! places, when they hold at least one file or folder named like a record
//! (SPEC §11).

use std::path::Path;

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
/// or folders named like one that hold `index.md` or `README.md`.
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
                record_name(name)
                    && ["index.md", "README.md", "readme.md", "INDEX.md"]
                        .iter()
                        .any(|f| path.join(f).is_file())
            } else {
                markdown_stem(name).is_some_and(record_name)
            }
        })
        .count()
}

/// A Markdown file's name without its extension (`.md` or `.markdown`, in any case).
fn markdown_stem(name: &str) -> Option<&str> {
    let (stem, ext) = name.rsplit_once('.')?;
    let markdown = ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown");
    (markdown && !stem.is_empty()).then_some(stem)
}

/// Whether a name without extension is a record's (SPEC §11): digits and a
/// hyphen (`0007-…`, log4brains' `20200925-…`), or letters, a hyphen or
/// underscore, digits and a hyphen (`adr-007-…`, `ADR_0007-…`); a template
/// (`0000-template`, `…-adr-template…`, `…-template`) is not one.
fn record_name(stem: &str) -> bool {
    fn digits_then_hyphen(s: &str) -> Option<&str> {
        let n = s.bytes().take_while(u8::is_ascii_digit).count();
        (n > 0 && s[n..].starts_with('-')).then(|| &s[n + 1..])
    }
    let letters = stem.bytes().take_while(u8::is_ascii_alphabetic).count();
    let rest = match digits_then_hyphen(stem) {
        Some(rest) => rest,
        None if letters > 0 && matches!(stem.as_bytes().get(letters), Some(b'-' | b'_')) => {
            match digits_then_hyphen(&stem[letters + 1..]) {
                Some(rest) => rest,
                None => return false,
            }
        }
        None => return false,
    };
    let rest = rest.to_ascii_lowercase();
    !(rest == "template"
        || rest.starts_with("template-")
        || rest.starts_with("adr-template")
        || rest.ends_with("-template"))
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
            assert!(markdown_stem(yes).is_some_and(record_name), "{yes}");
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
            assert!(!markdown_stem(no).is_some_and(record_name), "{no}");
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
