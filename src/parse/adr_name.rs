//! Which names in a directory of adopted ADRs are records, and the ids they
//! and references to them stand for (SPEC §11): `0007-use-postgres.md`,
//! `adr-007-use-postgres.md`, `ADR_0007-…`, log4brains'
//! `20200925-use-markdown.md`, a `0007-title/` folder holding `index.md` or
//! `README.md`; `.md` or `.markdown` in any case; templates are not records.

use crate::date::Date;

/// A record's name, read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordName<'a> {
    /// The number as written (`0007`, `007`, `20200925`).
    pub number: &'a str,
    /// The whole name without its extension (`0007-use-postgres`).
    pub stem: &'a str,
    /// Whether the number is a date: eight digits (log4brains' layout) or
    /// `YYYY-MM-DD` (one folder per record, eclipse-edc's layout).
    pub dated: bool,
    /// Whether anything follows the number (`ADR-12` has no slug).
    pub slug: bool,
    /// The name after its number and the separator (`use-postgres`).
    pub rest: &'a str,
}

impl RecordName<'_> {
    /// The record's id: the prefix + its number, or + its whole name where
    /// the number is a date or the directory asks for names.
    pub fn id(&self, prefix: &str, by_name: bool) -> String {
        if by_name || self.dated {
            format!("{prefix}{}", self.stem)
        } else {
            format!("{prefix}{}", self.number)
        }
    }
}

/// The name of a Markdown file without its extension (`.md` or `.markdown`,
/// any case), when it is one.
pub fn markdown_stem(file_name: &str) -> Option<&str> {
    let (stem, ext) = file_name.rsplit_once('.')?;
    (!stem.is_empty() && (ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown")))
        .then_some(stem)
}

/// Whether a file is the one a record folder is read from: `index.md`,
/// else `README.md` (any case).
pub fn folder_file(file_name: &str) -> Option<FolderFile> {
    let stem = markdown_stem(file_name)?;
    if !file_name.to_ascii_lowercase().ends_with(".md") {
        return None;
    }
    if stem.eq_ignore_ascii_case("index") {
        Some(FolderFile::Index)
    } else if stem.eq_ignore_ascii_case("readme") {
        Some(FolderFile::Readme)
    } else {
        None
    }
}

/// Which file of a record folder holds the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FolderFile {
    /// `index.md`: read first.
    Index,
    /// `README.md`: read when there is no `index.md`.
    Readme,
}

/// A record file's name (`0007-use-postgres.md`) read, or `None` for any
/// other file (README, index, a template, an index named like a record:
/// `000-index.md`).
pub fn record_file(file_name: &str) -> Option<RecordName<'_>> {
    let r = record(markdown_stem(file_name)?)?;
    (!r.rest.eq_ignore_ascii_case("index") && !r.rest.eq_ignore_ascii_case("readme")).then_some(r)
}

/// A record's name without extension (a file's stem or a folder's name)
/// read, or `None` when it is not one: it starts with digits and a hyphen,
/// with an ISO date and a hyphen or underscore (`2022-02-03-tracing`), or
/// with letters, a hyphen, an underscore or nothing, then digits and a
/// hyphen or the end of the name (`ADR015-slug`, `ADR-12`); and it is not
/// a template. A file (not a folder) whose rest is `index` or `readme`
/// (`000-index.md`) is no record either: see `record_file`.
pub fn record(stem: &str) -> Option<RecordName<'_>> {
    let digits = |from: usize| stem[from..].bytes().take_while(u8::is_ascii_digit).count();
    let (start, end) = if let Some(end) = iso_date_prefix(stem) {
        (0, end)
    } else if digits(0) > 0 {
        let n = digits(0);
        if !stem[n..].starts_with('-') {
            return None;
        }
        (0, n)
    } else {
        let letters = stem.bytes().take_while(u8::is_ascii_alphabetic).count();
        if letters == 0 || is_template(&stem[..letters]) {
            return None;
        }
        let from = match stem.as_bytes().get(letters) {
            Some(b'-' | b'_') => letters + 1,
            _ => letters,
        };
        let n = digits(from);
        if n == 0 || !(stem.len() == from + n || stem[from + n..].starts_with('-')) {
            return None;
        }
        (from, from + n)
    };
    let rest = stem.get(end + 1..).unwrap_or_default();
    if is_template(rest) {
        return None;
    }
    let number = &stem[start..end];
    let dated = start == 0
        && (number.len() == 10
            || (number.len() == 8
                && Date::parse(&format!(
                    "{}-{}-{}",
                    &number[..4],
                    &number[4..6],
                    &number[6..]
                ))
                .is_some()));
    Some(RecordName {
        number,
        stem,
        dated,
        slug: end < stem.len(),
        rest,
    })
}

/// The length of a leading ISO date (`2022-02-03`) that a hyphen or
/// underscore follows, when the name starts with one.
fn iso_date_prefix(stem: &str) -> Option<usize> {
    let date = stem.get(..10)?;
    let shaped = date.bytes().enumerate().all(|(i, c)| {
        if i == 4 || i == 7 {
            c == b'-'
        } else {
            c.is_ascii_digit()
        }
    });
    (shaped && Date::parse(date).is_some() && matches!(stem.as_bytes().get(10), Some(b'-' | b'_')))
        .then_some(10)
}

/// Whether a name without its leading number is a template's (SPEC §11):
/// `template`, `template-…`, `adr-template…`, `…-template`.
fn is_template(rest: &str) -> bool {
    let rest = rest.to_ascii_lowercase();
    rest == "template"
        || rest.starts_with("template-")
        || rest.starts_with("adr-template")
        || rest.ends_with("-template")
}

/// The id a reference to a record of a directory stands for: a link or
/// file name (`0002-b.md`, `./0002-b/index.md#status`), an id written with
/// the prefix in any case and with `-`, `_`, a space or nothing before the
/// number (`ADR-0002`, `adr 2`), or a bare number (`0002`). `None` when it
/// names no record.
pub fn reference(prefix: &str, by_name: bool, written: &str) -> Option<String> {
    let written = written.trim();
    let path = written.split(['#', '?']).next().unwrap_or(written);
    let mut parts = path.trim_end_matches('/').rsplit('/');
    let mut last = parts.next().unwrap_or_default();
    if folder_file(last).is_some() {
        last = parts.next().unwrap_or(last);
    }
    // A file name, or a folder's; `ADR-17` alone is read below, as an id.
    if let Some(r) = record_file(last).or_else(|| record(last).filter(|r| r.slug)) {
        return Some(r.id(prefix, by_name));
    }
    let digits = written.bytes().rev().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let (head, number) = written.split_at(written.len() - digits);
    let bare = |s: &str| s.trim_end_matches(['-', '_', ' ']).to_ascii_lowercase();
    (head.is_empty() || (!bare(prefix).is_empty() && bare(head) == bare(prefix)))
        .then(|| format!("{prefix}{number}"))
}

/// An id's prefix and number, the number read as a number (`ADR-0017` and
/// `ADR-17` give the same key), for references that compare numbers.
pub fn numbered_key(id: &str) -> Option<(String, u64)> {
    let digits = id.bytes().rev().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 18 {
        return None;
    }
    let (head, number) = id.split_at(id.len() - digits);
    let head = head.trim_end_matches(['-', '_', ' ']).to_ascii_uppercase();
    Some((head, number.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(name: &str) -> Option<String> {
        record_file(name).map(|r| r.id("ADR-", false))
    }

    #[test]
    fn record_names_in_every_layout() {
        assert_eq!(id("0007-use-postgres.md").as_deref(), Some("ADR-0007"));
        assert_eq!(id("0007-use-postgres.MD").as_deref(), Some("ADR-0007"));
        assert_eq!(
            id("0007-use-postgres.markdown").as_deref(),
            Some("ADR-0007")
        );
        assert_eq!(id("adr-007-use-postgres.md").as_deref(), Some("ADR-007"));
        assert_eq!(id("ADR_0007-use-postgres.md").as_deref(), Some("ADR-0007"));
        assert_eq!(
            id("20200925-use-markdown.md").as_deref(),
            Some("ADR-20200925-use-markdown")
        );
        // Eight digits that are no date are a number.
        assert_eq!(id("12345678-x.md").as_deref(), Some("ADR-12345678"));
        assert_eq!(
            record("0001-title").map(|r| r.id("ADR-", true)).as_deref(),
            Some("ADR-0001-title")
        );
        // Letters then digits with no separator (alphagov/gsp), and a name
        // that ends at its number (nats-io).
        assert_eq!(id("ADR015-use-x.md").as_deref(), Some("ADR-015"));
        assert_eq!(id("ADR-12.md").as_deref(), Some("ADR-12"));
        assert_eq!(id("adr_3.MD").as_deref(), Some("ADR-3"));
        // A leading ISO date, like log4brains' eight digits: the whole name.
        assert_eq!(
            record("2022-02-03-integration-testing")
                .map(|r| r.id("ADR-", false))
                .as_deref(),
            Some("ADR-2022-02-03-integration-testing")
        );
        assert_eq!(
            id("2022-02-03_tracing.md").as_deref(),
            Some("ADR-2022-02-03_tracing")
        );
        // A date that does not exist is a number.
        assert_eq!(id("2022-13-03-x.md").as_deref(), Some("ADR-2022"));
        for not in [
            "000-index.md",
            "0001-README.md",
            "ADR000-index.md",
            "ADR.md",
            "ADR-12x.md",
            "README.md",
            "index.md",
            "0007.md",
            "0007-x.txt",
            "template-0001.md",
            "adr-x.md",
            ".md",
        ] {
            assert_eq!(id(not), None, "{not}");
        }
    }

    #[test]
    fn templates_are_not_records() {
        for t in [
            "0000-template.md",
            "0000-adr-template.md",
            "0000-adr-template-minimal.md",
            "0000-template-bare.md",
            "0000-madr-template.md",
            "adr-0000-template.md",
        ] {
            assert_eq!(id(t), None, "{t}");
        }
        for r in [
            "0000-use-markdown-architectural-decision-records.md",
            "0012-use-templates-for-emails.md",
            "0013-templated-pages.md",
        ] {
            assert!(id(r).is_some(), "{r}");
        }
    }

    #[test]
    fn folder_files() {
        assert_eq!(folder_file("index.md"), Some(FolderFile::Index));
        assert_eq!(folder_file("README.md"), Some(FolderFile::Readme));
        assert_eq!(folder_file("readme.MD"), Some(FolderFile::Readme));
        assert_eq!(folder_file("notes.md"), None);
    }

    #[test]
    fn references_name_records() {
        let r = |w: &str| reference("ADR-", false, w);
        assert_eq!(r("0002-b.md").as_deref(), Some("ADR-0002"));
        assert_eq!(r("./0002-b.md#status").as_deref(), Some("ADR-0002"));
        assert_eq!(r("../adr/0002-b/index.md").as_deref(), Some("ADR-0002"));
        assert_eq!(r("0002-b/").as_deref(), Some("ADR-0002"));
        assert_eq!(r("ADR-0002").as_deref(), Some("ADR-0002"));
        assert_eq!(r("adr 17").as_deref(), Some("ADR-17"));
        assert_eq!(r("ADR_17").as_deref(), Some("ADR-17"));
        assert_eq!(r("17").as_deref(), Some("ADR-17"));
        assert_eq!(r("T-LOG"), None);
        assert_eq!(r("RFC-17"), None);
        assert_eq!(r("RFC017"), None);
        assert_eq!(r("ADR028").as_deref(), Some("ADR-028"));
        assert_eq!(r("ADR028-use-x.md").as_deref(), Some("ADR-028"));
        assert_eq!(r("../ADR-12.md").as_deref(), Some("ADR-12"));
        assert_eq!(
            r("../2022-02-03-integration-testing/README.md").as_deref(),
            Some("ADR-2022-02-03-integration-testing")
        );
        assert_eq!(
            reference("ADR-", false, "20200925-use-markdown.md").as_deref(),
            Some("ADR-20200925-use-markdown")
        );
    }

    #[test]
    fn numbers_compare_as_numbers() {
        assert_eq!(numbered_key("ADR-0017"), numbered_key("ADR-17"));
        assert_eq!(numbered_key("ADR-0017"), Some(("ADR".into(), 17)));
        assert_ne!(numbered_key("ADR-0017"), numbered_key("BILL-17"));
        assert_eq!(numbered_key("ADR-x"), None);
    }
}
