//! "Did you mean" suggestions by edit distance.

/// The candidate closest to `target`, if one lies within `max` edits
/// (Damerau-Levenshtein: a transposition is one edit). Candidates are ranked by edit distance relative to their
/// length, so `min_words` suggests `min_rationale_words` rather than
/// `verbs`; ties go to the lexicographically smallest candidate, so
/// suggestions are deterministic.
pub fn closest<'a>(
    target: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    max: usize,
) -> Option<&'a str> {
    let lower = target.to_lowercase();
    candidates
        .into_iter()
        .filter(|c| *c != target)
        .filter_map(|c| {
            let other = c.to_lowercase();
            let distance = strsim::osa_distance(&lower, &other);
            // Ordered by dissimilarity in thousandths, then by name.
            let rank =
                ((1.0 - strsim::normalized_damerau_levenshtein(&lower, &other)) * 1000.0) as u32;
            (distance <= max).then_some((rank, c))
        })
        .min()
        .map(|(_, c)| c)
}

/// The closest candidate within a distance that scales with the word's
/// length (at most a third of it, at least two edits), for help lines.
pub fn did_you_mean<'a>(
    target: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let max = (target.chars().count() / 3).max(2);
    closest(target, candidates, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_nearest_and_breaks_ties_by_name() {
        assert_eq!(did_you_mean("ownr", ["owner", "title"]), Some("owner"));
        assert_eq!(did_you_mean("zzzzzz", ["owner", "title"]), None);
        assert_eq!(closest("ab", ["ac", "aa"], 5), Some("aa"));
    }
}
