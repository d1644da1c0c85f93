//! The text of each object in a file, as history compares it: for a
//! Markdown document the whole file, for a TOML object its table; every
//! run of whitespace read as one space (SPEC §5).

use toml::de::DeTable;

use crate::parse::frontmatter::{self, FrontMatter};
use crate::parse::tenet::normalize;
use crate::parse::toml_file::{header_starts, next_header};
use crate::schema::Kind;

/// `(id, normalized text)` of every object in a file's content. Files that
/// do not parse, and files that are not strategy, hold no objects.
pub fn object_texts(path: &str, content: &str) -> Vec<(String, String)> {
    objects(path, content)
        .into_iter()
        .map(|(id, raw)| (id, normalize(raw)))
        .collect()
}

/// `(id, hash of the normalized text)` of every object in a file's content:
/// what history compares, without building the normalized strings.
pub fn object_hashes(path: &str, content: &str) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    for (id, raw) in objects(path, content) {
        // A KPI's `current`, `baseline` and `target` are followed on their
        // own, as the facets `ID␟current` (SPEC §5b: its last measurement)
        // and `ID␟baseline`, `ID␟target` (KPI004: moved goalposts), dated
        // like any object's text.
        if let Some(values) = kpi_numbers(raw) {
            for (field, value) in FACETS.iter().zip(values) {
                out.push((facet(&id, field), value));
            }
        }
        out.push((id, normalized_hash(raw)));
    }
    out
}

/// The KPI fields history follows as facets, in [`kpi_numbers`]' order.
const FACETS: [&str; 3] = ["current", "baseline", "target"];

/// The id under which history follows one field of a KPI (`current`,
/// `baseline` or `target`).
pub fn facet(id: &str, field: &str) -> String {
    format!("{id}\u{1f}{field}")
}

/// The id under which history follows a KPI's `current` value.
pub fn current_facet(id: &str) -> String {
    facet(id, "current")
}

/// What a facet holds when its KPI has no such field.
const NO_VALUE: u64 = 0xFFFF_FFFF_FFFF_FFF0;

/// A facet's value as a number: `None` when the field was absent or not a
/// plain number.
pub fn facet_number(value: u64) -> Option<f64> {
    if value == NO_VALUE {
        return None;
    }
    // A value that was not a plain number holds its text's hash, which reads
    // as an arbitrary float; such a KPI fails its schema check (SL002) anyway.
    let x = f64::from_bits(value);
    x.is_finite().then_some(x)
}

/// For a KPI's text (its `[[kpi]]` table, or a document whose front matter
/// says `kind = "kpi"`), its `current`, `baseline` and `target` as compared
/// across commits: each number's bits (`30` and `30.0` alike), [`NO_VALUE`]
/// when absent, the hash of the text for a value that is not a plain
/// number. `None` for anything but a KPI.
fn kpi_numbers(raw: &str) -> Option<[u64; 3]> {
    let trimmed = raw.trim_start();
    let lines: Vec<&str> = if let Some(rest) = trimmed.strip_prefix("[[") {
        let (name, _) = rest.split_once("]]")?;
        if name.trim() != "kpi" {
            return None;
        }
        raw.lines().collect()
    } else if trimmed.starts_with("+++") {
        let front: Vec<&str> = raw
            .lines()
            .skip(1)
            .take_while(|l| l.trim_end() != "+++")
            .collect();
        let is_kpi = front.iter().any(|l| {
            let l = l.trim();
            l.strip_prefix("kind")
                .and_then(|r| r.trim_start().strip_prefix('='))
                .is_some_and(|v| v.trim().trim_matches(['"', '\'']) == "kpi")
        });
        if !is_kpi {
            return None;
        }
        front
    } else {
        return None;
    };
    let mut values = [NO_VALUE; 3];
    let mut seen = [false; 3];
    for l in &lines {
        let l = l.trim();
        for (i, field) in FACETS.iter().enumerate() {
            let Some(rest) = l.strip_prefix(field) else {
                continue;
            };
            let Some(rest) = rest.trim_start().strip_prefix('=') else {
                continue;
            };
            if seen[i] {
                continue;
            }
            seen[i] = true;
            let v = rest.split('#').next().unwrap_or_default().trim();
            values[i] = match v.replace('_', "").parse::<f64>() {
                Ok(x) if x.is_finite() => (x + 0.0).to_bits(),
                _ => normalized_hash(v),
            };
        }
    }
    Some(values)
}

/// The hash (XXH3) of `normalize(text)`: the text is copied byte by byte
/// into one reused buffer, each run of whitespace between words as one
/// space, and hashed at once.
pub fn normalized_hash(text: &str) -> u64 {
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BUFFER.with_borrow_mut(|buf| {
        // The normalized text is never longer than the text.
        buf.clear();
        buf.resize(text.len(), 0);
        let bytes = text.as_bytes();
        let (mut len, mut gap, mut i) = (0, false, 0);
        while i < bytes.len() {
            let b = bytes[i];
            let space = match CLASS[usize::from(b)] {
                Class::Word => 0,
                Class::Space => 1,
                Class::MaybeSpace => space_at(text, i),
            };
            if space > 0 {
                gap = true;
                i += space;
                continue;
            }
            if gap && len > 0 {
                buf[len] = b' ';
                len += 1;
            }
            gap = false;
            buf[len] = b;
            len += 1;
            i += 1;
        }
        xxhash_rust::xxh3::xxh3_64(&buf[..len])
    })
}

/// What a byte of UTF-8 text says about whitespace.
#[derive(Clone, Copy)]
enum Class {
    /// Part of a word (a continuation byte, or a character that is never whitespace).
    Word,
    /// An ASCII whitespace character.
    Space,
    /// The lead byte of a character that may be Unicode whitespace
    /// (U+0085, U+00A0, U+1680, U+2000 to U+205F, U+3000).
    MaybeSpace,
}

/// The [`Class`] of every byte.
const CLASS: [Class; 256] = {
    let mut class = [Class::Word; 256];
    let mut b = 0;
    while b < 256 {
        class[b] = match b as u8 {
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => Class::Space,
            0xc2 | 0xe1 | 0xe2 | 0xe3 => Class::MaybeSpace,
            _ => Class::Word,
        };
        b += 1;
    }
    class
};

/// The width in bytes of the Unicode whitespace character (as
/// `char::is_whitespace` reads it) starting at byte `i` of `text`, 0 when
/// there is none.
fn space_at(text: &str, i: usize) -> usize {
    text.get(i..)
        .and_then(|rest| rest.chars().next())
        .filter(|c| c.is_whitespace())
        .map_or(0, char::len_utf8)
}

/// `(id, raw text)` of every object.
fn objects<'c>(path: &str, content: &'c str) -> Vec<(String, &'c str)> {
    if path.ends_with(".md") {
        markdown(content)
    } else if path.ends_with(".toml") {
        toml(content)
    } else {
        Vec::new()
    }
}

/// The id of an `id = "…"` (or `'…'`) line with nothing but a comment
/// after it; `None` for anything a line reader should not guess at.
fn simple_id(line: &str) -> Option<String> {
    let value = line
        .strip_prefix("id")?
        .trim_start()
        .strip_prefix('=')?
        .trim();
    let (quote, rest) = value.split_at(value.len().min(1));
    if quote != "\"" && quote != "'" {
        return None;
    }
    let (id, tail) = rest.split_once(quote)?;
    let tail = tail.trim();
    if id.contains('\\') || !(tail.is_empty() || tail.starts_with('#')) {
        return None;
    }
    Some(id.to_owned())
}

/// The front matter's top-level id, read line by line when the front matter
/// is plain (no multi-line strings); `None` to let the parser decide.
fn simple_front_matter_id(front: &str) -> Option<Option<String>> {
    if front.contains("\"\"\"") || front.contains("'''") {
        return None;
    }
    let mut found = None;
    for line in front.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            break;
        }
        let key = t.split(['=', '.', ' ', '\t']).next().unwrap_or_default();
        if key.trim_matches(['"', '\'']) == "id" {
            if found.is_some() || key != "id" {
                return None;
            }
            found = Some(simple_id(t)?);
        }
    }
    Some(found)
}

fn markdown(content: &str) -> Vec<(String, &str)> {
    let FrontMatter::Toml { toml, .. } = frontmatter::split(content) else {
        return Vec::new();
    };
    if let Some(id) = simple_front_matter_id(&content[toml.clone()]) {
        return id.map(|id| vec![(id, content)]).unwrap_or_default();
    }
    let Ok(table) = DeTable::parse(&content[toml]) else {
        return Vec::new();
    };
    let id = table
        .get_ref()
        .iter()
        .find(|(k, _)| k.get_ref() == "id")
        .and_then(|(_, v)| v.get_ref().as_str().map(str::to_owned));
    id.map(|id| vec![(id, content)]).unwrap_or_default()
}

fn toml(content: &str) -> Vec<(String, &str)> {
    if !content.contains("[[") && !content.contains("= [") {
        return Vec::new();
    }
    simple_toml(content).unwrap_or_else(|| parsed_toml(content))
}

/// The common shape read line by line, without a TOML parser: `[[kind]]`
/// headers and one `id = "…"` line per table. `None` for anything else
/// (multi-line strings, inline arrays of kinds, dotted or unusual ids),
/// which [`parsed_toml`] reads.
fn simple_toml(content: &str) -> Option<Vec<(String, &str)>> {
    if content.contains("\"\"\"") || content.contains("'''") {
        return None;
    }
    let mut tables: Vec<(usize, Option<String>)> = Vec::new();
    let mut headers = Vec::new();
    let mut in_kind = false;
    let mut offset = 0;
    for line in content.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let t = line.trim();
        if t.starts_with('[') {
            let at = start + (line.len() - line.trim_start().len());
            headers.push(at);
            let name = t.strip_prefix("[[").and_then(|r| r.split_once("]]"));
            in_kind = match name {
                Some((name, rest)) if Kind::parse(name.trim()).is_some() => {
                    let rest = rest.trim();
                    if !(rest.is_empty() || rest.starts_with('#')) {
                        return None;
                    }
                    tables.push((at, None));
                    true
                }
                _ => false,
            };
            continue;
        }
        let key = t.split(['=', '.', ' ', '\t']).next().unwrap_or_default();
        if !in_kind && Kind::parse(key.trim_matches('"')).is_some() {
            return None;
        }
        if in_kind && key == "id" {
            let id = simple_id(t)?;
            let table = tables.last_mut()?;
            if table.1.replace(id).is_some() {
                return None;
            }
        }
    }
    Some(
        tables
            .into_iter()
            .filter_map(|(at, id)| {
                let end = next_header(&headers, at, content.len());
                id.map(|id| (id, &content[at..end]))
            })
            .collect(),
    )
}

/// Any TOML, through the parser.
fn parsed_toml(content: &str) -> Vec<(String, &str)> {
    let Ok(doc) = DeTable::parse(content) else {
        return Vec::new();
    };
    let headers = header_starts(content);
    let mut out = Vec::new();
    for (key, value) in doc.get_ref().iter() {
        if Kind::parse(key.get_ref()).is_none() {
            continue;
        }
        let Some(items) = value.get_ref().as_array() else {
            continue;
        };
        for item in items.iter() {
            let Some(table) = item.get_ref().as_table() else {
                continue;
            };
            let Some(id) = table
                .iter()
                .find(|(k, _)| k.get_ref() == "id")
                .and_then(|(_, v)| v.get_ref().as_str())
            else {
                continue;
            };
            let span = item.span();
            let end = if content[span.clone()].starts_with("[[") {
                next_header(&headers, span.start, content.len())
            } else {
                span.end
            };
            out.push((id.to_owned(), &content[span.start..end]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_cut_at_the_next_header_and_whitespace_folded() {
        let t = "[[principle]]\nid = \"A\"\ntitle   =  \"x\"\n\n[[principle]]\nid = \"B\"\n";
        assert_eq!(
            object_texts("p.toml", t),
            vec![
                ("A".into(), "[[principle]] id = \"A\" title = \"x\"".into()),
                ("B".into(), "[[principle]] id = \"B\"".into())
            ]
        );
    }

    #[test]
    fn the_line_reader_agrees_with_the_parser() {
        let cases = [
            "[[principle]]\nid = \"A\"\ntitle = \"x\"\n\n[[kpi]] # metrics\nid = 'K-1' # the id\n[kpi.extra]\nid = 3\n",
            "# c\n[[objective]]\ntitle = \"no id\"\n[[objective]]\n  id = \"B\"\n[[objective.sub]]\nid = \"nested\"\n",
            "[people.x]\nname = 'n'\n[[tenet]]\nid=\"T\"\ntext = \"When a, we choose b over c because d e f g.\"\n",
        ];
        for c in cases {
            assert_eq!(simple_toml(c), Some(parsed_toml(c)), "{c}");
        }
        for odd in [
            "[[kpi]]\nid = \"\"\"A\"\"\"\n",
            "kpi = [{ id = \"A\" }]\n",
            "[[kpi]]\nid = \"a\\u0041\"\n",
        ] {
            assert_eq!(simple_toml(odd), None, "{odd}");
        }
    }

    #[test]
    fn the_front_matter_line_reader_agrees_with_the_parser() {
        let parsed = |front: &str| {
            DeTable::parse(front).ok().and_then(|t| {
                t.get_ref()
                    .iter()
                    .find(|(k, _)| k.get_ref() == "id")
                    .and_then(|(_, v)| v.get_ref().as_str().map(str::to_owned))
            })
        };
        for front in [
            "kind = \"principle\"\nid = \"P-1\" # the id\n",
            "kind = 'thesis'\n  id='T'\n[extra]\nid = \"not-top\"\n",
            "kind = \"kpi\"\ntitle = \"no id\"\n",
            "identity = 3\nid = \"X\"\n",
        ] {
            assert_eq!(
                simple_front_matter_id(front),
                Some(parsed(front)),
                "{front}"
            );
        }
        for odd in ["id = 3\n", "\"id\" = \"Q\"\n", "id = \"a\"\nid = \"b\"\n"] {
            assert_eq!(simple_front_matter_id(odd), None, "{odd}");
        }
    }

    #[test]
    fn the_hash_is_the_hash_of_the_normalized_text() {
        for t in [
            "",
            "   ",
            "one",
            " lead and trail ",
            "a\tb\r\nc\x0b\x0cd",
            "non\u{a0}breaking and\u{3000}ideographic\u{2028}space",
            "caf\u{e9} na\u{ef}ve \u{1f600}  emoji",
        ] {
            assert_eq!(
                normalized_hash(t),
                xxhash_rust::xxh3::xxh3_64(normalize(t).as_bytes()),
                "{t:?}"
            );
        }
    }

    #[test]
    fn a_kpi_s_baseline_and_target_are_followed_as_numbers() {
        let value = |text: &str, field: &str| {
            object_hashes("k.toml", text)
                .into_iter()
                .find(|(id, _)| id == &facet("K-1", field))
                .and_then(|(_, h)| facet_number(h))
        };
        let kpi =
            "[[kpi]]\nid = \"K-1\"\nbaseline = 1_000\ntarget_date = 3\ntarget = 2.5 # stretch\n";
        assert_eq!(value(kpi, "baseline"), Some(1000.0));
        assert_eq!(value(kpi, "target"), Some(2.5));
        assert_eq!(value(kpi, "current"), None);
    }

    #[test]
    fn a_kpi_s_current_is_followed_as_a_number() {
        let facet = |text: &str| {
            object_hashes("k.toml", text)
                .into_iter()
                .find(|(id, _)| id == &current_facet("K-1"))
                .map(|(_, h)| h)
        };
        let kpi =
            |current: &str| format!("[[kpi]]\nid = \"K-1\"\nbaseline = 1\n{current}\ntarget = 2\n");
        assert_eq!(
            facet(&kpi("current = 30")),
            facet(&kpi("current   = 30.0  # q3"))
        );
        assert_ne!(facet(&kpi("current = 30")), facet(&kpi("current = 31")));
        assert_eq!(facet(&kpi("")), Some(NO_VALUE));
        assert!(facet("[[objective]]\nid = \"K-1\"\ncurrent = 3\n").is_none());
        let md = "+++\nkind = \"kpi\"\nid = \"K-1\"\ncurrent = 4\n+++\n\ncurrent = 5\n";
        assert_eq!(
            object_hashes("k.md", md)
                .into_iter()
                .find(|(id, _)| id.ends_with("current"))
                .map(|(_, h)| h),
            Some(4.0f64.to_bits())
        );
    }

    #[test]
    fn a_markdown_document_is_its_whole_file() {
        let t = "+++\nkind = \"thesis\"\nid = \"T\"\n+++\n\nBody  text.\n";
        assert_eq!(
            object_texts("t.md", t),
            vec![(
                "T".into(),
                "+++ kind = \"thesis\" id = \"T\" +++ Body text.".into()
            )]
        );
        assert!(object_texts("README.md", "# hi\n").is_empty());
    }
}
