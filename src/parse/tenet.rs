//! The tenet grammar of SPEC §4:
//! `When <situation>, we <verb> <option A> over <option B> because <rationale>.`

use regex::Regex;

pub use crate::model::TenetParts;

/// A compiled tenet grammar for a list of verbs.
#[derive(Debug, Clone)]
pub struct Grammar {
    opening: Regex,
    choice: Regex,
    over: Regex,
    because: Regex,
}

impl Grammar {
    /// Compiles the grammar for `verbs` (matched in any case).
    pub fn new(verbs: &[String]) -> Grammar {
        let alternatives: Vec<String> = verbs.iter().map(|v| regex::escape(v)).collect();
        let verb_group = alternatives.join("|");
        Grammar {
            opening: Regex::new(r"(?is)^when\s+\S").expect("static regex"),
            choice: Regex::new(&format!(r"(?is)(?:^|[\s,])we\s+({verb_group})\s+"))
                .expect("escaped verbs"),
            over: Regex::new(r"(?is)\s+over\s+").expect("static regex"),
            because: Regex::new(r"(?is)(?:^|[\s,])because(?:\s+|$)").expect("static regex"),
        }
    }

    /// The grammar for `verbs`, compiled once per process and list of verbs
    /// (a clone shares the compiled expressions): a long-lived caller (the
    /// language server) compiles it once, not at every re-check.
    pub fn of(verbs: &[String]) -> Grammar {
        static COMPILED: std::sync::Mutex<Vec<(Vec<String>, Grammar)>> =
            std::sync::Mutex::new(Vec::new());
        let mut compiled = COMPILED.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, g)) = compiled.iter().find(|(v, _)| v.as_slice() == verbs) {
            return g.clone();
        }
        let g = Grammar::new(verbs);
        // A few lists at most in one process (one per config read).
        if compiled.len() >= 8 {
            compiled.remove(0);
        }
        compiled.push((verbs.to_vec(), g.clone()));
        g
    }

    /// Splits a (whitespace-normalized) tenet into its parts, with its
    /// stance (read once, with the parts that a parse keeps).
    pub fn parse(&self, text: &str) -> TenetParts {
        let mut parts = self.split(text);
        parts.stance = Stance::of(&parts);
        parts
    }

    /// The parts of a tenet, without its stance.
    fn split(&self, text: &str) -> TenetParts {
        let text = text.trim();
        let mut parts = TenetParts::default();
        // `we <verb>` may also occur inside the situation (`When we choose
        // vendors, we prefer …`): the choice is the first one that follows a
        // comma, else the first one.
        let we_at = |c: &regex::Captures<'_>| {
            let m = c.get(0).expect("whole match");
            let sep = m.as_str().len()
                - m.as_str()
                    .trim_start_matches(|ch: char| ch == ',' || ch.is_whitespace())
                    .len();
            m.start() + sep
        };
        let mut candidates: Vec<regex::Captures<'_>> = self.choice.captures_iter(text).collect();
        let pick = candidates
            .iter()
            .position(|c| text[..we_at(c)].trim_end().ends_with(','))
            .unwrap_or(0);
        let choice = (pick < candidates.len()).then(|| candidates.swap_remove(pick));
        let choice_we = choice.as_ref().map(we_at);

        let mut situation_end = None;
        if self.opening.is_match(text) {
            // The situation ends at the last comma before `we <verb>`, else at the first comma.
            let comma = match choice_we {
                Some(we) => text[..we].rfind(','),
                None => text.find(','),
            };
            if let Some(comma) = comma {
                situation_end = Some(comma);
                let situation = text[4..comma].trim();
                if !situation.is_empty() {
                    parts.situation = Some(situation.to_owned());
                }
            }
        }

        // The rationale follows the choice (or, without one, the situation):
        // a `because` inside the situation is not it.
        let because_from = match (&choice, situation_end) {
            (Some(c), _) => c.get(0).map_or(0, |m| m.end()),
            (None, Some(comma)) => comma,
            (None, None) => 0,
        };
        let because = self.because.find_at(text, because_from);

        if let Some(c) = &choice {
            parts.verb = c.get(1).map(|m| m.as_str().to_lowercase());
            let rest_start = c.get(0).map_or(0, |m| m.end());
            let rest_end = because
                .filter(|b| b.start() >= rest_start)
                .map_or(text.len(), |b| b.start());
            let rest = &text[rest_start..rest_end];
            if let Some(over) = self.over.find(rest) {
                let chosen = option(&rest[..over.start()]);
                let rejected = option(&rest[over.end()..]);
                if !chosen.is_empty() && !rejected.is_empty() {
                    parts.chosen = Some(chosen.to_owned());
                    parts.rejected = Some(rejected.to_owned());
                }
            }
        }

        if let Some(b) = because {
            let rest = text[b.end()..].trim();
            let closed = rest.ends_with('.');
            let words = rest.trim_end_matches('.').trim();
            if !words.is_empty() {
                parts.rationale = Some(words.to_owned());
                parts.rationale_closed = closed;
            }
        }
        parts
    }
}

/// An option as written, without surrounding space or the punctuation that
/// separates it from the rest of the sentence (`B, because …`, `B.`).
fn option(text: &str) -> &str {
    text.trim()
        .trim_end_matches(['.', ',', ';', ':'])
        .trim_end()
}

/// Folds every run of whitespace into one space and trims the ends.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A situation or an option as two tenets are compared (SPEC §4): case
/// ignored, runs of whitespace as one space, trailing punctuation dropped.
pub fn fold(text: &str) -> String {
    normalize(text)
        .to_lowercase()
        .trim_end_matches(|c: char| c.is_whitespace() || is_punctuation(c))
        .to_owned()
}

/// Punctuation in Unicode's sense (`.`, `!`, `?`, `…`, `)`, quotes), not
/// symbols: `C++` keeps its pluses.
fn is_punctuation(c: char) -> bool {
    static PUNCTUATION: std::sync::LazyLock<Regex> =
        std::sync::LazyLock::new(|| Regex::new(r"^\p{P}$").expect("static regex"));
    if c.is_ascii() {
        c.is_ascii_punctuation()
            && !matches!(c, '+' | '$' | '<' | '=' | '>' | '^' | '`' | '|' | '~')
    } else {
        let mut buf = [0u8; 4];
        PUNCTUATION.is_match(c.encode_utf8(&mut buf))
    }
}

/// A situation and an unordered pair of options, folded: what tenets that
/// may contradict share.
pub type Group = (String, String, String);

pub use crate::model::Stance;

impl Stance {
    /// The stance of a parsed tenet: `None` when its situation or options
    /// cannot be read, or its options are the same once folded.
    pub fn of(parts: &TenetParts) -> Option<Stance> {
        let situation = fold(parts.situation.as_deref()?);
        let chosen = fold(parts.chosen.as_deref()?);
        let rejected = fold(parts.rejected.as_deref()?);
        (!situation.is_empty() && !chosen.is_empty() && !rejected.is_empty() && chosen != rejected)
            .then_some(Stance {
                situation,
                chosen,
                rejected,
            })
    }

    /// The key tenets are grouped by: the situation and the unordered pair
    /// of options.
    pub fn group(&self) -> Group {
        let (situation, lo, hi) = self.key();
        (situation.to_owned(), lo.to_owned(), hi.to_owned())
    }

    /// [`Stance::group`], borrowed.
    pub fn key(&self) -> (&str, &str, &str) {
        let (lo, hi) = if self.chosen < self.rejected {
            (&self.chosen, &self.rejected)
        } else {
            (&self.rejected, &self.chosen)
        };
        (&self.situation, lo, hi)
    }

    /// Which option of the pair it chooses: 0 for the smaller (byte order),
    /// 1 for the other.
    pub fn side(&self) -> usize {
        usize::from(self.chosen > self.rejected)
    }
}

/// A tenet written as a string (a `[[tenet]]`'s `text`) read as Markdown
/// inline text, as tenets in Markdown are (SPEC §4: emphasis and code read
/// as their text), then normalized.
pub fn inline_text(text: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    if !text.contains(['*', '_', '`', '[', '<', '\\', '&']) {
        return normalize(text);
    }
    let mut out = String::with_capacity(text.len());
    for event in Parser::new(text) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    normalize(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_string_tenet_s_inline_markdown_reads_as_its_text() {
        assert_eq!(
            inline_text("When b happens, we *choose* `x` over y because it is **really** better."),
            "When b happens, we choose x over y because it is really better."
        );
        assert_eq!(inline_text("  plain   text "), "plain text");
        assert_eq!(inline_text("a_b_c over d"), "a_b_c over d");
    }

    #[test]
    fn stances_fold_case_whitespace_and_trailing_punctuation() {
        let g = grammar();
        let a = Stance::of(&g.parse(
            "When  a Release is LATE!, we choose Quality over speed... because users remember bugs.",
        ))
        .unwrap();
        let b = Stance::of(&g.parse(
            "when a release is late, we prefer speed over  QUALITY because a date is a promise.",
        ))
        .unwrap();
        assert_eq!(a.situation, "a release is late");
        assert_eq!(
            (a.chosen.as_str(), a.rejected.as_str()),
            ("quality", "speed")
        );
        assert_eq!(a.group(), b.group());
        assert_ne!(a.side(), b.side());
        // Symbols are not punctuation: `C++` is not `C`.
        assert_eq!(fold("C++ "), "c++");
        assert_eq!(fold("the «report»…"), "the «report");
        // No situation, or the same option twice: no stance.
        assert_eq!(
            Stance::of(&g.parse("We choose x over y because z is so.")),
            None
        );
        assert_eq!(
            Stance::of(&g.parse("When q, we choose x. over X because z is so.")),
            None
        );
    }

    fn grammar() -> Grammar {
        Grammar::new(&[
            "choose".to_owned(),
            "prefer".to_owned(),
            "favour".to_owned(),
        ])
    }

    #[test]
    fn canonical_tenet() {
        let p = grammar().parse(
            "When a customer asks for a custom build, we prefer configuration over forks because forks rot quickly.",
        );
        assert_eq!(
            p.situation.as_deref(),
            Some("a customer asks for a custom build")
        );
        assert_eq!(p.verb.as_deref(), Some("prefer"));
        assert_eq!(p.chosen.as_deref(), Some("configuration"));
        assert_eq!(p.rejected.as_deref(), Some("forks"));
        assert_eq!(p.rationale.as_deref(), Some("forks rot quickly"));
        assert!(p.rationale_closed);
    }

    #[test]
    fn situation_may_hold_commas_and_words_any_case() {
        let p = grammar().parse(
            "WHEN load, cost, or risk rise, We Favour caching Over rewrites BECAUSE it is cheap.",
        );
        assert_eq!(p.situation.as_deref(), Some("load, cost, or risk rise"));
        assert_eq!(p.chosen.as_deref(), Some("caching"));
        assert_eq!(p.rejected.as_deref(), Some("rewrites"));
        assert_eq!(p.rationale.as_deref(), Some("it is cheap"));
    }

    #[test]
    fn missing_parts() {
        let p = grammar().parse("We choose speed.");
        assert_eq!(
            p,
            TenetParts {
                verb: Some("choose".into()),
                ..Default::default()
            }
        );
        let p = grammar().parse("When in doubt, we choose speed over safety because fast");
        assert_eq!(p.rationale.as_deref(), Some("fast"));
        assert!(!p.rationale_closed);
        let p = grammar().parse("When in doubt we choose speed over safety because.");
        assert_eq!(p.situation, None);
        assert_eq!(p.rationale, None);
    }

    #[test]
    fn we_and_a_verb_inside_the_situation() {
        let p = grammar().parse(
            "When we choose vendors, we prefer open formats over lock-in because switching costs compound.",
        );
        assert_eq!(p.situation.as_deref(), Some("we choose vendors"));
        assert_eq!(p.verb.as_deref(), Some("prefer"));
        assert_eq!(p.chosen.as_deref(), Some("open formats"));
        assert_eq!(p.rejected.as_deref(), Some("lock-in"));
    }

    #[test]
    fn because_inside_the_situation_is_not_the_rationale() {
        let p = grammar()
            .parse("When users leave because of price, we prefer discounts over features.");
        assert_eq!(p.situation.as_deref(), Some("users leave because of price"));
        assert_eq!(p.rejected.as_deref(), Some("features"));
        assert_eq!(p.rationale, None);
        let p = grammar().parse("When users leave because of price, we cut prices.");
        assert_eq!(p.rationale, None);
    }

    #[test]
    fn separating_punctuation_is_not_part_of_an_option() {
        let p = grammar().parse("When in doubt, we choose speed over speed, because it is fast.");
        assert_eq!(p.rejected.as_deref(), Some("speed"));
        let p = grammar().parse("When in doubt, we choose speed over safety.");
        assert_eq!(p.rejected.as_deref(), Some("safety"));
    }
}
