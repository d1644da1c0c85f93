//! The text of each object in a file, as history compares it: for a
//! Markdown document the whole file, for a TOML object its table; every
//! run of whitespace read as one space, and the `owner`, `reviewed` and
//! `measured` keys left out (SPEC §5).

use std::borrow::Cow;
use std::ops::Range;

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
        .map(|o| {
            let cuts = uncompared(o.raw, o.keys);
            (o.id, normalize(&compared(o.raw, &cuts)))
        })
        .collect()
}

/// `(id, hash of the normalized text)` of every object in a file's content:
/// what history compares, without building the normalized strings.
pub fn object_hashes(path: &str, content: &str) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    for Found { id, raw, keys } in objects(path, content) {
        // A KPI's `current`, `baseline` and `target` are followed on their
        // own, as the facets `ID␟current` (SPEC §5b: its last measurement)
        // and `ID␟baseline`, `ID␟target` (moved goalposts), and a
        // guardrail's `min` and `max` as `ID␟min`, `ID␟max` (moved
        // guardrails, SPEC §15), dated like any object's text.
        // The kind is read once: a document's front matter up to its
        // `kind` line, not the whole of it for each question.
        let kind = declared_kind(raw);
        if let Some(values) = kind.filter(|k| *k == "kpi").and_then(|_| kpi_numbers(raw)) {
            for (field, value) in FACETS.iter().zip(values) {
                // `measured`, `min` and `max` only where they are written:
                // a KPI that never sets them costs nothing more (a facet
                // that appears or goes is no move of a number either).
                if value != NO_VALUE || !WRITTEN_ONLY.contains(field) {
                    out.push((facet(&id, field), value));
                }
            }
        } else if let Some(status) = kind
            .filter(|k| *k == "initiative")
            .and_then(|_| initiative_status(raw))
        {
            // An initiative's `status`, as the facet `ID␟status`: when it
            // became done or stopped (SPEC §14, an objective's activity).
            out.push((status_facet(&id), status));
        }
        out.push((id, normalized_hash_without(raw, &uncompared(raw, keys))));
    }
    out
}

/// The keys an object's compared text leaves out (SPEC §5): handing an
/// object to a new owner, or recording that it was reviewed or measured,
/// does not change what it says (`reviewed` and `measured` count through
/// their values instead).
pub const UNCOMPARED: [&str; 3] = ["owner", "reviewed", "measured"];

/// Where `raw`'s top-level [`UNCOMPARED`] keys are (byte ranges in `raw`,
/// in order), which lie in `raw[keys]`: a TOML table's lines, or a
/// document's front matter up to its first table header.
fn uncompared(raw: &str, keys: Range<usize>) -> Vec<Range<usize>> {
    let region = &raw[keys.clone()];
    // A line-by-line region is read once (most objects have an `owner`, so
    // searching for the keys first would only read it twice).
    let cuts = if !region.trim_start().starts_with('{') {
        line_cuts(region)
    } else if UNCOMPARED.iter().any(|k| region.contains(k)) {
        inline_cuts(region)
    } else {
        Vec::new()
    };
    cuts.into_iter()
        .map(|c| keys.start + c.start..keys.start + c.end)
        .collect()
}

/// `raw` without the ranges `cuts`, each read as a space (the words on
/// either side stay apart).
fn compared<'a>(raw: &'a str, cuts: &[Range<usize>]) -> Cow<'a, str> {
    if cuts.is_empty() {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut at = 0;
    for cut in cuts {
        out.push_str(&raw[at..cut.start]);
        out.push(' ');
        at = cut.end;
    }
    out.push_str(&raw[at..]);
    Cow::Owned(out)
}

/// The key that a line of TOML sets (`key = …`, `"key" = …`), with the
/// value's text; `None` for anything else (headers, comments, dotted keys
/// are read as written: `owner.x` is not `owner`).
fn key_line(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.trim().split_once('=')?;
    let key = key.trim();
    let key = key
        .strip_prefix('"')
        .and_then(|k| k.strip_suffix('"'))
        .or_else(|| key.strip_prefix('\'').and_then(|k| k.strip_suffix('\'')))
        .unwrap_or(key);
    Some((key, value.trim()))
}

/// The delimiter of a multi-line string that `value` opens and does not
/// close on its line.
fn opens_multiline(value: &str) -> Option<&'static str> {
    ["\"\"\"", "'''"]
        .into_iter()
        .find(|d| value.starts_with(d) && !value[3..].contains(d))
}

/// The byte ranges of the lines of `region` (TOML keys, line by line) that
/// set an [`UNCOMPARED`] key, up to the first table header other than a
/// `[[kind]]` table's own, on its first line; a multi-line string value
/// goes with its key.
fn line_cuts(region: &str) -> Vec<Range<usize>> {
    let mut cuts: Vec<Range<usize>> = Vec::new();
    // Inside a multi-line string: its closing delimiter, and whether its key is cut.
    let mut open: Option<(&str, bool)> = None;
    let mut offset = 0;
    let own_header = region.trim_start().starts_with("[[");
    // Whether any line may open a multi-line string (most tables have none).
    let triple = has_triple_quote(region);
    for (n, line) in region.split_inclusive('\n').enumerate() {
        let span = offset..offset + line.len();
        offset += line.len();
        if let Some((delim, cut)) = open {
            if cut {
                cuts.push(span);
            }
            if line.contains(delim) {
                open = None;
            }
            continue;
        }
        let t = line.trim_start();
        if t.starts_with('[') {
            if own_header && n == 0 {
                continue;
            }
            break;
        }
        // Most lines set another key and open no multi-line string: only a
        // line that may set an uncompared key (`owner`, `reviewed`,
        // `measured`, quoted or not) or holds a triple quote is read further.
        let may_cut = matches!(
            t.as_bytes().first(),
            Some(b'o' | b'r' | b'm' | b'"' | b'\'')
        );
        if !(may_cut || triple && has_triple_quote(t)) {
            continue;
        }
        let Some((key, value)) = key_line(t.trim_end()) else {
            continue;
        };
        let cut = UNCOMPARED.contains(&key);
        if cut {
            cuts.push(span);
        }
        open = opens_multiline(value).map(|d| (d, cut));
    }
    cuts
}

/// Whether `text` holds `"""` or `'''` (that may open a multi-line
/// string): one pass over its quotes, where two substring searches would
/// read it twice.
fn has_triple_quote(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr2_iter(b'"', b'\'', b)
        .any(|i| b.get(i + 1) == Some(&b[i]) && b.get(i + 2) == Some(&b[i]))
}

/// The byte ranges of `region` (an inline table, `{ … }`) that set an
/// [`UNCOMPARED`] key, each with the comma after it.
fn inline_cuts(region: &str) -> Vec<Range<usize>> {
    const WRAP: &str = "x = ";
    let wrapped = format!("{WRAP}{region}");
    let Ok(doc) = DeTable::parse(&wrapped) else {
        return Vec::new();
    };
    let Some(table) = doc
        .get_ref()
        .iter()
        .next()
        .and_then(|(_, v)| v.get_ref().as_table())
    else {
        return Vec::new();
    };
    let mut cuts = Vec::new();
    for (key, value) in table.iter() {
        if !UNCOMPARED.contains(&key.get_ref().as_ref()) {
            continue;
        }
        let start = key.span().start - WRAP.len();
        let mut end = value.span().end - WRAP.len();
        let mut start = start;
        let rest = &region[end..];
        if let Some(comma) = rest.trim_start().strip_prefix(',') {
            end = region.len() - comma.len();
        } else if let Some(before) = region[..start].trim_end().strip_suffix(',') {
            // The last key: the comma before it goes with it.
            start = before.len();
        }
        cuts.push(start..end);
    }
    cuts.sort_by_key(|c| c.start);
    cuts
}

/// The KPI fields history follows as facets, in [`kpi_numbers`]' order
/// (`measured`, a date, by its text's hash: a re-measurement at the same
/// value changes it; `min` and `max`, a guardrail's bounds).
const FACETS: [&str; 6] = ["current", "baseline", "target", "measured", "min", "max"];

/// The facets a KPI holds only where its text writes the field.
const WRITTEN_ONLY: [&str; 3] = ["measured", "min", "max"];

/// The id under which history follows one field of a KPI (`current`,
/// `baseline`, `target`, `measured`, `min` or `max`).
pub fn facet(id: &str, field: &str) -> String {
    format!("{id}\u{1f}{field}")
}

/// How the facet of a KPI's `current` ends ([`current_facet`]).
pub const CURRENT_SUFFIX: &str = "\u{1f}current";

/// The id under which history follows a KPI's `current` value.
pub fn current_facet(id: &str) -> String {
    facet(id, "current")
}

/// The id under which history follows an initiative's `status`.
pub fn status_facet(id: &str) -> String {
    facet(id, "status")
}

/// The kind an object's text declares: its `[[table]]`'s name, or the
/// value of its front matter's first `kind` line; `None` for anything else.
fn declared_kind(raw: &str) -> Option<&str> {
    let trimmed = raw.trim_start();
    if let Some(rest) = trimmed.strip_prefix("[[") {
        return rest.split_once("]]").map(|(name, _)| name.trim());
    }
    if !trimmed.starts_with("+++") {
        return None;
    }
    raw.lines()
        .skip(1)
        .take_while(|l| l.trim_end() != "+++")
        .find_map(|l| {
            let v = l
                .trim()
                .strip_prefix("kind")?
                .trim_start()
                .strip_prefix('=')?;
            Some(v.trim().trim_matches(['"', '\'']))
        })
}

/// For an initiative's text (an `[[initiative]]` table, or a document whose
/// front matter says `kind = "initiative"`), the hash of its `status` value
/// ([`NO_VALUE`] when absent); `None` for anything else.
fn initiative_status(raw: &str) -> Option<u64> {
    let trimmed = raw.trim_start();
    let value = |l: &str| {
        let rest = l
            .trim()
            .strip_prefix("status")?
            .trim_start()
            .strip_prefix('=')?;
        Some(normalized_hash(
            rest.split('#').next().unwrap_or_default().trim(),
        ))
    };
    if let Some(rest) = trimmed.strip_prefix("[[") {
        let (name, _) = rest.split_once("]]")?;
        if name.trim() != "initiative" {
            return None;
        }
        return Some(raw.lines().skip(1).find_map(value).unwrap_or(NO_VALUE));
    }
    if !trimmed.starts_with("+++") {
        return None;
    }
    let front = raw.lines().skip(1).take_while(|l| l.trim_end() != "+++");
    let (mut kind, mut status) = (false, NO_VALUE);
    for l in front {
        let t = l.trim();
        if t.starts_with('[') {
            break;
        }
        let is_kind = t
            .strip_prefix("kind")
            .and_then(|r| r.trim_start().strip_prefix('='))
            .is_some_and(|v| v.trim().trim_matches(['"', '\'']) == "initiative");
        kind |= is_kind;
        if let Some(v) = value(t) {
            status = v;
        }
    }
    kind.then_some(status)
}

/// What a facet holds when its KPI has no such field.
pub const NO_VALUE: u64 = 0xFFFF_FFFF_FFFF_FFF0;

/// A facet's value as a number: `None` when the field was absent or not a
/// plain number.
pub fn facet_number(value: u64) -> Option<f64> {
    if value == NO_VALUE {
        return None;
    }
    // A value that was not a plain number holds its text's hash, which reads
    // as an arbitrary float; such a KPI fails its schema check anyway.
    let x = f64::from_bits(value);
    x.is_finite().then_some(x)
}

/// For a KPI's text (its `[[kpi]]` table, or a document whose front matter
/// says `kind = "kpi"`), its [`FACETS`] (`current`, `baseline`, `target`,
/// `measured`, `min`, `max`) as compared
/// across commits: each number's bits (`30` and `30.0` alike), [`NO_VALUE`]
/// when absent, the hash of the text for a value that is not a plain
/// number. `None` for anything but a KPI.
fn kpi_numbers(raw: &str) -> Option<[u64; FACETS.len()]> {
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
    let mut values = [NO_VALUE; FACETS.len()];
    let mut seen = [false; FACETS.len()];
    for l in &lines {
        let l = l.trim();
        // Only a line starting as a facet's name can set it (`c`, `b`, `t`, `m`).
        if !matches!(l.as_bytes().first(), Some(b'c' | b'b' | b't' | b'm')) {
            continue;
        }
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
    normalized_hash_without(text, &[])
}

/// [`normalized_hash`] of `text` without the byte ranges `cuts` (in
/// order, not overlapping), each read as whitespace: the hash of
/// `normalize(&compared(text, cuts))`, with no copy made first.
fn normalized_hash_without(text: &str, cuts: &[Range<usize>]) -> u64 {
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BUFFER.with_borrow_mut(|buf| {
        // The normalized text is never longer than the text.
        buf.clear();
        buf.resize(text.len(), 0);
        let bytes = text.as_bytes();
        let (mut len, mut gap, mut i) = (0, false, 0);
        // The next cut and where it starts (one comparison a byte).
        let mut cuts = cuts.iter();
        let mut cut = cuts.next();
        let mut stop = cut.map_or(usize::MAX, |c| c.start);
        while i < bytes.len() {
            if i >= stop {
                gap = true;
                i = i.max(cut.map_or(i, |c| c.end));
                cut = cuts.next();
                stop = cut.map_or(usize::MAX, |c| c.start);
                continue;
            }
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

/// One object's text in a file.
struct Found<'c> {
    /// Its id.
    id: String,
    /// Its whole text: the document, or the table.
    raw: &'c str,
    /// Where in `raw` its own keys are: the table, or the front matter.
    keys: Range<usize>,
}

/// `(id, raw text)` of every object.
fn objects<'c>(path: &str, content: &'c str) -> Vec<Found<'c>> {
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
    if has_triple_quote(front) {
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

fn markdown(content: &str) -> Vec<Found<'_>> {
    let FrontMatter::Toml { toml, body, .. } = frontmatter::split(content) else {
        return Vec::new();
    };
    let found = |id: String| Found {
        id,
        raw: content,
        keys: toml.clone(),
    };
    let id = match simple_front_matter_id(&content[toml.clone()]) {
        Some(id) => id,
        None => {
            let Ok(table) = DeTable::parse(&content[toml.clone()]) else {
                return Vec::new();
            };
            table
                .get_ref()
                .iter()
                .find(|(k, _)| k.get_ref() == "id")
                .and_then(|(_, v)| v.get_ref().as_str().map(str::to_owned))
        }
    };
    let mut out: Vec<Found<'_>> = id.map(found).into_iter().collect();
    out.extend(list_item_tenets(content, body));
    out
}

/// The list items of a document's body (from `body` on) that end with
/// `{#ID}`: tenets with ids of their own (SPEC §4), each followed by its
/// id with the item's text. Read line by line, whatever heading they are
/// under (the headings are configurable; only ids that are tenets today
/// are asked about).
fn list_item_tenets(content: &str, body: usize) -> Vec<Found<'_>> {
    let text = &content[body.min(content.len())..];
    if !text.contains("{#") {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut item: Option<usize> = None;
    let mut offset = body;
    for line in content[body..].split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let t = line.trim();
        if is_list_item(t) {
            item = Some(start);
        } else if t.is_empty() || t.starts_with('#') {
            item = None;
        }
        let Some(from) = item else { continue };
        let Some(id) = t
            .strip_suffix('}')
            .and_then(|r| r.rsplit_once("{#"))
            .map(|(_, id)| id)
        else {
            continue;
        };
        let valid = id.starts_with(|c: char| c.is_ascii_alphabetic())
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
        if valid {
            out.push(Found {
                id: id.to_owned(),
                raw: &content[from..offset],
                keys: 0..0,
            });
        }
        item = None;
    }
    out
}

/// Whether a trimmed line opens a list item (`- `, `* `, `+ `, `1. `, `1) `).
fn is_list_item(t: &str) -> bool {
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = &t[digits..];
    let marker = if digits > 0 {
        rest.starts_with(['.', ')'])
    } else {
        rest.starts_with(['-', '*', '+'])
    };
    marker && rest[1..].starts_with([' ', '\t'])
}

fn toml(content: &str) -> Vec<Found<'_>> {
    // Objects are in `[[kind]]` tables or `kind = [ … ]` arrays: both hold a `[`.
    if !content.contains('[') {
        return Vec::new();
    }
    simple_toml(content)
        .unwrap_or_else(|| parsed_toml(content))
        .into_iter()
        .map(|(id, raw)| Found {
            id,
            raw,
            keys: 0..raw.len(),
        })
        .collect()
}

/// The common shape read line by line, without a TOML parser: `[[kind]]`
/// headers and one `id = "…"` line per table. `None` for anything else
/// (multi-line strings, inline arrays of kinds, dotted or unusual ids),
/// which [`parsed_toml`] reads.
fn simple_toml(content: &str) -> Option<Vec<(String, &str)>> {
    if has_triple_quote(content) {
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

    #[test]
    fn an_initiatives_status_is_a_facet_in_tables_and_documents_alike() {
        let status = |path: &str, text: &str| {
            object_hashes(path, text)
                .into_iter()
                .find(|(id, _)| id == &status_facet("I-1"))
                .map(|(_, h)| h)
        };
        let table = |st: &str| format!("[[initiative]]\nid = \"I-1\"\ntitle = \"T\"\n{st}");
        let doc =
            |st: &str| format!("+++\nkind = \"initiative\"\nid = \"I-1\"\n{st}+++\n\nBody.\n");
        assert_eq!(status("a.toml", &table("")), Some(NO_VALUE));
        let done = status("a.toml", &table("status = \"done\"  # shipped\n"));
        assert_eq!(done, status("a.md", &doc("status = \"done\"\n")));
        assert_ne!(done, status("a.toml", &table("status = \"active\"\n")));
        assert_eq!(status("a.md", &doc("")), Some(NO_VALUE));
        // Other kinds have none; a KPI's `measured` only where written.
        assert_eq!(
            status("a.toml", "[[debt]]\nid = \"I-1\"\nstatus = \"paid\"\n"),
            None
        );
        let kpi = "[[kpi]]\nid = \"K-1\"\ncurrent = 3\n";
        let has_measured = |t: &str| {
            object_hashes("k.toml", t)
                .iter()
                .any(|(id, _)| id == &facet("K-1", "measured"))
        };
        assert!(!has_measured(kpi));
        assert!(has_measured(&format!("{kpi}measured = 2026-10-01\n")));
    }

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
    fn a_guardrail_s_min_and_max_are_followed_only_where_written() {
        let facets = |text: &str| -> Vec<(String, Option<f64>)> {
            object_hashes("k.toml", text)
                .into_iter()
                .filter(|(id, _)| id == &facet("K-1", "min") || id == &facet("K-1", "max"))
                .map(|(id, h)| (id, facet_number(h)))
                .collect()
        };
        let guardrail = "[[kpi]]\nid = \"K-1\"\nmax = 200 # ms\nmin = 1e1\nmeasured = 2026-01-01\n";
        assert_eq!(
            facets(guardrail),
            [
                (facet("K-1", "min"), Some(10.0)),
                (facet("K-1", "max"), Some(200.0))
            ]
        );
        // A KPI without bounds holds no such facet.
        assert!(facets("[[kpi]]\nid = \"K-1\"\nbaseline = 1\ntarget = 2\n").is_empty());
        let md = "+++\nkind = \"kpi\"\nid = \"K-1\"\nmax = 250\n+++\n\nmin = 5\n";
        assert_eq!(
            object_hashes("k.md", md)
                .into_iter()
                .filter(|(id, _)| id.ends_with("max") || id.ends_with("min"))
                .map(|(_, h)| facet_number(h))
                .collect::<Vec<_>>(),
            [Some(250.0)]
        );
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
    fn owner_reviewed_and_measured_are_not_compared() {
        let hash = |path: &str, text: &str| object_hashes(path, text).last().map(|(_, h)| *h);
        let table = |extra: &str| {
            format!(
                "[[principle]]\nid = \"P\"\ntitle = \"x\"\n{extra}serves = [\"T\"]\n\n[principle.note]\nowner = \"kept\"\n"
            )
        };
        let plain = hash("p.toml", &table(""));
        for extra in [
            "owner = \"alice\"\n",
            "owner = \"@bob\" # since March\nreviewed = 2026-01-02\n",
            "\"reviewed\" = \"2026-03-04\"\nmeasured = 2026-03-04\n",
            "owner = \"\"\"\nalice\n\"\"\"\n",
        ] {
            assert_eq!(hash("p.toml", &table(extra)), plain, "{extra}");
        }
        for extra in ["title2 = 1\n", "owners = \"x\"\n", "owner.x = 1\n"] {
            assert_ne!(hash("p.toml", &table(extra)), plain, "{extra}");
        }
        // In a multi-line string, a line that looks like a key is text.
        let described = |who: &str| {
            format!("[[thesis]]\nid = \"T\"\ndescription = \"\"\"\nowner = {who}\n\"\"\"\n")
        };
        assert_ne!(
            hash("t.toml", &described("a")),
            hash("t.toml", &described("b"))
        );
        // A document: its front matter's keys, not its body.
        let doc = |front: &str, body: &str| {
            format!("+++\nkind = \"thesis\"\nid = \"T\"\n{front}+++\n\n{body}\n")
        };
        assert_eq!(
            hash("t.md", &doc("owner = \"a\"\n", "Why.")),
            hash(
                "t.md",
                &doc("owner = \"b\"\nreviewed = 2026-01-01\n", "Why.")
            )
        );
        assert_ne!(
            hash("t.md", &doc("", "owner = a")),
            hash("t.md", &doc("", "owner = b"))
        );
        // Inline tables, the key first, in the middle or last.
        let inline = |t: &str| hash("k.toml", &format!("thesis = [{t}]\n"));
        let bare = inline("{ id = \"T\", title = \"x\" }");
        for t in [
            "{ owner = \"a\", id = \"T\", title = \"x\" }",
            "{ id = \"T\", reviewed = 2026-01-01, title = \"x\" }",
            "{ id = \"T\", title = \"x\", owner = \"a\" }",
        ] {
            assert_eq!(inline(t), bare, "{t}");
        }
        assert_ne!(inline("{ id = \"T\", title = \"y\" }"), bare);
    }

    #[test]
    fn the_hash_without_cuts_is_the_hash_of_the_text_without_them() {
        let cases: [(&str, &[Range<usize>]); 4] = [
            ("a owner = \"x\"\nb", &[2..14, 15..15]),
            ("owner = 1\nid = 2\nreviewed = 3\n", &[0..10, 17..30]),
            ("x\u{a0}y z", &[]),
            ("abc", &[0..1, 1..3]),
        ];
        for (text, cuts) in cases {
            assert_eq!(
                normalized_hash_without(text, cuts),
                normalized_hash(&compared(text, cuts)),
                "{text:?}"
            );
        }
    }

    #[test]
    fn list_item_tenets_with_ids_are_followed_by_id() {
        let doc = "+++\nkind = \"principle\"\nid = \"P\"\n+++\n\n## Tenets\n\n- When a, we choose\n  b over c because d e f g. {#T-ONE}\n* no id here\n1. When x, we prefer y over z because w. {#T-2}\n\n## Heading {#not-a-tenet}\n- `{#}` {#bad id}\n";
        let ids: Vec<String> = object_texts("p.md", doc)
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        assert_eq!(ids, ["P", "T-ONE", "T-2"]);
        let text = |d: &str| {
            object_texts("p.md", d)
                .into_iter()
                .find(|(id, _)| id == "T-ONE")
                .map(|(_, t)| t)
        };
        assert_eq!(
            text(doc).as_deref(),
            Some("- When a, we choose b over c because d e f g. {#T-ONE}")
        );
        assert!(is_list_item("- x") && is_list_item("12) x") && !is_list_item("-x"));
        assert!(!is_list_item("1.5 x") && !is_list_item("") && !is_list_item("+"));
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
