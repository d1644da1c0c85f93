//! How an adopted record's status phrase is read (SPEC §11): the phrase
//! (up to a link, a date or the end of the line, lowercased, punctuation
//! at its ends dropped), the relation lines a Status section holds beside
//! it, and the lookup through `decisions.statuses` and the built-in
//! synonyms; also the dates written beside statuses.

use std::collections::BTreeMap;

use crate::date::Date;
use crate::model::DecisionStatus;
use crate::project::config::status_phrase;

/// The built-in status synonyms (SPEC §11), beside the five statuses.
pub const SYNONYMS: &[(&str, DecisionStatus)] = &[
    ("approved", DecisionStatus::Accepted),
    ("adopted", DecisionStatus::Accepted),
    ("agreed", DecisionStatus::Accepted),
    ("decided", DecisionStatus::Accepted),
    ("done", DecisionStatus::Accepted),
    ("implemented", DecisionStatus::Accepted),
    ("partly superseded", DecisionStatus::Accepted),
    ("amended", DecisionStatus::Accepted),
    // Beyond the SPEC's list: seen in real collections (cometbft, nats).
    ("partially accepted", DecisionStatus::Accepted),
    ("partially implemented", DecisionStatus::Accepted),
    ("draft", DecisionStatus::Proposed),
    ("pending", DecisionStatus::Proposed),
    ("proposal", DecisionStatus::Proposed),
    ("open", DecisionStatus::Proposed),
    ("in review", DecisionStatus::Proposed),
    ("under review", DecisionStatus::Proposed),
    ("in progress", DecisionStatus::Proposed),
    ("on hold", DecisionStatus::Proposed),
    ("deferred", DecisionStatus::Proposed),
    ("wip", DecisionStatus::Proposed),
    // Beyond the SPEC's list: seen in cloud-platform.
    ("incomplete", DecisionStatus::Proposed),
    ("declined", DecisionStatus::Rejected),
    ("withdrawn", DecisionStatus::Rejected),
    ("abandoned", DecisionStatus::Rejected),
    ("refused", DecisionStatus::Rejected),
    ("obsolete", DecisionStatus::Deprecated),
    ("retired", DecisionStatus::Deprecated),
    ("replaced", DecisionStatus::Deprecated),
    ("superceded", DecisionStatus::Superseded),
];

/// Built-in synonyms read only as the whole phrase, never as the first
/// word of a longer one: `Reverted` is deprecated (cometbft), but
/// `Reverted by [discussion #1198](…)` is a relation (home-assistant).
pub const WHOLE_PHRASE_SYNONYMS: &[(&str, DecisionStatus)] =
    &[("reverted", DecisionStatus::Deprecated)];

/// A text without the symbols, emoji and punctuation before its first
/// word (`⌛️ Superseded by […]`); a link's `[` is kept.
pub fn without_leading_symbols(text: &str) -> &str {
    text.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '[')
}

/// `Superseded [0019](…)`: whether the text before a paragraph's first
/// link is the word alone (no `by`), symbols and a colon around it aside.
pub fn superseded_before_link(head: &str) -> bool {
    let word = head.trim_matches(|c: char| !c.is_alphanumeric());
    word.eq_ignore_ascii_case("superseded") || word.eq_ignore_ascii_case("superceded")
}

/// Words that open a relation rather than a status (adr-tools' `-s` and
/// `-l` write them), `Superseded by` aside.
const RELATIONS: &[&str] = &[
    "supersedes",
    "supercedes",
    "amends",
    "amended by",
    "clarifies",
    "clarified by",
];

/// `superseded by …` in either spelling: the length of those words.
pub fn superseded_by(text: &str) -> Option<usize> {
    let lower = text.trim_start().to_ascii_lowercase();
    let skipped = text.len() - text.trim_start().len();
    ["superseded by", "superceded by"]
        .iter()
        .find(|w| starts_with_word(&lower, w))
        .map(|w| skipped + w.len())
}

/// Whether `text` (lowercase) starts with `word` as a whole word.
fn starts_with_word(text: &str, word: &str) -> bool {
    text.starts_with(word)
        && !text[word.len()..]
            .chars()
            .next()
            .is_some_and(char::is_alphabetic)
}

/// What a paragraph or list item of a Status section is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    /// `Superseded by …`: the status is `superseded`.
    SupersededBy,
    /// A relation adr-tools writes (`Supersedes […]`, `Amends […]`): skipped.
    Relation,
    /// Another `<Verb> [link]` (`Refined by […]`, `Reverted by […]`): skipped,
    /// unless what follows is no status either (then it is the status).
    Verb,
    /// Anything else: the status phrase.
    Status,
}

/// Classifies the first line of a Status section's paragraph or item;
/// `before_link` is its text before its first link, when it has one.
pub fn classify(
    line: &str,
    before_link: Option<&str>,
    statuses: &BTreeMap<String, String>,
) -> Line {
    let line = without_leading_symbols(line);
    if superseded_by(line).is_some() {
        return Line::SupersededBy;
    }
    let lower = line.trim_start().to_lowercase();
    if RELATIONS.iter().any(|w| starts_with_word(&lower, w)) {
        return Line::Relation;
    }
    if let Some(head) = before_link {
        let words: Vec<&str> = head.split_whitespace().collect();
        let verb = (1..=3).contains(&words.len())
            && words
                .iter()
                .all(|w| w.trim_end_matches(':').chars().all(char::is_alphabetic));
        if verb && lookup(&phrase(head), statuses).is_none() {
            return Line::Verb;
        }
    }
    Line::Status
}

/// The status phrase of a text: up to a link, a date or the end of its
/// first line, lowercased, punctuation at its ends dropped.
pub fn phrase(text: &str) -> String {
    let mut end = text.find(['\n', '\r']).unwrap_or(text.len());
    if let Some(link) = text[..end].find('[') {
        end = link;
    }
    if let Some((at, _)) = first_date_shape(&text[..end]) {
        end = at;
    }
    status_phrase(&text[..end])
}

/// The status a phrase stands for: the phrase, else its leading words
/// (longest first, down to its first word), each looked up in
/// `decisions.statuses`, then among the five statuses and the built-in
/// synonyms (`on hold until Q3` is `on hold`); `superseded by …` is
/// `superseded`.
pub fn lookup(phrase: &str, statuses: &BTreeMap<String, String>) -> Option<DecisionStatus> {
    if superseded_by(phrase).is_some() {
        return Some(DecisionStatus::Superseded);
    }
    let words: Vec<&str> = phrase.split_whitespace().collect();
    (1..=words.len()).rev().find_map(|n| {
        let p = words[..n].join(" ");
        let p = p.trim_matches(|c: char| !c.is_alphanumeric());
        let whole = WHOLE_PHRASE_SYNONYMS
            .iter()
            .filter(|_| n == words.len())
            .find(|(w, _)| *w == p)
            .map(|&(_, s)| s);
        statuses
            .get(p)
            .and_then(|s| DecisionStatus::parse(s))
            .or_else(|| DecisionStatus::parse(p))
            .or_else(|| SYNONYMS.iter().find(|(w, _)| *w == p).map(|&(_, s)| s))
            .or(whole)
    })
}

/// The first date-shaped word of a text (`2026-03-01`, `2026-3-1`,
/// `2026/03/01`, `01.03.2026`): its byte offset and text.
pub fn first_date_shape(text: &str) -> Option<(usize, &str)> {
    let b = text.as_bytes();
    let run = |i: usize| b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let (mut j, mut parts) = (i, Vec::new());
        loop {
            let n = run(j);
            parts.push(n);
            j += n;
            if parts.len() == 3 || j + 1 >= b.len() || !matches!(b[j], b'-' | b'/' | b'.') {
                break;
            }
            if !b[j + 1].is_ascii_digit() {
                break;
            }
            j += 1;
        }
        let iso = parts.len() == 3 && parts[0] == 4 && parts[1] <= 2 && parts[2] <= 2;
        let european = parts.len() == 3 && parts[0] <= 2 && parts[1] <= 2 && parts[2] == 4;
        if iso || european {
            return Some((i, &text[i..j]));
        }
        i += 1;
    }
    None
}

/// The first year-first date-shaped word of a text (`2026-03-01`,
/// `2026/3/1`): what a `Date:` line is read for (`29/12/2021` is none).
pub fn first_iso_shape(text: &str) -> Option<&str> {
    let mut from = 0;
    while let Some((at, word)) = first_date_shape(&text[from..]) {
        if word.bytes().take_while(u8::is_ascii_digit).count() == 4 {
            return Some(word);
        }
        from += at + word.len();
    }
    None
}

/// A date-shaped word read as a date: `YYYY-MM-DD` (or with `/`); `None`
/// for any other shape or a day that does not exist.
pub fn iso_day(word: &str) -> Option<Date> {
    let mut parts = word.split(['-', '/']);
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || parts.next().is_some() {
        return None;
    }
    Date::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// A YAML `date:` value: a date, or a datetime read as its UTC day
/// (`2026-03-01T23:30:00-02:00` is 2026-03-02).
pub fn yaml_day(value: &str) -> Option<Date> {
    let value = value.trim();
    let day = Date::parse(value.get(..10)?)?;
    let rest = &value[10..];
    if rest.is_empty() {
        return Some(day);
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?.trim_start();
    // hh:mm[:ss[.frac]]
    let clock_len = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(rest.len());
    let mut clock = rest[..clock_len].split(':');
    let hours: i64 = clock.next()?.parse().ok()?;
    let minutes: i64 = clock.next()?.parse().ok()?;
    if let Some(s) = clock.next() {
        let whole = s.split('.').next()?;
        if whole.parse::<u32>().ok()? > 60 {
            return None;
        }
    }
    if hours > 23 || minutes > 59 || clock.next().is_some() {
        return None;
    }
    let zone = rest[clock_len..].trim();
    let offset = match zone {
        "" | "Z" | "z" => 0,
        z => {
            let sign = match z.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let z = &z[1..];
            let (h, m) = match z.split_once(':') {
                Some((h, m)) => (h, m),
                None if z.len() == 4 => (z.get(..2)?, z.get(2..)?),
                None => (z, "0"),
            };
            let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
            if h > 23 || m > 59 {
                return None;
            }
            sign * (h * 60 + m)
        }
    };
    let utc = hours * 60 + minutes - offset;
    Some(Date(day.0 + utc.div_euclid(24 * 60)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(text: &str) -> Option<&'static str> {
        lookup(&phrase(text), &BTreeMap::new()).map(DecisionStatus::name)
    }

    #[test]
    fn phrases_and_their_statuses() {
        assert_eq!(phrase("Accepted."), "accepted");
        assert_eq!(phrase("Accepted on 2020-01-05 by the team"), "accepted on");
        assert_eq!(phrase("Superseded by [2. B](0002-b.md)"), "superseded by");
        assert_eq!(phrase("On hold\nmore"), "on hold");
        assert_eq!(status("Accepted (2020-01-05)"), Some("accepted"));
        assert_eq!(status("Approved"), Some("accepted"));
        assert_eq!(status("partly superseded by ADR-3"), Some("accepted"));
        assert_eq!(status("In Review"), Some("proposed"));
        assert_eq!(status("WIP"), Some("proposed"));
        assert_eq!(
            status("Superceded by [3. C](0003-c.md)"),
            Some("superseded")
        );
        assert_eq!(status("superseded"), Some("superseded"));
        assert_eq!(status("Retired."), Some("deprecated"));
        assert_eq!(status("Declined"), Some("rejected"));
        assert_eq!(status("on ice"), None);
        // Symbols and emoji at the ends, punctuation after the first word.
        assert_eq!(status("✅ Accepted"), Some("accepted"));
        assert_eq!(status("⌛️ Superseded"), Some("superseded"));
        assert_eq!(status("🤔 Incomplete"), Some("proposed"));
        assert_eq!(
            status("Accepted, amended by [2](0002-b.md)"),
            Some("accepted")
        );
        assert_eq!(status("Accepted: Tracking issue"), Some("accepted"));
        assert_eq!(status("Accepted. Tracking in #12"), Some("accepted"));
        assert_eq!(status("Proposed, partially implemented"), Some("proposed"));
        assert_eq!(status("Partially Accepted"), Some("accepted"));
        assert_eq!(status("Partially implemented"), Some("accepted"));
        // `reverted` only as the whole phrase.
        assert_eq!(status("Reverted"), Some("deprecated"));
        assert_eq!(status("Reverted."), Some("deprecated"));
        assert_eq!(status("Reverted by [discussion](https://x.org/1)"), None);
        assert_eq!(phrase("✅ ⌛"), "");
        assert_eq!(status(""), None);
        let mine = BTreeMap::from([("on ice".to_owned(), "rejected".to_owned())]);
        assert_eq!(
            lookup("on ice", &mine).map(DecisionStatus::name),
            Some("rejected")
        );
        // The phrase is looked up before its first word.
        let mine = BTreeMap::from([("accepted with changes".to_owned(), "proposed".to_owned())]);
        assert_eq!(
            lookup("accepted with changes", &mine).map(DecisionStatus::name),
            Some("proposed")
        );
    }

    #[test]
    fn relation_lines_are_not_the_status() {
        let none = BTreeMap::new();
        let c = |line: &str, head: Option<&str>| classify(line, head, &none);
        assert_eq!(c("Supercedes 1. X", Some("Supercedes ")), Line::Relation);
        assert_eq!(c("Supersedes ADR-0002", None), Line::Relation);
        assert_eq!(c("Amended by 3. Y", Some("Amended by ")), Line::Relation);
        assert_eq!(c("Refines 4. Z", Some("Refines ")), Line::Verb);
        assert_eq!(
            c("Superceded by 5. W", Some("Superceded by ")),
            Line::SupersededBy
        );
        assert_eq!(c("Accepted", None), Line::Status);
        assert_eq!(c("Accepted 2020-01-01", Some("Accepted ")), Line::Status);
        assert_eq!(c("Superseding is hard", None), Line::Status);
        assert_eq!(
            c("⌛️ Superseded by 6. V", Some("⌛️ Superseded by ")),
            Line::SupersededBy
        );
        assert!(superseded_before_link("⌛️ Superseded "));
        assert!(superseded_before_link("superceded: "));
        assert!(!superseded_before_link("Superseded by "));
        assert!(!superseded_before_link("Superseded in part by "));
        assert_eq!(without_leading_symbols("⌛️ Superseded"), "Superseded");
        assert_eq!(without_leading_symbols("[a](b)"), "[a](b)");
    }

    #[test]
    fn dates() {
        assert_eq!(
            first_date_shape("Date: 2026-03-01, updated 2026-04-01"),
            Some((6, "2026-03-01"))
        );
        assert_eq!(first_date_shape("on 01.03.2026"), Some((3, "01.03.2026")));
        assert_eq!(first_date_shape("ADR-0001 in 2020"), None);
        assert_eq!(
            first_iso_shape("29/12/2021, then 2022-01-05"),
            Some("2022-01-05")
        );
        assert_eq!(first_iso_shape("29/12/2021"), None);
        assert_eq!(iso_day("2026-3-1"), Date::from_ymd(2026, 3, 1));
        assert_eq!(iso_day("2026-13-01"), None);
        assert_eq!(yaml_day("2026-03-01"), Date::from_ymd(2026, 3, 1));
        assert_eq!(yaml_day("2026-03-01T10:00:00Z"), Date::from_ymd(2026, 3, 1));
        assert_eq!(
            yaml_day("2026-03-01 23:30:00 -02:00"),
            Date::from_ymd(2026, 3, 2)
        );
        assert_eq!(
            yaml_day("2026-03-01T00:30:00+01:00"),
            Date::from_ymd(2026, 2, 28)
        );
        assert_eq!(
            yaml_day("2026-03-01T10:00:00.123+0530"),
            Date::from_ymd(2026, 3, 1)
        );
        assert_eq!(yaml_day("2026-03-01 whenever"), None);
        assert_eq!(yaml_day("March 2026"), None);
        assert_eq!(yaml_day("2026-03-01T10:00+1é1"), None);
        assert_eq!(yaml_day("2026-03-01T10:00é"), None);
    }
}
