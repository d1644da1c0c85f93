//! The text of each object in a file, as history compares it: for a
//! Markdown document the whole file, for a TOML object its table; every
//! run of whitespace read as one space (SPEC §5).

use toml::de::DeTable;

use crate::model::Kind;
use crate::parse::frontmatter::{self, FrontMatter};
use crate::parse::tenet::normalize;
use crate::parse::toml_file::{header_starts, next_header};

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
    objects(path, content)
        .into_iter()
        .map(|(id, raw)| (id, normalized_hash(raw)))
        .collect()
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
