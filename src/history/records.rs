//! Adopted decision records as history follows them (SPEC §11): an
//! undated record is dated by the first commit in which it exists,
//! followed through renames of its file and moves of its directory.
//!
//! A record is followed by its *identity*, read off its path alone: the
//! number in its name (`0007-use-postgres.md`, `adr-007-….md`,
//! `ADR_0007-…`, and `0007-use-postgres/index.md` or `README.md` for one
//! folder per record, are all record 7), or the whole name for log4brains'
//! dated names (`20200925-use-markdown.md`). The walk dates it as a facet
//! whose value never changes, keyed by that identity: a file renamed
//! within its directory, or a directory moved elsewhere, holds the same key
//! on both sides of the commit, which is then no change (as SPEC §5 follows
//! objects by id); the commit in which the key first exists dates the
//! record. Where two records in different directories share an identity
//! (`services/a/docs/adr/0001-….md` and `services/b/docs/adr/0001-….md`),
//! each is keyed by its directory too, so that one is not dated by the
//! other (a move of that directory then re-dates it).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::parse::adr_name;

/// What every record key starts with (no object id can: ids hold no
/// control characters).
pub const PREFIX: &str = "\u{1f}record\u{1f}";

/// The value a record's facet holds on every side that has it.
pub const PRESENT: u64 = 1;

/// Whether a needed id is a record's key (see [`key_of`]).
pub fn is_key(id: &str) -> bool {
    id.starts_with(PREFIX)
}

/// The directory a record at `path` (a file path, `/` separators) lies in
/// and its identity, when the path is a record's as the reader names them
/// (`parse::adr_name`): a Markdown file (`.md` or `.markdown`, any case)
/// named as a record, or `index.md` or `README.md` in a folder named as one.
pub fn identity(path: &str) -> Option<(&str, String)> {
    let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
    if adr_name::folder_file(name).is_some() {
        let (parent, folder) = dir.rsplit_once('/').unwrap_or(("", dir));
        return Some((parent, name_identity(adr_name::record(folder)?)));
    }
    Some((dir, name_identity(adr_name::record_file(name)?)))
}

/// The identity in a record's name: its number without leading zeros
/// (`0007-x`, `adr-007-x`, `ADR_0007-x`, `ADR007-x` are all `7`), or the
/// whole name, lowercased, when the number is a date (log4brains'
/// `20200925-…`, `2022-02-03-…`), as the record's id is.
fn name_identity(name: adr_name::RecordName<'_>) -> String {
    if name.dated {
        return name.stem.to_ascii_lowercase();
    }
    let number = name.number.trim_start_matches('0');
    if number.is_empty() { "0" } else { number }.to_owned()
}

/// The key history follows the record at each of `undated` by, given every
/// loaded file's path (`paths`): its identity, qualified by its directory
/// when another file in another directory has the same identity.
pub fn keys<'a>(
    paths: impl IntoIterator<Item = &'a str>,
    undated: impl IntoIterator<Item = &'a str>,
) -> Vec<(&'a str, String)> {
    let mut dirs: HashMap<String, HashSet<&str>> = HashMap::default();
    for path in paths {
        if let Some((dir, id)) = identity(path) {
            dirs.entry(id).or_default().insert(dir);
        }
    }
    undated
        .into_iter()
        .filter_map(|path| {
            let (dir, id) = identity(path)?;
            let shared = dirs.get(&id).is_some_and(|d| d.len() > 1);
            Some((path, key_of(dir, &id, shared)))
        })
        .collect()
}

/// A record's key: its identity, with its directory when `qualified`.
fn key_of(dir: &str, id: &str, qualified: bool) -> String {
    match qualified {
        true => format!("{PREFIX}{dir}/{id}"),
        false => format!("{PREFIX}{id}"),
    }
}

/// The record keys a walk is after, to tell which key a file of history
/// holds.
#[derive(Debug, Default)]
pub struct Wanted {
    keys: HashSet<String>,
    /// Identities followed with their directory (see [`keys`]).
    qualified: HashSet<String>,
}

impl Wanted {
    /// The record keys among `needed`.
    pub fn new<'a>(needed: impl IntoIterator<Item = &'a String>) -> Self {
        let keys: HashSet<String> = needed.into_iter().filter(|k| is_key(k)).cloned().collect();
        let qualified = keys
            .iter()
            .filter_map(|k| k[PREFIX.len()..].rsplit_once('/'))
            .map(|(_, id)| id.to_owned())
            .collect();
        Wanted { keys, qualified }
    }

    /// Whether no record is wanted.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The wanted key the file at `path` holds, if any.
    pub fn key(&self, path: &str) -> Option<&str> {
        if self.keys.is_empty() {
            return None;
        }
        let (dir, id) = identity(path)?;
        let key = key_of(dir, &id, self.qualified.contains(&id));
        self.keys.get(&key).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identities_are_read_off_every_layout() {
        let id = |p| identity(p).map(|(d, i)| (d.to_owned(), i));
        let at = |d: &str, i: &str| Some((d.to_owned(), i.to_owned()));
        assert_eq!(id("docs/adr/0007-use-postgres.md"), at("docs/adr", "7"));
        assert_eq!(
            id("doc/decisions/0007-renamed.MD"),
            at("doc/decisions", "7")
        );
        assert_eq!(id("adr/adr-007-x.markdown"), at("adr", "7"));
        assert_eq!(id("adr/ADR_0007-x.md"), at("adr", "7"));
        // The reader's extensions (docs/decisions.md): no separator, no slug,
        // an ISO date in the name.
        assert_eq!(id("docs/adr/adr0007-x.md"), at("docs/adr", "7"));
        assert_eq!(id("adr/ADR-12.md"), at("adr", "12"));
        assert_eq!(
            id("adr/2022-02-03-Testing/README.md"),
            at("adr", "2022-02-03-testing")
        );
        assert_eq!(id("adr/000-index.md"), None);
        assert_eq!(id("adr/0007-x/index.md"), at("adr", "7"));
        assert_eq!(id("adr/0007-x/README.md"), at("adr", "7"));
        assert_eq!(id("0000-use-markdown.md"), at("", "0"));
        assert_eq!(id("adr/0012-use-templates-for-emails.md"), at("adr", "12"));
        assert_eq!(
            id("adr/20200925-Use-Markdown.md"),
            at("adr", "20200925-use-markdown")
        );
        for not in [
            "docs/adr/README.md",
            "docs/adr/index.md",
            "docs/adr/template.md",
            "docs/adr/0007.md",
            "docs/adr/0007-x.txt",
            "docs/adr/0000-template.md",
            "docs/adr/0000-adr-template-minimal.md",
            "docs/adr/0001-bare-template.md",
            "docs/adr/0001-template-x/index.md",
            "docs/guide/index.md",
            "index.md",
            "",
        ] {
            assert_eq!(id(not), None, "{not}");
        }
    }

    #[test]
    fn keys_are_qualified_only_where_identities_meet() {
        let paths = [
            "a/adr/0001-x.md",
            "b/adr/0001-y.md",
            "a/adr/0002-z.md",
            "a/adr/0002-z.md",
        ];
        let keys = keys(paths, ["a/adr/0001-x.md", "a/adr/0002-z.md", "notes.md"]);
        assert_eq!(
            keys,
            [
                ("a/adr/0001-x.md", format!("{PREFIX}a/adr/1")),
                ("a/adr/0002-z.md", format!("{PREFIX}2")),
            ]
        );
        let wanted = Wanted::new(keys.iter().map(|(_, k)| k));
        // A move of the directory keeps an unqualified key, not a qualified one.
        assert_eq!(
            wanted.key("c/0002-z/index.md"),
            Some(&*format!("{PREFIX}2"))
        );
        assert_eq!(
            wanted.key("a/adr/0001-renamed.md"),
            Some(&*format!("{PREFIX}a/adr/1"))
        );
        assert_eq!(wanted.key("c/0001-x.md"), None);
        assert_eq!(wanted.key("a/adr/0003-x.md"), None);
        assert!(Wanted::new(&Vec::new()).is_empty());
    }
}
