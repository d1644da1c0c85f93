//! "Did you mean" suggestions, offered only when close (SPEC §6).
//!
//! A candidate is offered when its Damerau–Levenshtein distance to what was
//! written, case ignored, is at most a third of the written length (rounded
//! down), and at least one edit is always allowed. The smallest distance
//! wins; ties go to the smallest candidate (byte order), so suggestions are
//! deterministic. This is the one place that decides what is close.

/// The Damerau–Levenshtein distance between `a` and `b`, case ignored (a
/// transposition is one edit).
pub fn distance(a: &str, b: &str) -> usize {
    strsim::damerau_levenshtein(&a.to_lowercase(), &b.to_lowercase())
}

/// How many edits a suggestion for `written` may be away: a third of its
/// length in characters (rounded down), at least 1.
pub fn allowed(written: &str) -> usize {
    (written.chars().count() / 3).max(1)
}

/// The closest candidate to `written` and its distance, if one is close
/// (see the module). A candidate equal to `written` is not a suggestion.
pub fn closest_with_distance<'a>(
    written: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<(&'a str, usize)> {
    let max = allowed(written);
    let lower = written.to_lowercase();
    candidates
        .into_iter()
        .filter(|c| *c != written)
        .filter_map(|c| {
            let d = strsim::damerau_levenshtein(&lower, &c.to_lowercase());
            (d <= max).then_some((d, c))
        })
        .min()
        .map(|(d, c)| (c, d))
}

/// The closest candidate to `written`, if one is close (see the module).
pub fn did_you_mean<'a>(
    written: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    closest_with_distance(written, candidates).map(|(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offers_only_what_is_within_a_third_of_the_written_length() {
        assert_eq!(did_you_mean("ownr", ["owner", "title"]), Some("owner"));
        assert_eq!(did_you_mean("zzzzzz", ["owner", "title"]), None);
        // A new person is not offered someone else.
        assert_eq!(did_you_mean("sam", ["kai", "alice"]), None);
        assert_eq!(did_you_mean("@sam", ["kai", "alice"]), None);
        // At least one edit is always allowed, even for short words.
        assert_eq!(did_you_mean("kp", ["kpi"]), Some("kpi"));
        assert_eq!(did_you_mean("ab", ["ba"]), Some("ba"));
        // Six characters allow two edits, not three.
        assert_eq!(did_you_mean("abcdef", ["abcxyf"]), Some("abcxyf"));
        assert_eq!(did_you_mean("abcdef", ["axyzef"]), None);
        // Far suggestions are gone: `min_words` is ten edits from the key.
        assert_eq!(
            did_you_mean("min_words", ["min_rationale_words", "verbs"]),
            None
        );
    }

    #[test]
    fn the_smallest_distance_wins_and_ties_go_to_the_smaller_id() {
        assert_eq!(did_you_mean("co-3", ["CO-1", "CO-2"]), Some("CO-1"));
        assert_eq!(did_you_mean("abcd", ["abxy", "abcx"]), Some("abcx"));
        assert_eq!(
            closest_with_distance("CO-l", ["CO-1", "CO-12"]),
            Some(("CO-1", 1))
        );
        // Case is ignored in the distance, and an exact match is no suggestion.
        assert_eq!(closest_with_distance("Kind", ["kind"]), Some(("kind", 0)));
        assert_eq!(did_you_mean("kind", ["kind"]), None);
    }

    #[test]
    fn a_transposition_is_one_edit() {
        assert_eq!(distance("teh", "the"), 1);
        assert_eq!(distance("CA", "abc"), 2);
        assert_eq!(allowed("abc"), 1);
        assert_eq!(allowed("a"), 1);
        assert_eq!(allowed("abcdefghi"), 3);
    }
}
